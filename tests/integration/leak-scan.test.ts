import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { createApp } from '../../functions/api/app.js';
import type { LocalSignIn } from '../../functions/api/web/sign-in.js';
import { sweepDue } from '../../shared/use-cases/sweep.js';
import { cohortBody, employerBody, participantBody, vacancyBody } from '../support/fixtures.js';
import { createHarness, ORG, type Harness } from '../support/harness.js';
import { crawl, expandGetRoutes, withParam, type ApiRequest, type OpenApiDoc } from '../support/leak-crawl.js';
import { formatLeaks, KINDS, patternOf, Scan, SHAREABLE, World, type Caller, type Shareable } from '../support/leak-oracle.js';
import { localWebApp, webClient } from '../support/web.js';

/**
 * The leak scan: every field that must stay private holds a unique canary; then every caller (admin,
 * liaison officer, own adviser, other adviser, the vacancy's employer, another employer, anonymous) asks
 * for every GET route in the app's own /openapi.json (with every seeded id of the right kind) and every
 * page under /app they can reach by following links (and each seeded record's page directly); their
 * notification inboxes and the emails the notifier sent are read too. Every canary a caller may not see
 * (tests/support/leak-oracle.ts writes the rules down) is a leak; all of them are collected and reported
 * together. Then one participant is erased and everything is asked again: none of their personal data may
 * come back to anyone.
 *
 * The world:
 * - advisers A and B with three participants each (P1, P3, P5 on A's caseload; P2, P4, P6 on B's), and
 *   adviser C with none; employers E1 (vacancies V1, V2) and E2 (V3), one user each; one liaison officer;
 * - consent: P1 shares first name, skills, work history and a health disclosure, not the conviction one;
 *   P2 the conviction disclosure, not the health one; P3 nothing; P4 both disclosures (recorded through
 *   PUT /consent); P5 the health disclosure only; P6 everything;
 * - the pipeline: P1 hired at V1 (proposal, agreement, decision, interview and outcome notes, a 13-week
 *   check-in note) and declined V2 (decline note); P2 hired at V1 by E1's own user; P3 rejected at V3 with a
 *   decision note, and at V1 went through a work trial (trial and result notes) to an offer it accepted
 *   (offer and answer notes, the answer recorded by adviser A); P4 agreed at V3 then expired by the sweeper, and proposed (not yet agreed) at V1; P5
 *   proposed at V2 (not yet agreed); P6 never put forward. P1, P2, P3 and P6 completed a cohort, each with
 *   an enrolment note.
 * - then records move on: P5 is transferred from adviser A to adviser B while proposed, and B records their
 *   agreement; P2, already hired, stops sharing the conviction disclosure. The rules follow the record as
 *   it stands when the scan runs (A no longer sees P5; nobody but B and admins sees P2's conviction words).
 * - each participant has a contact logged with a note, a step in their action plan and an appointment planned, whose reminder the
 *   sweeper sends their adviser;
 * - P1 is the one erased.
 *
 * The notifier runs once everything is seeded (as a stream consumer would after a backlog), and the scan
 * starts when it has delivered every event.
 */

let h: Harness;
let web: ReturnType<typeof createApp>;
const world = new World();
const RUN = world.runId.toLowerCase();

const SUBS = {
  adm: 'u-admin-1',
  lia: 'u-liaison-1',
  advA: 'u-adviser-a',
  advB: 'u-adviser-b',
  advC: 'u-adviser-c',
  empE1: 'u-employer-e1',
  empE2: 'u-employer-e2',
} as const;

const ids = {
  employers: {} as Record<'E1' | 'E2', string>,
  vacancies: {} as Record<'V1' | 'V2' | 'V3', string>,
  cohorts: {} as Record<'C1', string>,
  participants: {} as Record<string, string>,
  submissions: {} as Record<string, string>,
  placements: {} as Record<string, string>,
  contacts: [] as string[],
  interactions: [] as string[],
  pledges: [] as string[],
};

let callers: Caller[] = [];
const sessions = new Map<string, string>();
let before: Scan;
const inboxSizes = new Map<string, number>();

