import { body, type Harness } from './harness.js';
import { cohortBody, employerBody, participantBody, vacancyBody } from './fixtures.js';

/**
 * A small organisation seeded through the API for the fuzzers, so that requests carrying real ids reach
 * deep code (use cases, records, state machines) and not just 404: two employers with contacts,
 * interactions and a pledge, open vacancies, two cohorts with an enrolment, a caseload of participants
 * (one of them kept for destructive operations), submissions in every live state, a placement, and
 * notifications in every caller's inbox.
 */
export interface Seed {
  employerId: string;
  otherEmployerId: string;
  contactId: string;
  vacancyId: string;
  vacancy2Id: string;
  otherVacancyId: string;
  cohortId: string;
  cohort2Id: string;
  /** P1 is enrolled in the cohort and has a proposed submission. */
  participantIds: string[];
  /** Participants only destructive operations aim at, so the others stay put: one to erase, one to edit, transfer, exit. */
  sacrificial: { erase: string; edit: string };
  /** proposed, submitted, interview, hired (in that order). */
  submissionIds: { proposed: string; submitted: string; interview: string; hired: string };
  placementId: string;
  /** Notification ids by caller name. */
  notificationIds: Record<string, string[]>;
}

/** The callers every fuzzer uses: real users of each role, and the employer users of two employers. */
export const USERS = {
  admin: { sub: 'u-admin-1', role: 'admin' as const, name: 'Ada Min' },
  liaison: { sub: 'u-liaison-1', role: 'liaison' as const, name: 'Lia Son' },
  adviser: { sub: 'u-adviser-1', role: 'adviser' as const, name: 'Ade Viser' },
  employer: { sub: 'u-employer-1', role: 'employer' as const, name: 'Emma Ployer' },
  otherEmployer: { sub: 'u-employer-9', role: 'employer' as const, name: 'Otto Ther' },
};

const LEEDS = { lat: 53.7965, lng: -1.5478 };

async function ok<T = Record<string, unknown>>(
  h: Harness,
  method: string,
  path: string,
  as: string,
  payload?: unknown,
  want = [200, 201, 204],
): Promise<T> {
  const res = await h.call(method, path, { as, body: payload });
  if (!want.includes(res.status))
    throw new Error(`seed: ${method} ${path} as ${as} answered ${res.status}: ${(await res.text()).slice(0, 400)}`);
  return res.status === 204 ? ({} as T) : body<T>(res);
}

