import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryEmailSender } from '../../../shared/adapters/email/local-outbox.js';
import type { Actor } from '../../../shared/domain/actor.js';
import { NewStaffMember, StaffChange, type StaffMember } from '../../../shared/domain/staff.js';
import { listEmployers } from '../../../shared/use-cases/employers.js';
import { SessionGuard } from '../../../shared/use-cases/sessions.js';
import {
  addStaff,
  changeStaff,
  deactivateStaff,
  getStaff,
  handOver,
  listStaff,
  listStaffAudit,
  reactivateStaff,
  staffNames,
} from '../../../shared/use-cases/staff.js';
import { fakeDeps, type FakeDeps } from '../../support/fakes/fake-deps.js';
import { admin, adviser, deliverAll, employerUser, failureOf, liaison, ORG, otherAdviser, scenario } from '../../support/fakes/scenario.js';

/** The staff directory and what admins do with it: shared/use-cases/staff.ts and sessions.ts. */
let deps: FakeDeps;
let w: ReturnType<typeof scenario>;

const NOW = '2026-11-25T10:00:00Z';
const member = (a: Actor, name: string, over: Partial<StaffMember> = {}): StaffMember => ({
  id: a.sub,
  orgId: ORG,
  name,
  email: `${name.toLowerCase().replace(/\s+/g, '.')}@provider.example.org`,
  role: a.role,
  active: true,
  createdAt: NOW,
  updatedAt: NOW,
  ...over,
});
const inbox = () => [...deps.repos.tables.notifications.values()].map((s) => s.notification);
const secondLiaison: Actor = { sub: 'u-liaison-2', role: 'liaison', orgId: ORG };

beforeEach(async () => {
  deps = fakeDeps({ now: NOW });
  w = scenario(deps);
  for (const m of [
    member(admin, 'Ruth Ackroyd', { team: 'Contract management' }),
    member(liaison, 'Priya Shah', { team: 'Employer engagement' }),
    member(secondLiaison, 'Tom Brennan', { team: 'Employer engagement' }),
    member(adviser, 'Joan Whitaker', { team: 'Leeds Hunslet' }),
    member(otherAdviser, 'Amir Hussain', { team: 'Bradford City' }),
    member(employerUser('e-1'), 'Kim Lowe', { employerId: 'e-1' }),
  ])
    await deps.directory.create(m);
});

describe('the directory', () => {
  it('lists colleagues in name order; staff see active staff only, admins everyone', async () => {
    // Prepare: one adviser has left
    await deactivateStaff(deps, admin, otherAdviser.sub, { reason: 'Left' });
    // Act
    const seenByAdviser = await listStaff(deps, adviser, { limit: 50 });
    const seenByAdmin = await listStaff(deps, admin, { limit: 50, includeInactive: true });
    const adviserAsksForAll = await listStaff(deps, adviser, { limit: 50, includeInactive: true });
    // Assess
    expect(seenByAdviser.items.map((m) => m.name)).toEqual(['Joan Whitaker', 'Priya Shah', 'Ruth Ackroyd', 'Tom Brennan']);
    expect(adviserAsksForAll.items.map((m) => m.name)).toEqual(seenByAdviser.items.map((m) => m.name));
    expect(seenByAdmin.items.map((m) => m.name)).toEqual([
      'Amir Hussain',
      'Joan Whitaker',
      'Kim Lowe',
      'Priya Shah',
      'Ruth Ackroyd',
      'Tom Brennan',
    ]);
    expect((await failureOf(getStaff(deps, adviser, otherAdviser.sub))).status).toBe(404);
    expect((await failureOf(getStaff(deps, liaison, 'u-employer-1'))).status).toBe(404);
    expect((await failureOf(listStaff(deps, employerUser('e-1'), { limit: 5 }))).status).toBe(403);
  });

  it('searches by the start of any word of the name or the start of the address, by role and by team, and pages', async () => {
    const names = async (q: Parameters<typeof listStaff>[2]) => (await listStaff(deps, admin, q)).items.map((m) => m.name);
    expect(await names({ limit: 50, q: 'sha' })).toEqual(['Priya Shah']);
    expect(await names({ limit: 50, q: 'tom.b' })).toEqual(['Tom Brennan']);
    expect(await names({ limit: 50, q: 'j whit' })).toEqual(['Joan Whitaker']);
    expect(await names({ limit: 50, q: 'hah' })).toEqual([]);
    expect(await names({ limit: 50, role: 'liaison' })).toEqual(['Priya Shah', 'Tom Brennan']);
    expect(await names({ limit: 50, team: 'leeds hunslet' })).toEqual(['Joan Whitaker']);
    const first = await listStaff(deps, admin, { limit: 4 });
    const second = await listStaff(deps, admin, { limit: 4, cursor: first.nextCursor! });
    expect([...first.items, ...second.items].map((m) => m.id)).toHaveLength(6);
    expect(second.nextCursor).toBeNull();
    expect((await failureOf(listStaff(deps, admin, { limit: 4, cursor: '99' }))).status).toBe(400);
  });

  it('lists staff only, without employers’ users, before paging (Colleagues), so every page but the last is full', async () => {
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await listStaff(deps, admin, { limit: 2, staffOnly: true, ...(cursor ? { cursor } : {}) });
      pages.push(page.items.map((m) => m.name));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(pages).toEqual([['Amir Hussain', 'Joan Whitaker'], ['Priya Shah', 'Ruth Ackroyd'], ['Tom Brennan']]);
  });

  it('names people for pages and notifications; someone unknown keeps their id', async () => {
    const names = await staffNames(deps, adviser, ['u-liaison-1', 'u-gone', undefined, 'system']);
    expect([names.of('u-liaison-1'), names.of('u-gone'), names.of('system'), names.of(undefined)]).toEqual([
      'Priya Shah',
      'u-gone',
      'Routeway',
      'nobody',
    ]);
  });
});