interface Person {
  key: string;
  adviser: 'advA' | 'advB';
  share: Shareable[];
  paymentGroup: string;
  /** Each a different source, so each is a canary of its own (it can say they have a conviction). */
  referralSource: string;
  /** Disclosures recorded through PUT /participants/{id}/consent rather than with the profile. */
  consentRoute?: boolean;
}
const PEOPLE: Person[] = [
  {
    key: 'P1',
    adviser: 'advA',
    share: ['firstName', 'skills', 'workHistory', 'healthDisclosure'],
    paymentGroup: 'jsa-ex-ib',
    referralSource: 'prison-service',
  },
  {
    key: 'P2',
    adviser: 'advB',
    share: ['firstName', 'convictionDisclosure'],
    paymentGroup: 'esa-volunteer',
    referralSource: 'probation-service',
  },
  { key: 'P3', adviser: 'advA', share: [], paymentGroup: 'ib-is-volunteer', referralSource: 'olass' },
  {
    key: 'P4',
    adviser: 'advB',
    share: ['firstName', 'skills', 'healthDisclosure', 'convictionDisclosure', 'programmeParticipation'],
    paymentGroup: 'jsa-early-access',
    referralSource: 'progress2work',
    consentRoute: true,
  },
  {
    key: 'P5',
    adviser: 'advA',
    share: ['firstName', 'healthDisclosure'],
    paymentGroup: 'new-esa-claimant',
    referralSource: 'self-referral',
  },
  { key: 'P6', adviser: 'advB', share: [...SHAREABLE], paymentGroup: 'uc-intensive', referralSource: 'jobcentre-plus' },
];

/** The primary contact of each employer: the notifier's emails go there. */
const contactEmail = (employer: 'E1' | 'E2') => `hr-${employer.toLowerCase()}-${RUN}@example.com`;

/** A call that must succeed while seeding; anything else stops the run with the problem it got. */
async function api<T = Record<string, unknown>>(method: string, path: string, as: string, body?: unknown): Promise<T> {
  const res = await h.call(method, path, { as, ...(body !== undefined ? { body } : {}) });
  if (res.status >= 300) throw new Error(`seeding: ${method} ${path} as ${as} answered ${res.status}: ${await res.text()}`);
  return (res.status === 204 ? {} : await res.json()) as T;
}

