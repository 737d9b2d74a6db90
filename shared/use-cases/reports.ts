import type { Actor } from '../domain/actor.js';
import { ValidationError } from '../errors.js';
import { requireRole } from '../policy.js';
import { emptyFunnel, type FunnelCounts } from '../domain/funnel.js';
import type { Deps } from './deps.js';

const ratio = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 100) / 100);

function withRatios(c: FunnelCounts) {
  return {
    ...c,
    ratios: {
      callbacksOnTimeRate: ratio(c.callbacksOnTime, c.callbacksDue),
      submissionsPerInterview: ratio(c.submitted, c.interviews),
      interviewsPerHire: ratio(c.interviews, c.hires),
      // Of the placements that reached the milestone (in the period), how many were in work then: never
      // divided by hires too recent to have got there.
      sustained13Rate: ratio(c.sustained13, c.reached13),
      sustained26Rate: ratio(c.sustained26, c.reached26),
    },
  };
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The field messages of a refused period, for callers that say them in their own words. */
export const PERIOD_ERRORS = { notAMonth: 'must be a month as YYYY-MM', backwards: 'must not be after to' } as const;

function months(deps: Deps, from?: string, to?: string) {
  const now = deps.clock.now().toISOString().slice(0, 7);
  const start = new Date(`${now}-01T00:00:00Z`);
  start.setUTCMonth(start.getUTCMonth() - 11);
  const f = from ?? start.toISOString().slice(0, 7);
  const t = to ?? now;
  if (f > t)
    throw new ValidationError('The period ends before it starts', { errors: [{ path: 'from', message: PERIOD_ERRORS.backwards }] });
  return { from: f, to: t };
}

const EMPTY: FunnelCounts = emptyFunnel();

/**
 * The months a report covers, for those who may read reports (403 before anything else): `from` and
 * `to` as YYYY-MM, the last 12 months by default, the first not after the last; each bad field named.
 */
export function reportPeriod(deps: Deps, actor: Actor, q: { from?: string; to?: string }) {
  requireRole(actor, 'report:read');
  const errors = (['from', 'to'] as const)
    .filter((k) => q[k] !== undefined && !MONTH.test(q[k]!))
    .map((path) => ({ path, message: PERIOD_ERRORS.notAMonth }));
  if (errors.length) throw new ValidationError('The period is not valid', { errors });
  return months(deps, q.from, q.to);
}

/** Engagement to 26-week sustainment, from counters the notifier keeps, never from a scan. */
export async function funnelReport(deps: Deps, actor: Actor, q: { from?: string; to?: string }) {
  const period = reportPeriod(deps, actor, q);
  // Employers engaged in the period: each one in contact (an interaction that happened then, or a
  // vacancy it opened) counted once, from the markers those writes keep.
  const [groups, employersEngaged] = await Promise.all([
    deps.repos.stats.funnel(actor.orgId, period.from, period.to),
    deps.repos.stats.employersEngaged(actor.orgId, period.from, period.to),
  ]);
  return { ...period, employersEngaged, ...withRatios(groups.get('all') ?? EMPTY) };
}

/** The same funnel split by participant group: long-term unemployed or not, readiness band, adviser. */
export async function fairnessReport(deps: Deps, actor: Actor, q: { from?: string; to?: string }) {
  const period = reportPeriod(deps, actor, q);
  const groups = await deps.repos.stats.funnel(actor.orgId, period.from, period.to);
  const split = (dimension: string) =>
    [...groups.entries()]
      .filter(([k]) => k.startsWith(`${dimension}#`))
      .map(([k, c]) => ({ group: k.slice(dimension.length + 1), ...withRatios(c) }))
      .sort((a, b) => a.group.localeCompare(b.group));
  return { ...period, longTermUnemployed: split('ltu'), readiness: split('readiness'), adviser: split('adviser') };
}

/** CSV for spreadsheets: one row per group. */
export function toCsv(rows: Record<string, unknown>[]): string {
  const flat = rows.map((r) => {
    const { ratios, ...rest } = r as { ratios?: Record<string, unknown> };
    return { ...rest, ...(ratios ?? {}) };
  });
  const cols = [...new Set(flat.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown) => {
    const raw = v === null || v === undefined ? '' : String(v);
    // A text cell a spreadsheet would run as a formula (=, +, -, @, or a tab or return first) is
    // neutralised with a leading apostrophe (OWASP, "CSV injection"); numbers are left as numbers.
    const s = typeof v !== 'number' && /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `${[cols.join(','), ...flat.map((r) => cols.map((c) => cell((r as Record<string, unknown>)[c])).join(','))].join('\n')}\n`;
}
