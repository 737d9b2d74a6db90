import type { Actor } from '../domain/actor.js';
import { ValidationError } from '../errors.js';
import { requireRole } from '../policy.js';
import { emptyFunnel, FUNNEL_COUNTERS, type FunnelCounts } from '../domain/funnel.js';
import { PAYMENT_GROUPS, REFERRAL_SOURCES } from '../domain/participant.js';
import { allPages, type Deps } from './deps.js';

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
      // The programme's job outcome and sustainment points (each point reached counts once in the denominator).
      jobOutcomeRate: ratio(c.sustainedOutcome, c.reachedOutcome),
      sustainmentRate: ratio(c.sustainedSustainment, c.reachedSustainment),
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

type Split = ReturnType<typeof withRatios> & { group: string };

/**
 * The funnel of each group of one dimension (`payment`, `employer`, `officer`) that has counts, by name;
 * with `every`, each of those groups in that order, with or without counts, then any others.
 */
async function splitBy(deps: Deps, actor: Actor, period: { from: string; to: string }, dimension: string, every?: readonly string[]) {
  const groups = await deps.repos.stats.funnel(actor.orgId, period.from, period.to);
  const counted = new Map(
    [...groups.entries()].filter(([k]) => k.startsWith(`${dimension}#`)).map(([k, c]) => [k.slice(dimension.length + 1), c] as const),
  );
  const names = [...(every ?? []), ...[...counted.keys()].filter((g) => !every?.includes(g)).sort((a, b) => a.localeCompare(b))];
  return names.map((group): Split => ({ group, ...withRatios(counted.get(group) ?? EMPTY) }));
}

/**
 * Outcomes by Work Programme payment group (DWP's Table 1.1 groups; `none` when not recorded), every
 * group listed whether or not anything happened in it: facts about results, counted as things happened. The payment group is never a ranking input; it is a fact
 * only advisers and admins see of a person, so even its counts are for admins.
 */
export async function paymentGroupReport(deps: Deps, actor: Actor, q: { from?: string; to?: string }) {
  requireRole(actor, 'report:restricted');
  const period = reportPeriod(deps, actor, q);
  return { ...period, groups: await splitBy(deps, actor, period, 'payment', [...PAYMENT_GROUPS, 'none']) };
}

/** Counts from 1 to this many people are not shown in a report that could point at someone. */
export const SMALL_NUMBER = 5;

/**
 * Small-number suppression of one table: in each of `keys`, a count of 1 to `SMALL_NUMBER - 1` becomes
 * null; where a column then holds exactly one such gap, its next smallest count goes too, so no gap can
 * be worked out from the column's total (the funnel's, say). Zeros stay: there is nobody to point at.
 */
export function suppressSmall<K extends string>(rows: readonly Record<K, number>[], keys: readonly K[]) {
  const hidden = rows.map(() => new Set<K>());
  for (const k of keys) {
    const small = rows.flatMap((r, i) => (r[k] > 0 && r[k] < SMALL_NUMBER ? [i] : []));
    for (const i of small) hidden[i]!.add(k);
    if (small.length === 1) {
      const next = rows
        .map((r, i) => [r[k], i] as const)
        .filter(([n, i]) => n >= SMALL_NUMBER && !hidden[i]!.has(k))
        .sort((a, b) => a[0] - b[0])[0];
      if (next) hidden[next[1]]!.add(k);
    }
  }
  return rows.map((r, i) => ({
    counts: Object.fromEntries(keys.map((k) => [k, hidden[i]!.has(k) ? null : r[k]])) as Record<K, number | null>,
    suppressed: keys.filter((k) => hidden[i]!.has(k)),
  }));
}

/** What the referral-source report counts: the candidates' way from being put forward to 26 weeks in work. */
export const SOURCE_COUNTERS = [
  'proposed',
  'submitted',
  'interviews',
  'hires',
  'reached13',
  'sustained13',
  'reached26',
  'sustained26',
] as const;

/**
 * Referrals and hires by referral source (Joint Pilots, Table C.3: where the candidates put forward came
 * from): for each source (`none`: not recorded), every one listed, the candidates put forward, agreed,
 * interviewed, hired and in work at 13 and 26 weeks, counted as things happened. A source such as prison
 * or probation says a person has a conviction, so the report is for admins, as the payment groups' is,
 * and counts of 1 to 4 are not shown (`suppressSmall`); a rate is given only where both its counts are.
 */