/** Events still in the outbox (test-only Scan of this file's own small table, as harness.snapshot does). */
async function outboxLeft(): Promise<number> {
  let left = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const out = await h.db.send(
      new ScanCommand({
        TableName: h.tableName,
        ConsistentRead: true,
        FilterExpression: '#t = :o',
        ExpressionAttributeNames: { '#t': 'type' },
        ExpressionAttributeValues: { ':o': 'Outbox' },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    left += out.Items?.length ?? 0;
    start = out.LastEvaluatedKey;
  } while (start);
  return left;
}

/** Waits until the notifier has delivered every event in the outbox (delivered events leave it). */
async function notifierIdle() {
  await h.eventually(async () => expect(await outboxLeft()).toBe(0), 60_000);
}

async function seed() {
  await h.signIn('adm', 'admin', { sub: SUBS.adm });
  await h.signIn('lia', 'liaison', { sub: SUBS.lia });
  for (const a of ['advA', 'advB', 'advC'] as const) await h.signIn(a, 'adviser', { sub: SUBS[a] });

  // Employers, their contacts (so the notifier emails someone), engagement records, vacancies.
  for (const [key, name] of [
    ['E1', 'Hartley Logistics Ltd'],
    ['E2', 'Rival Freight Ltd'],
  ] as const) {
    const e = await api<{ id: string }>('POST', '/employers', 'lia', employerBody({ name }));
    ids.employers[key] = e.id;
    const contact = await api<{ id: string }>('POST', `/employers/${e.id}/contacts`, 'lia', {
      name: `Pat Hiring ${key}`,
      role: 'hiring-manager',
      email: contactEmail(key),
      primary: true,
    });
    ids.contacts.push(contact.id);
  }
  await h.signIn('empE1', 'employer', { sub: SUBS.empE1, employerId: ids.employers.E1 });
  await h.signIn('empE2', 'employer', { sub: SUBS.empE2, employerId: ids.employers.E2 });
  ids.interactions.push(
    (
      await api<{ id: string }>('POST', `/employers/${ids.employers.E1}/interactions`, 'lia', {
        kind: 'call',
        occurredAt: '2026-11-20T10:00:00Z',
        summary: 'Talked through the January intake',
        outcome: 'follow-up-needed',
        followUpOn: '2026-12-01',
      })
    ).id,
  );
  ids.pledges.push(
    (
      await api<{ id: string }>('POST', `/employers/${ids.employers.E1}/pledges`, 'lia', {
        description: 'Ten local jobs',
        jobsPledged: 10,
        byDate: '2027-12-31',
      })
    ).id,
  );
  const open = { status: 'open', positions: 3, closingDate: '2027-06-30' };
  ids.vacancies.V1 = (await api<{ id: string }>('POST', '/vacancies', 'lia', vacancyBody(ids.employers.E1, open))).id;
  ids.vacancies.V2 = (
    await api<{ id: string }>('POST', '/vacancies', 'lia', vacancyBody(ids.employers.E1, { ...open, title: 'Forklift driver' }))
  ).id;
  ids.vacancies.V3 = (
    await api<{ id: string }>('POST', '/vacancies', 'lia', vacancyBody(ids.employers.E2, { ...open, title: 'Van loader' }))
  ).id;

  // Participants: every private field a canary.
  const phones = new Set<string>();
  for (const [i, p] of PEOPLE.entries()) {
    const k = p.key;
    let phone: string;
    do phone = `07700 ${world.digits()}`;
    while (phones.has(phone));
    phones.add(phone);
    const disclosures = {
      healthDisclosureText: world.mint('healthDisclosure', k),
      convictionDisclosureText: world.mint('convictionDisclosure', k),
    };
    const created = await api<{ id: string }>(
      'POST',
      '/participants',
      p.adviser,
      participantBody({
        firstName: world.mint('firstName', k),
        lastName: world.mint('lastName', k),
        email: world.add({ value: `canary-email-${k.toLowerCase()}-${RUN}@example.com`, kind: 'email', owner: k }),
        phone: world.add({ value: phone, kind: 'phone', owner: k }),
        paymentGroup: world.add({ value: p.paymentGroup, kind: 'paymentGroup', owner: k }),
        referralSource: world.add({ value: p.referralSource, kind: 'referralSource', owner: k }),
        skills: ['picking', world.mint('skill', k, { lower: true })],
        workHistory: [
          {
            role: world.mint('workRole', k),
            employer: world.mint('workEmployer', k),
            sector: 'warehousing-logistics',
            from: '2018-03-01',
            to: '2021-06-30',
          },
        ],
        readiness: 'amber',
        readinessReason: world.mint('readinessReason', k),
        consent: p.consentRoute
          ? { matching: true, shareWithEmployers: [] }
          : { matching: true, shareWithEmployers: p.share, ...disclosures },
      }),
    );
    const id = created.id;
    ids.participants[k] = id;
    world.add({ value: id, kind: 'participantId', owner: k });
    world.participants.set(k, { key: k, id, adviserSub: SUBS[p.adviser], share: new Set(p.share), erased: false });
    if (p.consentRoute)
      await api('PUT', `/participants/${id}/consent`, p.adviser, { matching: true, shareWithEmployers: p.share, ...disclosures });
    // The permitted-work end date: unique to this participant, as stored (ISO) and as the pages show it.
    const until = `${2061 + i}-0${1 + (i % 9)}-1${i % 9}`;
    world.add({ value: until, kind: 'benefitUntil', owner: k });
    world.add({
      value: new Date(`${until}T00:00:00Z`).toLocaleDateString('en-GB', {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      }),
      kind: 'benefitUntil',
      owner: k,
    });
    // Conviction dates, unique to this participant too: released in the past, licence running (so unspent).
    const dated = (kind: 'releasedOn' | 'licenceEndsOn', iso: string) => {
      world.add({ value: iso, kind, owner: k });
      world.add({
        value: new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', {
          day: 'numeric',
          month: 'long',
          year: 'numeric',
          timeZone: 'UTC',
        }),
        kind,
        owner: k,
      });
      return iso;
    };
    const releasedOn = dated('releasedOn', `${2001 + i}-0${1 + (i % 9)}-2${i % 9}`);
    const licenceEndsOn = dated('licenceEndsOn', `${2081 + i}-0${1 + (i % 9)}-0${1 + (i % 9)}`);
    await api('PUT', `/participants/${id}/sensitive`, p.adviser, {
      health: world.mint('health', k),
      disability: world.mint('disability', k),
      convictions: {
        unspent: true,
        unspentOffences: ['drugs'],
        spentOffences: ['theft'],
        releasedOn,
        licenceEndsOn,
        details: world.mint('convictionDetails', k),
      },
      adjustmentTypes: ['quiet-space', 'step-free-access'],
      substanceMisuse: world.mint('substanceMisuse', k),
      housing: world.mint('housing', k),
      caring: world.mint('caring', k),
      language: world.mint('language', k),
      benefitConstraints: { permittedWork: true, maxHoursPerWeek: 16, until },
      adjustments: [world.mint('adjustment', k)],
      workLimits: ['working-at-height'],
    });
    // The better-off estimate's circumstances (part of the sensitive part): a monthly amount unique to them, as JSON says it
    // (a page shows it only on the estimate for a vacancy they are considering, which not everyone has).
    const other = 1000 + i + 0.37;
    world.add({ value: String(other), kind: 'benefitOther', owner: k });
    await api('PUT', `/participants/${id}/benefit-circumstances`, p.adviser, {
      couple: false,
      ageBand: '25-or-over',
      children: true,
      limitedCapabilityForWork: true,
      housingCosts: false,
      otherElementsMonthly: other,
    });
    await api('POST', `/participants/${id}/readiness`, p.adviser, { readiness: 'green', reason: world.mint('readinessReason', k) });
    // Casework: a contact with a note, and an appointment whose reminder the sweeper sends the day before it.
    await api('POST', `/participants/${id}/contacts`, p.adviser, {
      occurredAt: '2026-11-24T10:00:00Z',
      channel: 'phone',
      appointment: false,
      attended: true,
      note: world.mint('contactNote', k),
    });
    await api('POST', `/participants/${id}/appointments`, p.adviser, {
      at: '2027-03-03T10:00:00Z',
      channel: 'in-person',
      purpose: world.mint('appointmentPurpose', k),
    });
    const goal = await api<{ id: string }>('POST', `/participants/${id}/action-plan/goals`, p.adviser, { goal: world.mint('planGoal', k) });
    await api('POST', `/participants/${id}/action-plan/steps`, p.adviser, {
      action: world.mint('planStep', k),
      who: 'participant',
      byDate: '2027-03-31',
      goalId: goal.id,
      barrier: 'transport',
    });
    await api('PUT', `/participants/${id}/action-plan/barriers`, p.adviser, { barriers: ['transport', 'housing'] });
    await api('PUT', `/participants/${id}/action-plan/jobs`, p.adviser, {
      idealJobs: [world.mint('planJob', k, { lower: true })],
      transitionalJobs: [world.mint('planJob', k, { lower: true })],
    });
  }
  const pid = (k: string) => ids.participants[k]!;
  const adviserOf = (k: string) => PEOPLE.find((p) => p.key === k)!.adviser;

  // A cohort with four of them, each completed with a note by their own adviser.
  ids.cohorts.C1 = (
    await api<{ id: string }>(
      'POST',
      '/cohorts',
      'lia',
      cohortBody({ linkedEmployerIds: [ids.employers.E1], linkedVacancyIds: [ids.vacancies.V1] }),
    )
  ).id;
  for (const k of ['P1', 'P2', 'P3', 'P6']) {
    await api('POST', `/cohorts/${ids.cohorts.C1}/enrolments`, adviserOf(k), { participantId: pid(k) });
    await api('PATCH', `/cohorts/${ids.cohorts.C1}/enrolments/${pid(k)}`, adviserOf(k), {
      status: 'completed',
      note: world.mint('enrolmentNote', k),
    });
  }

  // The pipeline.
  const propose = async (sKey: string, k: string, v: keyof typeof ids.vacancies) => {
    const out = await api<{ items: { id: string }[] }>('POST', `/vacancies/${ids.vacancies[v]}/submissions`, 'lia', {
      participantIds: [pid(k)],
      note: world.mint('proposalNote', k, { submissionKey: sKey }),
    });
    const id = out.items[0]!.id;
    ids.submissions[sKey] = id;
    world.submissions.set(sKey, {
      key: sKey,
      id,
      owner: k,
      employerId: v === 'V3' ? ids.employers.E2 : ids.employers.E1,
      state: 'proposed',
      agreed: false,
    });
    return id;
  };
  const agree = (sKey: string, k: string) =>
    api('POST', `/submissions/${ids.submissions[sKey]}/agreement`, adviserOf(k), {
      agreed: true,
      note: world.mint('agreementNote', k, { submissionKey: sKey }),
    });
  const invite = (sKey: string, k: string, as: string) =>
    api('POST', `/submissions/${ids.submissions[sKey]}/decision`, as, {
      decision: 'interview',
      note: world.mint('decisionNote', k, { submissionKey: sKey }),
    });
  const book = (sKey: string, k: string, as: string) =>
    api('POST', `/submissions/${ids.submissions[sKey]}/interview`, as, {
      at: '2026-11-30T10:00:00Z',
      place: 'Canal Wharf depot',
      note: world.mint('interviewNote', k, { submissionKey: sKey }),
    });
  const hire = async (sKey: string, k: string, as: string) => {
    await api('POST', `/submissions/${ids.submissions[sKey]}/outcome`, as, {
      outcome: 'hired',
      startDate: '2026-12-01',
      note: world.mint('outcomeNote', k, { submissionKey: sKey }),
    });
    // An employer's answer leaves the placement out: staff read its id from the submission.
    const s = await api<{ placementId?: string }>('GET', `/submissions/${ids.submissions[sKey]}`, 'adm');
    if (s.placementId) ids.placements[sKey] = s.placementId;
  };

  await propose('S2', 'P1', 'V2');
  await api('POST', `/submissions/${ids.submissions.S2}/agreement`, 'advA', {
    agreed: false,
    note: world.mint('declineNote', 'P1', { submissionKey: 'S2' }),
  });
  await propose('S1', 'P1', 'V1');
  await agree('S1', 'P1');
  await invite('S1', 'P1', 'empE1');
  await book('S1', 'P1', 'lia');
  await hire('S1', 'P1', 'lia');
  await propose('S3', 'P2', 'V1');
  await agree('S3', 'P2');
  await invite('S3', 'P2', 'empE1');
  await book('S3', 'P2', 'empE1');
  await hire('S3', 'P2', 'empE1');
  await propose('S4', 'P3', 'V3');
  await agree('S4', 'P3');
  await api('POST', `/submissions/${ids.submissions.S4}/decision`, 'empE2', {
    decision: 'reject',
    reasonCode: 'other',
    note: world.mint('decisionNote', 'P3', { submissionKey: 'S4' }),
  });
  // After the interview: a work trial that went well, an offer, and its acceptance (every step with a note).
  await propose('S8', 'P3', 'V1');
  await agree('S8', 'P3');
  await invite('S8', 'P3', 'empE1');
  await api('POST', `/submissions/${ids.submissions.S8}/trial`, 'empE1', {
    startsOn: '2026-11-26',
    endsOn: '2026-11-27',
    place: 'Canal Wharf depot',
    note: world.mint('trialNote', 'P3', { submissionKey: 'S8' }),
  });
  h.clock.set('2026-11-26T10:00:00Z');
  await api('POST', `/submissions/${ids.submissions.S8}/trial-result`, 'lia', {
    result: 'passed',
    note: world.mint('trialResultNote', 'P3', { submissionKey: 'S8' }),
  });
  await api('POST', `/submissions/${ids.submissions.S8}/offer`, 'empE1', {
    startDate: '2026-12-07',
    note: world.mint('offerNote', 'P3', { submissionKey: 'S8' }),
  });
  await api('POST', `/submissions/${ids.submissions.S8}/offer-response`, 'advA', {
    accepted: true,
    note: world.mint('offerResponseNote', 'P3', { submissionKey: 'S8' }),
  });
  await propose('S5', 'P4', 'V3');
  await agree('S5', 'P4');
  if (!ids.placements.S1 || !ids.placements.S3) throw new Error('seeding: the hires made no placements');

  // Thirteen weeks on: the sweeper announces the check-ins, reminds E2 about P4 and then lets it expire;
  // the advisers record the check-ins; P4 and P5 are proposed again and not yet answered.
  h.clock.set('2027-03-02T10:00:00Z');
  await sweepDue(h.deps);
  await sweepDue(h.deps);
  await api('POST', `/placements/${ids.placements.S1}/checkins`, 'advA', {
    milestone: 13,
    inWork: true,
    note: world.mint('checkinNote', 'P1'),
  });
  await api('POST', `/placements/${ids.placements.S3}/checkins`, 'advB', {
    milestone: 13,
    inWork: true,
    note: world.mint('checkinNote', 'P2'),
  });
  // In-work support: A chooses P1's template and logs a support contact (its note in the one contact log);
  // the sweeper above has told both advisers of the contacts gone overdue, and the officer has aftercare waiting.
  await api('PUT', `/placements/${ids.placements.S1}/support`, 'advA', { template: 'light' });
  await api('POST', `/participants/${pid('P1')}/contacts`, 'advA', {
    occurredAt: '2027-03-01T10:00:00Z',
    channel: 'phone',
    appointment: false,
    attended: true,
    placementId: ids.placements.S1,
    supportDay: 28,
    note: world.mint('contactNote', 'P1'),
  });
  await propose('S6', 'P4', 'V1');
  await propose('S7', 'P5', 'V2');

  // Records move on: P5 changes caseload (A to B) while proposed, and B records their agreement; P2, already
  // hired, stops sharing the conviction disclosure (still matched). The rules follow the record as it is now.
  await api('POST', `/participants/${pid('P5')}/transfer`, 'advA', { toAdviserId: SUBS.advB, reason: 'Moved to the Hunslet office' });
  world.participants.get('P5')!.adviserSub = SUBS.advB;
  await api('POST', `/submissions/${ids.submissions.S7}/agreement`, 'advB', {
    agreed: true,
    note: world.mint('agreementNote', 'P5', { submissionKey: 'S7' }),
  });
  await api('PUT', `/participants/${pid('P2')}/consent`, 'advB', { matching: true, shareWithEmployers: ['firstName'] });
  world.participants.get('P2')!.share = new Set(['firstName']);

  // What the employers may see follows the submissions as they really stand now.
  for (const s of world.submissions.values()) {
    const now = await api<{ state: string; agreement?: { agreed: boolean } }>('GET', `/submissions/${s.id}`, 'adm');
    s.state = now.state;
    s.agreed = now.agreement?.agreed === true;
  }
}

