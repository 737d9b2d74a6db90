import { importTemplate } from '../../shared/domain/bulk-import.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { body, createHarness, ORG, type Harness } from '../support/harness.js';
import { cohortBody, employerBody, participantBody, vacancyBody } from '../support/fixtures.js';

/**
 * Role gates, one row per operation: what each caller gets. The last test checks the table against
 * the app's own OpenAPI document, so a new route cannot be added without a row here.
 *
 * Callers: admin; liaison; adviser (the participant's own adviser); adviser-other (another adviser);
 * employer (a user of the employer that owns the records); employer-other (a user of another employer).
 */
type Caller = 'admin' | 'liaison' | 'adviser' | 'adviser-other' | 'employer' | 'employer-other';
const CALLERS: Caller[] = ['admin', 'liaison', 'adviser', 'adviser-other', 'employer', 'employer-other'];
/**
 * Supply-chain rows also ask as staff of other organisations: the callers above are the prime's (ORG); a
 * subcontractor of it (`sub-one`: admin, liaison, adviser) and an organisation outside the chain.
 */
type OrgCaller = 'sub-admin' | 'sub-liaison' | 'sub-adviser' | 'outsider-liaison';
const ORG_CALLERS: OrgCaller[] = ['sub-admin', 'sub-liaison', 'sub-adviser', 'outsider-liaison'];
const SUB_ORG = 'sub-one';

interface Row {
  op: string;
  path: (ids: Ids) => string;
  body?: (ids: Ids) => unknown;
  prepare?: (ids: Ids) => Promise<void>;
  expect: Record<Caller, number>;
  /** Supply-chain operations: what staff of the subcontractor and of an unrelated organisation get. */
  orgs?: Record<OrgCaller, number>;
}

/** The row's fresh vacancy, shared with the prime's whole supply chain. */
const shared = async (i: Ids) => {
  await h.call('PUT', `/vacancies/${i.vacancy}/share`, { as: 'liaison', body: { with: 'chain' } });
};
/** Shared, with a job-ready participant of the subcontractor's own; with `propose`, proposed for it (its id in `submission`). */
const sharedWithOwnPerson = (propose: boolean) => async (i: Ids) => {
  await shared(i);
  const res = await h.call('POST', '/participants', {
    as: 'sub-adviser',
    body: participantBody({ readiness: 'green', consent: { matching: true, shareWithEmployers: ['firstName'] } }),
  });
  i.subParticipant = (await body(res)).id as string;
  if (propose)
    i.submission = (
      await body(
        await h.call('POST', `/shared-vacancies/${ORG}/${i.vacancy}/proposals`, {
          as: 'sub-liaison',
          body: { participantId: i.subParticipant },
        }),
      )
    ).id as string;
};
const orgs = (s: number): Record<OrgCaller, number> => ({ 'sub-admin': s, 'sub-liaison': s, 'sub-adviser': s, 'outsider-liaison': s });
const staffOnly = (s: number): Record<Caller, number> => ({ ...all(s), employer: 403, 'employer-other': 403 });

/** A submission for the fresh participant, moved on to the state a row needs. */
async function submissionIn(ids: Ids, state: 'proposed' | 'submitted' | 'interview' | 'trial' | 'offered' | 'hired') {
  const res = await h.call('POST', `/vacancies/${ids.vacancy}/submissions`, { as: 'liaison', body: { participantIds: [ids.participant] } });
  const id = (await body<{ items: { id: string }[] }>(res)).items[0]!.id;
  if (state !== 'proposed') await h.call('POST', `/submissions/${id}/agreement`, { as: 'adviser', body: { agreed: true } });
  if (state !== 'proposed' && state !== 'submitted')
    await h.call('POST', `/submissions/${id}/decision`, { as: 'liaison', body: { decision: 'interview' } });
  if (state === 'trial')
    await h.call('POST', `/submissions/${id}/trial`, {
      as: 'liaison',
      body: { startsOn: '2026-11-25', endsOn: '2026-11-27', place: 'Depot' },
    });
  if (state === 'offered') await h.call('POST', `/submissions/${id}/offer`, { as: 'liaison', body: {} });
  if (state === 'hired') {
    const out = await body<{ placement: { id: string } }>(
      await h.call('POST', `/submissions/${id}/outcome`, { as: 'liaison', body: { outcome: 'hired', startDate: '2026-08-03' } }),
    );
    ids.placement = out.placement.id;
  }
  ids.submission = id;
}
interface Ids {
  employer: string;
  vacancy: string;
  cohort: string;
  participant: string;
  fresh: () => Promise<string>;
  /** Set by a row's `prepare`: a submission in the state the row needs, or a placement. */
  submission?: string;
  placement?: string;
  contact?: string;
  appointment?: string;
  /** Set by a row's `prepare`: a step of the participant's action plan. */
  step?: string;
  goal?: string;
  /** Set by a row's `prepare`: a member of staff in the directory, and another to hand their work to. */
  staff?: string;
  receiver?: string;
  /** Set by a row's `prepare`: a participant of the subcontractor's own, on sub-adviser's caseload. */
  subParticipant?: string;
}

/** A fresh member of staff in the directory (the table directory, as locally). */
async function staffIn(ids: Ids, role: 'adviser' | 'liaison' = 'adviser') {
  const id = `u-gate-${Math.random().toString(36).slice(2, 10)}`;
  const at = '2026-11-25T10:00:00.000Z';
  await h.deps.directory.create({
    id,
    orgId: ORG,
    name: `Gate ${id}`,
    email: `${id}@provider.example.org`,
    role,
    active: true,
    createdAt: at,
    updatedAt: at,
  });
  if (ids.staff) ids.receiver = id;
  else ids.staff = id;
}

