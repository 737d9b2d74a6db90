import { beforeEach, describe, expect, it } from 'vitest';
import { BusinessRuleError, ConflictError, ForbiddenError, NotFoundError } from '../../../shared/errors.js';
import { updateParticipant } from '../../../shared/use-cases/participants.js';
import { getSubmission, listForVacancy, recordAgreement } from '../../../shared/use-cases/submissions.js';
import { fakeDeps, type FakeDeps } from '../../support/fakes/fake-deps.js';
import { admin, adviserOf, employerUser, failureOf, liaison, otherAdviser, scenario, ORG } from '../../support/fakes/scenario.js';

/** The adviser's answer to a proposal: shared/use-cases/submissions.ts `recordAgreement`, and the employer view it freezes. */
let deps: FakeDeps;
let w: ReturnType<typeof scenario>;

beforeEach(() => {
  deps = fakeDeps({ now: '2026-11-25T10:00:00Z' });
  w = scenario(deps);
});

describe('who answers a proposal', () => {
  it('another adviser gets 404 (the submission is not theirs to see), and nothing is written', async () => {
    // Prepare
    const { vacancy } = await w.openVacancy();
    const p = await w.participant();
    const s = await w.proposed(vacancy.id, p);
    const before = deps.snapshot();
    // Act
    const err = await failureOf(recordAgreement(deps, otherAdviser, s.id, { agreed: true }));
    // Assess
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err.status).toBe(404);
    expect(deps.snapshot()).toBe(before);
  });

  it.each([
    ['a liaison officer', liaison],
    ['an employer user', employerUser('01KTEST0000000000000000000Z')],
  ])('%s may not answer for the participant (403)', async (_who, actor) => {
    // Prepare
    const { vacancy } = await w.openVacancy();
    const p = await w.participant();
    const s = await w.proposed(vacancy.id, p);
    // Act
    const err = await failureOf(recordAgreement(deps, actor, s.id, { agreed: true }));
    // Assess
    expect(err).toBeInstanceOf(ForbiddenError);
  });

  it.each([
    ['the own adviser', 'own'],
    ['an admin', 'admin'],
  ])('%s may', async (_who, which) => {
    // Prepare
    const { vacancy } = await w.openVacancy();
    const p = await w.participant();
    const s = await w.proposed(vacancy.id, p);
    // Act
    const next = await recordAgreement(deps, which === 'own' ? adviserOf(p) : admin, s.id, { agreed: true });
    // Assess
    expect(next.state).toBe('submitted');
    expect(next.agreement).toMatchObject({ agreed: true, by: which === 'own' ? 'u-adviser-1' : 'u-admin-1' });
  });
});