function makeCallers(): Caller[] {
  const own = (a: 'advA' | 'advB') =>
    [...world.participants.values()]
      .filter((p) => p.adviserSub === SUBS[a])
      .map((p) => p.key)
      .join(' ');
  return [
    { name: 'adm', role: 'admin', sub: SUBS.adm, label: 'admin' },
    { name: 'lia', role: 'liaison', sub: SUBS.lia, label: 'liaison' },
    { name: 'advA', role: 'adviser', sub: SUBS.advA, label: `adviser A (own ${own('advA')})` },
    { name: 'advB', role: 'adviser', sub: SUBS.advB, label: `adviser B (own ${own('advB')})` },
    { name: 'advC', role: 'adviser', sub: SUBS.advC, label: 'adviser C (no caseload)' },
    { name: 'empE1', role: 'employer', sub: SUBS.empE1, employerId: ids.employers.E1, label: 'employer E1 (V1 V2)' },
    { name: 'empE2', role: 'employer', sub: SUBS.empE2, employerId: ids.employers.E2, label: 'employer E2 (V3)' },
    { name: 'anon', role: 'anonymous', label: 'anonymous' },
  ];
}

/** Every seeded record's page, visited directly whether or not a link leads there. */
const recordPages = () => [
  ...Object.values(ids.participants).map((id) => `/app/participants/${id}`),
  ...Object.values(ids.vacancies).map((id) => `/app/vacancies/${id}`),
  ...Object.values(ids.employers).map((id) => `/app/employers/${id}`),
  ...Object.values(ids.cohorts).map((id) => `/app/cohorts/${id}`),
  // The administration pages about each participant (admins only; everyone else gets 403).
  ...Object.values(ids.participants).map((id) => `/app/admin/participants/${id}`),
  // Each adviser's caseload as "Find a participant" lists it (liaison officers and admins; everyone else 403).
  ...[SUBS.advA, SUBS.advB, SUBS.advC].map((a) => `/app/participants?adviserId=${a}`),
];

