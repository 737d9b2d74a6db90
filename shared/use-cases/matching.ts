import type { Actor } from '../domain/actor.js';
import { isCohortLinked, type Cohort } from '../domain/cohort.js';
import { BusinessRuleError, NotFoundError } from '../errors.js';
import { buildPool, matchVacancy, profileIn } from '../matching/engine.js';
import { employerConditionReasons, evaluatePair, explain } from '../matching/evaluate.js';
import { coverRanges, postcodeArea, type CellRange } from '../matching/geo.js';
import { poolCell, toMatchProfile, toMatchVacancy } from '../matching/profile.js';
import type { Evaluation, ExclusionReason, MatchContext, MatchProfile, MatchVacancy } from '../matching/types.js';
import { MATCHING } from '../matching/weights.js';
import { assertParticipantWritable, requireRole } from '../policy.js';
import { MATCH_ALERTS } from '../domain/match-alerts.js';
import type { Vacancy } from '../domain/vacancy.js';
import type { Deps } from './deps.js';

/** Cohorts that could close a one-skill gap: read only when some result is one skill short. */
const upcomingCohorts = (deps: Deps, orgId: string, needed: boolean): Promise<Cohort[]> =>
  needed ? deps.repos.cohorts.startingFrom(orgId, deps.clock.today()) : Promise.resolve([]);

/** Reads the pool around a place: the cells its catchment covers, plus the postcode area's unlocated entries. */
function catchment(location: { lat: number; lng: number } | undefined, postcode: string, radiusKm: number) {
  if (!location) return { ranges: [] as CellRange[], cells: [] as string[], area: postcodeArea(postcode) };
  const ranges: CellRange[] = [...coverRanges(location.lat, location.lng, radiusKm), { cell: poolCell(undefined, postcode) }];
  return { ranges, cells: [...new Set(ranges.map((r) => r.cell))], area: undefined };
}

/** Who to put forward for a vacancy: ranked, explained, with exclusions counted and the fairness shares. */
/**
 * The most candidates one answer lists: `limit` (at most 100), except that every guaranteed-interview PET
 * completer is listed first whatever the limit; this bounds the answer even then.
 */
export const MAX_CANDIDATES = 500;

export async function matchesForVacancy(deps: Deps, actor: Actor, vacancyId: string, limit: number) {
  requireRole(actor, 'matching:vacancy');
  const vacancy = await deps.repos.vacancies.get(actor.orgId, vacancyId);
  if (!vacancy) throw new NotFoundError('vacancy', vacancyId);
  if (vacancy.status === 'filled' || vacancy.status === 'withdrawn') {
    throw new BusinessRuleError(`The vacancy is ${vacancy.status}: there is no one to match`);
  }
  const { where, mv, ctx, result: ranked, byId } = await rankVacancy(deps, actor.orgId, vacancy, limit);
  const { considered, ...result } = ranked;
  const summary = (id: string) => {
    const p = byId.get(id)!;
    return {
      name: p.displayName,
      adviserId: p.adviserId,
      skills: p.skills,
      certifications: p.certifications.map((c) => c.name),
      drivingLicence: p.drivingLicence,
    };
  };
  const today = deps.clock.today();
  // Why each could qualify: one must-have skill (with the training that teaches it), or a few hours to ask about.
  const whys = result.couldQualify.map((c) => couldQualifyBecause(evaluatePair(byId.get(c.participantId)!, mv, ctx), mv));
  const cohorts = await upcomingCohorts(
    deps,
    actor.orgId,
    whys.some((w) => w.missingSkill),
  );
  const oneShort = (c: (typeof result.couldQualify)[number], i: number) => {
    const why = whys[i]!;
    return {
      ...c,
      summary: summary(c.participantId),
      ...why,
      training: why.missingSkill ? cohortsTeaching(why.missingSkill, cohorts, today) : [],
    };
  };
  return {
    vacancyId,
    ...result,
    candidates: result.candidates.slice(0, MAX_CANDIDATES).map((c) => ({ ...c, summary: summary(c.participantId) })),
    nearlyReady: result.nearlyReady.map((c) => ({ ...c, summary: summary(c.participantId) })),
    couldQualify: result.couldQualify.map(oneShort),
    pool: {
      cells: where.area ? [`area:${where.area}`] : where.cells,
      ranges: where.area ? 1 : where.ranges.length,
      profilesRead: considered,
    },
  };
}