const all = (s: number): Record<Caller, number> => ({
  admin: s,
  liaison: s,
  adviser: s,
  'adviser-other': s,
  employer: s,
  'employer-other': s,
});

const ROWS: Row[] = [
  { op: 'GET /health', path: () => '/health', expect: all(200) },
  { op: 'GET /openapi.json', path: () => '/openapi.json', expect: all(200) },
  { op: 'GET /docs', path: () => '/docs', expect: all(200) },
  {
    op: 'POST /employers',
    path: () => '/employers',
    body: () => employerBody({ name: `Employer ${Math.random()}` }),
    expect: { admin: 201, liaison: 201, adviser: 403, 'adviser-other': 403, employer: 403, 'employer-other': 403 },
  },
  {
    op: 'GET /employers',
    path: () => '/employers?q=firm&stage=prospect&area=LS11',
    expect: { ...all(200), adviser: 403, 'adviser-other': 403 },
  },
  {
    op: 'GET /employers/{id}',
    path: (i) => `/employers/${i.employer}`,
    expect: { ...all(200), adviser: 403, 'adviser-other': 403, 'employer-other': 404 },
  },
  {
    op: 'PATCH /employers/{id}',
    path: (i) => `/employers/${i.employer}`,
    body: () => ({ notes: 'Met the site manager' }),
    expect: { admin: 200, liaison: 200, adviser: 403, 'adviser-other': 403, employer: 403, 'employer-other': 403 },
  },
  {
    op: 'POST /employers/{id}/contacts',
    path: (i) => `/employers/${i.employer}/contacts`,
    body: () => ({ name: 'Sam Patel', email: 'sam@example.com' }),
    expect: { admin: 201, liaison: 201, adviser: 403, 'adviser-other': 403, employer: 403, 'employer-other': 403 },
  },
  {
    op: 'GET /employers/{id}/contacts',
    path: (i) => `/employers/${i.employer}/contacts`,
    expect: { ...all(200), adviser: 403, 'adviser-other': 403, 'employer-other': 404 },
  },
  {
    op: 'PATCH /employers/{id}/contacts/{contactId}',
    path: (i) => `/employers/${i.employer}/contacts/${i.contact}`,
    prepare: async (i) => {
      const res = await h.call('POST', `/employers/${i.employer}/contacts`, {
        as: 'liaison',
        body: { name: 'Sam Patel', phone: '0113 496 0000' },
      });
      i.contact = (await body(res)).id as string;
    },
    body: () => ({ jobTitle: 'Site manager' }),
    expect: { admin: 200, liaison: 200, adviser: 403, 'adviser-other': 403, employer: 403, 'employer-other': 403 },
  },
  {
    op: 'POST /employers/{id}/interactions',
    path: (i) => `/employers/${i.employer}/interactions`,
    body: () => ({ kind: 'call', occurredAt: '2026-11-24T09:00:00Z', summary: 'Discussed January intake', outcome: 'positive' }),
    expect: { admin: 201, liaison: 201, adviser: 403, 'adviser-other': 403, employer: 403, 'employer-other': 403 },
  },
  {
    op: 'GET /employers/{id}/interactions',
    path: (i) => `/employers/${i.employer}/interactions`,
    expect: { ...all(403), admin: 200, liaison: 200 },
  },
  {
    op: 'POST /employers/{id}/interactions/{interactionId}/follow-up-done',
    path: (i) => `/employers/${i.employer}/interactions/01J00000000000000000000000/follow-up-done`,
    expect: { ...all(403), admin: 404, liaison: 404 },
  },
  {
    op: 'POST /employers/{id}/pledges',
    path: (i) => `/employers/${i.employer}/pledges`,
    body: () => ({ description: '20 warehouse jobs', jobsPledged: 20, byDate: '2027-03-31' }),
    expect: { ...all(403), admin: 201, liaison: 201 },
  },
  { op: 'GET /employers/{id}/pledges', path: (i) => `/employers/${i.employer}/pledges`, expect: { ...all(403), admin: 200, liaison: 200 } },
  { op: 'GET /callbacks', path: () => '/callbacks', expect: { ...all(403), admin: 200, liaison: 200 } },
  {
    op: 'POST /vacancies',
    path: () => '/vacancies',
    body: (i) => vacancyBody(i.employer),
    // Another employer's user posting for this employer: the employer id reads as unknown.
    expect: { admin: 201, liaison: 201, adviser: 403, 'adviser-other': 403, employer: 201, 'employer-other': 400 },
  },
  { op: 'GET /vacancies', path: () => '/vacancies?title=warehouse&closingSoon=true', expect: all(200) },
  { op: 'GET /vacancies/{id}', path: (i) => `/vacancies/${i.vacancy}`, expect: { ...all(200), 'employer-other': 404 } },
  {
    op: 'PATCH /vacancies/{id}',
    path: (i) => `/vacancies/${i.vacancy}`,
    body: () => ({ description: 'Ground-floor site, step-free' }),
    expect: { admin: 200, liaison: 200, adviser: 403, 'adviser-other': 403, employer: 200, 'employer-other': 404 },
  },
  {
    op: 'POST /vacancies/{id}/reopen',
    path: (i) => `/vacancies/${i.vacancy}/reopen`,
    body: () => ({ reason: 'More posts', closingDate: '2027-02-01' }),
    // The vacancy is open, so allowed callers meet the state rule (409); others are stopped first.
    expect: { admin: 409, liaison: 409, adviser: 403, 'adviser-other': 403, employer: 409, 'employer-other': 404 },
  },
  {
    op: 'POST /cohorts',
    path: () => '/cohorts',
    body: () => cohortBody(),
    expect: { ...all(403), admin: 201, liaison: 201 },
  },
  { op: 'GET /cohorts', path: () => '/cohorts', expect: { ...all(200), employer: 403, 'employer-other': 403 } },
  { op: 'GET /cohorts/{id}', path: (i) => `/cohorts/${i.cohort}`, expect: { ...all(200), employer: 403, 'employer-other': 403 } },
  {
    op: 'POST /cohorts/{id}/enrolments',
    path: (i) => `/cohorts/${i.cohort}/enrolments`,
    body: (i) => ({ participantId: i.participant }),
    // The own adviser enrols; another adviser's participant is unknown to them; each call is on a fresh cohort.
    expect: { admin: 201, liaison: 201, adviser: 201, 'adviser-other': 400, employer: 403, 'employer-other': 403 },
  },
  {
    op: 'PATCH /cohorts/{id}/enrolments/{participantId}',
    path: (i) => `/cohorts/${i.cohort}/enrolments/${i.participant}`,
    body: () => ({ status: 'completed' }),
    expect: { admin: 200, liaison: 200, adviser: 200, 'adviser-other': 404, employer: 403, 'employer-other': 403 },
  },
  {
    op: 'POST /participants',
    path: () => '/participants',
    body: () => participantBody({ adviserId: undefined }),
    // Admins must name the caseload; advisers default to their own.
    expect: { admin: 400, liaison: 403, adviser: 201, 'adviser-other': 201, employer: 403, 'employer-other': 403 },
  },
  {
    op: 'GET /participants',
    path: () => '/participants?adviserId=u-adviser-own&q=gate&readiness=green',
    expect: { ...all(200), employer: 403, 'employer-other': 403 },
  },
  {
    op: 'GET /participants/{id}',
    path: (i) => `/participants/${i.participant}`,
    expect: { admin: 200, liaison: 200, adviser: 200, 'adviser-other': 404, employer: 403, 'employer-other': 403 },
  },
  {
    op: 'PATCH /participants/{id}',
    path: (i) => `/participants/${i.participant}`,
    body: () => ({ skills: ['stock control'] }),
    expect: { admin: 200, liaison: 403, adviser: 200, 'adviser-other': 404, employer: 403, 'employer-other': 403 },
  },
  {
    op: 'POST /participants/{id}/readiness',
    path: (i) => `/participants/${i.participant}`.concat('/readiness'),
    body: () => ({ readiness: 'red', reason: 'Illness; pausing' }),
    expect: { admin: 200, liaison: 403, adviser: 200, 'adviser-other': 404, employer: 403, 'employer-other': 403 },
  },
  {
    op: 'GET /participants/{id}/readiness',
    path: (i) => `/participants/${i.participant}/readiness`,
    expect: { admin: 200, liaison: 200, adviser: 200, 'adviser-other': 404, employer: 403, 'employer-other': 403 },
  },
  {
    op: 'PUT /participants/{id}/sensitive',
    path: (i) => `/participants/${i.participant}/sensitive`,
    body: () => ({ housing: 'Temporary accommodation' }),
    expect: { admin: 200, liaison: 403, adviser: 200, 'adviser-other': 404, employer: 403, 'employer-other': 403 },
  },
  {
    op: 'GET /participants/{id}/sensitive',
    path: (i) => `/participants/${i.participant}/sensitive`,
    expect: { admin: 200, liaison: 403, adviser: 200, 'adviser-other': 404, employer: 403, 'employer-other': 403 },
  },
  {
    op: 'PUT /participants/{id}/benefit-circumstances',
    path: (i) => `/participants/${i.participant}/benefit-circumstances`,
    body: () => ({ couple: false, ageBand: '25-or-over', children: false, limitedCapabilityForWork: false, housingCosts: false }),
    expect: { admin: 200, liaison: 403, adviser: 200, 'adviser-other': 404, employer: 403, 'employer-other': 403 },
  },
  {
    op: 'GET /participants/{id}/benefit-circumstances',
    path: (i) => `/participants/${i.participant}/benefit-circumstances`,
    expect: { admin: 200, liaison: 403, adviser: 200, 'adviser-other': 404, employer: 403, 'employer-other': 403 },
  },
  {
    op: 'GET /participants/{id}/better-off',
    path: (i) => `/participants/${i.participant}/better-off?vacancyId=${i.vacancy}`,
    expect: { admin: 200, liaison: 403, adviser: 200, 'adviser-other': 404, employer: 403, 'employer-other': 403 },
  },
  {
    op: 'PUT /participants/{id}/consent',
    path: (i) => `/participants/${i.participant}/consent`,
    body: () => ({ matching: true, shareWithEmployers: ['firstName', 'skills'] }),
    expect: { admin: 200, liaison: 403, adviser: 200, 'adviser-other': 404, employer: 403, 'employer-other': 403 },
  },
  {
    op: 'POST /participants/{id}/transfer',
    path: (i) => `/participants/${i.participant}/transfer`,
    body: () => ({ toAdviserId: 'u-adviser-third', reason: 'Moved to the Bradford office' }),
    expect: { admin: 200, liaison: 403, adviser: 200, 'adviser-other': 404, employer: 403, 'employer-other': 403 },
  },
  {
    op: 'GET /participants/{id}/audit',
    path: (i) => `/participants/${i.participant}/audit`,
    expect: { admin: 200, liaison: 403, adviser: 200, 'adviser-other': 404, employer: 403, 'employer-other': 403 },
  },
  {
    op: 'GET /participants/{id}/export',
    path: (i) => `/participants/${i.participant}/export`,
    expect: { admin: 200, liaison: 403, adviser: 200, 'adviser-other': 404, employer: 403, 'employer-other': 403 },
  },
  {
    op: 'DELETE /participants/{id}',
    path: (i) => `/participants/${i.participant}`,
    expect: { ...all(403), admin: 204 },
  },
  { op: 'GET /vacancies/{id}/matches', path: (i) => `/vacancies/${i.vacancy}/matches`, expect: { ...all(403), admin: 200, liaison: 200 } },
  {
    op: 'GET /participants/{id}/matches',
    path: (i) => `/participants/${i.participant}/matches`,
    expect: { admin: 200, liaison: 403, adviser: 200, 'adviser-other': 404, employer: 403, 'employer-other': 403 },
  },
  {
    op: 'POST /vacancies/{id}/submissions',
    path: (i) => `/vacancies/${i.vacancy}/submissions`,
    body: (i) => ({ participantIds: [i.participant] }),
    expect: { ...all(403), admin: 201, liaison: 201 },
  },
  {
    op: 'GET /vacancies/{id}/submissions',
    path: (i) => `/vacancies/${i.vacancy}/submissions`,
    expect: { ...all(403), admin: 200, liaison: 200, employer: 200, 'employer-other': 404 },
  },
  {
    op: 'GET /submissions/{id}',
    prepare: (i) => submissionIn(i, 'submitted'),
    path: (i) => `/submissions/${i.submission}`,
    expect: { admin: 200, liaison: 200, adviser: 200, 'adviser-other': 404, employer: 200, 'employer-other': 404 },
  },
  {
    op: 'POST /submissions/{id}/agreement',
    prepare: (i) => submissionIn(i, 'proposed'),
    path: (i) => `/submissions/${i.submission}/agreement`,
    body: () => ({ agreed: true }),
    expect: { admin: 200, liaison: 403, adviser: 200, 'adviser-other': 404, employer: 403, 'employer-other': 403 },
  },
  {
    op: 'POST /submissions/{id}/decision',
    prepare: (i) => submissionIn(i, 'submitted'),
    path: (i) => `/submissions/${i.submission}/decision`,
    body: () => ({ decision: 'interview' }),
    expect: { admin: 200, liaison: 200, adviser: 403, 'adviser-other': 403, employer: 200, 'employer-other': 404 },
  },
  {
    op: 'POST /submissions/{id}/guarantee-override',
    prepare: async (i) => {
      // A vacancy that offers guaranteed interviews: the fresh participant meets its must-haves, so the guarantee binds.
      i.vacancy = (
        await body(
          await h.call('POST', '/vacancies', {
            as: 'liaison',
            body: vacancyBody(i.employer, { status: 'open', guaranteedInterview: true }),
          }),
        )
      ).id as string;
      await submissionIn(i, 'submitted');
    },
    path: (i) => `/submissions/${i.submission}/guarantee-override`,
    body: () => ({ reason: 'The site is closed for a refit' }),
    expect: { ...all(403), admin: 200, liaison: 200 },
  },
  {
    op: 'POST /submissions/{id}/interview',
    prepare: (i) => submissionIn(i, 'interview'),
    path: (i) => `/submissions/${i.submission}/interview`,
    body: () => ({ at: '2026-12-02T10:00:00Z', place: 'Site office' }),
    expect: { admin: 200, liaison: 200, adviser: 403, 'adviser-other': 403, employer: 200, 'employer-other': 404 },
  },
  {
    op: 'POST /submissions/{id}/outcome',
    prepare: (i) => submissionIn(i, 'interview'),
    path: (i) => `/submissions/${i.submission}/outcome`,
    body: () => ({ outcome: 'not-hired', reasonCode: 'did-not-attend' }),
    expect: { admin: 200, liaison: 200, adviser: 403, 'adviser-other': 403, employer: 200, 'employer-other': 404 },
  },
  {
    op: 'POST /submissions/{id}/trial',
    prepare: (i) => submissionIn(i, 'interview'),
    path: (i) => `/submissions/${i.submission}/trial`,
    body: () => ({ startsOn: '2026-12-01', endsOn: '2026-12-04', place: 'Depot' }),
    expect: { admin: 200, liaison: 200, adviser: 403, 'adviser-other': 403, employer: 200, 'employer-other': 404 },
  },
  {
    op: 'POST /submissions/{id}/trial-result',
    prepare: (i) => submissionIn(i, 'trial'),
    path: (i) => `/submissions/${i.submission}/trial-result`,
    body: () => ({ result: 'passed' }),
    expect: { admin: 200, liaison: 200, adviser: 403, 'adviser-other': 403, employer: 200, 'employer-other': 404 },
  },
  {
    op: 'POST /submissions/{id}/offer',
    prepare: (i) => submissionIn(i, 'interview'),
    path: (i) => `/submissions/${i.submission}/offer`,
    body: () => ({ startDate: '2026-12-07' }),
    expect: { admin: 200, liaison: 200, adviser: 403, 'adviser-other': 403, employer: 200, 'employer-other': 404 },
  },
  {
    op: 'POST /submissions/{id}/offer-response',
    prepare: (i) => submissionIn(i, 'offered'),
    path: (i) => `/submissions/${i.submission}/offer-response`,
    body: () => ({ accepted: true }),
    // The participant's answer: their own adviser may record it as well as the employer's side.
    expect: { admin: 200, liaison: 200, adviser: 200, 'adviser-other': 404, employer: 200, 'employer-other': 404 },
  },
  {
    op: 'POST /cohorts/{id}/put-forward',
    path: (i) => `/cohorts/${i.cohort}/put-forward`,
    body: (i) => ({ vacancyId: i.vacancy }),
    // The cohort is not linked to the vacancy: callers who may act meet the rule (422).
    expect: { ...all(403), admin: 422, liaison: 422 },
  },
  {
    op: 'GET /placements/{id}',
    prepare: (i) => submissionIn(i, 'hired'),
    path: (i) => `/placements/${i.placement}`,
    expect: { admin: 200, liaison: 200, adviser: 200, 'adviser-other': 404, employer: 403, 'employer-other': 403 },
  },
  {
    op: 'POST /placements/{id}/checkins',
    prepare: (i) => submissionIn(i, 'hired'),
    path: (i) => `/placements/${i.placement}/checkins`,
    body: () => ({ milestone: 13, inWork: true }),
    expect: { admin: 200, liaison: 200, adviser: 200, 'adviser-other': 404, employer: 403, 'employer-other': 403 },
  },
  // In-work support: the template is the participant's own adviser's (and admins'); the employer's aftercare the liaison side's.
  {
    op: 'PUT /placements/{id}/support',
    prepare: (i) => submissionIn(i, 'hired'),
    path: (i) => `/placements/${i.placement}/support`,
    body: () => ({ template: 'at-risk' }),
    expect: { ...all(403), admin: 200, adviser: 200, 'adviser-other': 404 },
  },
  {
    op: 'POST /placements/{id}/aftercare',
    prepare: (i) => submissionIn(i, 'hired'),
    path: (i) => `/placements/${i.placement}/aftercare`,
    body: () => ({ week: 1 }),
    expect: { ...all(403), admin: 200, liaison: 200 },
  },
  {
    op: 'GET /me/aftercare',
    path: () => '/me/aftercare',
    expect: { ...all(403), admin: 200, liaison: 200 },
  },
  // Casework: the participant's own adviser and admins; another adviser finds them unknown.
  {
    op: 'POST /participants/{id}/contacts',
    path: (i) => `/participants/${i.participant}/contacts`,
    body: () => ({ occurredAt: '2026-11-24T10:00:00Z', channel: 'phone', appointment: false, attended: true, note: 'Talked about CVs' }),
    expect: { admin: 201, liaison: 403, adviser: 201, 'adviser-other': 404, employer: 403, 'employer-other': 403 },
  },
  {
    op: 'GET /participants/{id}/contacts',
    path: (i) => `/participants/${i.participant}/contacts`,
    expect: { admin: 200, liaison: 403, adviser: 200, 'adviser-other': 404, employer: 403, 'employer-other': 403 },
  },
  {
    op: 'POST /participants/{id}/appointments',
    path: (i) => `/participants/${i.participant}/appointments`,
    body: () => ({ at: '2026-12-01T10:00:00Z', channel: 'in-person', purpose: 'Review the action plan' }),
    expect: { admin: 201, liaison: 403, adviser: 201, 'adviser-other': 404, employer: 403, 'employer-other': 403 },
  },
  {
    op: 'GET /participants/{id}/appointments',
    path: (i) => `/participants/${i.participant}/appointments`,
    expect: { admin: 200, liaison: 403, adviser: 200, 'adviser-other': 404, employer: 403, 'employer-other': 403 },
  },
  {
    op: 'POST /participants/{id}/appointments/{appointmentId}/cancel',
    prepare: async (i) => {
      const res = await h.call('POST', `/participants/${i.participant}/appointments`, {
        as: 'adviser',
        body: { at: '2026-12-01T10:00:00Z', channel: 'phone', purpose: 'Check in' },
      });
      i.appointment = (await body(res)).id as string;
    },
    path: (i) => `/participants/${i.participant}/appointments/${i.appointment}/cancel`,
    expect: { admin: 200, liaison: 403, adviser: 200, 'adviser-other': 404, employer: 403, 'employer-other': 403 },
  },
  {
    op: 'GET /participants/{id}/action-plan',
    path: (i) => `/participants/${i.participant}/action-plan`,
    expect: { admin: 200, liaison: 403, adviser: 200, 'adviser-other': 404, employer: 403, 'employer-other': 403 },
  },
  {
    op: 'POST /participants/{id}/action-plan/steps',
    path: (i) => `/participants/${i.participant}/action-plan/steps`,
    body: () => ({ action: 'Finish the forklift course', who: 'participant', byDate: '2027-06-30' }),
    expect: { admin: 201, liaison: 403, adviser: 201, 'adviser-other': 404, employer: 403, 'employer-other': 403 },
  },
  {
    op: 'POST /participants/{id}/action-plan/steps/{stepId}',
    prepare: async (i) => {
      const res = await h.call('POST', `/participants/${i.participant}/action-plan/steps`, {
        as: 'adviser',
        body: { action: 'Update the CV', who: 'together', byDate: '2027-06-30' },
      });
      i.step = (await body(res)).id as string;
    },
    path: (i) => `/participants/${i.participant}/action-plan/steps/${i.step}`,
    body: () => ({ done: true }),
    expect: { admin: 200, liaison: 403, adviser: 200, 'adviser-other': 404, employer: 403, 'employer-other': 403 },
  },
  {
    op: 'POST /participants/{id}/action-plan/goals',
    path: (i) => `/participants/${i.participant}/action-plan/goals`,
    body: () => ({ goal: 'A warehouse job with regular hours', byDate: '2027-06-30' }),
    expect: { admin: 201, liaison: 403, adviser: 201, 'adviser-other': 404, employer: 403, 'employer-other': 403 },
  },
  {
    op: 'POST /participants/{id}/action-plan/goals/{goalId}',
    prepare: async (i) => {
      const res = await h.call('POST', `/participants/${i.participant}/action-plan/goals`, {
        as: 'adviser',
        body: { goal: 'Pass the CSCS test' },
      });
      i.goal = (await body(res)).id as string;
    },
    path: (i) => `/participants/${i.participant}/action-plan/goals/${i.goal}`,
    body: () => ({ achieved: true }),
    expect: { admin: 200, liaison: 403, adviser: 200, 'adviser-other': 404, employer: 403, 'employer-other': 403 },
  },
  {
    op: 'PUT /participants/{id}/action-plan/barriers',
    path: (i) => `/participants/${i.participant}/action-plan/barriers`,
    body: () => ({ barriers: ['transport', 'confidence-motivation'] }),
    expect: { admin: 200, liaison: 403, adviser: 200, 'adviser-other': 404, employer: 403, 'employer-other': 403 },
  },
  {
    op: 'PUT /participants/{id}/action-plan/jobs',
    path: (i) => `/participants/${i.participant}/action-plan/jobs`,
    body: () => ({ idealJobs: ['forklift driver'], transitionalJobs: ['warehouse operative'] }),
    expect: { admin: 200, liaison: 403, adviser: 200, 'adviser-other': 404, employer: 403, 'employer-other': 403 },
  },
  { op: 'GET /notifications', path: () => '/notifications', expect: all(200) },
  // Only your own notifications exist for you: anyone else's id is unknown.
  { op: 'POST /notifications/{id}/read', path: () => '/notifications/01J00000000000000000000000.0/read', expect: all(404) },
  { op: 'POST /notifications/read-all', path: () => '/notifications/read-all', expect: all(200) },
  { op: 'GET /reports/funnel', path: () => '/reports/funnel', expect: { ...all(403), admin: 200, liaison: 200 } },
  { op: 'GET /reports/fairness', path: () => '/reports/fairness', expect: { ...all(403), admin: 200, liaison: 200 } },
  { op: 'GET /reports/payment-groups', path: () => '/reports/payment-groups', expect: { ...all(403), admin: 200 } },
  { op: 'GET /reports/referral-sources', path: () => '/reports/referral-sources', expect: { ...all(403), admin: 200 } },
  { op: 'GET /reports/repeat-business', path: () => '/reports/repeat-business', expect: { ...all(403), admin: 200, liaison: 200 } },
  { op: 'GET /reports/officers', path: () => '/reports/officers', expect: { ...all(403), admin: 200, liaison: 200 } },
  { op: 'GET /reports/pet-outcomes', path: () => '/reports/pet-outcomes', expect: { ...all(403), admin: 200, liaison: 200 } },
  { op: 'GET /reports/casework', path: () => '/reports/casework', expect: { ...all(403), admin: 200 } },
  // Everyone who records skills reads the skills list; only admins add to it (a new name each time, so each is a 201).
  { op: 'GET /skills', path: () => '/skills', expect: all(200) },
  {
    op: 'POST /skills',
    path: () => '/skills',
    body: () => ({ skill: `role gate skill ${Math.random().toString(36).slice(2)}` }),
    expect: { ...all(403), admin: 201 },
  },
  // Bulk import: admins only (a dry run of the template's one row, so nothing is written whoever calls).
  { op: 'GET /imports/{kind}/template', path: () => '/imports/employers/template', expect: { ...all(403), admin: 200 } },
  {
    op: 'POST /imports/{kind}',
    path: () => '/imports/participants',
    body: () => ({ csv: importTemplate('participants'), dryRun: true }),
    expect: { ...all(403), admin: 200 },
  },
  // The staff directory: colleagues for staff (employers' users have their account manager on their pages); changes for admins.
  { op: 'GET /staff', path: () => '/staff', expect: { ...all(200), employer: 403, 'employer-other': 403 } },
  {
    op: 'POST /staff',
    path: () => '/staff',
    body: () => ({ name: 'Gate Added', email: `added-${Math.random().toString(36).slice(2)}@provider.example.org`, role: 'adviser' }),
    expect: { ...all(403), admin: 201 },
  },
  {
    op: 'GET /staff/{id}',
    path: (i) => `/staff/${i.staff}`,
    prepare: (i) => staffIn(i),
    expect: { ...all(200), employer: 403, 'employer-other': 403 },
  },
  {
    op: 'PATCH /staff/{id}',
    path: (i) => `/staff/${i.staff}`,
    prepare: (i) => staffIn(i),
    body: () => ({ team: 'Halifax' }),
    expect: { ...all(403), admin: 200 },
  },
  {
    op: 'POST /staff/{id}/deactivate',
    path: (i) => `/staff/${i.staff}/deactivate`,
    prepare: (i) => staffIn(i),
    body: () => ({ reason: 'Left' }),
    expect: { ...all(403), admin: 200 },
  },
  {
    op: 'POST /staff/{id}/reactivate',
    path: (i) => `/staff/${i.staff}/reactivate`,
    prepare: (i) => staffIn(i),
    expect: { ...all(403), admin: 200 },
  },
  {
    op: 'POST /staff/{id}/handover',
    path: (i) => `/staff/${i.staff}/handover`,
    prepare: async (i) => {
      await staffIn(i);
      await staffIn(i);
    },
    body: (i) => ({ caseloadTo: [i.receiver], reason: 'Leaver' }),
    expect: { ...all(403), admin: 200 },
  },
  {
    op: 'GET /staff/{id}/audit',
    path: (i) => `/staff/${i.staff}/audit`,
    prepare: (i) => staffIn(i),
    expect: { ...all(403), admin: 200 },
  },
  // Each member of staff chooses how they hear of notifications; employers' users share an inbox and get no email from it.
  {
    op: 'GET /me/notification-preferences',
    path: () => '/me/notification-preferences',
    expect: { ...all(200), employer: 403, 'employer-other': 403 },
  },
  {
    op: 'PUT /me/notification-preferences',
    path: () => '/me/notification-preferences',
    body: () => ({ channels: { submitted: 'digest' } }),
    expect: { ...all(200), employer: 403, 'employer-other': 403 },
  },
  // Supply chains: the prime (ORG) has one subcontractor, sub-one; outside-org is in no chain.
  { op: 'GET /supply-chain', path: () => '/supply-chain', expect: staffOnly(200), orgs: orgs(200) },
  {
    op: 'POST /supply-chain/contracts',
    path: () => '/supply-chain/contracts',
    body: () => ({
      subcontractorOrgId: `sub-${Math.random().toString(36).slice(2, 8)}`,
      subcontractorName: 'Wharfe Works',
      startDate: '2026-01-01',
    }),
    // Only admins; a subcontractor's admin holds no contracts of its own.
    expect: { ...all(403), admin: 201 },
    orgs: { ...orgs(403), 'sub-admin': 422 },
  },
  {
    op: 'POST /supply-chain/contracts/{orgId}/end',
    path: (i) => `/supply-chain/contracts/${i.staff}/end`,
    prepare: async (i) => {
      i.staff = `sub-${Math.random().toString(36).slice(2, 8)}`;
      await h.call('POST', '/supply-chain/contracts', {
        as: 'admin',
        body: { subcontractorOrgId: i.staff, subcontractorName: 'Nidd Training', startDate: '2026-01-01' },
      });
    },
    body: () => ({ endDate: '2026-12-31' }),
    // The subcontractor's admin has no such contract as a prime.
    expect: { ...all(403), admin: 200 },
    orgs: { ...orgs(403), 'sub-admin': 404 },
  },
  {
    op: 'GET /vacancies/{id}/share',
    path: (i) => `/vacancies/${i.vacancy}/share`,
    expect: staffOnly(200),
    orgs: { ...orgs(404), 'sub-adviser': 404 },
  },
  {
    op: 'PUT /vacancies/{id}/share',
    path: (i) => `/vacancies/${i.vacancy}/share`,
    body: () => ({ with: 'chain' }),
    // Only a prime shares: the subcontractor and the outsider meet that rule before any vacancy is looked up.
    expect: { ...all(403), admin: 200, liaison: 200 },
    orgs: { ...orgs(422), 'sub-adviser': 403 },
  },
  {
    op: 'DELETE /vacancies/{id}/share',
    path: (i) => `/vacancies/${i.vacancy}/share`,
    prepare: shared,
    expect: { ...all(403), admin: 204, liaison: 204 },
    orgs: { ...orgs(404), 'sub-adviser': 403 },
  },
  {
    op: 'GET /vacancies/{id}/share/audit',
    path: (i) => `/vacancies/${i.vacancy}/share/audit`,
    prepare: shared,
    expect: { ...all(403), admin: 200, liaison: 200 },
    orgs: { ...orgs(404), 'sub-adviser': 403 },
  },
  { op: 'GET /shared-vacancies', path: () => '/shared-vacancies', expect: staffOnly(200), orgs: orgs(200) },
  {
    op: 'GET /shared-vacancies/{orgId}/{id}',
    path: (i) => `/shared-vacancies/${ORG}/${i.vacancy}`,
    prepare: shared,
    // The prime's own staff read their vacancy as their own; only the subcontractor it reached sees it here.
    expect: staffOnly(404),
    orgs: { ...orgs(200), 'outsider-liaison': 404 },
  },
  {
    op: 'GET /shared-vacancies/{orgId}/{id}/matches',
    path: (i) => `/shared-vacancies/${ORG}/${i.vacancy}/matches`,
    prepare: shared,
    expect: staffOnly(404),
    orgs: { ...orgs(200), 'outsider-liaison': 404 },
  },
  {
    op: 'GET /shared-vacancies/{orgId}/{id}/proposals',
    path: (i) => `/shared-vacancies/${ORG}/${i.vacancy}/proposals`,
    prepare: sharedWithOwnPerson(true),
    expect: staffOnly(404),
    orgs: { ...orgs(200), 'outsider-liaison': 404 },
  },
  {
    op: 'POST /shared-vacancies/{orgId}/{id}/proposals',
    path: (i) => `/shared-vacancies/${ORG}/${i.vacancy}/proposals`,
    prepare: sharedWithOwnPerson(false),
    body: (i) => ({ participantId: i.subParticipant }),
    // The subcontractor's liaison officer, admin, or the participant's own adviser; the prime's staff and outsiders find no such shared vacancy.
    expect: staffOnly(404),
    orgs: { ...orgs(201), 'outsider-liaison': 404 },
  },
  {
    op: 'POST /shared-vacancies/{orgId}/{id}/proposals/{proposalId}/agreement',
    path: (i) => `/shared-vacancies/${ORG}/${i.vacancy}/proposals/${i.submission}/agreement`,
    prepare: sharedWithOwnPerson(true),
    body: () => ({ agreed: true }),
    // The participant's own adviser or their organisation's admin; nobody else reaches the proposal.
    expect: { ...staffOnly(404), liaison: 403 },
    orgs: { 'sub-admin': 200, 'sub-adviser': 200, 'sub-liaison': 403, 'outsider-liaison': 403 },
  },
  {
    op: 'GET /employers/{id}/chain-contacts',
    path: (i) => `/employers/${i.employer}/chain-contacts`,
    // The prime's employer record: the subcontractor's staff hold their own, and reach only that.
    expect: { ...all(403), admin: 200, liaison: 200 },
    orgs: { ...orgs(404), 'sub-adviser': 403 },
  },
  {
    op: 'GET /vacancies/{id}/chain-candidates',
    path: (i) => `/vacancies/${i.vacancy}/chain-candidates`,
    expect: { ...all(403), admin: 200, liaison: 200 },
    orgs: { ...orgs(404), 'sub-adviser': 403 },
  },
];

