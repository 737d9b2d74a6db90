import { beforeEach, describe, expect, it } from 'vitest';
import { listNotifications } from '../../../shared/use-cases/notifications.js';
import { bookInterview, recordOutcome } from '../../../shared/use-cases/submissions.js';
import { fakeDeps, type FakeDeps } from '../../support/fakes/fake-deps.js';
import { adviserOf, deliverAll, employerUser, liaison, scenario } from '../../support/fakes/scenario.js';

/** Notification texts (shared/use-cases/deliver.ts) say dates as people read them, never as ISO 8601. */
let deps: FakeDeps;
let w: ReturnType<typeof scenario>;

beforeEach(() => {
  deps = fakeDeps({ now: '2026-11-25T10:00:00Z' });
  w = scenario(deps);
});

const ISO = /\d{4}-\d{2}-\d{2}/;

describe('dates in notifications', () => {
  it('says answer-by dates, the interview and the start date as "4 December 2026" and UK clock time', async () => {
    // Prepare: a proposal (the adviser's answer-by date), then a submission through to a hire.
    const { vacancy, employer } = await w.openVacancy();
    const p = await w.participant();
    await w.proposed(vacancy.id, await w.participant({ firstName: 'Fay' }));
    const s = await w.atInterview(vacancy.id, p);
    // Act
    await bookInterview(deps, employerUser(employer.id), s.id, { at: '2026-12-02T14:30:00Z', place: 'Canal Wharf' });
    await recordOutcome(deps, liaison, s.id, { outcome: 'hired', startDate: '2026-12-07' });
    await deliverAll(deps);
    // Assess
    const adviserInbox = (await listNotifications(deps, adviserOf(p), { limit: 50 })).items;
    const employerInbox = (await listNotifications(deps, employerUser(employer.id), { limit: 50 })).items;
    const text = (kind: string, inbox = adviserInbox) => inbox.find((n) => n.kind === kind)?.body;
    expect(text('agree-or-decline')).toMatch(/answer by \d{1,2} (November|December) 2026\.$/);
    expect(text('interview-booked')).toBe('2 December 2026 at 2:30pm, Canal Wharf');
    expect(text('hired')).toBe('Starts 7 December 2026. Check-ins fall due at 13 and 26 weeks.');
    expect(text('candidate', employerInbox)).toMatch(/by \d{1,2} December 2026\.$/);
    for (const n of [...adviserInbox, ...employerInbox]) expect(`${n.title} ${n.body}`, n.kind).not.toMatch(ISO);
  });
});
