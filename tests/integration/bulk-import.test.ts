import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { createApp } from '../../functions/api/app.js';
import type { LocalSignIn } from '../../functions/api/web/sign-in.js';
import { csvCell, importTemplate } from '../../shared/domain/bulk-import.js';
import { importRecords } from '../../shared/use-cases/bulk-import.js';
import { generateDemoData } from '../../scripts/seed/generate.js';
import { PARTICIPANTS_IMPORT_HEADER, participantImportRow } from '../../scripts/seed/import-file.js';
import { body, createHarness, ORG, type Harness } from '../support/harness.js';
import { localWebApp, webClient, type Session } from '../support/web.js';

/**
 * Bulk import against DynamoDB Local: a 150-row participants file made from the demo district's
 * generator (dry run, import, the same file again), and the API and the page for a small file. How fast
 * a 3,000-row file goes is measured by `bench/import.ts` (`npm run bench`), not here.
 */
let h: Harness;
let web: ReturnType<typeof createApp>;
const USERS: LocalSignIn['users'] = [
  { sub: 'u-admin-1', role: 'admin', name: 'Ad Min' },
  { sub: 'u-adviser-1', role: 'adviser', name: 'Ada Viser' },
];
const { signInAs, get } = webClient(() => web);
const admin = { sub: 'u-admin-1', role: 'admin' as const, orgId: ORG };

beforeAll(async () => {
  h = await createHarness({ now: '2026-11-25T10:00:00Z' });
  await h.signIn('adm', 'admin', { sub: 'u-admin-1' });
  await h.signIn('adv', 'adviser', { sub: 'u-adviser-1' });
  web = localWebApp(h, USERS);
});
afterAll(() => h?.settled());

const HEADER = PARTICIPANTS_IMPORT_HEADER;

