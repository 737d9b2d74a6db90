import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryEmailSender } from '../../../shared/adapters/email/local-outbox.js';
import { PreferencesChange } from '../../../shared/domain/preferences.js';
import { deliver } from '../../../shared/use-cases/deliver.js';
import { getPreferences, readUnsubscribe, setPreferences, unsubscribe, unsubscribeToken } from '../../../shared/use-cases/preferences.js';
import { sweepDue } from '../../../shared/use-cases/sweep.js';
import { recordAgreement } from '../../../shared/use-cases/submissions.js';
import { fakeDeps, type FakeDeps } from '../../support/fakes/fake-deps.js';
import { adviser, employerUser, failureOf, liaison, ORG, scenario } from '../../support/fakes/scenario.js';

/** Email that reaches staff, as each chose: shared/use-cases/preferences.ts, deliver.ts (forStaff) and sweep.ts (digests). */
let deps: FakeDeps;
let w: ReturnType<typeof scenario>;
let email: MemoryEmailSender;

const NOW = '2026-11-25T10:00:00Z';
const APP = 'https://routeway.example.org';

beforeEach(async () => {
  deps = fakeDeps({ now: NOW });
  w = scenario(deps);
  email = new MemoryEmailSender();
  for (const [a, name] of [
    [adviser, 'Joan Whitaker'],
    [liaison, 'Priya Shah'],
  ] as const)
    await deps.directory.create({
      id: a.sub,
      orgId: ORG,
      name,
      email: `${name.toLowerCase().replace(' ', '.')}@provider.example.org`,
      role: a.role,
      active: true,
      createdAt: NOW,
      updatedAt: NOW,
    });
});

/** The notifier over every event not yet delivered, with the app's address for links. */
async function notify() {
  for (const e of deps.repos.pendingEvents()) await deliver({ ...deps, email, appUrl: APP }, e);
}

describe('preferences', () => {
  it('start from each kind’s default, list only what the role receives, and change only the kinds given', async () => {
    // Act
    const before = await getPreferences(deps, adviser);
    const after = await setPreferences(deps, adviser, PreferencesChange.parse({ channels: { submitted: 'in-app', hired: 'digest' } }));
    // Assess
    const row = (rows: typeof before.kinds, kind: string) => rows.find((r) => r.kind === kind);
    expect(row(before.kinds, 'agree-or-decline')).toMatchObject({ channel: 'immediate', chosen: false });
    expect(row(before.kinds, 'follow-up-due')).toBeUndefined(); // a liaison officer's kind
    expect(row(after.kinds, 'submitted')).toMatchObject({ channel: 'in-app', chosen: true, default: 'digest' });
    expect(row(after.kinds, 'hired')).toMatchObject({ channel: 'digest', chosen: true });
    expect(row(after.kinds, 'agree-or-decline')).toMatchObject({ channel: 'immediate', chosen: false });
    expect((await failureOf(getPreferences(deps, employerUser('e-1')))).status).toBe(403);
    expect(PreferencesChange.safeParse({ channels: { 'no-such-kind': 'digest' } }).success).toBe(false);
    expect(PreferencesChange.safeParse({ channels: { hired: 'sms' } }).success).toBe(false);
  });
});