describe('agreeing', () => {
  it('submits the candidate with response deadlines: 10 working days for the employer, then 10 more to expiry', async () => {
    // Prepare
    const { vacancy } = await w.openVacancy();
    const p = await w.participant();
    const s = await w.proposed(vacancy.id, p);
    // Act
    const next = await recordAgreement(deps, adviserOf(p), s.id, { agreed: true, note: 'Keen' });
    // Assess
    expect(next).toMatchObject({
      state: 'submitted',
      agreement: { agreed: true, note: 'Keen', by: 'u-adviser-1', at: '2026-11-25T10:00:00.000Z' },
      respondBy: '2026-12-09',
      expiresOn: '2026-12-23',
      version: s.version + 1,
    });
    expect(next.history.at(-1)).toEqual({ from: 'proposed', to: 'submitted', at: '2026-11-25T10:00:00.000Z', by: 'u-adviser-1' });
    expect(await deps.repos.submissions.get(ORG, s.id)).toEqual(next);
    expect(deps.events.at(-1)).toMatchObject({
      type: 'submission.submitted',
      submissionId: s.id,
      detail: { readiness: 'green', adviser: 'u-adviser-1' },
    });
    // The place on the shortlist stays taken.
    expect(await deps.repos.vacancies.get(ORG, vacancy.id)).toMatchObject({ liveSubmissions: 1 });
  });

  it('uses the vacancy’s own response period when it sets one', async () => {
    // Prepare
    const { vacancy } = await w.openVacancy({ employerResponseDays: 5 });
    const p = await w.participant();
    const s = await w.proposed(vacancy.id, p);
    // Act
    const next = await recordAgreement(deps, adviserOf(p), s.id, { agreed: true });
    // Assess
    expect(next).toMatchObject({ respondBy: '2026-12-02', expiresOn: '2026-12-16' });
  });

  it('freezes the employer view with the consented fields only', async () => {
    // Prepare
    const { vacancy } = await w.openVacancy();
    const p = await w.participant({
      lastName: 'Privateson',
      skills: ['picking'],
      drivingLicence: true,
      workHistory: [
        { role: 'Picker', employer: 'Secret Employer Ltd', sector: 'warehousing-logistics', from: '2020-01-01', to: '2024-06-30' },
      ],
      consent: { matching: true, shareWithEmployers: ['firstName', 'skills', 'workHistory'] },
    });
    const s = await w.proposed(vacancy.id, p);
    // Act
    const next = await recordAgreement(deps, adviserOf(p), s.id, { agreed: true });
    // Assess
    expect(next.employerView).toEqual({
      candidateRef: s.candidateRef,
      firstName: 'Dean',
      skills: ['picking'],
      workHistory: [{ role: 'Picker', sector: 'warehousing-logistics', from: '2020-01-01', to: '2024-06-30' }],
      sharedFields: ['firstName', 'skills', 'workHistory'],
    });
    // Not shared, so not there: the surname, past employers' names, contact details, the licence.
    expect(JSON.stringify(next.employerView)).not.toMatch(/Privateson|Secret Employer|dean\.private|drivingLicence"/);
  });

  it('shows every kind of shared field as the employer may see it, disclosures in the participant’s own words', async () => {
    // Prepare
    const { vacancy } = await w.openVacancy();
    const p = await w.participant({
      certifications: [{ name: 'flt counterbalance', expiresOn: '2028-01-01' }],
      drivingLicence: true,
      preferences: { hoursPerWeek: { min: 16, max: 30 }, shifts: ['early'] },
      consent: {
        matching: true,
        shareWithEmployers: [
          'certifications',
          'availability',
          'drivingLicence',
          'healthDisclosure',
          'convictionDisclosure',
          'programmeParticipation',
        ],
        healthDisclosureText: 'I manage asthma; no dusty areas please.',
        convictionDisclosureText: 'A spent conviction from 2015.',
      },
    });
    const s = await w.proposed(vacancy.id, p);
    // Act
    const next = await recordAgreement(deps, adviserOf(p), s.id, { agreed: true });
    // Assess
    expect(next.employerView).toEqual({
      candidateRef: s.candidateRef,
      certifications: [{ name: 'flt counterbalance', expiresOn: '2028-01-01' }],
      availability: { hoursPerWeek: { min: 16, max: 30 }, shifts: ['early'] },
      drivingLicence: true,
      healthDisclosure: 'I manage asthma; no dusty areas please.',
      convictionDisclosure: 'A spent conviction from 2015.',
      programmeParticipation: 'Supported into work by an employment programme',
      sharedFields: [
        'availability',
        'certifications',
        'convictionDisclosure',
        'drivingLicence',
        'healthDisclosure',
        'programmeParticipation',
      ],
    });
  });

  it('keeps the view frozen: later changes to the profile do not reach the employer', async () => {
    // Prepare
    const { vacancy, employerActor } = await w.openVacancy();
    const p = await w.participant();
    const s = await w.submitted(vacancy.id, p);
    // Act
    await updateParticipant(deps, adviserOf(p), p.id, { firstName: 'Renamed', skills: ['welding'] });
    // Assess
    const seen = await getSubmission(deps, employerActor, s.id);
    expect(seen).toMatchObject({ candidate: { firstName: 'Dean', skills: ['picking', 'customer service'] } });
  });

  it('needs the participant still to consent to be matched (422), and writes nothing', async () => {
    // Prepare: the consent changed after the proposal was read (written straight to the store, as a race would leave it).
    const { vacancy } = await w.openVacancy();
    const p = await w.participant();
    const s = await w.proposed(vacancy.id, p);
    const current = (await deps.repos.participants.get(ORG, p.id))!;
    await deps.repos.participants.update(current, {
      ...current,
      consent: { ...current.consent, matching: false },
      version: current.version + 1,
    });
    const before = deps.snapshot();
    // Act
    const err = await failureOf(recordAgreement(deps, adviserOf(p), s.id, { agreed: true }));
    // Assess
    expect(err).toBeInstanceOf(BusinessRuleError);
    expect(err.message).toBe('The participant no longer consents to be matched');
    expect(deps.snapshot()).toBe(before);
  });
});

describe('declining', () => {
  it('records the adviser’s words, frees the shortlist place and the participant’s count, and tells the officer', async () => {
    // Prepare
    const { vacancy } = await w.openVacancy();
    const p = await w.participant();
    const s = await w.proposed(vacancy.id, p);
    // Act
    const next = await recordAgreement(deps, adviserOf(p), s.id, { agreed: false, note: 'Has found other work' });
    // Assess
    expect(next).toMatchObject({ state: 'declined', agreement: { agreed: false, note: 'Has found other work', by: 'u-adviser-1' } });
    expect(next.history.at(-1)).toMatchObject({ from: 'proposed', to: 'declined', reason: 'Has found other work' });
    expect(next).not.toHaveProperty('employerView');
    expect(await deps.repos.vacancies.get(ORG, vacancy.id)).toMatchObject({ liveSubmissions: 0 });
    expect(await deps.repos.participants.get(ORG, p.id)).toMatchObject({ liveSubmissions: 0 });
    expect(deps.events.at(-1)).toMatchObject({ type: 'submission.declined', submissionId: s.id });
  });
});

describe('only from proposed', () => {
  it.each([
    [true, true],
    [true, false],
    [false, true],
  ])('a second answer (first agreed=%s, then agreed=%s) is 409 and changes nothing', async (first, second) => {
    // Prepare
    const { vacancy } = await w.openVacancy();
    const p = await w.participant();
    const s = await w.proposed(vacancy.id, p);
    await recordAgreement(deps, adviserOf(p), s.id, { agreed: first });
    const before = deps.snapshot();
    // Act
    const err = await failureOf(recordAgreement(deps, adviserOf(p), s.id, { agreed: second }));
    // Assess
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.message).toBe(`The proposal has already been answered (${first ? 'submitted' : 'declined'})`);
    expect(deps.snapshot()).toBe(before);
  });
});