/**
 * Reads a vacancy's catchment and ranks it: the one way a vacancy is matched (the matches page, match
 * alerts, and a subcontractor's own caseload for a prime's shared vacancy). `orgId` is whose pool is read;
 * `shared` is set for another organisation's vacancy: its employer's conditions are the prime's record, and
 * who is already put forward is the pool organisation's own proposals for it.
 */
async function rankVacancy(
  deps: Deps,
  orgId: string,
  vacancy: Vacancy,
  limit: number,
  shared?: { primeOrgId: string; proposed: ReadonlySet<string> },
) {
  const where = catchment(vacancy.site.location, vacancy.site.postcode, MATCHING.catchmentKm);
  const [pool, linked, putForward, employer] = await Promise.all([
    // A vacancy with no location (rare: sites are located when written) reads its postcode area afresh.
    where.area
      ? deps.repos.pool.profilesInArea(orgId, where.area).then((ps) => [{ segment: buildPool(ps) }])
      : // Everyone in its catchment, and everyone who will travel further than it wherever they live.
        deps.repos.pool.catchment(orgId, where.ranges).then((c) => c.parts),
    deps.repos.cohorts.linkedTo(orgId, vacancy),
    shared ? shared.proposed : deps.repos.submissions.participantsPutForward(orgId, vacancy.id),
    // Its conditions on convictions and its adjustments offered, as they are now (used in ranking only, never shown).
    deps.repos.employers.get(shared?.primeOrgId ?? orgId, vacancy.employerId),
  ]);
  const ctx: MatchContext = {
    today: deps.clock.today(),
    petCompleters: await completersOf(deps, orgId, linked),
    alreadySubmitted: putForward,
  };
  const mv = toMatchVacancy(vacancy, employer);
  const result = matchVacancy(pool, mv, ctx, limit);
  // The profiles listed, taken at once: a warm pool may change under later awaits.
  const byId = new Map(
    [...result.candidates, ...result.nearlyReady, ...result.couldQualify].map((c) => [c.participantId, profileIn(pool, c.participantId)!]),
  );
  return { where, mv, ctx, result, byId };
}

/**
 * A vacancy's best-ranked candidates, each with their adviser, as the matches page ranks them (those
 * already put forward are left out): what match alerts are made from. Ids only, nothing about anyone.
 */
export async function topCandidates(deps: Deps, orgId: string, vacancy: Vacancy, limit: number) {
  const { result, byId } = await rankVacancy(deps, orgId, vacancy, limit);
  return result.candidates
    .slice(0, limit)
    .map((c) => ({ participantId: c.participantId, adviserId: byId.get(c.participantId)!.adviserId }));
}

/**
 * The reader's own caseload among a vacancy's best-ranked candidates (the `MATCH_ALERTS.topN` a match
 * alert is made from), best first: what an adviser's alert links to. Nobody else's participant, not even
 * as a count; an admin, who sees every caseload, sees all of them.
 */
export async function caseloadMatchesForVacancy(deps: Deps, actor: Actor, vacancyId: string) {
  requireRole(actor, 'matching:participant');
  const vacancy = await deps.repos.vacancies.get(actor.orgId, vacancyId);
  if (!vacancy) throw new NotFoundError('vacancy', vacancyId);
  if (vacancy.status !== 'open' && vacancy.status !== 'draft') return [];
  const { result, byId } = await rankVacancy(deps, actor.orgId, vacancy, MATCH_ALERTS.topN);
  return result.candidates.slice(0, MATCH_ALERTS.topN).flatMap((c) => {
    const p = byId.get(c.participantId)!;
    return actor.role === 'admin' || p.adviserId === actor.sub ? [{ participantId: c.participantId, name: p.displayName }] : [];
  });
}

/**
 * A prime's shared vacancy ranked over the caller's own organisation's pool (never the prime's): the
 * best-ranked `limit`, each with their adviser and score; those already proposed are left out.
 */
