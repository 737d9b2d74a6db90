import { beforeEach, describe, expect, it } from 'vitest';
import { Consent, type Participant } from '../../../shared/domain/participant.js';
import type { Submission } from '../../../shared/domain/submission.js';
import { ForbiddenError, NotFoundError, PreconditionFailedError, ValidationError } from '../../../shared/errors.js';
import { recordConsent } from '../../../shared/use-cases/subject-rights.js';
import { createParticipant } from '../../../shared/use-cases/participants.js';
import { ParticipantCreate } from '../../../shared/domain/participant.js';
import { getSubmission, recordAgreement } from '../../../shared/use-cases/submissions.js';
import { fakeDeps, type FakeDeps } from '../../support/fakes/fake-deps.js';
import { admin, adviser, adviserOf, failureOf, liaison, otherAdviser, scenario, ORG } from '../../support/fakes/scenario.js';

/** Consent: shared/use-cases/subject-rights.ts `recordConsent`, and what it does to submissions (`withdrawForConsent`, `narrowEmployerViews`). */
let deps: FakeDeps;
let w: ReturnType<typeof scenario>;

beforeEach(() => {
  deps = fakeDeps({ now: '2026-11-25T10:00:00Z' });
  w = scenario(deps);
});

const consent = (c: Record<string, unknown>) => Consent.parse(c);
const stored = (id: string) => deps.repos.submissions.get(ORG, id) as Promise<Submission>;
const auditOf = async (id: string) => (await deps.repos.participants.listAudit(ORG, id, { limit: 100 })).items;