export async function referralSourceReport(deps: Deps, actor: Actor, q: { from?: string; to?: string }) {
  requireRole(actor, 'report:restricted');
  const period = reportPeriod(deps, actor, q);
  const split = await splitBy(deps, actor, period, 'source', [...REFERRAL_SOURCES, 'none']);
  const shown = suppressSmall(split, SOURCE_COUNTERS);
  const rate = (a: number | null, b: number | null) => (a === null || b === null ? null : ratio(a, b));
  return {
    ...period,
    smallNumber: SMALL_NUMBER,
    sources: split.map(({ group }, i) => {
      const { counts: c, suppressed } = shown[i]!;
      return {
        source: group,
        ...c,
        suppressed,
        ratios: {
          submissionsPerInterview: rate(c.submitted, c.interviews),
          interviewsPerHire: rate(c.interviews, c.hires),
          sustained13Rate: rate(c.sustained13, c.reached13),
          sustained26Rate: rate(c.sustained26, c.reached26),
        },
      };
    }),
  };
}

/** The referral-source report as spreadsheet rows: a count not shown reads "<5". */
export function referralSourceRows(r: Awaited<ReturnType<typeof referralSourceReport>>): Record<string, unknown>[] {
  return r.sources.map(({ suppressed, ratios, ...row }) => ({
    ...Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === null ? `<${r.smallNumber}` : v])),
    ratios,
  }));
}

/** How much of the period's placements the busiest employers gave (Employment Zones §4.1.13: about 15% gave a third). */
export const TOP_EMPLOYER_SHARE = 0.15;

/**
 * Repeat business: each employer active in the period (a vacancy opened, someone put forward, a hire,
 * a milestone) with its hires and their share of all hires, busiest first; employers with two hires or
 * more are repeat business, and the top 15% of employers with hires are set against their share.
 */
export async function repeatBusinessReport(deps: Deps, actor: Actor, q: { from?: string; to?: string }) {
  const period = reportPeriod(deps, actor, q);
  const split = await splitBy(deps, actor, period, 'employer');
  const names = new Map(
    await Promise.all(split.map(async (g) => [g.group, (await deps.repos.employers.get(actor.orgId, g.group))?.name] as const)),
  );
  const hires = split.reduce((n, g) => n + g.hires, 0);
  const employers = split
    .map(({ group, ...c }) => ({
      employerId: group,
      name: names.get(group) ?? 'Employer no longer on record',
      ...c,
      shareOfHires: ratio(c.hires, hires),
    }))
    .sort((a, b) => b.hires - a.hires || b.vacanciesOpened - a.vacanciesOpened || a.name.localeCompare(b.name));
  const withHires = employers.filter((e) => e.hires > 0);
  const repeat = withHires.filter((e) => e.hires >= 2);
  const top = withHires.slice(0, Math.ceil(withHires.length * TOP_EMPLOYER_SHARE));
  return {
    ...period,
    hires,
    employersWithHires: withHires.length,
    repeatEmployers: repeat.length,
    repeatHiresShare: ratio(
      repeat.reduce((n, e) => n + e.hires, 0),
      hires,
    ),
    topEmployers: {
      count: top.length,
      hiresShare: ratio(
        top.reduce((n, e) => n + e.hires, 0),
        hires,
      ),
    },
    employers,
  };
}

/**
 * Submissions per interview and interviews per job (per hire) by the liaison officer who put the
 * candidates forward, each with their name and team from the staff directory, and summed by team (Employment Zones §3.1.39: 3 interviews to a placement where practice targets
 * fewer, better submissions, against 6 or 7 elsewhere).
 */
export async function officerReport(deps: Deps, actor: Actor, q: { from?: string; to?: string }) {
  const period = reportPeriod(deps, actor, q);
  const split = await splitBy(deps, actor, period, 'officer');
  const staff = await deps.directory.getMany(
    actor.orgId,
    split.map((o) => o.group),
  );
  const officers = split.map((o) => ({ ...o, name: staff.get(o.group)?.name ?? null, team: staff.get(o.group)?.team ?? null }));
  // The same by team, as the staff directory has each officer now (someone who moved counts in their new team).
  const teams = new Map<string, FunnelCounts & { officers: number }>();
  for (const o of officers) {
    const key = o.team ?? NO_TEAM;
    const t = teams.get(key) ?? { ...emptyFunnel(), officers: 0 };
    t.officers++;
    for (const k of FUNNEL_COUNTERS) t[k] += o[k];
    teams.set(key, t);
  }
  return {
    ...period,
    officers,
    teams: [...teams.entries()]
      .sort(([a], [b]) => (a === NO_TEAM ? 1 : b === NO_TEAM ? -1 : a.localeCompare(b)))
      .map(([team, { officers: n, ...c }]) => ({ team, officers: n, ...withRatios(c) })),
  };
}

/** The team of officers the staff directory gives none (or who are no longer in it). */
export const NO_TEAM = 'none';