describe('an email to a member of staff', () => {
  it('is a sentence and links: to Routeway, to stop this kind, to the settings; with the one-click header', async () => {
    // Act
    const { vacancy } = await w.openVacancy();
    await w.proposed(vacancy.id, await w.participant());
    await notify();
    // Assess
    const [m] = email.sent;
    expect(email.sent).toHaveLength(1);
    expect(m!.to).toBe('joan.whitaker@provider.example.org');
    expect(m!.text).toContain(`See it in Routeway: ${APP}/app/notifications`);
    expect(m!.text).toContain(`Choose how Routeway tells you things: ${APP}/app/settings/notifications`);
    expect(m!.unsubscribeUrl).toMatch(new RegExp(`^${APP}/unsubscribe\\?t=[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}$`));
    expect(m!.text).toContain(m!.unsubscribeUrl);
    expect(m!.text).not.toMatch(/Dean|Walsh|Warehouse|Hartley|Priya|LS10/);
  });

  it('its unsubscribe link stops that kind of email only, and a forged or altered link does nothing', async () => {
    // Prepare
    const token = await unsubscribeToken(deps, ORG, adviser.sub, 'agree-or-decline');
    const [payload, sig] = token.split('.') as [string, string];
    const other = Buffer.from(`${ORG}~${liaison.sub}~agree-or-decline`).toString('base64url');
    // Act
    const forged = await unsubscribe(deps, `${other}.${sig}`);
    const altered = await unsubscribe(deps, `${payload}.${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`);
    const done = await unsubscribe(deps, token);
    // Assess
    expect(forged).toBeUndefined();
    expect(altered).toBeUndefined();
    expect(await readUnsubscribe(deps, 'x'.repeat(700))).toBeUndefined();
    expect(done).toMatchObject({ userId: adviser.sub, kind: 'agree-or-decline' });
    const prefs = await getPreferences(deps, adviser);
    expect(prefs.kinds.filter((k) => k.chosen).map((k) => [k.kind, k.channel])).toEqual([['agree-or-decline', 'in-app']]);
    // Assess: the next proposal is in the inbox but not emailed
    const { vacancy } = await w.openVacancy();
    await w.proposed(vacancy.id, await w.participant());
    await notify();
    expect(email.sent).toEqual([]);
    expect([...deps.repos.tables.notifications.values()].filter((n) => n.notification.userId === adviser.sub)).toHaveLength(1);
  });

  it('is sent once however often the event is delivered', async () => {
    const { vacancy } = await w.openVacancy();
    await w.proposed(vacancy.id, await w.participant());
    const [e] = deps.repos.pendingEvents().filter((x) => x.type === 'submission.proposed');
    await deliver({ ...deps, email, appUrl: APP }, e!);
    await deliver({ ...deps, email, appUrl: APP }, e!);
    expect(email.sent).toHaveLength(1);
  });
});

describe('the daily email', () => {
  it('gathers the day’s notifications of the kinds chosen for it into one email the next day, sent once, naming nobody', async () => {
    // Prepare: the adviser wants agreements and submissions in the daily email
    await setPreferences(deps, adviser, PreferencesChange.parse({ channels: { 'agree-or-decline': 'digest', submitted: 'digest' } }));
    const { vacancy } = await w.openVacancy();
    const a = await w.proposed(vacancy.id, await w.participant({ lastName: 'Oddbody' }));
    await w.proposed(vacancy.id, await w.participant({ lastName: 'Twyford' }));
    await recordAgreement(deps, adviser, a.id, { agreed: true });
    await notify();
    expect(email.sent.filter((m) => m.to.startsWith('joan'))).toEqual([]);
    // Act: the sweep the same day sends nothing; the next day's sends one; another sends nothing more
    const sameDay = await sweepDue(deps);
    deps.clock.set('2026-11-26T06:00:00Z');
    const nextDay = await sweepDue(deps);
    const again = await sweepDue(deps);
    await notify();
    // Assess
    expect([sameDay.digests, nextDay.digests, again.digests]).toEqual([0, 1, 0]);
    const daily = email.sent.filter((m) => m.to === 'joan.whitaker@provider.example.org');
    expect(daily).toHaveLength(1);
    expect(daily[0]!.subject).toBe('Routeway: 3 new notifications since your last daily email');
    expect(daily[0]!.text).toContain('- One of your participants is proposed for a vacancy: agree or decline: 2');
    expect(daily[0]!.text).toContain('- A candidate is now with the employer: 1');
    expect(daily[0]!.text).not.toMatch(/Oddbody|Twyford|Dean|Warehouse|Hartley/);
    // the daily email's unsubscribe link stops every kind
    const token = new URL(daily[0]!.unsubscribeUrl!).searchParams.get('t')!;
    expect(await readUnsubscribe(deps, token)).toMatchObject({ kind: 'all' });
  });
});
