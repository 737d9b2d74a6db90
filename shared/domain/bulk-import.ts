import { z } from 'zod';
import type { FieldError } from '../errors.js';

/**
 * Bulk import: the CSV column formats, the parsing of a file into rows, and the mapping of a row onto the
 * API's own create request (the zod schema then judges it, as it judges a request). Pure: no I/O.
 */

export const IMPORT_KINDS = ['employers', 'participants', 'vacancies'] as const;
export const ImportKind = z.enum(IMPORT_KINDS);
export type ImportKind = z.infer<typeof ImportKind>;

/**
 * A record's reference in the system it came from: what makes an imported row the same row when the file is
 * imported again. Unique per kind of record in an organisation (a guard item holds it).
 */
export const ExternalRef = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]*$/, { message: 'must be letters, digits and . _ : / - only' })
  .meta({ description: 'The record’s reference in the system it was imported from (unique per kind of record)', example: 'CRM-00042' });

/** The most data rows one import takes (the command line; the page and API take fewer, see IMPORT_LIMITS). */
export const MAX_IMPORT_ROWS = 20_000;

/**
 * What one upload through the page or the API may hold. The app refuses bodies over 256 KiB before
 * reading them (MAX_BODY_BYTES; the file travels inside a JSON string or a form, which adds escaping),
 * API Gateway takes at most 10 MB and Lambda 6 MB, and the API function has 10 s: 500 rows are checked
 * and created well inside that in AWS. Bigger files go through `npm run import`, or are split.
 */
export const IMPORT_LIMITS = { bytes: 200_000, rows: 500 } as const;

type Cell = 'text' | 'yesno' | 'number' | 'list' | 'date';

export interface ImportColumn {
  /** The header, as the file must spell it (lower case, underscores). */
  name: string;
  /** Where the value goes in the create request. */
  path: readonly string[];
  cell: Cell;
  required?: boolean;
  description: string;
  example: string;
}

const col = (name: string, path: string, cell: Cell, description: string, example: string, required = false): ImportColumn => ({
  name,
  path: path.split('.'),
  cell,
  description,
  example,
  ...(required ? { required } : {}),
});

const REFERENCE = col(
  'reference',
  'externalRef',
  'text',
  'Your reference for the record (unique; what makes a re-run skip it)',
  'CRM-00042',
  true,
);

