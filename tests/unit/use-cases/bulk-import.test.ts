import { beforeEach, describe, expect, it } from 'vitest';
import { IMPORT_COLUMNS, IMPORT_KINDS, importTemplate, parseCsv } from '../../../shared/domain/bulk-import.js';
import { ForbiddenError, ValidationError } from '../../../shared/errors.js';
import { importRecords, importResultCsv } from '../../../shared/use-cases/bulk-import.js';
import { fakeDeps, type FakeDeps } from '../../support/fakes/fake-deps.js';
import { admin, adviser, failureOf, liaison } from '../../support/fakes/scenario.js';

/** Bulk import: shared/use-cases/bulk-import.ts over the in-memory fakes. */
let deps: FakeDeps;
beforeEach(() => {
  deps = fakeDeps({ now: '2026-11-25T10:00:00Z' });
});

const PEOPLE_HEADER = 'reference,first_name,last_name,adviser_id,postcode,unemployed_since,right_to_work,skills,consent_matching';
const person = (ref: string, over: Partial<Record<'first' | 'postcode' | 'since' | 'rtw', string>> = {}) =>
  `${ref},${over.first ?? 'Amira'},Hussain,u-adviser-1,${over.postcode ?? 'LS1 4AP'},${over.since ?? '2025-03-01'},${over.rtw ?? 'yes'},"customer service; food hygiene",yes`;

describe('the CSV and the columns', () => {
  it('reads quoted commas, quotes and line breaks, a byte-order mark and CRLF, and skips blank lines', () => {
    const out = parseCsv('\uFEFFa,b\r\n"x, y","say ""hi""\nthere"\r\n\r\n1,2\n');
    expect(out).toEqual({
      rows: [
        { line: 1, cells: ['a', 'b'] },
        { line: 2, cells: ['x, y', 'say "hi"\nthere'] },
        { line: 5, cells: ['1', '2'] },
      ],
    });
    expect(parseCsv('a\n"never closed')).toEqual({ error: 'A quoted value that starts on line 2 is never closed' });
  });

  it('offers a template per kind whose every column is one the import reads, and its example row imports cleanly', async () => {
    for (const kind of IMPORT_KINDS) {
      const t = importTemplate(kind);
      expect(t.split('\n')[0]).toBe(IMPORT_COLUMNS[kind].map((c) => c.name).join(','));
    }
    const report = await importRecords(deps, admin, 'participants', importTemplate('participants').replace('LS9 8AB', 'LS1 4AP'), {
      dryRun: true,
    });
    expect(report.rows.map((r) => [r.outcome, r.errors])).toEqual([['valid', []]]);
  });
});