export async function rankOwnPoolFor(
  deps: Deps,
  orgId: string,
  vacancy: Vacancy,
  primeOrgId: string,
  proposed: ReadonlySet<string>,
  limit: number,
) {
  const { result, byId } = await rankVacancy(deps, orgId, vacancy, limit, { primeOrgId, proposed });
  return result.candidates.slice(0, limit).map((c) => {
    const p = byId.get(c.participantId)!;
    return { participantId: c.participantId, name: p.displayName, adviserId: p.adviserId, score: c.score };
  });
}

/** What a could-qualify candidate lacks, named, and said in plain words. */
function couldQualifyBecause(e: Evaluation, v: MatchVacancy): { missingSkill?: string; askAboutHours?: number; because: string } {
  if (e.couldQualifyBecause === 'hours' && e.askAboutHours !== undefined)
    return {
      askAboutHours: e.askAboutHours,
      because: `Ask the employer about ${e.askAboutHours} hours a week (the job asks for at least ${v.hours.min})`,
    };
  const skill = e.missingEssentialSkill ?? '';
  return { missingSkill: skill, because: `Missing one must-have skill: ${skill}` };
}

/** Words of a skill or a module, for comparing them ("manual-handling" is "manual handling"). */
const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/**
 * Training that would close a one-skill gap: cohorts of the organisation not yet started, with places
 * left, teaching the skill (a module of that name) or awarding it; the soonest three.
 */
export function cohortsTeaching(skill: string, cohorts: readonly Cohort[], today: string) {
  const want = norm(skill);
  return cohorts
    .filter(
      (c) =>
        c.startDate >= today && c.enrolledCount < c.capacity && [...c.modules, ...c.certificationsAwarded].some((m) => norm(m) === want),
    )
    .sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0))
    .slice(0, 3)
    .map((c) => ({ cohortId: c.id, title: c.title, startDate: c.startDate }));
}

async function completersOf(deps: Deps, orgId: string, cohorts: Cohort[]) {
  const map = new Map<string, { guaranteedInterview: boolean; cohortTitle: string }>();
  const lists = await Promise.all(cohorts.map((c) => deps.repos.cohorts.enrolments(orgId, c.id)));
  cohorts.forEach((c, i) => {
    for (const e of lists[i]!) {
      if (e.status !== 'completed') continue;
      const had = map.get(e.participantId);
      // A guaranteed interview from any linked cohort wins.
      if (!had || (!had.guaranteedInterview && c.guaranteedInterview))
        map.set(e.participantId, { guaranteedInterview: c.guaranteedInterview, cohortTitle: c.title });
    }
  });
  return map;
}

/**
 * Vacancies for one participant ("find vacancies for this person"): the same rules from the other side.
 * Their stated preferences and limits stay hard constraints; a participant who may not be matched gets
 * the reason, not a list.
 */