describe('what the employer sees', () => {
  it('nothing before the adviser agrees; afterwards the frozen view under the reference, never ids of people', async () => {
    // Prepare
    const { vacancy, employerActor } = await w.openVacancy();
    const p = await w.participant();
    const s = await w.proposed(vacancy.id, p);
    // Act
    const hidden = await failureOf(getSubmission(deps, employerActor, s.id));
    const listedBefore = await listForVacancy(deps, employerActor, vacancy.id, { limit: 25 });
    await recordAgreement(deps, adviserOf(p), s.id, { agreed: true });
    const seen = await getSubmission(deps, employerActor, s.id);
    // Assess
    expect(hidden).toBeInstanceOf(NotFoundError);
    expect(listedBefore.items).toEqual([]);
    expect(seen).toEqual({
      id: s.id,
      candidateRef: s.candidateRef,
      vacancyId: vacancy.id,
      vacancyTitle: 'Warehouse operative',
      state: 'submitted',
      guaranteedInterview: false,
      candidate: {
        candidateRef: s.candidateRef,
        firstName: 'Dean',
        skills: ['picking', 'customer service'],
        sharedFields: ['firstName', 'skills'],
      },
      respondBy: '2026-12-09',
      version: s.version + 1,
    });
    expect(JSON.stringify(seen)).not.toMatch(new RegExp(`${p.id}|u-adviser-1|Walsh`));
  });

  it('another employer sees nothing of it (404), nor the vacancy’s list', async () => {
    // Prepare
    const { vacancy } = await w.openVacancy();
    const other = await w.employer();
    const p = await w.participant();
    const s = await w.submitted(vacancy.id, p);
    // Act
    const one = await failureOf(getSubmission(deps, employerUser(other.id, 'u-employer-9'), s.id));
    const list = await failureOf(listForVacancy(deps, employerUser(other.id, 'u-employer-9'), vacancy.id, { limit: 25 }));
    // Assess
    expect(one).toBeInstanceOf(NotFoundError);
    expect(list).toBeInstanceOf(NotFoundError);
  });
});
