import { reviewReasons, type ReviewReason } from '../domain/casework.js';
import type { MilestoneKind } from '../domain/programmes.js';
import type { Actor } from '../domain/actor.js';
import { Id, SECTORS, UserId } from '../domain/common.js';
import type { Cohort } from '../domain/cohort.js';
import { addDays } from '../domain/dates.js';
import { ENGAGEMENT_STAGES, type Employer } from '../domain/employer.js';
import { READINESS, type Participant } from '../domain/participant.js';
import { skillKey } from '../domain/skills.js';
import { VACANCY_STATUSES, type Vacancy } from '../domain/vacancy.js';
import { ForbiddenError, ValidationError, type FieldError } from '../errors.js';
import { requireRole } from '../policy.js';
import type { Page } from '../domain/common.js';
import type { EmployerListFilter, PageRequest, VacancyListFilter } from '../ports/repositories.js';
import { allPages, type Deps } from './deps.js';
import { openCheckins } from './placements.js';
import { openSupportContacts } from './in-work-support.js';
import { skillsAsStored } from './skills.js';

/* ------------------------------------------------------------------------------------------------
 * Finding records by what people know of them: employers by name, stage, account manager and area;
 * vacancies by title, skill, employer, status and closing soon; an adviser's caseload by name,
 * reference, readiness and what needs doing. Each search reads one ordered list (the narrowest index
 * the filters allow) and keeps what matches the rest, so it pages past any number of records.
 * ---------------------------------------------------------------------------------------------- */

/** At most this many records are read for one page of results: a rare search pages on (“next”) rather than reading everything. */
export const SEARCH_READ_BUDGET = 1000;
const MAX_TEXT = 100;
const READ_SIZE = 100;

/** Lower case, accents dropped, anything but letters and digits a space: "Siân's Café" → ["sian", "s", "cafe"]. */
export const searchWords = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** Every word typed starts a word of the text ("kirk bak" finds "Kirkgate Bakery"); nothing typed matches everything. */
export function wordsMatch(typed: string | undefined, text: string): boolean {
  const wanted = searchWords(typed ?? '');
  if (!wanted.length) return true;
  const have = searchWords(text);
  return wanted.every((w) => have.some((h) => h.startsWith(w)));
}

/**
 * An address is in the area typed: a town (its words, as names are matched) or a postcode area,
 * district or sector: "LS" finds LS1 and LS11, "LS1" only LS1 (not LS11), "LS11 5" the sector.
 */
export function inArea(typed: string | undefined, address: { town: string; postcode: string }): boolean {
  const t = (typed ?? '').trim();
  if (!t) return true;
  const code = t.toUpperCase().replace(/\s+/g, ' ');
  if (/^[A-Z]{1,2}(\d[A-Z\d]?)?( \d[A-Z]{0,2})?$/.test(code)) {
    const postcode = address.postcode.toUpperCase().replace(/\s+/g, ' ').trim();
    const outward = postcode.split(' ')[0] ?? '';
    if (/^[A-Z]+$/.test(code)) return outward.replace(/\d.*$/, '') === code;
    if (!code.includes(' ')) return outward === code;
    return postcode.startsWith(code);
  }
  return wordsMatch(t, address.town);
}

/**
 * One page of what `keep` accepts from an ordered list read page after page, and a cursor that goes
 * on from the last record shown (when a read page holds more matches than fit, that page is read again
 * up to the last one shown, so the list's own cursor lands there). Stops at the end of the list, when
 * `stop` says nothing further can match (a list in closing-date order past the window), or after
 * SEARCH_READ_BUDGET records, handing on the cursor: the page may then be short, never wrong.
 */
export async function filteredPage<T>(
  read: (page: PageRequest) => Promise<Page<T>>,
  keep: (item: T) => boolean,
  page: PageRequest,
  stop: (item: T) => boolean = () => false,
): Promise<Page<T>> {
  const items: T[] = [];
  let cursor = page.cursor;
  let readSoFar = 0;
  for (;;) {
    const got = await read({ limit: READ_SIZE, ...(cursor ? { cursor } : {}) });
    readSoFar += got.items.length;
    const end = got.items.findIndex(stop);
    const considered = end === -1 ? got.items : got.items.slice(0, end);
    const matched = considered.flatMap((item, i) => (keep(item) ? [i] : []));
    const room = page.limit - items.length;
    if (matched.length >= room) {
      const lastShown = matched[room - 1]!;
      items.push(...matched.slice(0, room).map((i) => considered[i]!));
      const moreBeyond = end === -1 ? got.nextCursor : null;
      // Matches left on this page: the page again, up to the last one shown, gives a cursor just after it.
      if (matched.length > room)
        return { items, nextCursor: (await read({ limit: lastShown + 1, ...(cursor ? { cursor } : {}) })).nextCursor };
      return { items, nextCursor: moreBeyond };
    }
    items.push(...matched.map((i) => considered[i]!));
    if (end !== -1 || !got.nextCursor) return { items, nextCursor: null };
    cursor = got.nextCursor;
    if (readSoFar >= SEARCH_READ_BUDGET) return { items, nextCursor: cursor };
  }
}

