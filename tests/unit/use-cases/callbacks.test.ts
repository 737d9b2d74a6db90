import { beforeEach, describe, expect, it } from 'vitest';
import { VacancyCreate } from '../../../shared/domain/vacancy.js';
import { listCallbacksDue, logInteraction } from '../../../shared/use-cases/employers.js';
import { funnelReport } from '../../../shared/use-cases/reports.js';
import { sweepDue } from '../../../shared/use-cases/sweep.js';
import { createVacancy, getVacancy, listVacancies, updateVacancy } from '../../../shared/use-cases/vacancies.js';
import { fakeDeps, type FakeDeps } from '../../support/fakes/fake-deps.js';
import { adviser, admin, deliverAll, employerUser, failureOf, liaison, ORG, scenario } from '../../support/fakes/scenario.js';

/** Vacancy intake: the events every new vacancy writes, and the 48-hour callback of one an employer posts itself. */
let deps: FakeDeps;
let w: ReturnType<typeof scenario>;

beforeEach(() => {
  deps = fakeDeps({ now: '2026-11-25T10:00:00Z' }); // a Wednesday: two working days on is Friday 27 November
  w = scenario(deps);
});

const vacancyInput = (employerId: string, status: 'draft' | 'open') =>
  VacancyCreate.parse({
    employerId,
    title: 'Bakery assistant',
    occupation: { title: 'Bakery assistant' },
    sector: 'hospitality',
    site: { postcode: 'LS1 4AP', town: 'Leeds' },
    positions: 1,
    hoursPerWeek: { min: 16, max: 30 },
    shiftPatterns: ['early'],
    contractType: 'permanent',
    wage: { amount: 12.21, period: 'hour' },
    closingDate: '2026-12-20',
    status,
  });

const call = (employerId: string, vacancyId: string | undefined, occurredAt: string, kind: 'call' | 'event' = 'call', by = liaison) =>
  logInteraction(deps, by, employerId, {
    kind,
    occurredAt,
    summary: 'Went through the shifts and the start date',
    outcome: 'positive',
    ...(vacancyId ? { vacancyId } : {}),
  });

async function posted(status: 'draft' | 'open' = 'draft', over: Record<string, unknown> = {}) {
  const employer = await w.employer(over);
  const vacancy = await createVacancy(deps, employerUser(employer.id), vacancyInput(employer.id, status));
  return { employer, vacancy };
}

describe('every new vacancy announces itself', () => {
  it('a liaison officer’s: vacancy.published when open, vacancy.drafted when a draft, and no callback', async () => {
    // Prepare
    const employer = await w.employer();
    const n = deps.events.length;
    // Act
    const open = await w.vacancy(employer.id);
    const draft = await w.vacancy(employer.id, { status: 'draft' });
    // Assess
    expect(deps.events.slice(n).map((e) => [e.type, e.vacancyId, e.detail])).toEqual([
      ['vacancy.published', open.id, undefined],
      ['vacancy.drafted', draft.id, undefined],
    ]);
    expect(await deps.repos.vacancies.getCallback(ORG, open.id)).toBeUndefined();
    expect(await listCallbacksDue(deps, liaison)).toEqual([]);
  });

  it('an employer’s own: the same event, saying when the callback is due, and a callback for the account manager', async () => {
    // Act
    const { employer, vacancy } = await posted('draft');
    const { vacancy: open } = await posted('open');
    // Assess
    expect(deps.events.filter((e) => e.vacancyId === vacancy.id).map((e) => [e.type, e.detail, e.actorSub])).toEqual([
      ['vacancy.drafted', { callbackDue: '2026-11-27' }, 'u-employer-1'],
    ]);
    expect(deps.events.filter((e) => e.vacancyId === open.id).map((e) => e.type)).toEqual(['vacancy.published']);
    expect(await deps.repos.vacancies.getCallback(ORG, vacancy.id)).toEqual({
      orgId: ORG,
      vacancyId: vacancy.id,
      employerId: employer.id,
      vacancyTitle: 'Bakery assistant',
      openedAt: '2026-11-25T10:00:00.000Z',
      openedBy: 'u-employer-1',
      dueOn: '2026-11-27',
    });
  });

  it('two working days skip the weekend and bank holidays: posted on Christmas Eve, due on 30 December', async () => {
    deps.clock.set('2026-12-24T15:00:00Z');
    const { vacancy } = await posted();
    expect((await deps.repos.vacancies.getCallback(ORG, vacancy.id))?.dueOn).toBe('2026-12-30');
    deps.clock.set('2026-11-27T15:00:00Z'); // a Friday
    const { vacancy: friday } = await posted();
    expect((await deps.repos.vacancies.getCallback(ORG, friday.id))?.dueOn).toBe('2026-12-01');
  });

  it('the account manager hears at once, naming the day to call by; nobody else does', async () => {
    // Prepare
    await posted('open', { accountManagerId: 'u-liaison-2' });
    // Act
    await deliverAll(deps);
    // Assess
    const inbox = await deps.repos.notifications.list(ORG, 'u-liaison-2', { limit: 10, unreadOnly: false });
    expect(inbox.items.map((x) => [x.kind, x.title, x.body])).toEqual([
      [
        'callback-due',
        'Call back Hartley Logistics 1: new vacancy Bakery assistant',
        'Hartley Logistics 1 posted Bakery assistant themselves (open). Call them by 27 November 2026 to get what is missing, and log the call against the vacancy.',
      ],
    ]);
    expect((await deps.repos.notifications.list(ORG, liaison.sub, { limit: 10, unreadOnly: false })).items).toEqual([]);
  });
});