const PAGE_LIMIT = 400;

async function scanEverything(
  phase: string,
  emailsFrom = 0,
): Promise<{
  scan: Scan;
  apiTemplates: string[];
  apiRequests: number;
  perCaller: Map<string, { api: number; web: number; truncated: boolean }>;
}> {
  const scan = new Scan(world, phase);
  const perCaller = new Map<string, { api: number; web: number; truncated: boolean }>();
  const doc = (await (await h.call('GET', '/openapi.json')).json()) as OpenApiDoc;
  const { templates, requests } = expandGetRoutes(doc, {
    byCollection: {
      employers: Object.values(ids.employers),
      vacancies: Object.values(ids.vacancies),
      cohorts: Object.values(ids.cohorts),
      participants: Object.values(ids.participants),
      submissions: Object.values(ids.submissions),
      placements: Object.values(ids.placements),
      contacts: ids.contacts,
      interactions: ids.interactions,
      pledges: ids.pledges,
      // No supply chain here (tests/integration/leak-scan-orgs.test.ts has one): the organisation's own
      // vacancies, asked as if shared with it.
      orgs: [ORG],
      'shared-vacancies': Object.values(ids.vacancies),
      staff: Object.values(SUBS),
    },
    byQueryParam: {
      adviserId: [SUBS.advA, SUBS.advB, SUBS.advC],
      employerId: Object.values(ids.employers),
      accountManagerId: [SUBS.lia],
      participantId: Object.values(ids.participants),
      vacancyId: Object.values(ids.vacancies),
      cohortId: Object.values(ids.cohorts),
    },
  });
  const described: ApiRequest[] = [
    { template: '/openapi.json', url: '/openapi.json', schemaDoc: true },
    { template: '/docs', url: '/docs', schemaDoc: true },
  ];

  for (const caller of callers) {
    let apiCount = 0;
    for (const r of [...requests, ...described]) {
      let url = r.url;
      for (let page = 0; page < 20; page++) {
        const res = await h.call('GET', url, {
          ...(caller.role === 'anonymous' ? {} : { as: caller.name }),
          ...(r.headers ? { headers: r.headers } : {}),
        });
        const text = await res.text();
        apiCount++;
        let json: unknown;
        if ((res.headers.get('content-type') ?? '').includes('json')) {
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
        }
        scan.check(caller, 'api', r.template, `GET ${url} → ${res.status}`, text, { json, schemaDoc: r.schemaDoc });
        const next = (json as { nextCursor?: unknown } | undefined)?.nextCursor;
        if (typeof next !== 'string' || !next) break;
        url = withParam(r.url, 'cursor', next);
      }
    }

    // The pages: a browser session for the signed-in, none for the anonymous.
    const cookie = sessions.get(caller.name);
    const fetchPage = async (path: string) => {
      const res = await web.request(path, { headers: cookie ? { cookie } : {} });
      return { status: res.status, body: await res.text(), location: res.headers.get('location') };
    };
    const starts = ['/app', '/app/notifications', ...recordPages(), ...(cookie ? [] : ['/', '/sign-in'])];
    const { visited, truncated } = await crawl(fetchPage, starts, PAGE_LIMIT, (path, page) =>
      scan.check(caller, 'web', patternOf(path), `GET ${path} → ${page.status}`, page.body),
    );
    perCaller.set(caller.name, { api: apiCount, web: visited.length, truncated });
  }

  // Email goes to the employers' contacts: each is read as that employer's user would read it (an
  // address the scan does not know is an outsider's, read as anonymous).
  const byAddress = new Map<string, Caller>();
  for (const key of ['E1', 'E2'] as const) byAddress.set(contactEmail(key), callers.find((c) => c.employerId === ids.employers[key])!);
  for (const [i, m] of h.email.sent.entries()) {
    if (i < emailsFrom) continue;
    const reader = byAddress.get(m.to) ?? callers.find((c) => c.role === 'anonymous')!;
    scan.check(reader, 'email', `to ${m.to.replace(RUN, '{run}')}`, `email #${i} "${m.subject}"`, `${m.to}\n${m.subject}\n${m.text}`);
  }
  return { scan, apiTemplates: templates, apiRequests: requests.length + described.length, perCaller };
}