let h: Harness;

beforeAll(async () => {
  h = await createHarness({ now: '2026-11-25T10:00:00Z' });
  await h.signIn('admin', 'admin');
  await h.signIn('liaison', 'liaison');
  await h.signIn('adviser', 'adviser', { sub: 'u-adviser-own' });
  await h.signIn('adviser-other', 'adviser', { sub: 'u-adviser-other' });
  await h.signIn('sub-admin', 'admin', { sub: 'u-sub-admin', org: SUB_ORG });
  await h.signIn('sub-liaison', 'liaison', { sub: 'u-sub-liaison', org: SUB_ORG });
  await h.signIn('sub-adviser', 'adviser', { sub: 'u-sub-adviser', org: SUB_ORG });
  await h.signIn('outsider-liaison', 'liaison', { sub: 'u-out-liaison', org: 'outside-org' });
  const contract = await h.call('POST', '/supply-chain/contracts', {
    as: 'admin',
    body: { subcontractorOrgId: SUB_ORG, subcontractorName: 'Hunslet Works', startDate: '2026-01-01' },
  });
  expect(contract.status).toBe(201);
});

/** Supply-chain rows need only an open vacancy of the prime's (and its employer): two calls, not freshIds' seven. */
async function freshVacancy(): Promise<Ids> {
  const employer = (
    await body(await h.call('POST', '/employers', { as: 'liaison', body: employerBody({ name: `Firm ${Math.random()}` }) }))
  ).id as string;
  const vacancy = (await body(await h.call('POST', '/vacancies', { as: 'liaison', body: vacancyBody(employer, { status: 'open' }) })))
    .id as string;
  const none = async () => '';
  return { employer, vacancy, cohort: '', participant: '', fresh: none };
}