describe('importing participants', () => {
  it('is for admins only', async () => {
    for (const who of [adviser, liaison])
      expect(
        await failureOf(importRecords(deps, who, 'participants', `${PEOPLE_HEADER}\n${person('A1')}`, { dryRun: true })),
      ).toBeInstanceOf(ForbiddenError);
  });

  it('refuses a file whose columns are not the format, naming each', async () => {
    const err = await failureOf(
      importRecords(deps, admin, 'participants', 'reference,first_name,shoe_size,first_name\nA1,x,9,y', { dryRun: true }),
    );
    expect(err).toBeInstanceOf(ValidationError);
    const paths = (err as ValidationError).errors!.map((e) => `${e.path} ${e.message}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        'shoe_size is not a column of this import',
        'first_name appears twice',
        'last_name is a required column',
        'postcode is a required column',
      ]),
    );
  });

  it('on a dry run lists every bad row and field (by column) and writes nothing', async () => {
    const before = deps.snapshot();
    const csv = [
      PEOPLE_HEADER,
      person('A1'),
      person('A2', { postcode: 'ZZ9 9ZZ', rtw: 'perhaps' }),
      person('A3', { since: '1 March', first: '' }),
      person('A1'),
      person('A4', { postcode: 'not one' }),
    ].join('\n');
    const report = await importRecords(deps, admin, 'participants', csv, { dryRun: true });
    expect(deps.snapshot()).toBe(before);
    expect(report.counts).toEqual({ valid: 1, created: 0, duplicate: 0, error: 4 });
    const problems = Object.fromEntries(report.rows.map((r) => [r.line, r.errors.map((e) => e.path).sort()]));
    expect(problems).toEqual({ 2: [], 3: ['right_to_work'], 4: ['first_name', 'unemployed_since'], 5: ['reference'], 6: ['postcode'] });
    // A postcode that parses but cannot be placed is found once the rest of the row passes.
    const located = await importRecords(deps, admin, 'participants', `${PEOPLE_HEADER}\n${person('B1', { postcode: 'ZZ9 9ZZ' })}`, {
      dryRun: true,
    });
    expect(located.rows[0]!.errors).toEqual([{ path: 'postcode', message: expect.stringMatching(/not a postcode we can find/) }]);
    expect(importResultCsv(report).split('\n')[0]).toBe('line,reference,outcome,id,problems');
    expect(importResultCsv(report)).toContain('2,A1,would be created,,');
  });

  it('creates through the participant use case, and the same file again creates nothing new', async () => {
    const csv = [PEOPLE_HEADER, person('A1'), person('A2', { first: 'Ben' }), person('A3', { rtw: 'no' })].join('\n');
    const first = await importRecords(deps, admin, 'participants', csv, { dryRun: false });
    expect(first.counts).toMatchObject({ created: 3, duplicate: 0, error: 0 });
    const created = await deps.repos.participants.get(admin.orgId, first.rows[0]!.id!);
    expect(created).toMatchObject({
      externalRef: 'A1',
      firstName: 'Amira',
      adviserId: 'u-adviser-1',
      home: { postcode: 'LS1 4AP', location: { precision: 'district' } },
      skills: ['customer service', 'food hygiene'],
      consent: { matching: true, recordedBy: 'u-admin-1' },
      createdBy: 'u-admin-1',
    });
    const before = deps.snapshot();
    const again = await importRecords(deps, admin, 'participants', csv, { dryRun: false });
    expect(deps.snapshot()).toBe(before);
    expect(again.counts).toMatchObject({ created: 0, duplicate: 3, error: 0 });
    expect(again.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
  });

  it('reports a reference taken meanwhile (two runs at once) as a duplicate, never a second record', async () => {
    const csv = [PEOPLE_HEADER, person('A1')].join('\n');
    const [a, b] = await Promise.all([
      importRecords(deps, admin, 'participants', csv, { dryRun: false }),
      importRecords(deps, admin, 'participants', csv, { dryRun: false }),
    ]);
    expect([a.counts.created, b.counts.created].sort()).toEqual([0, 1]);
    expect(deps.repos.tables.participants.size).toBe(1);
  });
});

describe('importing employers and vacancies', () => {
  const EMP = 'reference,name,sector,size_band,address_line1,town,postcode,account_manager_id,company_number';
  it('reports duplicates of employers already recorded and within the file, and links vacancies by the employer’s reference', async () => {
    await importRecords(deps, admin, 'employers', `${EMP}\nE1,Kirkgate Bakery,hospitality,small,1 Kirkgate,Leeds,LS1 6BG,u-liaison-1,`, {
      dryRun: false,
    });
    const report = await importRecords(
      deps,
      admin,
      'employers',
      [
        EMP,
        'E2,The Kirkgate Bakery,hospitality,small,1 Kirkgate,Leeds,LS1 6BG,u-liaison-1,',
        'E3,Greenway Foods,retail,medium,2 Mill Lane,Bradford,BD1 1AA,u-liaison-1,01234567',
        'E4,Greenway Foods North,retail,medium,9 Mill Lane,York,YO1 7AA,u-liaison-1,01234567',
      ].join('\n'),
      { dryRun: false },
    );
    expect(report.rows.map((r) => r.outcome)).toEqual(['duplicate', 'created', 'duplicate']);
    expect(report.rows[2]!.errors[0]!.message).toBe('is the same employer as line 3');

    const VAC =
      'reference,employer_reference,title,occupation,sector,site_postcode,positions,hours_min,hours_max,shift_patterns,contract_type,wage_amount,wage_period,closing_date,status';
    const vacancies = await importRecords(
      deps,
      admin,
      'vacancies',
      [
        VAC,
        'V1,E3,Shelf filler,retail assistant,retail,BD1 1AA,2,16,30,day; late,permanent,12.21,hour,2027-03-31,open',
        'V2,NOPE,Shelf filler,retail assistant,retail,BD1 1AA,2,16,30,day,permanent,12.21,hour,2027-03-31,open',
        'V3,E3,Shelf filler,retail assistant,retail,BD1 1AA,0,30,16,fortnights,permanent,12.21,hour,2027-03-31,open',
      ].join('\n'),
      { dryRun: false },
    );
    expect(vacancies.rows.map((r) => [r.outcome, r.errors.map((e) => e.path).sort()])).toEqual([
      ['created', []],
      ['error', ['employer_reference']],
      ['error', ['hours_min', 'positions', 'shift_patterns']],
    ]);
    const v = await deps.repos.vacancies.get(admin.orgId, vacancies.rows[0]!.id!);
    expect(v).toMatchObject({ employerId: report.rows[1]!.id, externalRef: 'V1', status: 'open', shiftPatterns: ['day', 'late'] });
  });
});
