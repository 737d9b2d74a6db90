import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserAttributesCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  type AttributeType,
  type CognitoIdentityProviderClient,
  ListUsersCommand,
  ListUsersInGroupCommand,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { ROLES, type Role } from '../../domain/actor.js';
import { StaffMember } from '../../domain/staff.js';
import { DuplicateStaffError } from '../../errors.js';
import type { StaffDirectory } from '../../ports/staff-directory.js';

/** The custom attributes the user pool defines (infra/constructs/user-pool.ts). */
const ATTR = { org: 'custom:org', team: 'custom:team', employerId: 'custom:employerId' } as const;

interface Held {
  member: StaffMember;
  /** Cognito's own name for the user (for a pool that signs in by email, a UUID), which its admin calls take. */
  username: string;
}

/**
 * The staff directory in AWS: the Cognito user pool is the source of truth. Role is group membership
 * (one of the four role groups), organisation, team and employer are custom attributes, name, email and
 * phone standard ones, and `active` is whether the user is enabled.
 *
 * Cognito cannot filter users by a custom attribute, so an organisation's users are listed by reading
 * each role group (ListUsersInGroup, 60 a page) and keeping that organisation's. The listing is kept
 * for `cacheMs` (names on pages and in notifications are read from it) and dropped whenever this
 * instance changes a user; another instance's change shows here within `cacheMs`.
 */
export class CognitoStaffDirectory implements StaffDirectory {
  private readonly cache = new Map<string, { at: number; users: Promise<Held[]> }>();

  constructor(
    private readonly client: Pick<CognitoIdentityProviderClient, 'send'>,
    private readonly userPoolId: string,
    private readonly opts: { cacheMs?: number; now?: () => number } = {},
  ) {}

  private now() {
    return (this.opts.now ?? Date.now)();
  }

  private held(orgId: string): Promise<Held[]> {
    const cached = this.cache.get(orgId);
    if (cached && this.now() - cached.at < (this.opts.cacheMs ?? 60_000)) return cached.users;
    const users = this.readOrg(orgId);
    this.cache.set(orgId, { at: this.now(), users });
    users.catch(() => this.cache.delete(orgId));
    return users;
  }

  private async readOrg(orgId: string): Promise<Held[]> {
    const out: Held[] = [];
    for (const role of ROLES) {
      let token: string | undefined;
      do {
        const page = await this.client.send(
          new ListUsersInGroupCommand({ UserPoolId: this.userPoolId, GroupName: role, Limit: 60, NextToken: token }),
        );
        for (const u of page.Users ?? []) {
          const h = toHeld(u, role);
          // A user in two role groups counts once, with the higher role (the order of ROLES), as tokens do.
          if (h && h.member.orgId === orgId && !out.some((x) => x.member.id === h.member.id)) out.push(h);
        }
        token = page.NextToken;
      } while (token);
    }
    return out;
  }

  /** A user the listing does not hold yet (added by another instance a moment ago): asked for by sub. */
  private async lookUp(orgId: string, id: string): Promise<Held | undefined> {
    const found = await this.client.send(
      new ListUsersCommand({ UserPoolId: this.userPoolId, Filter: `sub = "${id.replace(/["\\]/g, '')}"`, Limit: 1 }),
    );
    const u = found.Users?.[0];
    if (!u?.Username) return undefined;
    const groups = await this.client.send(new AdminListGroupsForUserCommand({ UserPoolId: this.userPoolId, Username: u.Username }));
    const role = ROLES.find((r) => groups.Groups?.some((g) => g.GroupName === r));
    const h = role ? toHeld(u, role) : undefined;
    return h && h.member.orgId === orgId ? h : undefined;
  }

  private async find(orgId: string, id: string): Promise<Held | undefined> {
    return (await this.held(orgId)).find((h) => h.member.id === id) ?? (await this.lookUp(orgId, id));
  }

  async get(orgId: string, id: string) {
    return (await this.find(orgId, id))?.member;
  }

  async getMany(orgId: string, ids: readonly string[]) {
    const wanted = new Set(ids);
    const out = new Map<string, StaffMember>();
    for (const h of await this.held(orgId)) if (wanted.has(h.member.id)) out.set(h.member.id, h.member);
    return out;
  }

  async list(orgId: string) {
    return (await this.held(orgId)).map((h) => h.member);
  }