export const IMPORT_COLUMNS: Record<ImportKind, readonly ImportColumn[]> = {
  employers: [
    REFERENCE,
    col('name', 'name', 'text', 'Trading name', 'Kirkgate Bakery', true),
    col('sector', 'sector', 'text', 'One of the sectors (see the API reference, e.g. retail, hospitality, logistics)', 'hospitality', true),
    col('size_band', 'sizeBand', 'text', 'micro, small, medium or large', 'small', true),
    col('company_number', 'companyNumber', 'text', 'Companies House number (8 characters)', '01234567'),
    col('address_line1', 'address.line1', 'text', 'First line of the address', '12 Kirkgate', true),
    col('address_line2', 'address.line2', 'text', 'Second line of the address', ''),
    col('town', 'address.town', 'text', 'Town or city', 'Leeds', true),
    col('postcode', 'address.postcode', 'text', 'UK postcode (located; an unknown one is an error)', 'LS1 6BG', true),
    col('stage', 'stage', 'text', 'prospect, contacted, engaged, active or lapsed (default prospect)', 'engaged'),
    col('account_manager_id', 'accountManagerId', 'text', 'The liaison officer’s user id', 'u-liaison-1', true),
    col('website', 'website', 'text', 'Web address', 'https://example.org'),
    col('guaranteed_interviews', 'commitments.guaranteedInterviews', 'yesno', 'yes or no (default no)', 'no'),
    col('work_trials', 'commitments.workTrials', 'yesno', 'yes or no (default no)', 'yes'),
    col(
      'disability_confident',
      'commitments.disabilityConfident',
      'text',
      'none, committed, employer or leader (default none)',
      'committed',
    ),
    col('open_to_convictions', 'commitments.openToConvictions', 'yesno', 'yes or no (default no)', 'no'),
    col('notes', 'notes', 'text', 'Notes', ''),
  ],
  participants: [
    REFERENCE,
    col('first_name', 'firstName', 'text', 'First name', 'Amira', true),
    col('last_name', 'lastName', 'text', 'Last name', 'Hussain', true),
    col('adviser_id', 'adviserId', 'text', 'The adviser’s user id (whose caseload they join)', 'u-adviser-1', true),
    col('postcode', 'home.postcode', 'text', 'Home postcode (located; an unknown one is an error)', 'LS9 8AB', true),
    col('unemployed_since', 'unemployedSince', 'date', 'YYYY-MM-DD', '2025-03-01', true),
    col('right_to_work', 'rightToWork', 'yesno', 'yes or no', 'yes', true),
    col('driving_licence', 'drivingLicence', 'yesno', 'yes or no (default no)', 'no'),
    col('skills', 'skills', 'list', 'Skills, separated by semicolons', 'customer service; food hygiene'),
    col('readiness', 'readiness', 'text', 'red, amber or green (default amber)', 'amber'),
    col('occupations', 'preferences.occupations', 'list', 'Occupations wanted, separated by semicolons', 'kitchen assistant'),
    col('sectors', 'preferences.sectors', 'list', 'Sectors wanted, separated by semicolons', 'hospitality; retail'),
    col('max_travel_km', 'preferences.maxTravelKm', 'number', 'How far they will travel, in km (default 15)', '12'),
    col('email', 'email', 'text', 'Email address', ''),
    col('phone', 'phone', 'text', 'Phone number', ''),
    col('payment_group', 'paymentGroup', 'text', 'The programme’s payment group', ''),
    col('referral_source', 'referralSource', 'text', 'Who referred them', ''),
    col('consent_matching', 'consent.matching', 'yesno', 'yes if they agreed to be matched to vacancies (default no)', 'yes'),
  ],
  vacancies: [
    REFERENCE,
    col(
      'employer_reference',
      'employerRef',
      'text',
      'The employer’s reference from an employers import (or give employer_id)',
      'CRM-00042',
    ),
    col('employer_id', 'employerId', 'text', 'The employer’s Routeway id (or give employer_reference)', ''),
    col('title', 'title', 'text', 'Job title', 'Kitchen assistant', true),
    col('occupation', 'occupation.title', 'text', 'Occupation', 'kitchen assistant', true),
    col('soc_code', 'occupation.socCode', 'text', '4-digit SOC 2020 code', '9263'),
    col('sector', 'sector', 'text', 'One of the sectors', 'hospitality', true),
    col('site_postcode', 'site.postcode', 'text', 'Where the work is (located; an unknown one is an error)', 'LS1 6BG', true),
    col('site_town', 'site.town', 'text', 'Town', 'Leeds'),
    col('positions', 'positions', 'number', 'How many people (1–500)', '2', true),
    col('hours_min', 'hoursPerWeek.min', 'number', 'Fewest hours a week', '16', true),
    col('hours_max', 'hoursPerWeek.max', 'number', 'Most hours a week', '30', true),
    col(
      'shift_patterns',
      'shiftPatterns',
      'list',
      'Shift patterns, separated by semicolons: day, early, late, night, weekend, split or flexible',
      'day',
      true,
    ),
    col('contract_type', 'contractType', 'text', 'permanent, fixed-term, temporary, zero-hours or apprenticeship', 'permanent', true),
    col('wage_amount', 'wage.amount', 'number', 'Pay in pounds', '12.21', true),
    col('wage_period', 'wage.period', 'text', 'hour, week or year', 'hour', true),
    col('essential_skills', 'essentialSkills', 'list', 'Essential skills, separated by semicolons', 'food hygiene'),
    col('desirable_skills', 'desirableSkills', 'list', 'Desirable skills, separated by semicolons', ''),
    col('driving_licence_required', 'drivingLicenceRequired', 'yesno', 'yes or no (default no)', 'no'),
    col('closing_date', 'closingDate', 'date', 'YYYY-MM-DD', '2027-03-31', true),
    col('start_date', 'startDate', 'date', 'YYYY-MM-DD', ''),
    col('status', 'status', 'text', 'draft or open (default draft)', 'open'),
    col('description', 'description', 'text', 'What the job is', ''),
  ],
};

/** The template to download: the header row and one example row. */
export function importTemplate(kind: ImportKind): string {
  const cols = IMPORT_COLUMNS[kind];
  return `${cols.map((c) => c.name).join(',')}\n${cols.map((c) => csvCell(c.example)).join(',')}\n`;
}