export async function matchesForParticipant(deps: Deps, actor: Actor, participantId: string, limit: number) {
  requireRole(actor, 'matching:participant');
  const participant = await deps.repos.participants.get(actor.orgId, participantId);
  if (!participant) throw new NotFoundError('participant', participantId);
  assertParticipantWritable(actor, participant);
  // As far as they will travel: the catchment bounds what a vacancy reads, not how far a person may go.
  const where = catchment(participant.home.location, participant.home.postcode, participant.preferences.maxTravelKm);
  // Everything else at once, now that the caller may see them: one round trip after the participant.
  const [sensitive, vacancies, completed, submissions] = await Promise.all([
    deps.repos.participants.getSensitive(actor.orgId, participantId),
    // Open vacancies in the cells their travel reaches: from a warm pool's memory, checked against the change log.
    where.area ? deps.repos.pool.vacanciesInArea(actor.orgId, where.area) : deps.repos.pool.vacanciesInCells(actor.orgId, where.cells),
    // The cohorts they completed, by id: each may link them to vacancies or employers.
    deps.repos.cohorts.enrolmentsOf(actor.orgId, participantId).then(async (enrolments) => {
      const ids = [...new Set(enrolments.filter((e) => e.status === 'completed').map((e) => e.cohortId))].sort();
      return (await Promise.all(ids.map((id) => deps.repos.cohorts.get(actor.orgId, id)))).filter((c): c is Cohort => c !== undefined);
    }),
    deps.repos.submissions.listByParticipant(actor.orgId, participantId),
  ]);
  const profile: MatchProfile = toMatchProfile(participant, sensitive);
  const putForwardFor = new Set(submissions.map((s) => s.vacancyId));
  const today = deps.clock.today();
  const excluded: Partial<Record<ExclusionReason, number>> = {};
  const ranked: { v: (typeof vacancies)[number]; ctx: MatchContext; scoreTenths: number; guaranteed: boolean }[] = [];
  const oneShort: { v: (typeof vacancies)[number]; ctx: MatchContext; scoreTenths: number; e: Evaluation }[] = [];
  const ruledOut: (typeof vacancies)[number][] = [];
  for (const v of vacancies) {
    const pet = completed.find((c) =>
      isCohortLinked(c, { id: v.match.id, employerId: v.match.employerId, linkedCohortIds: v.linkedCohortIds }),
    );
    const ctx: MatchContext = {
      today,
      petCompleters: pet ? new Map([[participantId, { guaranteedInterview: pet.guaranteedInterview, cohortTitle: pet.title }]]) : new Map(),
      alreadySubmitted: putForwardFor.has(v.match.id) ? new Set([participantId]) : new Set<string>(),
    };
    const e = evaluatePair(profile, v.match, ctx);
    if (e.excluded) {
      excluded[e.excluded] = (excluded[e.excluded] ?? 0) + 1;
      if (e.excluded === 'employer-conditions') ruledOut.push(v);
      continue;
    }
    if (e.couldQualify) oneShort.push({ v, ctx, scoreTenths: e.scoreTenths, e });
    else ranked.push({ v, ctx, scoreTenths: e.scoreTenths, guaranteed: e.guaranteedInterview });
  }
  oneShort.sort((a, b) => b.scoreTenths - a.scoreTenths || (a.v.match.id < b.v.match.id ? -1 : 1));
  ranked.sort(
    (a, b) => Number(b.guaranteed) - Number(a.guaranteed) || b.scoreTenths - a.scoreTenths || (a.v.match.id < b.v.match.id ? -1 : 1),
  );
  const shown = oneShort.slice(0, limit).map((r) => ({ ...r, why: couldQualifyBecause(r.e, r.v.match) }));
  const cohorts = await upcomingCohorts(
    deps,
    actor.orgId,
    shown.some((r) => r.why.missingSkill),
  );
  return {
    participantId,
    readiness: participant.readiness,
    vacancies: ranked.slice(0, limit).map((r, i) => ({
      vacancyId: r.v.match.id,
      rank: i + 1,
      score: r.scoreTenths / 10,
      title: r.v.title,
      employerName: r.v.employerName,
      closingDate: r.v.closingDate,
      guaranteedInterview: r.guaranteed,
      ...explain(profile, r.v.match, r.ctx, 'adviser'),
    })),
    // One must-have short (and the training that would close the gap), or a few hours to ask the employer about.
    couldQualify: shown.map((r, i) => {
      const why = r.why;
      return {
        vacancyId: r.v.match.id,
        rank: i + 1,
        score: r.scoreTenths / 10,
        title: r.v.title,
        employerName: r.v.employerName,
        closingDate: r.v.closingDate,
        ...why,
        training: why.missingSkill ? cohortsTeaching(why.missingSkill, cohorts, today) : [],
        ...explain(profile, r.v.match, r.ctx, 'adviser'),
      };
    }),
    // For their own adviser only: which vacancies the employer's conditions on convictions rule out, and why.
    ruledOut: ruledOut
      .sort((a, b) => (a.closingDate < b.closingDate ? -1 : a.closingDate > b.closingDate ? 1 : a.match.id < b.match.id ? -1 : 1))
      .slice(0, limit)
      .map((v) => ({
        vacancyId: v.match.id,
        title: v.title,
        employerName: v.employerName,
        closingDate: v.closingDate,
        reasons: employerConditionReasons(profile, v.match),
      })),
    excluded,
    pool: { cells: where.area ? [`area:${where.area}`] : where.cells, vacanciesRead: vacancies.length },
  };
}