  async create(m: StaffMember): Promise<StaffMember> {
    let created: UserType | undefined;
    try {
      // Cognito emails the invitation (a temporary password) itself; the address is the sign-in name.
      const out = await this.client.send(
        new AdminCreateUserCommand({
          UserPoolId: this.userPoolId,
          Username: m.email,
          DesiredDeliveryMediums: ['EMAIL'],
          UserAttributes: [{ Name: 'email', Value: m.email }, { Name: 'email_verified', Value: 'true' }, ...attributes(m)],
        }),
      );
      created = out.User;
    } catch (err) {
      // By name, not instanceof: importing the class would bundle every Cognito error class (16 KB).
      if ((err as { name?: string } | null)?.name === 'UsernameExistsException') throw new DuplicateStaffError();
      throw err;
    }
    const username = created?.Username ?? m.email;
    await this.client.send(new AdminAddUserToGroupCommand({ UserPoolId: this.userPoolId, Username: username, GroupName: m.role }));
    this.cache.delete(m.orgId);
    const sub = created?.Attributes?.find((a) => a.Name === 'sub')?.Value;
    return { ...m, id: sub ?? m.id };
  }

  async update(previous: StaffMember, next: StaffMember) {
    const h = await this.find(previous.orgId, previous.id);
    if (!h) throw new Error(`user ${previous.id} is not in the user pool`);
    const Username = h.username;
    const UserPoolId = this.userPoolId;
    const cleared = (['team', 'phone'] as const).filter((k) => previous[k] !== undefined && next[k] === undefined);
    await this.client.send(new AdminUpdateUserAttributesCommand({ UserPoolId, Username, UserAttributes: attributes(next) }));
    if (cleared.length)
      await this.client.send(
        new AdminDeleteUserAttributesCommand({
          UserPoolId,
          Username,
          UserAttributeNames: cleared.map((k) => (k === 'team' ? ATTR.team : 'phone_number')),
        }),
      );
    if (previous.role !== next.role) {
      await this.client.send(new AdminAddUserToGroupCommand({ UserPoolId, Username, GroupName: next.role }));
      await this.client.send(new AdminRemoveUserFromGroupCommand({ UserPoolId, Username, GroupName: previous.role }));
    }
    if (previous.active !== next.active)
      await this.client.send(
        next.active ? new AdminEnableUserCommand({ UserPoolId, Username }) : new AdminDisableUserCommand({ UserPoolId, Username }),
      );
    this.cache.delete(previous.orgId);
  }

  async signOutEverywhere(orgId: string, id: string) {
    const h = await this.find(orgId, id);
    // Revokes their refresh tokens; ID tokens already issued are refused by the session check.
    if (h) await this.client.send(new AdminUserGlobalSignOutCommand({ UserPoolId: this.userPoolId, Username: h.username }));
  }
}

/** The attributes Routeway writes (not email: the sign-in name does not change here). */
function attributes(m: StaffMember): AttributeType[] {
  return [
    { Name: 'name', Value: m.name },
    { Name: ATTR.org, Value: m.orgId },
    ...(m.team ? [{ Name: ATTR.team, Value: m.team }] : []),
    ...(m.phone ? [{ Name: 'phone_number', Value: m.phone }] : []),
    ...(m.employerId ? [{ Name: ATTR.employerId, Value: m.employerId }] : []),
  ];
}

/** A pool user as a directory entry; undefined for one Routeway cannot use (no sub, organisation or email). */
function toHeld(u: UserType, role: Role): Held | undefined {
  const attr = (name: string) => u.Attributes?.find((a) => a.Name === name)?.Value;
  const sub = attr('sub');
  const email = attr('email');
  const orgId = attr(ATTR.org);
  if (!u.Username || !sub || !email || !orgId) return undefined;
  const created = (u.UserCreateDate ?? new Date(0)).toISOString();
  const parsed = StaffMember.safeParse({
    id: sub,
    orgId,
    // Someone created outside Routeway may have no name yet: their address stands in for it.
    name: attr('name') ?? email,
    email,
    role,
    ...(attr(ATTR.team) ? { team: attr(ATTR.team) } : {}),
    ...(attr('phone_number') ? { phone: attr('phone_number') } : {}),
    ...(attr(ATTR.employerId) ? { employerId: attr(ATTR.employerId) } : {}),
    active: u.Enabled !== false,
    createdAt: created,
    updatedAt: (u.UserLastModifiedDate ?? u.UserCreateDate ?? new Date(0)).toISOString(),
  });
  return parsed.success ? { member: parsed.data, username: u.Username } : undefined;
}