describe('adding and changing users', () => {
  it('adds a user (audited), refuses a second user at the same address, and an employer user needs a real employer', async () => {
    // Act
    const made = await addStaff(
      deps,
      admin,
      NewStaffMember.parse({ name: 'Lena Kowalski', email: 'Lena.K@Provider.example.org', role: 'adviser', team: 'Halifax' }),
    );
    const twice = await failureOf(
      addStaff(deps, admin, NewStaffMember.parse({ name: 'Lena Again', email: 'lena.k@provider.example.org', role: 'adviser' })),
    );
    const noEmployer = await failureOf(
      addStaff(
        deps,
        admin,
        NewStaffMember.parse({ name: 'Sam Hirst', email: 'sam@employer.example.com', role: 'employer', employerId: 'e-none' }),
      ),
    );
    const byLiaison = await failureOf(
      addStaff(deps, liaison, NewStaffMember.parse({ name: 'X Y', email: 'x@y.example.org', role: 'adviser' })),
    );
    // Assess
    expect(made).toMatchObject({
      name: 'Lena Kowalski',
      email: 'lena.k@provider.example.org',
      role: 'adviser',
      team: 'Halifax',
      active: true,
    });
    expect(await deps.directory.get(ORG, made.id)).toEqual(made);
    expect(twice).toMatchObject({ status: 409, errors: [{ path: 'email' }] });
    expect(noEmployer).toMatchObject({ status: 400, errors: [{ path: 'employerId' }] });
    expect(byLiaison.status).toBe(403);
    expect((await listStaffAudit(deps, admin, made.id, { limit: 100 })).items.map((e) => [e.action, e.actorSub])).toEqual([
      ['staff.create', admin.sub],
    ]);
  });

  it('a new role refuses the tokens issued before it; an admin cannot change their own role; staff never become employer users', async () => {
    // Prepare: a token issued an hour ago, checked once so the guard has it cached
    const guard = new SessionGuard(deps, 30_000);
    const issuedAt = Date.parse(NOW) / 1000 - 3600;
    await guard.check(adviser, issuedAt);
    // Act
    const changed = await changeStaff(deps, admin, adviser.sub, StaffChange.parse({ role: 'liaison', team: null, phone: '0113 496 0123' }));
    // Assess: still accepted from the cache for under 30 s, refused after; a token issued after the change is fine
    await guard.check(adviser, issuedAt);
    deps.clock.set('2026-11-25T10:00:30Z');
    expect((await failureOf(guard.check(adviser, issuedAt))).status).toBe(401);
    await guard.check(adviser, Date.parse('2026-11-25T10:00:20Z') / 1000);
    expect(changed).toMatchObject({ role: 'liaison', phone: '+441134960123' });
    expect(changed.team).toBeUndefined();
    expect((await failureOf(changeStaff(deps, admin, admin.sub, { role: 'adviser' }))).status).toBe(422);
    expect((await failureOf(changeStaff(deps, admin, liaison.sub, { role: 'employer' }))).status).toBe(422);
    expect((await listStaffAudit(deps, admin, adviser.sub, { limit: 100 })).items[0]?.detail).toMatchObject({
      roleBefore: 'adviser',
      role: 'liaison',
      teamBefore: 'Leeds Hunslet',
      team: null,
    });
  });

  it('pages the audit trail newest first, never more than 100 an answer, so a long trail is all there page by page', async () => {
    // Prepare: 130 changes, a minute apart
    for (let i = 0; i < 130; i++) {
      deps.clock.set(new Date(Date.parse(NOW) + i * 60_000).toISOString());
      await changeStaff(deps, admin, adviser.sub, { name: `Joan Whitaker ${i}` });
    }
    // Act
    const first = await listStaffAudit(deps, admin, adviser.sub, { limit: 1000 });
    const second = await listStaffAudit(deps, admin, adviser.sub, { limit: 100, cursor: first.nextCursor! });
    // Assess: capped at 100 whatever is asked; the second page is the rest, oldest last; nothing repeated or lost
    expect(first.items).toHaveLength(100);
    expect(first.nextCursor).not.toBeNull();
    expect(second.items).toHaveLength(30);
    expect(second.nextCursor).toBeNull();
    const ats = [...first.items, ...second.items].map((e) => e.at);
    expect(new Set(ats).size).toBe(130);
    expect(ats).toEqual([...ats].sort().reverse());
  });

  it('a name change alone leaves tokens alone', async () => {
    await changeStaff(deps, admin, adviser.sub, { name: 'Joan Whitaker-Bell' });
    const guard = new SessionGuard(deps, 30_000);
    await guard.check(adviser, Date.parse(NOW) / 1000 - 3600);
    expect((await getStaff(deps, liaison, adviser.sub)).name).toBe('Joan Whitaker-Bell');
  });
});

