import type { Actor } from '../domain/actor.js';
import { reviewDueDates } from '../domain/casework.js';
import { DEFAULT_PROGRAMME, PROGRAMMES, reviewRulesOf, type ProgrammeId } from '../domain/programmes.js';
import { addDays, daysBetween } from '../domain/dates.js';
import { LONG_TERM_UNEMPLOYED_DAYS, READINESS, type Participant } from '../domain/participant.js';
import { requireRole } from '../policy.js';
import { allPages, type Deps } from './deps.js';
import { NO_TEAM, suppressSmall, SMALL_NUMBER } from './reports.js';

/**
 * Who is being left alone ("creaming and parking", Work Programme 003 §15, §18.5): for everyone still
 * looking for work (status active), as of today, by adviser and team, and by readiness group and time out
 * of work: how many there are, how many a contact reached in the last fortnight and how many it has not,
 * the contacts logged with them, and how many are overdue a review (a rule of their programme broken: they
 * are on their adviser's "needs a review" list) or due one in the next fortnight. Computed from the
 * casework summary on each participant record (dates and a count, never a note), read adviser by adviser
 * (each adviser in the staff directory, active or not: someone whose adviser is not in it is not counted).
 * Admins only, as the casework summary is theirs and their own adviser's. Counts of people by group (a
 * readiness band, a spell out of work) of 1 to 4 are held back as the referral-source report's are; the
 * adviser and team rows are not, as the fairness and officer reports' are not: they describe the staff's
 * work, and admins see every participant anyway.
 */

/** A review due within this many days (and not yet overdue) counts as due: a fortnight, the default programme's contact rule. */
export const REVIEW_DUE_WITHIN_DAYS = 14;

/** Spells out of work, as the report bands them (the long-term unemployed from a year). */
export const TIME_OUT_OF_WORK = ['under-6-months', '6-to-12-months', '1-to-2-years', '2-years-or-more'] as const;
export type TimeOutOfWork = (typeof TIME_OUT_OF_WORK)[number];

export const TIME_OUT_OF_WORK_LABELS: Record<TimeOutOfWork, string> = {
  'under-6-months': 'Under 6 months',
  '6-to-12-months': '6 to 12 months',
  '1-to-2-years': '1 to 2 years',
  '2-years-or-more': '2 years or more',
};

/** The band of a spell out of work on `today`: under six calendar months, then the long-term unemployed's year (LONG_TERM_UNEMPLOYED_DAYS), then two. */
export function timeOutOfWork(unemployedSince: string, today: string): TimeOutOfWork {
  const sixMonthsAgo = new Date(`${today}T00:00:00Z`);
  sixMonthsAgo.setUTCMonth(sixMonthsAgo.getUTCMonth() - 6);
  if (unemployedSince > sixMonthsAgo.toISOString().slice(0, 10)) return 'under-6-months';
  const days = daysBetween(unemployedSince, today);
  return days < LONG_TERM_UNEMPLOYED_DAYS ? '6-to-12-months' : days < 2 * LONG_TERM_UNEMPLOYED_DAYS ? '1-to-2-years' : '2-years-or-more';
}

export const CASEWORK_COUNTS = ['participants', 'contacted', 'notContacted', 'contactsLogged', 'reviewsOverdue', 'reviewsDue'] as const;
export type CaseworkCounts = Record<(typeof CASEWORK_COUNTS)[number], number>;

const none = (): CaseworkCounts => ({
  participants: 0,
  contacted: 0,
  notContacted: 0,
  contactsLogged: 0,
  reviewsOverdue: 0,
  reviewsDue: 0,
});

/** One participant's part in the counts, as of `today`. */
export function caseworkCounts(p: Participant, today: string): CaseworkCounts {
  const last = p.casework?.lastContactAt?.slice(0, 10);
  // Contacted as their programme counts it (shared/domain/programmes.ts): within its no-contact days.
  const contacted = last !== undefined && last > addDays(today, -reviewRulesOf(p.programme).noContactDays);
  const dates = reviewDueDates(p).map((r) => r.dueOn);
  const overdue = dates.some((d) => d <= today);
  const due = !overdue && dates.some((d) => d <= addDays(today, REVIEW_DUE_WITHIN_DAYS));
  return {
    participants: 1,
    contacted: contacted ? 1 : 0,
    notContacted: contacted ? 0 : 1,
    contactsLogged: p.casework?.contactsLogged ?? 0,
    reviewsOverdue: overdue ? 1 : 0,
    reviewsDue: due ? 1 : 0,
  };
}

const add = (a: CaseworkCounts, b: CaseworkCounts) => {
  for (const k of CASEWORK_COUNTS) a[k] += b[k];
};