/** Text a search was given, trimmed; too long is refused by name. */
function text(errors: FieldError[], path: string, value: string | undefined): string | undefined {
  const t = value?.trim();
  if (t && t.length > MAX_TEXT) errors.push({ path, message: `must be ${MAX_TEXT} characters or fewer` });
  return t || undefined;
}

function oneOf<T extends string>(errors: FieldError[], path: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (!value) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  errors.push({ path, message: 'choose an option' });
  return undefined;
}

const refuse = (errors: FieldError[]) => {
  if (errors.length) throw new ValidationError('Check the search', { errors });
};

/* Employers ------------------------------------------------------------------------------------- */

export interface EmployerSearch extends PageRequest {
  /** Words of its name. */
  q?: string;
  stage?: string;
  accountManagerId?: string;
  /** A town, or a postcode area, district or sector. */
  area?: string;
}

/** Employers matching every filter given, in name order (an employer user's search is of their own employer). */
export async function searchEmployers(deps: Deps, actor: Actor, s: EmployerSearch): Promise<Page<Employer>> {
  requireRole(actor, 'employer:read');
  const errors: FieldError[] = [];
  const q = text(errors, 'q', s.q);
  const area = text(errors, 'area', s.area);
  const stage = oneOf(errors, 'stage', s.stage, ENGAGEMENT_STAGES);
  const managerId = text(errors, 'accountManagerId', s.accountManagerId);
  if (managerId && !UserId.safeParse(managerId).success)
    errors.push({ path: 'accountManagerId', message: 'must be a user id, such as u-liaison-1' });
  refuse(errors);
  const keep = (e: Employer) =>
    (!stage || e.stage === stage) && (!managerId || e.accountManagerId === managerId) && wordsMatch(q, e.name) && inArea(area, e.address);
  if (actor.role === 'employer') {
    const own = actor.employerId ? await deps.repos.employers.get(actor.orgId, actor.employerId) : undefined;
    return { items: own && keep(own) ? [own] : [], nextCursor: null };
  }
  // The narrowest list the filters allow; the rest are checked on each record.
  const filter: EmployerListFilter = managerId ? { by: 'accountManager', managerId } : stage ? { by: 'stage', stage } : { by: 'all' };
  return filteredPage((page) => deps.repos.employers.list(actor.orgId, filter, page), keep, s);
}

/* Vacancies ------------------------------------------------------------------------------------- */

/** "Closing soon": closing within this many days. */
export const CLOSING_SOON_DAYS = 14;

export interface VacancySearch extends PageRequest {
  /** Words of its title or occupation. */
  title?: string;
  /** A skill, must-have or nice-to-have, as the skills list names it or a synonym. */
  skill?: string;
  /** Words of the employer's name. */
  employer?: string;
  status?: string;
  /** Only those closing within CLOSING_SOON_DAYS (from today, or already past their closing date but still open). */
  closingSoon?: boolean;
  /** One employer's vacancies only (the API's filter; an employer user's are always their own). */
  employerId?: string;
}

/**
 * Vacancies matching every filter, soonest closing first (an employer user's: their own). Advisers find drafts
 * as they list them: a draft gives them time to prepare candidates (docs/pipeline.md).
 */