describe('the callbacks due', () => {
  it('are the account manager’s own (every employer’s for an admin), soonest first, overdue once the day has passed', async () => {
    // Prepare
    const { vacancy: first } = await posted();
    deps.clock.set('2026-11-26T10:00:00Z');
    const { vacancy: second } = await posted('open', { accountManagerId: 'u-liaison-2' });
    deps.clock.set('2026-11-30T09:00:00Z');
    // Act
    const mine = await listCallbacksDue(deps, liaison);
    const all = await listCallbacksDue(deps, admin);
    // Assess
    expect(mine.map((x) => [x.callback.vacancyId, x.callback.dueOn, x.overdue])).toEqual([[first.id, '2026-11-27', true]]);
    expect(all.map((x) => [x.callback.vacancyId, x.callback.dueOn, x.overdue])).toEqual([
      [first.id, '2026-11-27', true],
      [second.id, '2026-11-30', false],
    ]);
    expect((await failureOf(listCallbacksDue(deps, adviser))).status).toBe(403);
  });
});

describe('logging the call', () => {
  it('on or before the due day closes the callback, on time, in the same write, and it is due nowhere', async () => {
    // Prepare
    const { employer, vacancy } = await posted();
    deps.clock.set('2026-11-27T16:00:00Z');
    const n = deps.events.length;
    // Act
    const i = await call(employer.id, vacancy.id, '2026-11-27T15:30:00Z');
    // Assess
    expect(i.vacancyId).toBe(vacancy.id);
    expect((await deps.repos.vacancies.getCallback(ORG, vacancy.id))?.made).toEqual({
      interactionId: i.id,
      at: '2026-11-27T15:30:00Z',
      by: liaison.sub,
      onTime: true,
    });
    expect(deps.events.slice(n).map((e) => [e.type, e.detail])).toEqual([
      ['vacancy.callback-made', { onTime: true, openedOn: '2026-11-25', dueOn: '2026-11-27' }],
    ]);
    expect(await listCallbacksDue(deps, liaison)).toEqual([]);
    expect(await deps.repos.due.dueOnOrBefore('2027-12-31', 10)).toEqual([]);
  });

  it('after the due day still closes it, late; a second call about the vacancy is only an interaction', async () => {
    const { employer, vacancy } = await posted();
    deps.clock.set('2026-12-01T12:00:00Z');
    await call(employer.id, vacancy.id, '2026-11-30T09:00:00Z');
    const n = deps.events.length;
    await call(employer.id, vacancy.id, '2026-12-01T09:00:00Z');
    expect((await deps.repos.vacancies.getCallback(ORG, vacancy.id))?.made).toMatchObject({ at: '2026-11-30T09:00:00Z', onTime: false });
    expect(deps.events.slice(n).map((e) => e.type)).toEqual([]);
  });

  it('does not count: a jobs fair, a contact from before it was posted, or an interaction not about the vacancy', async () => {
    const { employer, vacancy } = await posted();
    deps.clock.set('2026-11-25T12:00:00Z');
    await call(employer.id, vacancy.id, '2026-11-25T11:00:00Z', 'event');
    await call(employer.id, vacancy.id, '2026-11-25T09:59:00Z');
    await call(employer.id, undefined, '2026-11-25T11:30:00Z');
    expect((await deps.repos.vacancies.getCallback(ORG, vacancy.id))?.made).toBeUndefined();
    expect(await listCallbacksDue(deps, liaison)).toHaveLength(1);
  });

  it('about another employer’s vacancy is refused, naming the field, and changes nothing', async () => {
    const { vacancy } = await posted();
    const other = await w.employer();
    const before = deps.snapshot();
    const err = await failureOf(call(other.id, vacancy.id, '2026-11-25T09:59:00Z'));
    expect(err.status).toBe(400);
    expect(err.errors).toEqual([{ path: 'vacancyId', message: 'unknown vacancy for this employer' }]);
    expect(deps.snapshot()).toBe(before);
  });
});