/** The people counts (not the contacts logged) of a group table, with 1 to 4 held back. */
const PEOPLE_COUNTS = ['participants', 'contacted', 'notContacted', 'reviewsOverdue', 'reviewsDue'] as const;

function groupTable<G extends string>(groups: readonly G[], counts: Map<G, CaseworkCounts>) {
  const rows = groups.map((g) => counts.get(g) ?? none());
  const shown = suppressSmall(rows, PEOPLE_COUNTS);
  return groups.map((group, i) => ({
    group,
    ...shown[i]!.counts,
    // A sum of contacts could be worked back to a small group's people only with their counts: held back with them.
    contactsLogged: shown[i]!.suppressed.includes('participants') ? null : rows[i]!.contactsLogged,
    suppressed: [...shown[i]!.suppressed, ...(shown[i]!.suppressed.includes('participants') ? ['contactsLogged'] : [])],
  }));
}

export async function caseworkReport(deps: Deps, actor: Actor) {
  requireRole(actor, 'report:restricted');
  const today = deps.clock.today();
  const advisers = (await deps.directory.list(actor.orgId)).filter((m) => m.role === 'adviser');
  const caseloads = await Promise.all(
    advisers.map(async (a) => ({
      adviser: a,
      people: (await allPages((page) => deps.repos.participants.listByAdviser(actor.orgId, a.id, page))).filter(
        (p) => p.status === 'active',
      ),
    })),
  );
  const byAdviser = caseloads
    .map(({ adviser, people }) => {
      const c = none();
      for (const p of people) add(c, caseworkCounts(p, today));
      return { adviserId: adviser.id, name: adviser.name, team: adviser.team ?? null, ...c };
    })
    .filter((a) => a.participants > 0)
    .sort((a, b) => b.reviewsOverdue - a.reviewsOverdue || a.name.localeCompare(b.name, 'en-GB'));
  const teams = new Map<string, CaseworkCounts & { advisers: number }>();
  for (const a of byAdviser) {
    const key = a.team ?? NO_TEAM;
    const t = teams.get(key) ?? { advisers: 0, ...none() };
    t.advisers++;
    add(t, a);
    teams.set(key, t);
  }
  const readiness = new Map<(typeof READINESS)[number], CaseworkCounts>();
  const spell = new Map<TimeOutOfWork, CaseworkCounts>();
  const all = none();
  for (const p of caseloads.flatMap((x) => x.people)) {
    const c = caseworkCounts(p, today);
    add(all, c);
    for (const [m, k] of [
      [readiness, p.readiness],
      [spell, timeOutOfWork(p.unemployedSince, today)],
    ] as const) {
      const g = (m as Map<string, CaseworkCounts>).get(k) ?? none();
      add(g, c);
      (m as Map<string, CaseworkCounts>).set(k, g);
    }
  }
  return {
    asOf: today,
    smallNumber: SMALL_NUMBER,
    reviewDueWithinDays: REVIEW_DUE_WITHIN_DAYS,
    /** The default programme's; each programme's own are in `programmes`. */
    noContactDays: reviewRulesOf(DEFAULT_PROGRAMME).noContactDays,
    /** The programmes of the people counted, each with the review rules the counts applied. */
    programmes: [...new Set(caseloads.flatMap((x) => x.people.map((p) => p.programme ?? DEFAULT_PROGRAMME)))]
      .sort()
      .map((id: ProgrammeId) => ({ programme: id, name: PROGRAMMES[id].name, reviewRules: PROGRAMMES[id].reviewRules })),
    all,
    advisers: byAdviser,
    teams: [...teams.entries()]
      .sort(([a], [b]) => (a === NO_TEAM ? 1 : b === NO_TEAM ? -1 : a.localeCompare(b)))
      .map(([team, t]) => ({ team, ...t })),
    readiness: groupTable(READINESS, readiness),
    timeOutOfWork: groupTable(TIME_OUT_OF_WORK, spell),
  };
}

export type CaseworkReport = Awaited<ReturnType<typeof caseworkReport>>;

/** The report as spreadsheet rows: each adviser, team, readiness group and spell out of work; a count held back reads "<5". */
export function caseworkReportRows(r: CaseworkReport): Record<string, unknown>[] {
  const held = (row: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === null ? `<${r.smallNumber}` : v]));
  return [
    ...r.advisers.map(({ adviserId, ...a }) => ({ level: 'adviser', group: a.name, adviserId, ...a })),
    ...r.teams.map(({ team, ...t }) => ({ level: 'team', group: team, ...t })),
    ...r.readiness.map(({ group, suppressed: _s, ...g }) => held({ level: 'readiness', group, ...g })),
    ...r.timeOutOfWork.map(({ group, suppressed: _s, ...g }) => held({ level: 'time-out-of-work', group, ...g })),
  ];
}