describe('a leaver', () => {
  it('is deactivated: every token refused within the cache time, identity-provider sessions ended; reactivated, only new tokens count', async () => {
    // Prepare
    const guard = new SessionGuard(deps, 30_000);
    const issuedAt = Date.parse(NOW) / 1000 - 60;
    await guard.check(otherAdviser, issuedAt);
    // Act
    const gone = await deactivateStaff(deps, admin, otherAdviser.sub, { reason: 'Left the organisation' });
    deps.clock.set('2026-11-25T10:00:31Z');
    const refused = await failureOf(guard.check(otherAdviser, Date.parse('2026-11-25T10:00:31Z') / 1000));
    // Assess
    expect(gone.active).toBe(false);
    expect(refused.status).toBe(401);
    expect(deps.directory.signedOut).toEqual([otherAdviser.sub]);
    expect((await failureOf(deactivateStaff(deps, admin, admin.sub, { reason: 'x' }))).status).toBe(422);
    // Act: they come back
    deps.clock.set('2026-11-26T09:00:00Z');
    await reactivateStaff(deps, admin, otherAdviser.sub);
    deps.clock.set('2026-11-26T09:01:00Z');
    expect((await failureOf(guard.check(otherAdviser, issuedAt))).status).toBe(401);
    await guard.check(otherAdviser, Date.parse('2026-11-26T09:00:30Z') / 1000);
    expect((await listStaffAudit(deps, admin, otherAdviser.sub, { limit: 100 })).items.map((e) => e.action)).toEqual([
      'staff.reactivate',
      'staff.deactivate',
    ]);
  });

  it('hands the whole caseload and the employer accounts on in one action, in turn, each receiver notified by name', async () => {
    // Prepare: three participants on the leaver's caseload, one on another's; two employer accounts
    for (const lastName of ['Cole', 'Abbott', 'Booth']) await w.participant({ lastName }, otherAdviser);
    await w.participant({ lastName: 'Stays' }, adviser);
    await w.employer({ accountManagerId: liaison.sub });
    await w.employer({ accountManagerId: liaison.sub });
    await deactivateStaff(deps, admin, liaison.sub, { reason: 'Left' });
    await deactivateStaff(deps, admin, otherAdviser.sub, { reason: 'Left' });
    // Act
    const result = await handOver(deps, admin, otherAdviser.sub, { caseloadTo: [adviser.sub, admin.sub], reason: 'Leaver' });
    const accounts = await handOver(deps, admin, liaison.sub, { accountsTo: [secondLiaison.sub], reason: 'Leaver' });
    const again = await handOver(deps, admin, otherAdviser.sub, { caseloadTo: [adviser.sub], reason: 'Leaver' });
    const email = await deliverAll(deps);
    // Assess: shared in turn by surname among receivers in name order (Joan Whitaker, Ruth Ackroyd)
    expect(result).toEqual({
      received: [
        { userId: adviser.sub, participants: 2, employers: 0 },
        { userId: admin.sub, participants: 1, employers: 0 },
      ],
      participants: 3,
      employers: 0,
    });
    expect(accounts).toMatchObject({ participants: 0, employers: 2 });
    expect(again).toMatchObject({ participants: 0, employers: 0, received: [] });
    const moved = await Promise.all(
      (await deps.repos.participants.listByAdviser(ORG, adviser.sub, { limit: 10 })).items.map((p) => p.lastName),
    );
    expect(moved.sort()).toEqual(['Abbott', 'Cole', 'Stays']);
    expect((await listEmployers(deps, secondLiaison, { accountManagerId: secondLiaison.sub, limit: 10 })).items).toHaveLength(2);
    const handed = inbox()
      .filter((n) => n.kind === 'work-handed-over')
      .map((n) => [n.userId, n.title]);
    expect(handed.sort()).toEqual(
      [
        [adviser.sub, 'Handed over to you: 2 participants from Amir Hussain'],
        [admin.sub, 'Handed over to you: 1 participant from Amir Hussain'],
        [secondLiaison.sub, 'Handed over to you: 2 employer accounts from Priya Shah'],
      ].sort(),
    );
    // Each receiver is emailed at their own address (immediately, the default for hand-overs), with no names in it
    const toReceivers = email.sent.filter((m) => m.subject.includes('handed work over'));
    expect(toReceivers.map((m) => m.to).sort()).toEqual([
      'joan.whitaker@provider.example.org',
      'ruth.ackroyd@provider.example.org',
      'tom.brennan@provider.example.org',
    ]);
    for (const m of toReceivers) expect(m.text).not.toMatch(/Amir|Priya|Abbott|Booth|Cole/);
    expect((await listStaffAudit(deps, admin, otherAdviser.sub, { limit: 100 })).items.map((e) => e.action)).toContain('staff.handover');
  });

  it('refuses a hand-over to someone who cannot take it, naming each', async () => {
    await deactivateStaff(deps, admin, otherAdviser.sub, { reason: 'Left' });
    const err = await failureOf(
      handOver(deps, admin, adviser.sub, { caseloadTo: [otherAdviser.sub, liaison.sub, adviser.sub, 'u-nobody'], reason: 'x' }),
    );
    expect(err.status).toBe(400);
    expect(err.errors?.map((e) => e.path)).toEqual(['caseloadTo.0', 'caseloadTo.1', 'caseloadTo.2', 'caseloadTo.3']);
    expect(err.errors?.[2]?.message).toBe('is the person whose work is being handed over');
  });
});