describe('a vacancy that ends before anyone called', () => {
  it('closes its callback with the reason in the same change (withdrawn, closed, filled); publishing does not', async () => {
    // Prepare: three posted vacancies, the account manager publishes two.
    const { employer, vacancy: withdrawn } = await posted();
    const closed = await createVacancy(deps, employerUser(employer.id), vacancyInput(employer.id, 'draft'));
    const filled = await createVacancy(deps, employerUser(employer.id), vacancyInput(employer.id, 'draft'));
    await updateVacancy(deps, liaison, closed.id, { status: 'open' });
    await updateVacancy(deps, liaison, filled.id, { status: 'open' });
    expect(await listCallbacksDue(deps, liaison)).toHaveLength(3);
    const person = await w.participant();
    deps.clock.set('2026-11-26T10:00:00Z');
    // Act: the employer withdraws one, the officer closes one, and the one position of the third is hired.
    await updateVacancy(deps, employerUser(employer.id), withdrawn.id, { status: 'withdrawn' });
    await updateVacancy(deps, liaison, closed.id, { status: 'closed' });
    await w.hired(filled.id, person);
    // Assess
    const at = '2026-11-26T10:00:00.000Z';
    expect((await deps.repos.vacancies.getCallback(ORG, withdrawn.id))?.closed).toEqual({
      reason: 'vacancy-withdrawn',
      at,
      by: 'u-employer-1',
    });
    expect((await deps.repos.vacancies.getCallback(ORG, closed.id))?.closed).toEqual({ reason: 'vacancy-closed', at, by: liaison.sub });
    expect((await deps.repos.vacancies.getCallback(ORG, filled.id))?.closed).toEqual({ reason: 'vacancy-filled', at, by: liaison.sub });
    expect(await listCallbacksDue(deps, liaison)).toEqual([]);
    // Nobody is reminded on the due day, and a later call about one is only an interaction.
    deps.clock.set('2026-11-27T07:00:00Z');
    expect((await sweepDue(deps)).callbacksDue).toBe(0);
    const n = deps.events.length;
    const i = await call(employer.id, closed.id, '2026-11-27T06:30:00Z');
    expect(i.vacancyId).toBe(closed.id);
    expect(deps.events.slice(n).map((e) => e.type)).toEqual([]);
    expect((await deps.repos.vacancies.getCallback(ORG, closed.id))?.made).toBeUndefined();
  });

  it('leaves a callback already made as it was', async () => {
    const { employer, vacancy } = await posted();
    deps.clock.set('2026-11-25T11:00:00Z');
    await call(employer.id, vacancy.id, '2026-11-25T10:30:00Z');
    const made = await deps.repos.vacancies.getCallback(ORG, vacancy.id);
    await updateVacancy(deps, employerUser(employer.id), vacancy.id, { status: 'withdrawn' });
    expect(await deps.repos.vacancies.getCallback(ORG, vacancy.id)).toEqual(made);
  });
});