export async function searchVacancies(deps: Deps, actor: Actor, s: VacancySearch): Promise<Page<Vacancy>> {
  requireRole(actor, 'vacancy:read');
  const errors: FieldError[] = [];
  const title = text(errors, 'title', s.title);
  const employer = text(errors, 'employer', s.employer);
  const skill = text(errors, 'skill', s.skill);
  const status = oneOf(errors, 'status', s.status, VACANCY_STATUSES) ?? 'open';
  refuse(errors);
  if (actor.role === 'employer' && s.employerId && s.employerId !== actor.employerId) return { items: [], nextCursor: null };
  const wanted = skill ? skillKey((await skillsAsStored(deps, actor.orgId, [skill])).skills[0] ?? skill) : undefined;
  const until = s.closingSoon ? addDays(deps.clock.today(), CLOSING_SOON_DAYS) : undefined;
  const keep = (v: Vacancy) =>
    v.status === status &&
    wordsMatch(title, `${v.title} ${v.occupation.title}`) &&
    wordsMatch(employer, v.employerName) &&
    (!wanted || [...v.essentialSkills, ...v.desirableSkills].some((x) => skillKey(x) === wanted)) &&
    (!until || v.closingDate <= until);
  const employerId = actor.role === 'employer' ? (actor.employerId ?? '-') : s.employerId;
  const filter: VacancyListFilter = employerId ? { by: 'employer', employerId, status } : { by: 'status', status };
  // The status list is in closing-date order: past the window, nothing further closes soon.
  const stop = until && filter.by === 'status' ? (v: Vacancy) => v.closingDate > until : undefined;
  return filteredPage((page) => deps.repos.vacancies.list(actor.orgId, filter, page), keep, s, stop);
}

/* A caseload ------------------------------------------------------------------------------------ */

export interface CaseloadSearch {
  /** Words of their name, or their participant reference. */
  text?: string;
  readiness?: string;
  /** Only people something is waiting on their adviser for. */
  needsAction?: boolean;
  /** One of CASELOAD_SORTS (surname by default); `last-contact` only for those who see casework. */
  sort?: string;
  /** Whose caseload (an adviser: always their own; an admin names the adviser). */
  adviserId?: string;
  limit: number;
  /** Where the page starts in the filtered caseload (its `nextCursor`). */
  cursor?: string;
}

/**
 * How a caseload can be ordered: by surname; by readiness (job-ready first); longest without a contact
 * first (casework, so for advisers and admins only); newest on the caseload first. Ties by surname.
 */
export const CASELOAD_SORTS = ['surname', 'readiness', 'last-contact', 'newest'] as const;
const READINESS_ORDER: Record<Participant['readiness'], number> = { green: 0, amber: 1, red: 2 };

/** What is waiting on the adviser for one person. */
export interface NeedsAction {
  /** Proposals to agree or decline with them, soonest deadline first. */
  proposals: { submissionId: string; vacancyTitle: string; agreeBy?: string }[];
  /** Check-ins that can be recorded now. */
  checkins: {
    placementId: string;
    vacancyTitle: string;
    milestone: number;
    kind?: MilestoneKind | undefined;
    dueOn: string;
    overdue: boolean;
  }[];
  /** In-work support contacts due or overdue (docs/casework.md), with how they asked to be contacted. */
  support: { placementId: string; vacancyTitle: string; day: number; dueOn: string; overdue: boolean; outsideWork: boolean }[];
  /** An appointment that has passed with no record of how it went (their casework summary's next appointment). */
  appointmentToRecord?: string;
  /** The review rules they have broken (their programme's review rules), each with the day it fell due: they are being left alone. */
  review: { reason: ReviewReason; dueOn: string }[];
}

export interface CaseloadRow {
  participant: Participant;
  needs: NeedsAction;
}

/**
 * An adviser's caseload (bounded: one adviser's people), filtered, in surname order (the caseload page,
 * and `GET /participants` given a search), each with what is waiting on the adviser (not for liaison officers): proposals to answer (read for those with a live submission only), check-ins
 * due and appointments passed without a record. `waiting` is everyone on the whole caseload something waits on, whatever the filters,
 * for the start page's "waiting on you" lists.
 */