/** Fresh records per call, so one caller's success does not change what the next caller meets. */
async function freshIds(): Promise<Ids> {
  const { employer, vacancy } = await freshVacancy();
  const cohort = (await body(await h.call('POST', '/cohorts', { as: 'liaison', body: cohortBody() }))).id as string;
  const participant = (
    await body(
      await h.call('POST', '/participants', {
        as: 'adviser',
        body: participantBody({ readiness: 'green', consent: { matching: true, shareWithEmployers: ['firstName'] } }),
      }),
    )
  ).id as string;
  await h.call('POST', `/cohorts/${cohort}/enrolments`, { as: 'adviser', body: { participantId: participant } });
  await h.call('PUT', `/participants/${participant}/sensitive`, { as: 'adviser', body: { caring: 'School run' } });
  return { employer, vacancy, cohort, participant, fresh: async () => participant };
}

describe('role gates', () => {
  afterAll(() => {
    const cases = ROWS.flatMap((r) => [...Object.values(r.expect), ...Object.values(r.orgs ?? {})]);
    const closed = cases.filter((s) => s >= 400).length;
    // The figure the issue asks for: how big the matrix is and how much of it fails closed.
    console.info(
      `permission matrix: ${ROWS.length} operations × ${CALLERS.length} callers = ${cases.length} cases; ${closed} fail closed (403/404/4xx), ${cases.length - closed} allowed`,
    );
  });

  for (const row of ROWS) {
    it(`${row.op}`, async () => {
      const got: Partial<Record<Caller | OrgCaller, number>> = {};
      const method = row.op.split(' ')[0]!;
      let last: Ids | undefined;
      let lastStatus = 0;
      for (const caller of [...CALLERS, ...(row.orgs ? ORG_CALLERS : [])]) {
        // Fresh records only when the caller before may have changed them: a read changes nothing the next
        // caller meets, and neither does a refusal (a refusal that wrote anyway is the fuzzers' to catch; a
        // caller wrongly let through already fails this row). Other organisations' staff change nothing of
        // the prime's, so they ask about the last caller's records, prepared again.
        const unchanged = method === 'GET' || lastStatus >= 400;
        let ids: Ids;
        if (last && unchanged) ids = last;
        else {
          ids = last && !CALLERS.includes(caller as Caller) ? { ...last } : row.orgs ? await freshVacancy() : await freshIds();
          // Enrolment creation needs a participant not yet on the (fresh) cohort.
          if (row.op === 'POST /cohorts/{id}/enrolments') {
            ids.cohort = (await body(await h.call('POST', '/cohorts', { as: 'liaison', body: cohortBody() }))).id as string;
          }
          await row.prepare?.(ids);
        }
        last = ids;
        await h.signIn('employer', 'employer', { sub: 'u-employer-own', employerId: ids.employer });
        await h.signIn('employer-other', 'employer', { sub: 'u-employer-other', employerId: '01J0000000000000000000OTHR' });
        const res = await h.call(method, row.path(ids), { as: caller, body: row.body?.(ids) });
        got[caller] = res.status;
        lastStatus = res.status;
      }
      expect(got).toEqual({ ...row.expect, ...row.orgs });
    });
  }

  it('has a row for every operation the app serves', async () => {
    const doc = await body<{ paths: Record<string, Record<string, unknown>> }>(await h.call('GET', '/openapi.json'));
    const served = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const documentedExtras = ['GET /openapi.json', 'GET /docs'];
    expect(ROWS.map((r) => r.op).sort()).toEqual([...served, ...documentedExtras].sort());
  });
});