/** A cell as CSV writes it: quoted when it must be. */
export function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export interface CsvRow {
  /** The line the row starts on in the file (the header is line 1). */
  line: number;
  cells: string[];
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks; a byte-order mark and CRLF are accepted. */
export function parseCsv(text: string): { rows: CsvRow[] } | { error: string } {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let i = 0;
  const endRow = () => {
    cells.push(cell);
    // Blank lines (a trailing newline, a spreadsheet's empty rows) are not rows.
    if (cells.some((c) => c.trim() !== '')) rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  while (i < s.length) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"') {
        if (s[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else cell += ch;
    i++;
  }
  if (quoted) return { error: `A quoted value that starts on line ${rowLine} is never closed` };
  if (cell !== '' || cells.length) endRow();
  return { rows };
}

/** The header checked against the kind's columns: every name known, none twice, every required one there. */
export function checkHeader(kind: ImportKind, header: readonly string[]): FieldError[] {
  const cols = IMPORT_COLUMNS[kind];
  const names = header.map((h) => h.trim().toLowerCase());
  const errors: FieldError[] = [];
  names.forEach((n, i) => {
    if (!cols.some((c) => c.name === n)) errors.push({ path: n || `column ${i + 1}`, message: 'is not a column of this import' });
    else if (names.indexOf(n) !== i) errors.push({ path: n, message: 'appears twice' });
  });
  for (const c of cols) if (c.required && !names.includes(c.name)) errors.push({ path: c.name, message: 'is a required column' });
  return errors;
}

const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0']);

/**
 * One row as a create request (nested the way the API takes it), or the cells that could not be read as
 * their column's kind. Empty cells are left out, so the schema's defaults and required checks apply.
 */
export function rowToRequest(
  kind: ImportKind,
  header: readonly string[],
  cells: readonly string[],
): { request: Record<string, unknown>; errors: FieldError[] } {
  const cols = IMPORT_COLUMNS[kind];
  const request: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  if (cells.length > header.length) errors.push({ path: 'row', message: `has ${cells.length} values for ${header.length} columns` });
  header.forEach((h, i) => {
    const c = cols.find((x) => x.name === h.trim().toLowerCase());
    const raw = (cells[i] ?? '').trim();
    if (!c || raw === '') return;
    let value: unknown;
    switch (c.cell) {
      case 'yesno': {
        const v = raw.toLowerCase();
        if (YES.has(v)) value = true;
        else if (NO.has(v)) value = false;
        else {
          errors.push({ path: c.name, message: 'must be yes or no' });
          return;
        }
        break;
      }
      case 'number': {
        const n = Number(raw);
        if (!/^-?\d+(\.\d+)?$/.test(raw) || !Number.isFinite(n)) {
          errors.push({ path: c.name, message: 'must be a number' });
          return;
        }
        value = n;
        break;
      }
      case 'list':
        value = raw
          .split(';')
          .map((x) => x.trim())
          .filter(Boolean);
        break;
      default:
        value = raw;
    }
    setPath(request, c.path, value);
  });
  // The file has one consent column; what is shared with employers is asked of the participant later.
  if (kind === 'participants' && request.consent) request.consent = { shareWithEmployers: [], ...(request.consent as object) };
  return { request, errors };
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown) {
  let at = target;
  for (const key of path.slice(0, -1)) {
    at[key] ??= {};
    at = at[key] as Record<string, unknown>;
  }
  at[path.at(-1)!] = value;
}

/** A request field's path (as zod names it) as the column it came from, for errors people can find in their file. */
export function columnOf(kind: ImportKind, path: readonly PropertyKey[]): string {
  const p = path.map(String);
  let best: ImportColumn | undefined;
  for (const c of IMPORT_COLUMNS[kind]) {
    const prefix = c.path.every((k, i) => p[i] === k) || p.every((k, i) => c.path[i] === k);
    if (prefix && (!best || c.path.length > best.path.length)) best = c;
  }
  return best?.name ?? (p.join('.') || 'row');
}

/** What became of a row. */
export const IMPORT_OUTCOMES = ['created', 'duplicate', 'error', 'valid'] as const;
export type ImportOutcome = (typeof IMPORT_OUTCOMES)[number];

export interface ImportRowResult {
  line: number;
  reference: string;
  outcome: ImportOutcome;
  /** The record created, or the one it duplicates. */
  id?: string;
  errors: FieldError[];
}
