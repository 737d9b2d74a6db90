import type { z } from 'zod';
import type { Actor } from '../domain/actor.js';
import {
  checkHeader,
  columnOf,
  importTemplate,
  IMPORT_OUTCOMES,
  MAX_IMPORT_ROWS,
  parseCsv,
  rowToRequest,
  type ImportKind,
  type ImportOutcome,
  type ImportRowResult,
} from '../domain/bulk-import.js';
import { EmployerCreate, normaliseEmployerName } from '../domain/employer.js';
import { ParticipantCreate } from '../domain/participant.js';
import { VacancyCreate } from '../domain/vacancy.js';
import { DomainError, DuplicateEmployerError, DuplicateReferenceError, ValidationError } from '../errors.js';
import { requireRole } from '../policy.js';
import type { Deps } from './deps.js';
import { createEmployers, possibleDuplicates } from './employers.js';
import { createParticipants } from './participants.js';
import { tryLocate } from './places.js';
import { toCsv } from './reports.js';
import { createVacancies } from './vacancies.js';

/**
 * Bulk import: a CSV file of employers, participants or vacancies checked row by row and created through
 * the same use cases the API's POST routes call (so the same rules, guards, pool entries and audit apply).
 * Every row is checked before anything is written: field by field against the API's own schema, its
 * postcode located, its reference (the `reference` column) looked up, and for employers the duplicate
 * check the pages make. A dry run stops there. A real run then creates the rows that passed, a few at a
 * time; each create takes its reference's guard in its own transaction, so the same file imported
 * twice (or twice at once) creates nothing the second time: those rows come back as duplicates.
 */

export interface ImportProgress {
  phase: 'checking' | 'writing';
  done: number;
  total: number;
}

export interface ImportOptions {
  dryRun: boolean;
  /** Creates in flight at once (default 8). */
  concurrency?: number;
  onProgress?: (p: ImportProgress) => void;
  /** Refuse files with more data rows than this (the page and API take fewer than the command line). */
  maxRows?: number;
}

export interface ImportReport {
  kind: ImportKind;
  dryRun: boolean;
  rows: ImportRowResult[];
  counts: Record<ImportOutcome, number>;
}

const SCHEMAS = { employers: EmployerCreate, participants: ParticipantCreate, vacancies: VacancyCreate } as const;

type Checked = { result: ImportRowResult; input?: unknown };