describe('recording consent', () => {
  it('keeps the choices with who recorded them and when, and writes a consent.change audit entry with them', async () => {
    // Prepare
    const p = await w.participant({ consent: { matching: true, shareWithEmployers: ['firstName'] } });
    deps.clock.set('2026-11-26T09:30:00Z');
    // Act
    const next = await recordConsent(
      deps,
      { ...adviser, correlationId: 'corr-1' },
      p.id,
      consent({ matching: false, shareWithEmployers: ['skills', 'skills'], inWorkContact: false }),
    );
    // Assess
    expect(next.consent).toEqual({
      matching: false,
      shareWithEmployers: ['skills'],
      inWorkContact: false,
      recordedAt: '2026-11-26T09:30:00.000Z',
      recordedBy: 'u-adviser-1',
    });
    expect(next).toMatchObject({ version: p.version + 1, updatedBy: 'u-adviser-1' });
    expect(await deps.repos.participants.get(ORG, p.id)).toMatchObject({ consent: next.consent });
    expect(await auditOf(p.id)).toEqual([
      {
        id: expect.any(String),
        subjectType: 'participant',
        subjectId: p.id,
        action: 'consent.change',
        actorSub: 'u-adviser-1',
        actorRole: 'adviser',
        at: '2026-11-26T09:30:00.000Z',
        correlationId: 'corr-1',
        detail: { matchingBefore: true, matching: false, shareWithEmployers: ['skills'], inWorkContact: false },
      },
    ]);
  });

  it.each([
    ['healthDisclosure', 'healthDisclosureText', "required when sharing a health disclosure: the participant's own words"],
    ['convictionDisclosure', 'convictionDisclosureText', "required when sharing a conviction disclosure: the participant's own words"],
  ] as const)(
    'sharing %s needs the participant’s own words (400), and writes nothing, not even the audit entry',
    async (field, path, message) => {
      // Prepare
      const p = await w.participant();
      const before = deps.snapshot();
      // Act
      const err = await failureOf(
        recordConsent(deps, adviser, p.id, consent({ matching: true, shareWithEmployers: ['firstName', field] })),
      );
      // Assess
      expect(err).toBeInstanceOf(ValidationError);
      expect(err.errors).toEqual([{ path, message }]);
      expect(deps.snapshot()).toBe(before);
    },
  );

  it('names both missing disclosures at once', async () => {
    // Prepare
    const p = await w.participant();
    // Act
    const err = await failureOf(
      recordConsent(deps, adviser, p.id, consent({ matching: true, shareWithEmployers: ['healthDisclosure', 'convictionDisclosure'] })),
    );
    // Assess
    expect(err.errors?.map((e) => e.path)).toEqual(['healthDisclosureText', 'convictionDisclosureText']);
  });

  it('keeps a disclosure’s words only while the disclosure is shared', async () => {
    // Prepare
    const p = await w.participant();
    // Act
    const next = await recordConsent(
      deps,
      adviser,
      p.id,
      consent({
        matching: true,
        shareWithEmployers: ['healthDisclosure'],
        healthDisclosureText: 'I have asthma.',
        convictionDisclosureText: 'Not chosen to share',
      }),
    );
    // Assess
    expect(next.consent.healthDisclosureText).toBe('I have asthma.');
    expect(next.consent).not.toHaveProperty('convictionDisclosureText');
    expect(deps.snapshot()).not.toContain('Not chosen to share');
  });

  it('is the own adviser’s or an admin’s to record: another adviser gets 404, a liaison officer 403', async () => {
    // Prepare
    const p = await w.participant();
    const before = deps.snapshot();
    // Act
    const other = await failureOf(recordConsent(deps, otherAdviser, p.id, consent({ matching: false, shareWithEmployers: [] })));
    const officer = await failureOf(recordConsent(deps, liaison, p.id, consent({ matching: false, shareWithEmployers: [] })));
    // Assess
    expect(other).toBeInstanceOf(NotFoundError);
    expect(officer).toBeInstanceOf(ForbiddenError);
    expect(deps.snapshot()).toBe(before);
    expect((await recordConsent(deps, admin, p.id, consent({ matching: false, shareWithEmployers: [] }))).consent.recordedBy).toBe(
      'u-admin-1',
    );
  });

  it('refuses a stale If-Match (412) and accepts the current version', async () => {
    // Prepare
    const p = await w.participant();
    const before = deps.snapshot();
    // Act
    const stale = await failureOf(recordConsent(deps, adviser, p.id, consent({ matching: false, shareWithEmployers: [] }), p.version + 1));
    const afterStale = deps.snapshot();
    const current = await recordConsent(deps, adviser, p.id, consent({ matching: false, shareWithEmployers: [] }), p.version);
    // Assess
    expect(stale).toBeInstanceOf(PreconditionFailedError);
    expect(stale.status).toBe(412);
    expect(afterStale).toBe(before);
    expect(current.version).toBe(p.version + 1);
  });

  it('holds at creation too: sharing a disclosure without the participant’s own words is refused', async () => {
    // Prepare
    const input = ParticipantCreate.parse({
      firstName: 'Ann',
      lastName: 'Example',
      rightToWork: true,
      home: { postcode: 'LS10 1AB' },
      unemployedSince: '2025-06-01',
      consent: { matching: true, shareWithEmployers: ['healthDisclosure'] },
    });
    // Act
    const err = await failureOf(createParticipant(deps, adviser, input));
    // Assess
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.errors).toEqual([{ path: 'consent.healthDisclosureText', message: expect.stringContaining('own words') }]);
  });
});