/** One cohort's (or provider's) way from enrolment to sustained work. */
export interface PetOutcome {
  enrolled: number;
  completed: number;
  withdrawn: number;
  /** Of those who completed: invited to an interview, hired, and reaching (in work at) 13 and 26 weeks, after the cohort began. */
  interviewed: number;
  hired: number;
  reached13: number;
  sustained13: number;
  reached26: number;
  sustained26: number;
}

const noOutcomes = (): PetOutcome => ({
  enrolled: 0,
  completed: 0,
  withdrawn: 0,
  interviewed: 0,
  hired: 0,
  reached13: 0,
  sustained13: 0,
  reached26: 0,
  sustained26: 0,
});

/** What became of one completer after their cohort began: read from their own submissions and placements. */
async function afterCohort(deps: Deps, orgId: string, participantId: string, since: string) {
  const [subs, placements] = await Promise.all([
    deps.repos.submissions.listByParticipant(orgId, participantId),
    deps.repos.placements.listOf(orgId, participantId),
  ]);
  const later = subs.filter((s) => s.proposedAt.slice(0, 10) >= since);
  const jobs = placements.filter((p) => p.createdAt.slice(0, 10) >= since);
  const checkin = (m: 13 | 26) => jobs.map((p) => p.checkins.find((c) => c.milestone === m)).filter((c) => c !== undefined);
  // A milestone is reached as the funnel says: announced as due, or recorded.
  const reached = (m: 13 | 26) => checkin(m).some((c) => c.notified || c.recorded);
  const sustained = (m: 13 | 26) => checkin(m).some((c) => c.recorded?.inWork === true);
  return {
    interviewed: later.some((s) => s.history.some((h) => h.to === 'interview')),
    hired: jobs.length > 0,
    reached13: reached(13),
    sustained13: sustained(13),
    reached26: reached(26),
    sustained26: sustained(26),
  };
}

/**
 * PET cohort outcomes (the LEP report, §4.6: "little management information on the success" of
 * pre-employment training): each cohort that ended in the period, enrolled → completed → interviewed →
 * hired → in work at 13 and 26 weeks, what its completers did after it began, to date; and the same
 * summed by training provider. Reads the period's cohorts, their enrolments and each completer's own
 * submissions and placements: a few reads a completer, never a scan.
 */
export async function petOutcomesReport(deps: Deps, actor: Actor, q: { from?: string; to?: string }) {
  const period = reportPeriod(deps, actor, q);
  const all = await allPages((page) => deps.repos.cohorts.list(actor.orgId, page));
  const ended = all
    .filter((c) => c.endDate.slice(0, 7) >= period.from && c.endDate.slice(0, 7) <= period.to)
    .sort((a, b) => a.endDate.localeCompare(b.endDate) || a.title.localeCompare(b.title));
  const cohorts = await Promise.all(
    ended.map(async (c) => {
      const enrolments = await deps.repos.cohorts.enrolments(actor.orgId, c.id);
      const completers = enrolments.filter((e) => e.status === 'completed');
      const outcomes = await Promise.all(completers.map((e) => afterCohort(deps, actor.orgId, e.participantId, c.startDate)));
      const count = (k: keyof (typeof outcomes)[number]) => outcomes.filter((o) => o[k]).length;
      const o: PetOutcome = {
        enrolled: enrolments.length,
        completed: completers.length,
        withdrawn: enrolments.filter((e) => e.status === 'withdrawn').length,
        interviewed: count('interviewed'),
        hired: count('hired'),
        reached13: count('reached13'),
        sustained13: count('sustained13'),
        reached26: count('reached26'),
        sustained26: count('sustained26'),
      };
      return { cohortId: c.id, title: c.title, provider: c.provider, startDate: c.startDate, endDate: c.endDate, ...o };
    }),
  );
  const providers = new Map<string, PetOutcome & { provider: string; cohorts: number }>();
  for (const c of cohorts) {
    const p = providers.get(c.provider) ?? { provider: c.provider, cohorts: 0, ...noOutcomes() };
    p.cohorts++;
    for (const k of Object.keys(noOutcomes()) as (keyof PetOutcome)[]) p[k] += c[k];
    providers.set(c.provider, p);
  }
  return { ...period, cohorts, providers: [...providers.values()].sort((a, b) => a.provider.localeCompare(b.provider)) };
}

/** The PET report as spreadsheet rows: each cohort, then each provider. */
export function petOutcomeRows(r: Awaited<ReturnType<typeof petOutcomesReport>>): Record<string, unknown>[] {
  return [
    ...r.cohorts.map((c) => ({ level: 'cohort', ...c })),
    ...r.providers.map(({ provider, cohorts, ...o }) => ({ level: 'provider', provider, cohorts, ...o })),
  ];
}
