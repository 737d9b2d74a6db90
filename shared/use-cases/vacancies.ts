import type { Actor } from '../domain/actor.js';
import {
  canTransition,
  MAX_STATUS_CHANGES,
  mayReopen,
  VACANCY_TRANSITIONS,
  type Vacancy,
  type VacancyCreate,
  type VacancyPatch,
  type VacancyStatus,
} from '../domain/vacancy.js';
import type { VacancyReopen } from '../domain/vacancy.js';
import type { z } from 'zod';
import { BusinessRuleError, ConflictError, NotFoundError, ValidationError, type FieldError } from '../errors.js';
import { assertEmployerVisible, requireRole } from '../policy.js';
import type { PageRequest } from '../ports/repositories.js';
import { applyPatch, checkExpectedVersion, withVersionRetry, newRecordStamp, type Deps } from './deps.js';
import { endingWithVacancy, withdrawRemaining, withEnding } from './submissions.js';
import { callbackEndedBy } from './callbacks.js';
import { byWhom, event, intakeEvent, publishedEvent, statusEvent } from './events.js';
import { toMatchVacancy } from '../matching/profile.js';
import type { VacancyCallback } from '../domain/callback.js';
import { addWorkingDays } from '../domain/dates.js';
import { PIPELINE } from '../domain/pipeline-rules.js';
import { tryLocate } from './places.js';
import { vocabularyOf, withVacancySkills } from './skills.js';
import { searchVacancies } from './search.js';
import { toError, writeInBulk } from './bulk-write.js';
import type { Employer } from '../domain/employer.js';
import type { OutboxEvent } from '../domain/events.js';

function today(deps: Deps): string {
  return deps.clock.today();
}

/** Rules that need the current date or other records; shape rules live in the zod schemas. */
async function checkReferences(deps: Deps, actor: Actor, v: Pick<Vacancy, 'linkedCohortIds'>): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const cohorts = await Promise.all(v.linkedCohortIds.map((id) => deps.repos.cohorts.get(actor.orgId, id)));
  cohorts.forEach((c, i) => {
    if (!c) errors.push({ path: `linkedCohortIds.${i}`, message: 'unknown cohort' });
  });
  return errors;
}

function publishRules(deps: Deps, v: Pick<Vacancy, 'closingDate'>): FieldError[] {
  return v.closingDate < today(deps) ? [{ path: 'closingDate', message: 'must not be in the past when the vacancy is published' }] : [];
}

export async function createVacancy(deps: Deps, actor: Actor, input: VacancyCreate): Promise<Vacancy> {
  const made = await newVacancy(deps, actor, input);
  await writeVacancy(deps, actor, made);
  return made.vacancy;
}

/**
 * Several vacancies at once (bulk import): each checked and made exactly as `createVacancy` makes it, then
 * written several to a transaction (`createMany`), or one by one when that is refused (an employer changed
 * meanwhile, a reference taken), so each gets its own answer: the vacancy, or the error that refused it.
 */
export async function createVacancies(deps: Deps, actor: Actor, inputs: readonly VacancyCreate[]): Promise<(Vacancy | Error)[]> {
  const made = await Promise.all(inputs.map((input) => newVacancy(deps, actor, input).catch(toError)));
  return writeInBulk(
    made,
    {
      // An employer's own posting opens a callback, which only the one-by-one create writes.
      many: async (ready) => {
        if (ready.some((m) => m.callback)) throw new Error('callbacks are written one by one');
        await deps.repos.vacancies.createMany(ready.map((m) => ({ vacancy: m.vacancy, employer: m.employer, events: m.events })));
      },
      one: (m) => writeVacancy(deps, actor, m),
    },
    (m) => m.vacancy,
  );
}

interface NewVacancy {
  vacancy: Vacancy;
  employer: Employer;
  events: OutboxEvent[];
  callback?: VacancyCallback;
}

async function newVacancy(deps: Deps, actor: Actor, input: VacancyCreate): Promise<NewVacancy> {
  requireRole(actor, 'vacancy:write');
  // Employer users post only for their own employer; a foreign employer id reads as unknown.
  const employer =
    actor.role !== 'employer' || actor.employerId === input.employerId
      ? await deps.repos.employers.get(actor.orgId, input.employerId)
      : undefined;
  const errors: FieldError[] = [];
  if (!employer) errors.push({ path: 'employerId', message: 'unknown employer' });
  errors.push(...(await checkReferences(deps, actor, input)));
  const site = await tryLocate(deps, input.site, 'site');
  if ('error' in site) errors.push(site.error);
  if (errors.length || 'error' in site) throw new ValidationError('The vacancy refers to records or places that do not exist', { errors });
  const rule = input.status === 'open' ? publishRules(deps, input) : [];
  if (rule.length) throw new BusinessRuleError('A vacancy cannot be published with a closing date in the past', { errors: rule });
  const now = deps.clock.now().toISOString();
  const { status, ...fields } = input;
  // Skills are stored as the skills list names them; what it does not know is kept and flagged.
  const { index } = await vocabularyOf(deps, actor.orgId);
  const vacancy: Vacancy = withVacancySkills(
    {
      id: deps.ids.next(),
      ...fields,
      site: site.place,
      employerName: employer!.name,
      status,
      filledPositions: 0,
      ...(status === 'open' ? { publishedAt: now } : {}),
      statusHistory: [{ from: null, to: status, at: now, by: actor.sub }],
      ...newRecordStamp(actor, now),
    },
    index,
  );
  // Posted by the employer itself: its account manager calls back within two working days for what is missing.
  const callback: VacancyCallback | undefined =
    actor.role === 'employer'
      ? {
          orgId: actor.orgId,
          vacancyId: vacancy.id,
          employerId: vacancy.employerId,
          vacancyTitle: vacancy.title,
          openedAt: now,
          openedBy: actor.sub,
          dueOn: addWorkingDays(today(deps), PIPELINE.callbackWithinWorkingDays, PIPELINE.bankHolidays),
        }
      : undefined;
  return { vacancy, employer: employer!, events: [intakeEvent(deps, actor, vacancy, callback?.dueOn)], ...(callback ? { callback } : {}) };
}

