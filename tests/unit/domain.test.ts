import { describe, expect, it } from 'vitest';
import { Postcode, HoursRange } from '../../shared/domain/common.js';
import { normaliseEmployerName, EmployerCreate } from '../../shared/domain/employer.js';
import { canTransition, VACANCY_STATUSES, VacancyCreate } from '../../shared/domain/vacancy.js';
import { derivedFacts, SensitiveInput } from '../../shared/domain/participant.js';
import { CohortCreate } from '../../shared/domain/cohort.js';
import { applyPatch } from '../../shared/use-cases/deps.js';
import { nameSortKey } from '../../shared/adapters/dynamodb/employer-repository.js';

describe('postcodes', () => {
  it.each([
    ['ls11 5pq', 'LS11 5PQ'],
    ['  BD1  1AA ', 'BD1 1AA'],
    ['wf10 4ux', 'WF10 4UX'],
    ['EC1A1BB', 'EC1A 1BB'],
  ])('normalises %s to %s', (input, expected) => {
    expect(Postcode.parse(input)).toBe(expected);
  });

  it.each(['', 'LEEDS', '12345', 'LS11 5P'])('rejects %j', (input) => {
    expect(Postcode.safeParse(input).success).toBe(false);
  });
});

describe('employer duplicate key', () => {
  it('ignores case, punctuation and company suffixes', () => {
    expect(normaliseEmployerName('Greenway Foods Ltd.')).toBe('greenway foods');
    expect(normaliseEmployerName('GREENWAY FOODS LIMITED')).toBe('greenway foods');
    expect(normaliseEmployerName('The Greenway Foods Company')).toBe('greenway foods');
    expect(normaliseEmployerName('Smith & Sons')).toBe(normaliseEmployerName('Smith and Sons'));
  });

  it('keeps different businesses apart', () => {
    expect(normaliseEmployerName('Greenway Foods')).not.toBe(normaliseEmployerName('Greenway Farms'));
  });

  it('orders and prefix-matches names case-insensitively', () => {
    expect(nameSortKey('  Aire Valley  Care, Ltd')).toBe('aire valley care ltd');
    expect(nameSortKey('aire val').length).toBeGreaterThan(0);
    expect(nameSortKey('Aire Valley Care').startsWith(nameSortKey('AIRE V'))).toBe(true);
  });

  it('defaults a new employer to a prospect with no commitments', () => {
    const e = EmployerCreate.parse({
      name: 'X',
      sector: 'retail',
      sizeBand: 'small',
      address: { line1: '1 St', town: 'Leeds', postcode: 'LS1 1AA' },
      accountManagerId: 'u-1',
    });
    expect(e.stage).toBe('prospect');
    expect(e.commitments).toMatchObject({ guaranteedInterviews: false, disabilityConfident: 'none' });
  });
});

describe('vacancy status transitions', () => {
  const allowed = new Set(['draft>open', 'draft>withdrawn', 'open>closed', 'open>filled', 'open>withdrawn', 'closed>withdrawn']);
  for (const from of VACANCY_STATUSES) {
    for (const to of VACANCY_STATUSES) {
      if (from === to) continue;
      const key = `${from}>${to}`;
      it(`${allowed.has(key) ? 'allows' : 'refuses'} ${from} → ${to}`, () => {
        expect(canTransition(from, to)).toBe(allowed.has(key));
      });
    }
  }

  it('never reopens a filled vacancy without the explicit action', () => {
    expect(canTransition('filled', 'open')).toBe(false);
    expect(canTransition('closed', 'open')).toBe(false);
  });

  it('creates only as draft or open', () => {
    const base = {
      employerId: '01J00000000000000000000000',
      title: 'Cleaner',
      occupation: { title: 'Cleaner' },
      sector: 'cleaning-facilities',
      site: { postcode: 'LS1 1AA' },
      positions: 1,
      hoursPerWeek: { min: 10, max: 16 },
      shiftPatterns: ['early'],
      contractType: 'permanent',
      wage: { amount: 12.21, period: 'hour' },
      closingDate: '2027-01-01',
    };
    expect(VacancyCreate.parse(base).status).toBe('draft');
    expect(VacancyCreate.safeParse({ ...base, status: 'filled' }).success).toBe(false);
  });
});

describe('ranges', () => {
  it('refuses min above max', () => {
    const r = HoursRange.safeParse({ min: 30, max: 16 });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['min']);
  });

  it('refuses a cohort that ends before it starts', () => {
    const r = CohortCreate.safeParse({
      title: 'x',
      kind: 'sector',
      sector: 'retail',
      provider: 'p',
      venue: 'v',
      startDate: '2027-01-10',
      endDate: '2027-01-09',
      capacity: 10,
      modules: ['induction'],
    });
    expect(r.success).toBe(false);
  });
});