/** Signs the callers in (names: admin, liaison, adviser, employer, otherEmployer) and seeds the organisation. */
export async function seedOrg(h: Harness): Promise<Seed> {
  await h.signIn('admin', 'admin', { sub: USERS.admin.sub });
  await h.signIn('liaison', 'liaison', { sub: USERS.liaison.sub });
  await h.signIn('adviser', 'adviser', { sub: USERS.adviser.sub });

  const employerId = (await ok(h, 'POST', '/employers', 'liaison', employerBody())).id as string;
  const otherEmployerId = (
    await ok(h, 'POST', '/employers', 'liaison', employerBody({ name: 'Calder Care Homes', sector: 'care', sizeBand: 'medium' }))
  ).id as string;
  await h.signIn('employer', 'employer', { sub: USERS.employer.sub, employerId });
  await h.signIn('otherEmployer', 'employer', { sub: USERS.otherEmployer.sub, employerId: otherEmployerId });

  const contactId = (
    await ok(h, 'POST', `/employers/${employerId}/contacts`, 'liaison', { name: 'Priya Shah', email: 'hr@hartley.example', primary: true })
  ).id as string;
  for (const [i, kind] of (['call', 'visit'] as const).entries()) {
    await ok(h, 'POST', `/employers/${employerId}/interactions`, 'liaison', {
      kind,
      occurredAt: `2026-11-2${i}T10:00:00Z`,
      summary: `Seed ${kind}`,
      outcome: 'positive',
      contactId,
    });
  }
  await ok(h, 'POST', `/employers/${employerId}/pledges`, 'liaison', {
    description: '20 jobs by spring',
    jobsPledged: 20,
    byDate: '2027-03-31',
  });

  const open = (emp: string, over: Record<string, unknown> = {}) =>
    ok(
      h,
      'POST',
      '/vacancies',
      'liaison',
      vacancyBody(emp, { status: 'open', positions: 5, site: { postcode: 'LS1 4AP', location: LEEDS }, ...over }),
    );
  const vacancyId = (await open(employerId)).id as string;
  const vacancy2Id = (await open(employerId, { title: 'Forklift driver' })).id as string;
  const otherVacancyId = (await open(otherEmployerId, { title: 'Care assistant', sector: 'care' })).id as string;

  const cohortId = (await ok(h, 'POST', '/cohorts', 'liaison', cohortBody())).id as string;
  const cohort2Id = (
    await ok(
      h,
      'POST',
      '/cohorts',
      'liaison',
      cohortBody({ title: 'Care routeway, February', sector: 'care', startDate: '2027-02-01', endDate: '2027-02-12' }),
    )
  ).id as string;

  const person = (over: Record<string, unknown> = {}) =>
    participantBody({
      readiness: 'green',
      consent: { matching: true, shareWithEmployers: ['firstName', 'skills'] },
      home: { postcode: 'LS10 1AB', location: { lat: 53.77, lng: -1.53 } },
      ...over,
    });
  const participantIds: string[] = [];
  for (const firstName of ['Dean', 'Aisha', 'Tomasz', 'Niamh'])
    participantIds.push((await ok(h, 'POST', '/participants', 'adviser', person({ firstName }))).id as string);
  const sacrificial = {
    erase: (await ok(h, 'POST', '/participants', 'adviser', person({ firstName: 'Sacha' }))).id as string,
    edit: (await ok(h, 'POST', '/participants', 'adviser', person({ firstName: 'Robin' }))).id as string,
  };
  const [p1, p2, p3, p4] = participantIds as [string, string, string, string];

  await ok(h, 'POST', `/cohorts/${cohortId}/enrolments`, 'adviser', { participantId: p1 });
  // Audit entries for the audit list (and its cursor): a sensitive write and a read.
  await ok(h, 'PUT', `/participants/${p1}/sensitive`, 'adviser', { health: 'Asthma', adjustments: ['regular breaks'] });
  await ok(h, 'GET', `/participants/${p1}/sensitive`, 'adviser');

  const notifier = h.startNotifier();
  try {
    const proposed = await ok<{ items: { id: string; participantId: string }[] }>(
      h,
      'POST',
      `/vacancies/${vacancyId}/submissions`,
      'liaison',
      { participantIds: [p1, p2, p3, p4] },
    );
    const sid = (p: string) => proposed.items.find((s) => s.participantId === p)!.id;
    const [s1, s2, s3, s4] = [sid(p1), sid(p2), sid(p3), sid(p4)];
    for (const s of [s2, s3, s4]) await ok(h, 'POST', `/submissions/${s}/agreement`, 'adviser', { agreed: true });
    for (const s of [s3, s4]) {
      await ok(h, 'POST', `/submissions/${s}/decision`, 'employer', { decision: 'interview' });
      await ok(h, 'POST', `/submissions/${s}/interview`, 'liaison', { at: '2026-12-01T10:00:00Z', place: 'Hartley depot, Hunslet' });
    }
    await ok(h, 'POST', `/submissions/${s4}/outcome`, 'employer', { outcome: 'hired', startDate: '2026-12-07' });
    const placementId = (await ok<{ placementId: string }>(h, 'GET', `/submissions/${s4}`, 'liaison')).placementId;

    // The notifier turns the pipeline's events into inboxes: wait until every staff caller and the employer has some.
    const notificationIds: Record<string, string[]> = {};
    await h.eventually(async () => {
      for (const who of ['adviser', 'liaison', 'employer']) {
        const inbox = await ok<{ items: { id: string }[] }>(h, 'GET', '/notifications?limit=100', who);
        notificationIds[who] = inbox.items.map((n) => n.id);
      }
      if (notificationIds.adviser!.length < 2 || notificationIds.liaison!.length < 1 || notificationIds.employer!.length < 2)
        throw new Error(`seed: inboxes still filling ${JSON.stringify(notificationIds)}`);
    }, 30_000);
    return {
      employerId,
      otherEmployerId,
      contactId,
      vacancyId,
      vacancy2Id,
      otherVacancyId,
      cohortId,
      cohort2Id,
      participantIds,
      sacrificial,
      submissionIds: { proposed: s1, submitted: s2, interview: s3, hired: s4 },
      placementId,
      notificationIds,
    };
  } finally {
    await notifier.stop();
  }
}