export async function searchCaseload(
  deps: Deps,
  actor: Actor,
  s: CaseloadSearch,
): Promise<Page<CaseloadRow> & { total: number; waiting: CaseloadRow[] }> {
  requireRole(actor, 'participant:list');
  // Liaison officers find people by name, reference and readiness; what waits on an adviser comes from
  // their casework, which liaison officers do not see, so it is neither worked out nor filtered on for them.
  const withNeeds = actor.role === 'adviser' || actor.role === 'admin';
  if (!withNeeds && s.needsAction) throw new ForbiddenError('Only advisers and admins see what needs doing on a caseload');
  const errors: FieldError[] = [];
  const typed = text(errors, 'text', s.text);
  const readiness = oneOf(errors, 'readiness', s.readiness, READINESS);
  const adviserId = actor.role === 'adviser' ? actor.sub : text(errors, 'adviserId', s.adviserId);
  if (!adviserId) errors.push({ path: 'adviserId', message: 'enter the adviser’s user id' });
  else if (!UserId.safeParse(adviserId).success) errors.push({ path: 'adviserId', message: 'must be a user id, such as u-adviser-1' });
  const offset = s.cursor === undefined ? 0 : /^\d{1,6}$/.test(s.cursor) ? Number(s.cursor) : Number.NaN;
  if (Number.isNaN(offset)) errors.push({ path: 'cursor', message: 'must be a cursor this search gave' });
  const sort = oneOf(errors, 'sort', s.sort, withNeeds ? CASELOAD_SORTS : CASELOAD_SORTS.filter((x) => x !== 'last-contact')) ?? 'surname';
  refuse(errors);

  const caseload = await allPages((page) => deps.repos.participants.listByAdviser(actor.orgId, adviserId!, page));
  const [checkins, support, proposals] = withNeeds
    ? await Promise.all([
        openCheckins(deps, actor, caseload),
        openSupportContacts(deps, actor, caseload),
        Promise.all(
          caseload
            .filter((p) => (p.liveSubmissions ?? 0) > 0)
            .map(async (p) => [p.id, await deps.repos.submissions.listByParticipant(actor.orgId, p.id)] as const),
        ),
      ])
    : [[], [], []];
  const now = deps.clock.now().toISOString();
  const today = deps.clock.today();
  const needs = new Map<string, NeedsAction>(
    caseload.map((p) => {
      const at = withNeeds ? p.casework?.nextAppointmentAt : undefined;
      return [
        p.id,
        {
          proposals: [],
          checkins: [],
          support: [],
          review: withNeeds ? reviewReasons(p, today) : [],
          ...(at && at < now ? { appointmentToRecord: at } : {}),
        },
      ];
    }),
  );
  for (const [id, subs] of proposals) {
    for (const x of subs.filter((x) => x.state === 'proposed').sort((a, b) => (a.agreeBy ?? '').localeCompare(b.agreeBy ?? ''))) {
      needs.get(id)!.proposals.push({ submissionId: x.id, vacancyTitle: x.vacancyTitle, agreeBy: x.agreeBy });
    }
  }
  for (const c of checkins) {
    needs.get(c.placement.participantId)?.checkins.push({
      placementId: c.placement.id,
      vacancyTitle: c.placement.vacancyTitle,
      milestone: c.milestone,
      ...(c.kind ? { kind: c.kind } : {}),
      dueOn: c.dueOn,
      overdue: c.state === 'overdue',
    });
  }
  for (const x of support) {
    needs.get(x.placement.participantId)?.support.push({
      placementId: x.placement.id,
      vacancyTitle: x.placement.vacancyTitle,
      day: x.day,
      dueOn: x.dueOn,
      overdue: x.state === 'overdue',
      outsideWork: x.way === 'outside-work',
    });
  }
  const waiting = (n: NeedsAction) =>
    n.proposals.length + n.checkins.length + n.support.length + n.review.length > 0 || n.appointmentToRecord !== undefined;
  const reference = typed ? Id.safeParse(typed.toUpperCase()) : undefined;
  const rows = caseload
    .filter(
      (p) =>
        (!typed || (reference?.success ? p.id === reference.data : wordsMatch(typed, `${p.firstName} ${p.lastName}`))) &&
        (!readiness || p.readiness === readiness) &&
        (!s.needsAction || waiting(needs.get(p.id)!)),
    )
    .sort(caseloadOrder(sort))
    .map((participant) => ({ participant, needs: needs.get(participant.id)! }));
  return {
    items: rows.slice(offset, offset + s.limit),
    nextCursor: offset + s.limit < rows.length ? String(offset + s.limit) : null,
    total: rows.length,
    waiting: caseload.filter((p) => waiting(needs.get(p.id)!)).map((participant) => ({ participant, needs: needs.get(participant.id)! })),
  };
}

const bySurname = (a: Participant, b: Participant) => `${a.lastName} ${a.firstName}`.localeCompare(`${b.lastName} ${b.firstName}`, 'en-GB');