describe('the sweeper', () => {
  it('reminds the account manager once, on the due day, and not after the call is made', async () => {
    // Prepare
    const { vacancy } = await posted();
    const { employer: other, vacancy: called } = await posted();
    deps.clock.set('2026-11-26T10:00:00Z');
    await call(other.id, called.id, '2026-11-26T09:00:00Z');
    deps.clock.set('2026-11-26T23:00:00Z');
    const early = await sweepDue(deps);
    deps.clock.set('2026-11-27T07:00:00Z');
    const n = deps.events.length;
    // Act
    const due = await sweepDue(deps);
    const again = await sweepDue(deps);
    // Assess
    expect(early.callbacksDue).toBe(0);
    expect(due).toMatchObject({ callbacksDue: 1, failed: [] });
    expect(again.callbacksDue).toBe(0);
    expect(deps.events.slice(n).map((e) => [e.type, e.vacancyId, e.detail])).toEqual([
      ['vacancy.callback-due', vacancy.id, { dueOn: '2026-11-27' }],
    ]);
    await deliverAll(deps);
    const inbox = await deps.repos.notifications.list(ORG, liaison.sub, { limit: 10, unreadOnly: false });
    expect(inbox.items.map((x) => x.title)).toContain('Callback due today: Hartley Logistics 1 about Bakery assistant');
    // Reminded, not made: still on the start page.
    expect((await listCallbacksDue(deps, liaison)).map((x) => x.callback.vacancyId)).toEqual([vacancy.id]);
  });
});

describe('the funnel', () => {
  it('counts vacancies opened and callbacks due, made and made on time, in the month each vacancy was posted', async () => {
    // Prepare, by hand: in November the employer posts three vacancies (one open) and a liaison officer
    // takes one open; the first is called back on time, the second late, in December; the third never.
    const { employer, vacancy: a } = await posted('draft');
    const b = await createVacancy(deps, employerUser(employer.id), vacancyInput(employer.id, 'open'));
    await createVacancy(deps, employerUser(employer.id), vacancyInput(employer.id, 'draft'));
    await w.vacancy(employer.id);
    deps.clock.set('2026-12-03T10:00:00Z');
    await call(employer.id, a.id, '2026-11-26T10:00:00Z');
    await call(employer.id, b.id, '2026-12-02T10:00:00Z');
    await deliverAll(deps);
    // Act
    const [nov, dec] = await Promise.all([
      funnelReport(deps, liaison, { from: '2026-11', to: '2026-11' }),
      funnelReport(deps, liaison, { from: '2026-12', to: '2026-12' }),
    ]);
    // Assess
    expect(nov).toMatchObject({ vacanciesOpened: 2, callbacksDue: 3, callbacksMade: 2, callbacksOnTime: 1 });
    expect(nov.ratios.callbacksOnTimeRate).toBe(0.33);
    expect(dec).toMatchObject({ vacanciesOpened: 0, callbacksDue: 0, callbacksMade: 0, callbacksOnTime: 0 });
    expect(dec.ratios.callbacksOnTimeRate).toBeNull();
  });
});

describe('advisers', () => {
  it('read their organisation’s draft vacancies as well as open ones', async () => {
    const employer = await w.employer();
    const draft = await w.vacancy(employer.id, { status: 'draft' });
    await w.vacancy(employer.id);
    expect((await getVacancy(deps, adviser, draft.id)).status).toBe('draft');
    expect((await listVacancies(deps, adviser, { status: 'draft', limit: 20 })).items.map((v) => v.id)).toEqual([draft.id]);
    const ofEmployer = await listVacancies(deps, adviser, { employerId: employer.id, limit: 20 });
    expect(ofEmployer.items.map((v) => v.status).sort()).toEqual(['draft', 'open']);
  });
});