async function writeVacancy(deps: Deps, actor: Actor, { vacancy, employer, events, callback }: NewVacancy) {
  // The pool entry carries the employer's terms as they are now: a policy change in between reads again.
  let first = true;
  await withVersionRetry(async () => {
    const current = first ? employer : await employerOf(deps, actor.orgId, vacancy.employerId);
    first = false;
    await deps.repos.vacancies.create(vacancy, current, events, callback);
  });
}

/** The employer a vacancy's pool entry is built with (its conditions on convictions, its adjustments offered). */
async function employerOf(deps: Deps, orgId: string, employerId: string) {
  const e = await deps.repos.employers.get(orgId, employerId);
  if (!e) throw new NotFoundError('employer', employerId);
  return e;
}

export async function getVacancy(deps: Deps, actor: Actor, id: string): Promise<Vacancy> {
  requireRole(actor, 'vacancy:read');
  const v = await deps.repos.vacancies.get(actor.orgId, id);
  if (!v) throw new NotFoundError('vacancy', id);
  assertEmployerVisible(actor, v.employerId, 'vacancy', id);
  // Advisers read drafts too: a draft gives them time to prepare candidates (Employment Zones §4.1.14).
  return v;
}

export interface VacancyListQuery extends PageRequest {
  employerId?: string;
  status?: VacancyStatus;
  title?: string;
  skill?: string;
  employer?: string;
  closingSoon?: boolean;
}

export async function listVacancies(deps: Deps, actor: Actor, q: VacancyListQuery) {
  requireRole(actor, 'vacancy:read');
  // Any of the words or closing-soon filters is the pages' search (which always means one status, `open` unless given).
  if (q.title !== undefined || q.skill !== undefined || q.employer !== undefined || q.closingSoon) return searchVacancies(deps, actor, q);
  const page = { limit: q.limit, cursor: q.cursor };
  if (actor.role === 'employer') {
    if (q.employerId && q.employerId !== actor.employerId) return { items: [], nextCursor: null };
    return deps.repos.vacancies.list(actor.orgId, { by: 'employer', employerId: actor.employerId ?? '-', status: q.status }, page);
  }
  if (q.employerId) return deps.repos.vacancies.list(actor.orgId, { by: 'employer', employerId: q.employerId, status: q.status }, page);
  return deps.repos.vacancies.list(actor.orgId, { by: 'status', status: q.status ?? 'open' }, page);
}