describe('email to staff', () => {
  it('goes to the staff member’s own address as they chose: at once, or not at all; an email names nobody', async () => {
    // Prepare: the liaison officer wants no email of lapses; a proposal is made
    const email = new MemoryEmailSender();
    const { vacancy } = await w.openVacancy();
    const p = await w.participant({ firstName: 'Dean', lastName: 'Walsh' });
    await w.proposed(vacancy.id, p);
    // Act
    await deliverAll(deps, email);
    // Assess: the adviser is asked to agree, by email at their address, and the text says nothing about anyone
    const toAdviser = email.sent.filter((m) => m.to === 'joan.whitaker@provider.example.org');
    expect(toAdviser).toHaveLength(1);
    expect(toAdviser[0]!.subject).toBe('Routeway: One of your participants has been proposed for a vacancy and needs your answer');
    expect(toAdviser[0]!.text).not.toMatch(/Dean|Walsh|Warehouse|Hartley|Priya/);
    expect(toAdviser[0]!.unsubscribeUrl).toBeUndefined(); // no app URL: no links at all
    // The in-app notification names the proposer
    const n = inbox().find((x) => x.kind === 'agree-or-decline');
    expect(n?.body).toMatch(/^Proposed by Priya Shah\./);
  });

  it('tells nobody the directory does not know, nor anyone who has left, by email; their inbox still gets it', async () => {
    const email = new MemoryEmailSender();
    await deactivateStaff(deps, admin, adviser.sub, { reason: 'Left' });
    const { vacancy } = await w.openVacancy();
    await w.proposed(vacancy.id, await w.participant());
    await deliverAll(deps, email);
    expect(email.sent).toEqual([]);
    expect(inbox().filter((x) => x.userId === adviser.sub)).toHaveLength(1);
  });
});