export async function importRecords(deps: Deps, actor: Actor, kind: ImportKind, csv: string, opts: ImportOptions): Promise<ImportReport> {
  requireRole(actor, 'data:import');
  const parsed = parseCsv(csv);
  if ('error' in parsed)
    throw new ValidationError('The file is not CSV we can read', { errors: [{ path: 'file', message: parsed.error }] });
  const [head, ...data] = parsed.rows;
  if (!head) throw new ValidationError('The file is empty', { errors: [{ path: 'file', message: 'has no header row' }] });
  const headerErrors = checkHeader(kind, head.cells);
  if (headerErrors.length) throw new ValidationError('The file’s columns are not the ones this import takes', { errors: headerErrors });
  const maxRows = opts.maxRows ?? MAX_IMPORT_ROWS;
  if (data.length > maxRows)
    throw new ValidationError(`The file has ${data.length} rows; one import takes at most ${maxRows}`, {
      errors: [{ path: 'file', message: `has more than ${maxRows} rows: split it` }],
    });
  const say = opts.onProgress ?? (() => {});

  // 1. Each row against the API's schema, and its reference against the file's other rows.
  const refCol = head.cells.findIndex((h) => h.trim().toLowerCase() === 'reference');
  const firstLineOf = new Map<string, number>();
  const checked: Checked[] = data.map((row) => {
    const reference = (row.cells[refCol] ?? '').trim();
    const { request, errors } = rowToRequest(kind, head.cells, row.cells);
    const result: ImportRowResult = { line: row.line, reference, outcome: 'error', errors };
    const seen = firstLineOf.get(reference);
    if (reference && seen !== undefined) errors.push({ path: 'reference', message: `is also on line ${seen}` });
    else if (reference) firstLineOf.set(reference, row.line);
    return { result, input: request };
  });

  // Vacancies name their employer by its import reference (or its id).
  if (kind === 'vacancies') await resolveEmployers(deps, actor, checked);

  const schema: z.ZodType = SCHEMAS[kind];
  for (const c of checked) {
    const out = schema.safeParse(c.input);
    if (!out.success) {
      for (const issue of out.error.issues) {
        const path = columnOf(kind, issue.path);
        // One message a column (an array's items can each fail); an employer not found is said once.
        const said = c.result.errors.some((e) => e.path === path || (path === 'employer_id' && e.path === 'employer_reference'));
        // An empty cell is left out of the request: zod's "expected string, received undefined" means it is required.
        const message = issue.code === 'invalid_type' && /received undefined$/.test(issue.message) ? 'is required' : issue.message;
        if (!said) c.result.errors.push({ path, message });
      }
    }
    c.input = out.success && !c.result.errors.length ? out.data : undefined;
  }

  // 2. References already recorded: those rows were imported before (or are taken): nothing to create.
  const held = await deps.repos.importRefs.find(
    actor.orgId,
    kind,
    checked.filter((c) => c.input).map((c) => c.result.reference),
  );
  for (const c of checked) {
    const id = c.input ? held.get(c.result.reference) : undefined;
    if (id) {
      c.result.outcome = 'duplicate';
      c.result.id = id;
      c.result.errors.push({ path: 'reference', message: 'is already recorded (imported before)' });
      c.input = undefined;
    }
  }

  // 3. Postcodes located (an unknown one is the row's error) and, for employers, the duplicate check.
  let done = 0;
  await inParallel(checked, opts.concurrency ?? 8, async (c) => {
    if (c.input) await locateAndCheck(deps, actor, kind, c);
    say({ phase: 'checking', done: ++done, total: checked.length });
  });
  if (kind === 'employers') sameEmployerInFile(checked);

  for (const c of checked) if (c.input) c.result.outcome = 'valid';

  // 4. The rows that passed, created through the API's use cases.
  if (!opts.dryRun) {
    const toCreate = checked.filter((c) => c.input);
    done = 0;
    // Several rows to a transaction, as the first start's demo load writes the district; a pack refused as
    // a whole (a reference taken meanwhile) is written again one by one, so each row gets its own answer.
    const packs: Checked[][] = [];
    for (let i = 0; i < toCreate.length; i += ROWS_A_REQUEST) packs.push(toCreate.slice(i, i + ROWS_A_REQUEST));
    await inParallel(packs, Math.max(1, Math.ceil((opts.concurrency ?? 8) / 2)), async (pack) => {
      const made = await createMany(
        deps,
        actor,
        kind,
        pack.map((c) => c.input),
      );
      for (const [i, c] of pack.entries()) settle(kind, c, made[i]!);
      say({ phase: 'writing', done: (done += pack.length), total: toCreate.length });
    });
  }

  const rows = checked.map((c) => c.result);
  const counts = Object.fromEntries(IMPORT_OUTCOMES.map((o) => [o, rows.filter((r) => r.outcome === o).length])) as Record<
    ImportOutcome,
    number
  >;
  return { kind, dryRun: opts.dryRun, rows, counts };
}

async function resolveEmployers(deps: Deps, actor: Actor, checked: Checked[]) {
  const refs = checked.map((c) => (c.input as { employerRef?: string }).employerRef).filter((r): r is string => !!r);
  const found = refs.length ? await deps.repos.importRefs.find(actor.orgId, 'employers', refs) : new Map<string, string>();
  for (const c of checked) {
    const { employerRef, ...request } = c.input as { employerRef?: string; employerId?: string };
    c.input = request;
    if (employerRef && request.employerId) {
      c.result.errors.push({ path: 'employer_reference', message: 'give employer_reference or employer_id, not both' });
    } else if (employerRef) {
      const id = found.get(employerRef);
      if (id) request.employerId = id;
      else c.result.errors.push({ path: 'employer_reference', message: 'is not the reference of an employer recorded here' });
    } else if (!request.employerId) {
      c.result.errors.push({ path: 'employer_reference', message: 'give the employer’s reference (or its id in employer_id)' });
    }
  }
}

/** Where each kind keeps the postcode people typed, and the column it came from. */
const PLACES = {
  employers: { field: 'address', column: 'postcode' },
  participants: { field: 'home', column: 'postcode' },
  vacancies: { field: 'site', column: 'site_postcode' },
} as const;