export async function updateVacancy(deps: Deps, actor: Actor, id: string, patch: VacancyPatch, ifMatch?: number): Promise<Vacancy> {
  requireRole(actor, 'vacancy:write');
  const refErrors = patch.linkedCohortIds ? await checkReferences(deps, actor, { linkedCohortIds: patch.linkedCohortIds }) : [];
  const site = patch.site ? await tryLocate(deps, patch.site, 'site') : undefined;
  if (site && 'error' in site) refErrors.push(site.error);
  if (refErrors.length) throw new ValidationError('The vacancy refers to records or places that do not exist', { errors: refErrors });
  const located = site && 'place' in site ? { ...patch, site: site.place } : patch;
  const { index } = await vocabularyOf(deps, actor.orgId);
  const updated = await withVersionRetry(async () => {
    const current = await deps.repos.vacancies.get(actor.orgId, id);
    if (!current) throw new NotFoundError('vacancy', id);
    assertEmployerVisible(actor, current.employerId, 'vacancy', id);
    checkExpectedVersion(current.version, ifMatch);
    const now = deps.clock.now().toISOString();
    // Every save maps the skills again, so one kept before an admin added it to the list is now recognised.
    const next: Vacancy = withVacancySkills(
      { ...applyPatch(current, located), updatedAt: now, updatedBy: actor.sub, version: current.version + 1 },
      index,
    );
    if (patch.status && patch.status !== current.status) {
      if (!canTransition(current.status, patch.status)) {
        const allowed = VACANCY_TRANSITIONS[current.status];
        throw new ConflictError(
          `A ${current.status} vacancy cannot become ${patch.status}` +
            (allowed.length ? ` (it can become: ${allowed.join(', ')})` : '') +
            (current.status === 'filled' || current.status === 'closed' ? '; use POST /vacancies/{id}/reopen to reopen it' : ''),
        );
      }
      if (patch.status === 'open') {
        const rule = publishRules(deps, next);
        if (rule.length) throw new BusinessRuleError('A vacancy cannot be published with a closing date in the past', { errors: rule });
        next.publishedAt = now;
      }
      next.statusHistory = [...current.statusHistory, { from: current.status, to: patch.status, at: now, by: actor.sub }];
    }
    // Hired and promised (an accepted offer) positions stay: the positions cannot drop below them.
    const held = next.filledPositions + (next.offersAccepted ?? 0);
    if (next.positions < held) {
      throw new BusinessRuleError('Positions cannot drop below the number already filled or promised by an accepted offer', {
        errors: [{ path: 'positions', message: `must be at least ${held}` }],
      });
    }
    const published = next.status === 'open' && current.status !== 'open';
    const employer = await employerOf(deps, actor.orgId, current.employerId);
    const callback = await callbackEndedBy(deps, current, next, actor.sub, now);
    const events = published
      ? [publishedEvent(deps, actor, next)]
      : next.status === 'open' && requirementsChanged(current, next)
        ? [event(deps, actor, 'vacancy.requirements-changed', { orgId: next.orgId, vacancyId: next.id, employerId: next.employerId })]
        : next.status !== current.status && next.status !== 'draft' && next.status !== 'open'
          ? [statusEvent(deps, actor, next, next.status)]
          : [];
    const ends = next.status !== current.status && (next.status === 'filled' || next.status === 'withdrawn');
    if (!ends) {
      await deps.repos.vacancies.update(current, next, events, employer, callback);
      return next;
    }
    // A vacancy that can take nobody more lets its live candidates go in the same transaction, and their advisers hear why.
    const ending = await endingWithVacancy(deps, actor, current, next.status === 'filled' ? 'position-filled' : 'vacancy-withdrawn');
    const ended = withEnding(next, ending);
    await deps.repos.submissions.endVacancy({
      vacancy: { prev: current, next: ended },
      ...(callback ? { callback } : {}),
      ended: ending.ended,
      events: [...events, ...ending.events],
    });
    return ended;
  });
  // Too many to end with it: withdrawn one by one now (the sweeper finishes what a crash leaves).
  if (updated.withdrawing) await withdrawRemaining(deps, actor, actor.orgId, id, updated.withdrawing.reasonCode);
  return updated;
}

/** Whether a change alters what matching reads of the vacancy (its skills, hours, place, pay…): who suits it may have changed. */
const requirementsChanged = (a: Vacancy, b: Vacancy) => JSON.stringify(toMatchVacancy(a)) !== JSON.stringify(toMatchVacancy(b));

/** The explicit action to reopen a closed or filled vacancy, with a reason and a new closing date. */
export async function reopenVacancy(deps: Deps, actor: Actor, id: string, input: z.infer<typeof VacancyReopen>, ifMatch?: number) {
  requireRole(actor, 'vacancy:write');
  return withVersionRetry(async () => {
    const current = await deps.repos.vacancies.get(actor.orgId, id);
    if (!current) throw new NotFoundError('vacancy', id);
    assertEmployerVisible(actor, current.employerId, 'vacancy', id);
    checkExpectedVersion(current.version, ifMatch);
    if (current.status !== 'closed' && current.status !== 'filled') {
      throw new ConflictError(`Only a closed or filled vacancy can be reopened; this one is ${current.status}`);
    }
    const positions = input.positions ?? current.positions;
    const errors = publishRules(deps, input);
    if (!mayReopen(current)) {
      errors.push({
        path: 'closingDate',
        message: `reopened too many times (${MAX_STATUS_CHANGES} changes of status): advertise it as a new vacancy`,
      });
    }
    if (current.status === 'filled' && positions <= current.filledPositions) {
      errors.push({ path: 'positions', message: `reopening a filled vacancy needs more than ${current.filledPositions} positions` });
    }
    if (errors.length) throw new BusinessRuleError('The vacancy cannot be reopened as asked', { errors });
    const now = deps.clock.now().toISOString();
    const next: Vacancy = {
      ...current,
      status: 'open',
      positions,
      closingDate: input.closingDate,
      publishedAt: now,
      statusHistory: [...current.statusHistory, { from: current.status, to: 'open', at: now, by: actor.sub, reason: input.reason }],
      updatedAt: now,
      updatedBy: actor.sub,
      version: current.version + 1,
    };
    await deps.repos.vacancies.update(
      current,
      next,
      [publishedEvent(deps, actor, next, { reopened: true, ...byWhom(actor) })],
      await employerOf(deps, actor.orgId, current.employerId),
    );
    return next;
  });
}
