import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserAttributesCommand,
  AdminDisableUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  ListUsersCommand,
  ListUsersInGroupCommand,
  type UserType,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { CognitoStaffDirectory } from '../../shared/adapters/cognito/staff-directory.js';
import { DuplicateStaffError } from '../../shared/errors.js';

/**
 * The staff directory in AWS (shared/adapters/cognito/staff-directory.ts) against a mocked Cognito:
 * there is no Cognito to run offline, so aws-sdk-client-mock stands in for the user pool and the test
 * checks the calls made (the grants in infra/stacks/api-stack.ts are exactly these commands).
 */
const POOL = 'eu-west-2_TEST';
const cognito = mockClient(CognitoIdentityProviderClient);
let now = 0;
const directory = () =>
  new CognitoStaffDirectory(new CognitoIdentityProviderClient({ region: 'eu-west-2' }), POOL, { cacheMs: 60_000, now: () => now });

const user = (sub: string, attrs: Record<string, string>, over: Partial<UserType> = {}): UserType => ({
  Username: `uuid-${sub}`,
  Enabled: true,
  UserCreateDate: new Date('2026-11-01T09:00:00Z'),
  UserLastModifiedDate: new Date('2026-11-02T09:00:00Z'),
  Attributes: [{ Name: 'sub', Value: sub }, ...Object.entries(attrs).map(([Name, Value]) => ({ Name, Value }))],
  ...over,
});
const joan = user('s-joan', {
  email: 'joan@provider.example.org',
  name: 'Joan Whitaker',
  'custom:org': 'org-a',
  'custom:team': 'Leeds Hunslet',
});
const priya = user('s-priya', {
  email: 'priya@provider.example.org',
  name: 'Priya Shah',
  'custom:org': 'org-a',
  phone_number: '+441134960001',
});
const other = user('s-other', { email: 'x@elsewhere.example.org', name: 'Someone Else', 'custom:org': 'org-b' });

beforeEach(() => {
  cognito.reset();
  now = 0;
  cognito.on(ListUsersInGroupCommand).resolves({ Users: [] });
  cognito.on(ListUsersInGroupCommand, { GroupName: 'adviser' }).resolves({ Users: [joan, other] });
  // Two pages of liaison officers; Joan is in that group too, so she counts once, with the higher role (liaison)
  cognito.on(ListUsersInGroupCommand, { GroupName: 'liaison', NextToken: undefined }).resolves({ Users: [priya], NextToken: 'p2' });
  cognito.on(ListUsersInGroupCommand, { GroupName: 'liaison', NextToken: 'p2' }).resolves({ Users: [joan] });
});