function caseloadOrder(sort: (typeof CASELOAD_SORTS)[number]): (a: Participant, b: Participant) => number {
  const first: Record<typeof sort, (a: Participant, b: Participant) => number> = {
    surname: () => 0,
    readiness: (a, b) => READINESS_ORDER[a.readiness] - READINESS_ORDER[b.readiness],
    // Never contacted comes first, then the longest ago.
    'last-contact': (a, b) => (a.casework?.lastContactAt ?? '').localeCompare(b.casework?.lastContactAt ?? ''),
    newest: (a, b) => b.createdAt.localeCompare(a.createdAt),
  };
  return (a, b) => first[sort](a, b) || bySurname(a, b);
}

/* Cohorts -------------------------------------------------------------------------------------- */

/** Where a cohort is in its course on a day: not begun, running (its first to its last day), or over. */
export const COHORT_PHASES = ['upcoming', 'running', 'ended'] as const;
export type CohortPhase = (typeof COHORT_PHASES)[number];
export const cohortPhase = (c: Pick<Cohort, 'startDate' | 'endDate'>, today: string): CohortPhase =>
  c.startDate > today ? 'upcoming' : c.endDate < today ? 'ended' : 'running';

/** How a list of cohorts can be ordered: soonest start first, most places free first, or by title. */
export const COHORT_SORTS = ['start', 'places', 'title'] as const;

export interface CohortSearch {
  /** Words of its title, provider or venue. */
  text?: string;
  sector?: string;
  phase?: string;
  sort?: string;
  limit: number;
  /** Where the page starts in the sorted list (its `nextCursor`). */
  cursor?: string;
}

/**
 * Cohorts matching every filter, in the order asked (soonest start first by default; ties by title).
 * A district runs tens of cohorts a year, so the list is read whole and sorted, and pages by position.
 */
export async function searchCohorts(deps: Deps, actor: Actor, s: CohortSearch): Promise<Page<Cohort> & { total: number }> {
  requireRole(actor, 'cohort:read');
  const errors: FieldError[] = [];
  const typed = text(errors, 'text', s.text);
  const sector = oneOf(errors, 'sector', s.sector, SECTORS);
  const phase = oneOf(errors, 'phase', s.phase, COHORT_PHASES);
  const sort = oneOf(errors, 'sort', s.sort, COHORT_SORTS) ?? 'start';
  const offset = s.cursor === undefined ? 0 : /^\d{1,6}$/.test(s.cursor) ? Number(s.cursor) : Number.NaN;
  if (Number.isNaN(offset)) errors.push({ path: 'cursor', message: 'must be a cursor this search gave' });
  refuse(errors);
  const today = deps.clock.today();
  const byTitle = (a: Cohort, b: Cohort) => a.title.localeCompare(b.title, 'en-GB');
  const order: Record<(typeof COHORT_SORTS)[number], (a: Cohort, b: Cohort) => number> = {
    start: (a, b) => a.startDate.localeCompare(b.startDate) || byTitle(a, b),
    places: (a, b) => b.capacity - b.enrolledCount - (a.capacity - a.enrolledCount) || a.startDate.localeCompare(b.startDate),
    title: byTitle,
  };
  const rows = (await allPages((page) => deps.repos.cohorts.list(actor.orgId, page)))
    .filter(
      (c) =>
        (!sector || c.sector === sector) &&
        (!phase || cohortPhase(c, today) === phase) &&
        wordsMatch(typed, `${c.title} ${c.provider} ${c.venue}`),
    )
    .sort(order[sort]);
  return {
    items: rows.slice(offset, offset + s.limit),
    nextCursor: offset + s.limit < rows.length ? String(offset + s.limit) : null,
    total: rows.length,
  };
}

/* Repeat vacancies ------------------------------------------------------------------------------ */

/**
 * The employer's open and draft vacancies with the same title as one about to be taken (the same
 * words, case and punctuation aside): most likely the same job taken twice, so the page asks first.
 */
export async function repeatVacancies(deps: Deps, actor: Actor, employerId: string, title: string): Promise<Vacancy[]> {
  requireRole(actor, 'vacancy:read');
  const same = searchWords(title).join(' ');
  if (!same) return [];
  const lists = await Promise.all(
    (['open', 'draft'] as const).map((status) =>
      allPages((page) => deps.repos.vacancies.list(actor.orgId, { by: 'employer', employerId, status }, page)),
    ),
  );
  return lists.flat().filter((v) => searchWords(v.title).join(' ') === same);
}