function report(phase: string, r: Awaited<ReturnType<typeof scanEverything>>) {
  const rows = callers.map((c) => {
    const n = r.perCaller.get(c.name)!;
    return `  ${c.label.padEnd(34)} api ${String(n.api).padStart(4)}   web ${String(n.web).padStart(3)}${n.truncated ? ' (page limit reached)' : ''}`;
  });
  const webPatterns = new Set([...r.scan.patterns.values()].flatMap((m) => [...(m.get('web') ?? [])]));
  const webVisits = [...r.perCaller.values()].reduce((n, x) => n + x.web, 0);
  console.log(
    [
      `leak scan [${phase}]`,
      `  matrix: ${callers.length} callers × ${r.apiRequests} API requests (${r.apiTemplates.length} GET routes of /openapi.json, every seeded id of the right kind and query value, + /openapi.json and /docs)` +
        ` + ${webVisits} page visits (${webPatterns.size} page patterns under /app, crawled per caller)`,
      ...rows,
      `  emails read: ${r.scan.total('email')}; canaries planted: ${world.canaries.length}; responses checked: ${r.scan.total()} (api ${r.scan.total('api')} incl. list pages, web ${r.scan.total('web')}, email ${r.scan.total('email')})`,
      `  leaks: ${r.scan.leaks.length}`,
    ].join('\n'),
  );
}