describe('derived facts for liaison officers', () => {
  it('says only whether adjustments are needed and the hour cap of permitted work', () => {
    const s = SensitiveInput.parse({
      health: 'Epilepsy',
      adjustments: ['No working at height'],
      benefitConstraints: { permittedWork: true },
    });
    expect(derivedFacts(s)).toEqual({ adjustmentsNeeded: true, maxHoursPerWeek: 16 });
    expect(derivedFacts(undefined)).toEqual({ adjustmentsNeeded: false });
    expect(derivedFacts(SensitiveInput.parse({ housing: 'Hostel' }))).toEqual({ adjustmentsNeeded: false });
  });
});

describe('PATCH semantics', () => {
  it('sets given fields, clears nulls, leaves the rest', () => {
    expect(applyPatch({ a: 1, b: 2, c: 3 } as Record<string, number>, { a: 9, b: null, c: undefined })).toEqual({ a: 9, c: 3 });
  });
});

describe('calendar months', () => {
  it('adds months, keeping the day or falling to the month’s last', async () => {
    const { addMonths } = await import('../../shared/domain/dates.js');
    expect(addMonths('2026-11-25', 36)).toBe('2029-11-25');
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-12-15', 2)).toBe('2027-02-15');
  });
});

describe('UK bank holidays', () => {
  it('match the dates GOV.UK publishes, in each calendar', async () => {
    const { bankHolidays } = await import('../../shared/domain/bank-holidays.js');
    expect(bankHolidays(2026, 'england-and-wales')).toEqual([
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-04',
      '2026-05-25',
      '2026-08-31',
      '2026-12-25',
      '2026-12-28',
    ]);
    expect(bankHolidays(2027, 'england-and-wales')).toEqual([
      '2027-01-01',
      '2027-03-26',
      '2027-03-29',
      '2027-05-03',
      '2027-05-31',
      '2027-08-30',
      '2027-12-27',
      '2027-12-28',
    ]);
    expect(bankHolidays(2025, 'england-and-wales')).toEqual([
      '2025-01-01',
      '2025-04-18',
      '2025-04-21',
      '2025-05-05',
      '2025-05-26',
      '2025-08-25',
      '2025-12-25',
      '2025-12-26',
    ]);
    expect(bankHolidays(2026, 'scotland')).toEqual([
      '2026-01-01',
      '2026-01-02',
      '2026-04-03',
      '2026-05-04',
      '2026-05-25',
      '2026-08-03',
      '2026-11-30',
      '2026-12-25',
      '2026-12-28',
    ]);
    expect(bankHolidays(2026, 'northern-ireland')).toEqual([
      '2026-01-01',
      '2026-03-17',
      '2026-04-03',
      '2026-04-06',
      '2026-05-04',
      '2026-05-25',
      '2026-07-13',
      '2026-08-31',
      '2026-12-25',
      '2026-12-28',
    ]);
    expect(bankHolidays(2022, 'england-and-wales')).toContain('2022-09-19');
  });

  it('are skipped by working-day deadlines', async () => {
    const { addWorkingDays } = await import('../../shared/domain/dates.js');
    // Thursday 24 December 2026 + 3 working days: Friday 25 (Christmas), Monday 28 (Boxing Day moved) are not.
    expect(addWorkingDays('2026-12-24', 3)).toBe('2026-12-31');
    // Easter 2027: Maundy Thursday + 1 working day skips Good Friday and Easter Monday.
    expect(addWorkingDays('2027-03-25', 1)).toBe('2027-03-30');
    expect(addWorkingDays('2026-11-25', 3)).toBe('2026-11-30');
  });
});

describe('CSV exports', () => {
  it('neutralise cells a spreadsheet would run as formulas, and leave numbers alone', async () => {
    const { toCsv } = await import('../../shared/use-cases/reports.js');
    const csv = toCsv([{ group: '=HYPERLINK("http://evil")', other: '+1+1', at: '@SUM(A1)', dash: '-2+3', n: -5, ok: 'adviser 1' }]);
    const [head, row] = csv.trim().split('\n');
    expect(head).toBe('group,other,at,dash,n,ok');
    expect(row).toBe(`"'=HYPERLINK(""http://evil"")",'+1+1,'@SUM(A1),'-2+3,-5,adviser 1`);
  });
});