describe('the Cognito staff directory', () => {
  it('lists an organisation’s users from the role groups, each once with the higher role, and keeps the listing for a while', async () => {
    // Act
    const d = directory();
    const list = await d.list('org-a');
    await d.get('org-a', 's-priya');
    // Assess
    expect(list.map((m) => [m.id, m.name, m.role, m.team ?? null, m.phone ?? null])).toEqual([
      ['s-priya', 'Priya Shah', 'liaison', null, '+441134960001'],
      ['s-joan', 'Joan Whitaker', 'liaison', 'Leeds Hunslet', null],
    ]);
    expect(list.every((m) => m.orgId === 'org-a' && m.active)).toBe(true);
    // four groups, the liaison group in two pages; the second read came from the listing
    expect(cognito.commandCalls(ListUsersInGroupCommand)).toHaveLength(5);
    now = 60_000;
    await d.list('org-a');
    expect(cognito.commandCalls(ListUsersInGroupCommand)).toHaveLength(10);
  });

  it('finds a user the listing does not hold yet by their sub, and never one of another organisation', async () => {
    cognito.on(ListUsersCommand).resolves({ Users: [] });
    cognito
      .on(ListUsersCommand, { Filter: 'sub = "s-new"' })
      .resolves({ Users: [user('s-new', { email: 'n@p.example.org', 'custom:org': 'org-a' })] });
    cognito.on(ListUsersCommand, { Filter: 'sub = "s-other"' }).resolves({ Users: [other] });
    cognito.on(AdminListGroupsForUserCommand).resolves({ Groups: [{ GroupName: 'adviser' }] });
    const d = directory();
    expect(await d.get('org-a', 's-new')).toMatchObject({ id: 's-new', name: 'n@p.example.org', role: 'adviser' });
    expect(await d.get('org-a', 's-other')).toBeUndefined();
    expect(await d.get('org-a', 'x"; sub = "y')).toBeUndefined();
    expect(cognito.commandCalls(ListUsersCommand).map((c) => c.args[0].input.Filter)).toContain('sub = "x; sub = y"');
  });

  it('adds a user: Cognito sends the invitation, the role is the group, the id is Cognito’s sub; an address in use is a 409', async () => {
    // Prepare
    cognito
      .on(AdminCreateUserCommand)
      .resolves({ User: user('s-lena', { email: 'lena@provider.example.org' }, { Username: 'uuid-lena' }) });
    const d = directory();
    await d.list('org-a');
    // Act
    const made = await d.create({
      id: 'u-local-id',
      orgId: 'org-a',
      name: 'Lena Kowalski',
      email: 'lena@provider.example.org',
      role: 'adviser',
      team: 'Halifax',
      active: true,
      createdAt: '2026-11-25T10:00:00Z',
      updatedAt: '2026-11-25T10:00:00Z',
    });
    // Assess
    expect(made.id).toBe('s-lena');
    const [create] = cognito.commandCalls(AdminCreateUserCommand);
    expect(create!.args[0].input).toMatchObject({
      UserPoolId: POOL,
      Username: 'lena@provider.example.org',
      DesiredDeliveryMediums: ['EMAIL'],
      UserAttributes: expect.arrayContaining([
        { Name: 'email', Value: 'lena@provider.example.org' },
        { Name: 'name', Value: 'Lena Kowalski' },
        { Name: 'custom:org', Value: 'org-a' },
        { Name: 'custom:team', Value: 'Halifax' },
      ]),
    });
    expect(cognito.commandCalls(AdminAddUserToGroupCommand)[0]!.args[0].input).toEqual({
      UserPoolId: POOL,
      Username: 'uuid-lena',
      GroupName: 'adviser',
    });
    // the change drops the cached listing: the next read asks again
    await d.list('org-a');
    expect(cognito.commandCalls(ListUsersInGroupCommand)).toHaveLength(10);
    // Act: the same address again
    cognito.on(AdminCreateUserCommand).rejects(new UsernameExistsException({ message: 'exists', $metadata: {} }));
    await expect(d.create({ ...made, id: 'u-2' })).rejects.toBeInstanceOf(DuplicateStaffError);
  });

  it('changes a role by group (the new one first), clears a team, disables a leaver and ends their sessions', async () => {
    const d = directory();
    const [, joanAsListed] = await d.list('org-a');
    cognito.on(AdminUpdateUserAttributesCommand).resolves({});
    // Act
    await d.update(joanAsListed!, { ...joanAsListed!, role: 'admin', team: undefined, active: false });
    await d.signOutEverywhere('org-a', 's-joan');
    // Assess
    const names = cognito.calls().map((c) => c.args[0].constructor.name);
    const changes = names.filter((n) => n !== 'ListUsersInGroupCommand');
    expect(changes).toEqual([
      'AdminUpdateUserAttributesCommand',
      'AdminDeleteUserAttributesCommand',
      'AdminAddUserToGroupCommand',
      'AdminRemoveUserFromGroupCommand',
      'AdminDisableUserCommand',
      'AdminUserGlobalSignOutCommand',
    ]);
    expect(cognito.commandCalls(AdminDeleteUserAttributesCommand)[0]!.args[0].input.UserAttributeNames).toEqual(['custom:team']);
    expect(cognito.commandCalls(AdminAddUserToGroupCommand)[0]!.args[0].input).toMatchObject({
      Username: 'uuid-s-joan',
      GroupName: 'admin',
    });
    expect(cognito.commandCalls(AdminRemoveUserFromGroupCommand)[0]!.args[0].input).toMatchObject({ GroupName: 'liaison' });
    expect(cognito.commandCalls(AdminDisableUserCommand)[0]!.args[0].input).toEqual({ UserPoolId: POOL, Username: 'uuid-s-joan' });
    expect(cognito.commandCalls(AdminUserGlobalSignOutCommand)[0]!.args[0].input).toEqual({ UserPoolId: POOL, Username: 'uuid-s-joan' });
  });
});