let notifier: { stop(): Promise<void> } | undefined;

beforeAll(async () => {
  h = await createHarness({ now: '2026-11-25T10:00:00Z' });
  await seed();
  callers = makeCallers();
  const users: LocalSignIn['users'] = callers
    .filter((c) => c.role !== 'anonymous')
    .map((c) => ({
      sub: c.sub!,
      role: c.role as LocalSignIn['users'][number]['role'],
      name: c.label,
      ...(c.employerId ? { employerId: c.employerId } : {}),
    }));
  web = localWebApp(h, users);
  const { signIn } = webClient(() => web);
  for (const c of callers) if (c.role !== 'anonymous') sessions.set(c.name, (await signIn(c.role, c.sub!)).cookie);

  // Every notification and email the pipeline causes, delivered before anyone looks.
  notifier = h.startNotifier();
  await notifierIdle();
  for (const c of callers) {
    if (c.role === 'anonymous') continue;
    const inbox = (await (await h.call('GET', '/notifications?limit=100', { as: c.name })).json()) as { items?: unknown[] };
    inboxSizes.set(c.name, inbox.items?.length ?? 0);
  }
  const r = await scanEverything('before erasure');
  report('before erasure', r);
  before = r.scan;
}, 300_000);

afterAll(async () => {
  await notifier?.stop();
});