describe('a participants file of 150 rows', () => {
  // More rows than one BatchGetItem of references reads (100) and than one transaction takes (twelve rows,
  // docs/import.md), so the reference look-up and the packing both cross a boundary. Scale is `bench/import.ts`.
  const ROWS = 150;
  const ROWS_A_TRANSACTION = 12;
  const people = generateDemoData({ now: new Date('2026-11-25T10:00:00Z'), orgId: ORG }).participants.slice(0, ROWS);
  // One bad row inside the first pack's rows, one inside the third's, and the last row.
  const BAD = { 5: 'ZZ9 9ZZ', 30: 'not a postcode' } as Record<number, string>;
  const lines = people.map((p, i) => {
    const row = participantImportRow(p, `PX-${i}`);
    if (BAD[i]) return row.replace(csvCell(p.home.postcode), BAD[i]!);
    if (i === ROWS - 1) return row.replace(p.unemployedSince, '31/12/2024');
    return row;
  });
  const csv = `${HEADER}\n${lines.join('\n')}\n`;
  const VALID = ROWS - 3;

  /** The DynamoDB requests each import sends, by command name (a write path changed shows here). */
  const sent: string[] = [];
  beforeAll(() => {
    h.db.middlewareStack.add(
      (next, context) => (args) => {
        sent.push(context.commandName ?? '?');
        return next(args);
      },
      { step: 'initialize', name: 'countRequests' },
    );
  });
  const requests = async <T>(run: () => Promise<T>) => {
    sent.length = 0;
    const out = await run();
    const writes = sent.filter((c) => /Put|Update|Delete|BatchWrite|TransactWrite/.test(c));
    return { out, writes, transactions: writes.filter((c) => /^TransactWrite/.test(c)).length };
  };

  it('reports every bad row on a dry run and writes nothing; imports the rest, twelve to a transaction; the same file again creates nothing', async () => {
    expect(people.length).toBe(ROWS);
    const before = await h.snapshot();
    const { out: dry, writes: dryWrites } = await requests(() => importRecords(h.deps, admin, 'participants', csv, { dryRun: true }));
    expect(dryWrites).toEqual([]);
    expect(await h.snapshot()).toBe(before);
    expect(dry.counts).toEqual({ valid: VALID, created: 0, duplicate: 0, error: 3 });
    expect(dry.rows.filter((r) => r.errors.length).map((r) => [r.line, r.errors.map((e) => e.path)])).toEqual([
      [7, ['postcode']],
      [32, ['postcode']],
      [ROWS + 1, ['unemployed_since']],
    ]);

    const { out: first, transactions } = await requests(() =>
      importRecords(h.deps, admin, 'participants', csv, { dryRun: false, concurrency: 8 }),
    );
    expect(first.counts).toEqual({ valid: 0, created: VALID, duplicate: 0, error: 3 });
    // The packed path: one transaction per twelve rows (one at a time would be one a row), the last pack short.
    expect(transactions).toBe(Math.ceil(VALID / ROWS_A_TRANSACTION));
    const created = first.rows.filter((r) => r.outcome === 'created');
    const stored = await Promise.all(created.map((r) => h.deps.repos.participants.get(ORG, r.id!)));
    expect(stored.map((p) => p?.externalRef)).toEqual(created.map((r) => r.reference));
    expect(stored[0]).toMatchObject({ externalRef: 'PX-0', lastName: people[0]!.lastName, home: { postcode: people[0]!.home.postcode } });
    // Either side of a pack boundary, and the short last pack: each row whole, its readiness history begun.
    for (const at of [ROWS_A_TRANSACTION - 1, ROWS_A_TRANSACTION, VALID - 1]) {
      const row = created[at]!;
      expect(stored[at]).toMatchObject({ externalRef: row.reference, lastName: people[row.line - 2]!.lastName });
      expect(await h.deps.repos.participants.readinessHistory(ORG, row.id!)).toHaveLength(1);
    }

    const { out: again, writes: againWrites } = await requests(() => importRecords(h.deps, admin, 'participants', csv, { dryRun: false }));
    expect(againWrites).toEqual([]);
    expect(again.counts).toEqual({ valid: 0, created: 0, duplicate: VALID, error: 3 });
    expect(again.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
  });
});

describe('the API and the page', () => {
  const small = `${HEADER}\nAPI-1,Nia,Okafor,u-adviser-1,LS9 8AB,2025-01-10,yes,no,cleaning,green,yes\nAPI-2,,Okafor,u-adviser-1,LS9 8AB,2025-01-10,maybe,no,,green,yes\n`;

  it('imports over the API (JSON, or the result file as CSV), refusing a file whose columns are wrong, for admins only', async () => {
    const template = await h.call('GET', '/imports/participants/template', { as: 'adm' });
    expect(template.status).toBe(200);
    expect(await template.text()).toBe(importTemplate('participants'));
    const dry = await h.call('POST', '/imports/participants', { as: 'adm', body: { csv: small, dryRun: true } });
    expect(dry.status).toBe(200);
    const report = await body(dry);
    expect(report).toMatchObject({ kind: 'participants', dryRun: true, counts: { valid: 1, error: 1 } });
    const res = await h.call('POST', '/imports/participants', { as: 'adm', body: { csv: small }, headers: { accept: 'text/csv' } });
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await res.text()).trim().split('\n');
    expect(lines[0]).toBe('line,reference,outcome,id,problems');
    expect(lines[1]).toMatch(/^2,API-1,created,[0-9A-Z]{26},$/);
    expect(lines[2]).toBe('3,API-2,error,,right_to_work: must be yes or no; first_name: is required');
    const bad = await h.call('POST', '/imports/participants', { as: 'adm', body: { csv: 'reference,shoe_size\nX,9' } });
    expect(bad.status).toBe(400);
    expect((await body(bad)).errors).toEqual(expect.arrayContaining([{ path: 'shoe_size', message: 'is not a column of this import' }]));
    expect((await h.call('POST', '/imports/participants', { as: 'adv', body: { csv: small } })).status).toBe(403);
  });

  it('has an admin page: the templates, the upload, and what became of each row', async () => {
    const s: Session = await signInAs('admin', 'u-admin-1');
    const form = await get(s, '/app/admin/import');
    expect(form.status).toBe(200);
    expect(form.html).toContain('href="/app/admin/import/vacancies/template.csv"');
    const template = await get(s, '/app/admin/import/employers/template.csv');
    expect(template.type).toMatch(/text\/csv/);
    const upload = (fields: Record<string, string>, file?: string) => {
      const data = new FormData();
      data.set('csrf', s.csrf);
      for (const [k, v] of Object.entries(fields)) data.set(k, v);
      if (file !== undefined) data.set('file', new File([file], 'people.csv', { type: 'text/csv' }));
      return web.request('/app/admin/import', { method: 'POST', headers: { cookie: s.cookie }, body: data });
    };
    const missing = await upload({});
    expect(missing.status).toBe(400);
    const missingHtml = await missing.text();
    expect(missingHtml).toContain('Select what the file holds');
    expect(missingHtml).toContain('Select a CSV file to upload');
    const checked = await upload({ kind: 'participants', 'dryRun:boolean': 'true' }, small.replaceAll('API-', 'PAGE-'));
    expect(checked.status).toBe(200);
    const html = await checked.text();
    expect(html).toContain('File checked: nothing imported');
    expect(html).toContain('right_to_work: must be yes or no');
    expect(html).toContain('download="participants-import-result.csv"');
    const adviser = await signInAs('adviser', 'u-adviser-1');
    expect((await get(adviser, '/app/admin/import')).status).toBe(403);
  });
});