async function locateAndCheck(deps: Deps, actor: Actor, kind: ImportKind, c: Checked) {
  const input = c.input as Record<string, { postcode: string }>;
  const { field, column } = PLACES[kind];
  const place = await tryLocate(deps, input[field]!, field);
  if ('error' in place) {
    c.result.errors.push({ path: column, message: place.error.message });
    c.input = undefined;
    return;
  }
  c.input = { ...input, [field]: place.place };
  if (kind === 'employers') {
    const e = c.input as EmployerCreate;
    const { same } = await possibleDuplicates(deps, actor, e);
    if (same) {
      c.result.outcome = 'duplicate';
      c.result.id = same.id;
      c.result.errors.push({
        path: e.companyNumber && same.companyNumber === e.companyNumber ? 'company_number' : 'name',
        message: `is already recorded: ${same.name}, ${same.address.postcode}`,
      });
      c.input = undefined;
    }
  }
}

/** Two rows of one file for the same employer (name and postcode, or company number): the second is the duplicate. */
function sameEmployerInFile(checked: Checked[]) {
  const seen = new Map<string, number>();
  for (const c of checked) {
    const e = c.input as EmployerCreate | undefined;
    if (!e) continue;
    const marks = [`n|${normaliseEmployerName(e.name)}|${e.address.postcode}`, ...(e.companyNumber ? [`c|${e.companyNumber}`] : [])];
    const line = marks.map((m) => seen.get(m)).find((l) => l !== undefined);
    if (line !== undefined) {
      c.result.outcome = 'duplicate';
      c.result.errors.push({ path: 'name', message: `is the same employer as line ${line}` });
      c.input = undefined;
    } else for (const m of marks) seen.set(m, c.result.line);
  }
}

/** Rows written to one transaction (the repositories pack fewer when their items do not fit). */
const ROWS_A_REQUEST = 12;

function createMany(deps: Deps, actor: Actor, kind: ImportKind, inputs: unknown[]): Promise<({ id: string } | Error)[]> {
  switch (kind) {
    case 'employers':
      return createEmployers(deps, actor, inputs as EmployerCreate[]);
    case 'participants':
      return createParticipants(deps, actor, inputs as ParticipantCreate[]);
    case 'vacancies':
      return createVacancies(deps, actor, inputs as VacancyCreate[]);
  }
}

/** The row's outcome from what its create came to: the record, or the error that refused it. */
function settle(kind: ImportKind, c: Checked, made: { id: string } | Error) {
  if (!(made instanceof Error)) {
    c.result.outcome = 'created';
    c.result.id = made.id;
    return;
  }
  const err = made;
  // Taken meanwhile (another run of the same file, someone at the pages): the guard refused it.
  if (err instanceof DuplicateReferenceError || err instanceof DuplicateEmployerError) {
    c.result.outcome = 'duplicate';
    c.result.id = err.existingId;
    c.result.errors.push({ path: err instanceof DuplicateReferenceError ? 'reference' : 'name', message: 'is already recorded' });
  } else if (err instanceof DomainError && err.status < 500 && err.status !== 429) {
    c.result.outcome = 'error';
    c.result.errors.push(
      ...(err.errors?.length
        ? err.errors.map((e) => ({ ...e, path: columnOf(kind, e.path.split('.')) }))
        : [{ path: 'row', message: err.message }]),
    );
  } else {
    // The database not answering, or a limit: the row is not written; a re-run picks it up.
    c.result.outcome = 'error';
    c.result.errors.push({ path: 'row', message: 'could not be saved just now: import the file again to finish' });
  }
}

async function inParallel<T>(items: readonly T[], limit: number, fn: (t: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

/** The result file: one line per row of the file, with what became of it and why. */
export function importResultCsv(report: ImportReport): string {
  return toCsv(
    report.rows.map((r) => ({
      line: r.line,
      reference: r.reference,
      outcome: report.dryRun && r.outcome === 'valid' ? 'would be created' : r.outcome,
      id: r.id ?? '',
      problems: r.errors.map((e) => `${e.path}: ${e.message}`).join('; '),
    })),
  );
}

/** The template to download for a kind: its header and one example row. */
export function importTemplateFor(actor: Actor, kind: ImportKind): string {
  requireRole(actor, 'data:import');
  return importTemplate(kind);
}