describe('withdrawing consent to be matched', () => {
  async function inFlight(p: Participant) {
    const [v1, v2, v3] = [(await w.openVacancy()).vacancy, (await w.openVacancy()).vacancy, (await w.openVacancy()).vacancy];
    return {
      proposed: await w.proposed(v1.id, p),
      submitted: await w.submitted(v2.id, p),
      interview: await w.atInterview(v3.id, p),
      vacancies: [v1, v2, v3],
    };
  }

  it('withdraws every undecided submission (proposed, submitted) at once, removing the employer view; an interview stays', async () => {
    // Prepare
    const p = await w.participant();
    const s = await inFlight(p);
    // Act
    await recordConsent(deps, adviser, p.id, consent({ matching: false, shareWithEmployers: ['firstName', 'skills'] }));
    // Assess
    for (const sub of [s.proposed, s.submitted]) {
      const now = await stored(sub.id);
      expect(now.state).toBe('withdrawn');
      expect(now.history.at(-1)).toMatchObject({ from: sub.state, to: 'withdrawn', by: 'u-adviser-1', reason: 'consent-withdrawn' });
      expect(now).not.toHaveProperty('employerView');
    }
    expect(await stored(s.interview.id)).toMatchObject({ state: 'interview', employerView: { firstName: 'Dean' } });
    // Their places and counts are freed; they leave the pool at once.
    expect((await deps.repos.vacancies.get(ORG, s.vacancies[0]!.id))!.liveSubmissions).toBe(0);
    expect((await deps.repos.vacancies.get(ORG, s.vacancies[1]!.id))!.liveSubmissions).toBe(0);
    expect(await deps.repos.participants.get(ORG, p.id)).toMatchObject({ liveSubmissions: 1 });
    expect((await deps.repos.pool.profilesInArea(ORG, 'LS')).map((x) => x.id)).not.toContain(p.id);
    // The employer no longer sees the one it had been shown; the advisers hear why.
    const employerOf2 = { sub: 'u-employer-2', role: 'employer' as const, orgId: ORG, employerId: s.vacancies[1]!.employerId };
    expect(await failureOf(getSubmission(deps, employerOf2, s.submitted.id))).toBeInstanceOf(NotFoundError);
    expect(deps.events.filter((e) => e.type === 'submission.withdrawn').map((e) => [e.submissionId, e.detail?.reasonCode])).toEqual([
      [s.proposed.id, 'consent-withdrawn'],
      [s.submitted.id, 'consent-withdrawn'],
    ]);
  });

  it('leaves submissions alone while consent to be matched stands', async () => {
    // Prepare
    const p = await w.participant();
    const s = await inFlight(p);
    // Act
    await recordConsent(
      deps,
      adviser,
      p.id,
      consent({ matching: true, shareWithEmployers: ['firstName', 'skills'], inWorkContact: false }),
    );
    // Assess
    expect((await stored(s.proposed.id)).state).toBe('proposed');
    expect((await stored(s.submitted.id)).state).toBe('submitted');
    expect(deps.events.some((e) => e.type === 'submission.withdrawn')).toBe(false);
  });
});

describe('sharing less (narrowEmployerViews)', () => {
  it('takes a field no longer shared out of every employer view at once; a view never gains one', async () => {
    // Prepare
    const p = await w.participant({
      consent: { matching: true, shareWithEmployers: ['firstName', 'skills', 'healthDisclosure'], healthDisclosureText: 'I have asthma.' },
    });
    const [v1, v2] = [(await w.openVacancy()).vacancy, (await w.openVacancy()).vacancy];
    const submitted = await w.submitted(v1.id, p);
    const interview = await w.atInterview(v2.id, p);
    // Act
    await recordConsent(deps, adviser, p.id, consent({ matching: true, shareWithEmployers: ['skills', 'workHistory', 'drivingLicence'] }));
    // Assess
    for (const sub of [submitted, interview]) {
      const now = await stored(sub.id);
      expect(now.employerView).toEqual({
        candidateRef: sub.candidateRef,
        skills: ['picking', 'customer service'],
        sharedFields: ['skills'],
      });
      expect(now.version).toBe(sub.version + 1);
    }
    expect(deps.snapshot()).not.toContain('I have asthma.');
  });

  it('leaves a view alone when everything in it is still shared (no write)', async () => {
    // Prepare
    const p = await w.participant();
    const { vacancy } = await w.openVacancy();
    const s = await w.submitted(vacancy.id, p);
    // Act
    await recordConsent(deps, adviser, p.id, consent({ matching: true, shareWithEmployers: ['firstName', 'skills', 'certifications'] }));
    // Assess
    expect(await stored(s.id)).toEqual(s);
  });

  it('a proposal agreed after the change shows what is shared then', async () => {
    // Prepare
    const p = await w.participant();
    const { vacancy } = await w.openVacancy();
    const s = await w.proposed(vacancy.id, p);
    await recordConsent(deps, adviser, p.id, consent({ matching: true, shareWithEmployers: ['skills'] }));
    // Act
    const next = await recordAgreement(deps, adviserOf(p), s.id, { agreed: true });
    // Assess
    expect(next.employerView).toEqual({ candidateRef: s.candidateRef, skills: ['picking', 'customer service'], sharedFields: ['skills'] });
  });
});