describe('leak scan: every caller, every GET route and every reachable page', () => {
  it('shows no caller a canary the privacy rules keep from them', () => {
    expect(formatLeaks(before.leaks)).toBe('no leaks');
  });

  it('reaches the data it guards: every planted canary is seen by someone allowed to see it', () => {
    // Unshared disclosure texts may rightly be dropped when recorded; everything else must show up somewhere.
    const unseen = world.canaries
      .filter((c) => !before.seenBy.has(c.value))
      .filter((c) => !(KINDS[c.kind].group === 'disclosure' && !world.participants.get(c.owner)!.share.has(c.kind as Shareable)))
      .map((c) => `${c.owner}.${c.kind}`);
    expect(unseen).toEqual([]);
    // And the callers the rules let in do see it: the scan's reach is real for each role.
    const saw = (caller: string, owner: string, kind: string) =>
      world.canaries.filter((c) => c.owner === owner && c.kind === kind).some((c) => before.seenBy.get(c.value)?.has(caller));
    expect({
      advAOwnHealth: saw('advA', 'P1', 'health'),
      advBOwnHealth: saw('advB', 'P2', 'health'),
      liaisonSharedDisclosure: saw('lia', 'P4', 'healthDisclosure') && saw('lia', 'P6', 'convictionDisclosure'),
      liaisonEnrolmentNote: saw('lia', 'P2', 'enrolmentNote'),
      e1SharedFirstName: saw('empE1', 'P1', 'firstName'),
      e1SharedHealthDisclosure: saw('empE1', 'P1', 'healthDisclosure'),
      e2SharedDisclosures: saw('empE2', 'P4', 'healthDisclosure') && saw('empE2', 'P4', 'convictionDisclosure'),
      e2OwnDecisionNote: saw('empE2', 'P3', 'decisionNote'),
    }).toEqual({
      advAOwnHealth: true,
      advBOwnHealth: true,
      liaisonSharedDisclosure: true,
      liaisonEnrolmentNote: true,
      e1SharedFirstName: true,
      e1SharedHealthDisclosure: true,
      e2SharedDisclosures: true,
      e2OwnDecisionNote: true,
    });
    // The notifier ran: every inbox that should have something has it, and the employers were emailed.
    expect(Object.fromEntries(['advA', 'advB', 'lia', 'empE1', 'empE2'].map((n) => [n, (inboxSizes.get(n) ?? 0) > 0]))).toEqual({
      advA: true,
      advB: true,
      lia: true,
      empE1: true,
      empE2: true,
    });
    expect(h.email.sent.length).toBeGreaterThan(0);
    // The caseload lookup was read as a liaison officer reads it.
    expect([...(before.patterns.get('lia')?.get('web') ?? [])]).toContain(`/app/participants?adviserId=${SUBS.advA}`);
  });

  it('after erasure, none of the erased participant’s personal data comes back to anyone, anywhere', async () => {
    const emailsBefore = h.email.sent.length;
    const res = await h.call('DELETE', `/participants/${ids.participants.P1}`, { as: 'adm' });
    expect(res.status).toBe(204);
    world.participants.get('P1')!.erased = true;
    await notifierIdle();
    const r = await scanEverything('after erasure of P1', emailsBefore);
    report('after erasure of P1', r);
    expect(formatLeaks(r.scan.leaks)).toBe('no leaks');
  }, 300_000);
});
