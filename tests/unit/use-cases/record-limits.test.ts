import { beforeEach, describe, expect, it } from 'vitest';
import { parseItem } from '../../../shared/adapters/dynamodb/store.js';
import { MAX_ENROLMENTS } from '../../../shared/domain/cohort.js';
import { Text } from '../../../shared/domain/common.js';
import { Contact, MAX_CONTACTS, MAX_PLEDGES } from '../../../shared/domain/employer.js';
import { MAX_STATUS_CHANGES, type Vacancy } from '../../../shared/domain/vacancy.js';
import { BusinessRuleError, ConflictError } from '../../../shared/errors.js';
import { enrol } from '../../../shared/use-cases/cohorts.js';
import { addContact, addPledge } from '../../../shared/use-cases/employers.js';
import { reopenVacancy, updateVacancy } from '../../../shared/use-cases/vacancies.js';
import { fakeDeps, type FakeDeps } from '../../support/fakes/fake-deps.js';
import { adviser, failureOf, liaison, ORG, scenario } from '../../support/fakes/scenario.js';

/**
 * The limits the OpenAPI document states on lists that are not paged (an employer's contacts and pledges,
 * a cohort's enrolments, a vacancy's status history) are kept by the use cases; and text refused now
 * (control characters) stays readable where it was stored before.
 */
let deps: FakeDeps;
let w: ReturnType<typeof scenario>;

beforeEach(() => {
  deps = fakeDeps({ now: '2026-11-25T10:00:00Z' });
  w = scenario(deps);
});

describe('lists the document bounds', () => {
  it(`an employer keeps at most ${MAX_CONTACTS} contacts: one more is a 409 and writes nothing`, async () => {
    // Prepare
    const employer = await w.employer();
    for (let i = 0; i < MAX_CONTACTS; i++) {
      await addContact(deps, liaison, employer.id, { name: `Contact ${i}`, role: 'hr', email: `c${i}@example.org`, primary: false });
    }
    const before = deps.snapshot();
    // Act
    const err = await failureOf(
      addContact(deps, liaison, employer.id, { name: 'One more', role: 'hr', email: 'x@example.org', primary: false }),
    );
    // Assess
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.message).toContain(`${MAX_CONTACTS} contacts`);
    expect(deps.snapshot()).toBe(before);
  });

  it(`an employer keeps at most ${MAX_PLEDGES} pledges: one more is a 409 and writes nothing`, async () => {
    // Prepare
    const employer = await w.employer();
    for (let i = 0; i < MAX_PLEDGES; i++) {
      await addPledge(deps, liaison, employer.id, { description: `Pledge ${i}`, jobsPledged: 1, byDate: '2027-03-31' });
    }
    const before = deps.snapshot();
    // Act
    const err = await failureOf(addPledge(deps, liaison, employer.id, { description: 'One more', jobsPledged: 1, byDate: '2027-03-31' }));
    // Assess
    expect(err).toBeInstanceOf(ConflictError);
    expect(deps.snapshot()).toBe(before);
  });

  it(`a cohort keeps at most ${MAX_ENROLMENTS} enrolments, withdrawn ones included: one more is a 409 and writes nothing`, async () => {
    // Prepare: withdrawn enrolments free their places, so only the record count stops the next one.
    const cohort = await w.cohort({ capacity: 100 });
    for (let i = 0; i < MAX_ENROLMENTS; i++) {
      const participantId = `01KW${String(i).padStart(22, '0')}`;
      const e = {
        cohortId: cohort.id,
        participantId,
        status: 'enrolled' as const,
        enrolledAt: deps.clock.now().toISOString(),
        enrolledBy: liaison.sub,
        version: 1,
      };
      await deps.repos.cohorts.enrol(ORG, e, { max: MAX_ENROLMENTS, existing: i, refusal: () => new Error('cap') });
      await deps.repos.cohorts.updateEnrolment(ORG, e, { ...e, status: 'withdrawn', version: 2 });
    }
    const p = await w.participant();
    const before = deps.snapshot();
    // Act
    const err = await failureOf(enrol(deps, adviser, cohort.id, p.id));
    // Assess
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.message).toContain(`${MAX_ENROLMENTS} enrolments`);
    expect(deps.snapshot()).toBe(before);
  });

  it('a vacancy is reopened only while its history can still hold the changes that may follow (reopen, close, withdraw)', async () => {
    // Prepare: a closed vacancy whose history is 3 short of the limit can be reopened; one 2 short cannot.
    const { vacancy } = await w.openVacancy();
    const closed = await updateVacancy(deps, liaison, vacancy.id, { status: 'closed' });
    const entry = { from: 'open' as const, to: 'closed' as const, at: closed.updatedAt, by: liaison.sub };
    const withHistory = async (length: number) => {
      const current = (await deps.repos.vacancies.get(ORG, vacancy.id))!;
      const next: Vacancy = { ...current, statusHistory: Array.from({ length }, () => entry), version: current.version + 1 };
      await deps.repos.vacancies.update(current, next);
    };
    const reopen = () => reopenVacancy(deps, liaison, vacancy.id, { reason: 'More work came in', closingDate: '2027-01-20' });
    await withHistory(MAX_STATUS_CHANGES - 2);
    const before = deps.snapshot();
    // Act
    const err = await failureOf(reopen());
    // Assess
    expect(err).toBeInstanceOf(BusinessRuleError);
    expect(err.errors?.[0]?.message).toContain('advertise it as a new vacancy');
    expect(deps.snapshot()).toBe(before);
    await withHistory(MAX_STATUS_CHANGES - 3);
    expect((await reopen()).statusHistory).toHaveLength(MAX_STATUS_CHANGES - 2);
  });
});

describe('control characters', () => {
  it('are refused in text people type, where tabs and line breaks are kept', () => {
    expect(Text(50).safeParse('Line one\nline two\tand a tab').success).toBe(true);
    for (const bad of ['nul \u0000 here', 'escape \u001b[31m', 'vertical \u000b tab', 'delete \u007f'])
      expect(Text(50).safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });

  it('stored before they were refused are read as U+FFFD, so the record stays readable; anything else that does not fit still fails', () => {
    const stored = {
      PK: 'O#x#E#1',
      SK: 'C#1',
      id: '01KTESTC000000000000000001',
      employerId: '01KTESTE000000000000000001',
      name: 'Pasted\u000bfrom a document',
      role: 'hr',
      email: 'a@example.org',
      primary: false,
      createdAt: '2026-11-25T10:00:00Z',
      createdBy: 'u-liaison-1',
    };
    expect(parseItem(Contact, stored).name).toBe('Pasted\uFFFDfrom a document');
    expect(() => parseItem(Contact, { ...stored, role: 'not-a-role' })).toThrow();
  });
});
