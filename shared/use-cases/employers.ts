import type { Actor } from '../domain/actor.js';
import {
  MAX_CONTACTS,
  MAX_PLEDGES,
  normaliseEmployerName,
  type Contact,
  type Employer,
  type EmployerCreate,
  type EmployerPatch,
  type Interaction,
  type Pledge,
} from '../domain/employer.js';
import type { z } from 'zod';
import type { ContactCreate, ContactPatch, InteractionCreate, PledgeCreate } from '../domain/employer.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { assertEmployerVisible, requireRole } from '../policy.js';
import type { EmployerListFilter, PageRequest, RecordCap } from '../ports/repositories.js';
import { recordCap } from './record-cap.js';
import { allPages, applyPatch, checkExpectedVersion, withVersionRetry, newRecordStamp, type Deps } from './deps.js';
import { employerTermsOf } from '../matching/profile.js';
import { isoDate } from '../clock.js';
import { locate } from './places.js';
import { searchEmployers } from './search.js';
import { callbackMade, closesCallback, type VacancyCallback } from '../domain/callback.js';
import { event } from './events.js';
import { toError, writeInBulk } from './bulk-write.js';

export async function createEmployer(deps: Deps, actor: Actor, input: EmployerCreate): Promise<Employer> {
  const employer = await newEmployer(deps, actor, input);
  await deps.repos.employers.create(employer);
  return employer;
}

/**
 * Several employers at once (bulk import): each made exactly as `createEmployer` makes it, then written
 * several to a transaction (`createMany`), or one by one when that is refused (a name, company number or
 * reference taken meanwhile), so each gets its own answer: the employer, or the error that refused it.
 */
export async function createEmployers(deps: Deps, actor: Actor, inputs: readonly EmployerCreate[]): Promise<(Employer | Error)[]> {
  const made = await Promise.all(inputs.map((input) => newEmployer(deps, actor, input).catch(toError)));
  // New employers start with no contacts or pledges: their caps are never reached here.
  const caps = { contacts: recordCap(MAX_CONTACTS, 0, 'contacts'), pledges: recordCap(MAX_PLEDGES, 0, 'pledges') };
  return writeInBulk(
    made,
    {
      many: (ready) =>
        deps.repos.employers.createMany(
          ready.map((employer) => ({ employer })),
          caps,
        ),
      one: (e) => deps.repos.employers.create(e),
    },
    (e) => e,
  );
}

async function newEmployer(deps: Deps, actor: Actor, input: EmployerCreate): Promise<Employer> {
  requireRole(actor, 'employer:write');
  const address = await locate(deps, input.address, 'address');
  const now = deps.clock.now().toISOString();
  return { id: deps.ids.next(), ...input, address, ...newRecordStamp(actor, now) };
}

/** What may already be recorded of an employer about to be recorded (or renamed or moved). */
export interface PossibleDuplicates {
  /** Recorded with the same name and postcode, or the same company number: recording it again would be refused. */
  same?: Employer;
  /** Recorded under a name like this one, elsewhere or written differently (another branch, or the same employer): for the officer to rule out. */
  similar: Employer[];
}

/** The most similar names shown: enough to spot the one meant, few enough to read. */
const SIMILAR_SHOWN = 5;

/**
 * Employers that may be the one about to be recorded, for the officer to open or rule out before the
 * duplicate guard refuses it: a name that normalises alike (as the guard normalises it) or one that
 * starts with the other, or another of the same first word at the same postcode, and among those the
 * same company number. Read from the name index by the name's first word (at most 100 names each), so
 * it costs two or three queries, never a scan; a company number recorded under another name is left to
 * the guard, which the pages also meet. `exceptId` leaves out the employer being changed.
 */
export async function possibleDuplicates(
  deps: Deps,
  actor: Actor,
  input: Pick<EmployerCreate, 'name' | 'companyNumber'> & { address: Pick<EmployerCreate['address'], 'postcode'> },
  exceptId?: string,
): Promise<PossibleDuplicates> {
  requireRole(actor, 'employer:write');
  const target = normaliseEmployerName(input.name);
  // The name index holds names as written: "The Kirkgate Bakery" under "the kirkgate…", though it normalises to
  // "kirkgate bakery". So look under the first word as typed, as normalised, and with "the" before it.
  const first = target.split(' ')[0] ?? '';
  const firstWords = [...new Set([(input.name.trim().split(/\s+/)[0] ?? '').toLowerCase(), first, first && `the ${first}`])].filter(
    (w) => w.length >= 2,
  );
  const found = new Map<string, Employer>();
  for (const word of firstWords) {
    const page = await deps.repos.employers.list(actor.orgId, { by: 'namePrefix', prefix: word }, { limit: 100 });
    for (const e of page.items) if (e.id !== exceptId) found.set(e.id, e);
  }
  const candidates = [...found.values()];
  const same = candidates.find(
    (e) =>
      (normaliseEmployerName(e.name) === target && e.address.postcode === input.address.postcode) ||
      (input.companyNumber !== undefined && e.companyNumber === input.companyNumber),
  );
  const similar = candidates.filter((e) => {
    if (e.id === same?.id) return false;
    const theirs = normaliseEmployerName(e.name);
    return (
      theirs === target ||
      (target !== '' && (theirs.startsWith(`${target} `) || target.startsWith(`${theirs} `))) ||
      (e.address.postcode === input.address.postcode && theirs.split(' ')[0] === first)
    );
  });
  return { ...(same ? { same } : {}), similar: similar.slice(0, SIMILAR_SHOWN) };
}

export async function getEmployer(deps: Deps, actor: Actor, id: string): Promise<Employer> {
  requireRole(actor, 'employer:read');
  assertEmployerVisible(actor, id);
  const e = await deps.repos.employers.get(actor.orgId, id);
  if (!e) throw new NotFoundError('employer', id);
  return e;
}

export interface EmployerListQuery extends PageRequest {
  accountManagerId?: string;
  stage?: Employer['stage'];
  q?: string;
  /** A town, or a postcode area, district or sector (search.inArea). */
  area?: string;
}

export async function listEmployers(deps: Deps, actor: Actor, query: EmployerListQuery) {
  requireRole(actor, 'employer:read');
  if (actor.role === 'employer') {
    // An employer user's directory is their own employer.
    const own = actor.employerId ? await deps.repos.employers.get(actor.orgId, actor.employerId) : undefined;
    return { items: own ? [own] : [], nextCursor: null };
  }
  // One filter reads its own index; filters together (or an area) are the pages' search, which reads
  // the narrowest of them and checks the rest on each record.
  const chosen = [query.accountManagerId, query.stage, query.q].filter((v) => v !== undefined).length;
  if (chosen > 1 || query.area !== undefined) return searchEmployers(deps, actor, query);
  const filter: EmployerListFilter = query.accountManagerId
    ? { by: 'accountManager', managerId: query.accountManagerId }
    : query.stage
      ? { by: 'stage', stage: query.stage }
      : query.q
        ? { by: 'namePrefix', prefix: query.q }
        : { by: 'all' };
  return deps.repos.employers.list(actor.orgId, filter, { limit: query.limit, cursor: query.cursor });
}

export async function updateEmployer(deps: Deps, actor: Actor, id: string, patch: EmployerPatch, ifMatch?: number): Promise<Employer> {
  requireRole(actor, 'employer:write');
  const address = patch.address ? await locate(deps, patch.address, 'address') : undefined;
  const { prev, next } = await withVersionRetry(async () => {
    const current = await deps.repos.employers.get(actor.orgId, id);
    if (!current) throw new NotFoundError('employer', id);
    checkExpectedVersion(current.version, ifMatch);
    const next: Employer = {
      ...applyPatch(current, address ? { ...patch, address } : patch),
      updatedAt: deps.clock.now().toISOString(),
      updatedBy: actor.sub,
      version: current.version + 1,
    };
    await deps.repos.employers.update(current, next);
    return { prev: current, next };
  });
  if (JSON.stringify(employerTermsOf(prev)) !== JSON.stringify(employerTermsOf(next))) await refreshOpenVacancies(deps, next);
  return next;
}

/**
 * The employer's terms changed (conditions on convictions, adjustments offered): the pool entries of its
 * open vacancies follow, one follow-up transaction each, each rebuilt from the vacancy and the employer
 * as they are now (both checked at the version read, so a change in between reads again). Ranking for a
 * vacancy always reads the employer afresh; only suggestions for participants read these entries.
 */
export async function refreshOpenVacancies(deps: Deps, employer: Employer): Promise<number> {
  const open = await allPages((page) =>
    deps.repos.vacancies.list(employer.orgId, { by: 'employer', employerId: employer.id, status: 'open' }, page),
  );
  let refreshed = 0;
  for (const listed of open) {
    const done = await withVersionRetry(async () => {
      const [v, e] = await Promise.all([
        deps.repos.vacancies.get(employer.orgId, listed.id),
        deps.repos.employers.get(employer.orgId, employer.id),
      ]);
      if (!v || !e) return false;
      await deps.repos.vacancies.refreshPoolEntry(v, e);
      return true;
    });
    if (done) refreshed++;
  }
  return refreshed;
}

async function requireEmployer(deps: Deps, actor: Actor, employerId: string): Promise<Employer> {
  requireRole(actor, 'employer:engagement');
  const e = await deps.repos.employers.get(actor.orgId, employerId);
  if (!e) throw new NotFoundError('employer', employerId);
  return e;
}

/** An employer's contacts or pledges (lists not paged): refused at the cap now, and by the repository if others got there first. */
const capOf = (max: number, existing: number, what: 'contacts' | 'pledges'): RecordCap =>
  recordCap(max, existing, `The employer already has ${max} ${what}, the most one employer keeps`);

export async function addContact(deps: Deps, actor: Actor, employerId: string, input: z.infer<typeof ContactCreate>): Promise<Contact> {
  await requireEmployer(deps, actor, employerId);
  const cap = capOf(MAX_CONTACTS, (await deps.repos.employers.listContacts(actor.orgId, employerId)).length, 'contacts');
  const contact: Contact = { id: deps.ids.next(), employerId, ...input, createdAt: deps.clock.now().toISOString(), createdBy: actor.sub };
  await deps.repos.employers.addContact(actor.orgId, contact, cap);
  return contact;
}

/**
 * Changes a contact's details; `null` clears an optional one. The contact must keep a way to reach them
 * (an email or a phone number), as when it was added.
 */
export async function updateContact(
  deps: Deps,
  actor: Actor,
  employerId: string,
  contactId: string,
  patch: z.infer<typeof ContactPatch>,
): Promise<Contact> {
  await requireEmployer(deps, actor, employerId);
  // Without If-Match a contact changed by someone else in between is read again and this change applied to it.
  return withVersionRetry(async () => {
    const current = await deps.repos.employers.getContact(actor.orgId, employerId, contactId);
    if (!current) throw new NotFoundError('contact', contactId);
    const next: Contact = {
      ...applyPatch(current, patch),
      updatedAt: deps.clock.now().toISOString(),
      updatedBy: actor.sub,
      version: (current.version ?? 0) + 1,
    };
    if (next.email === undefined && next.phone === undefined) {
      throw new ValidationError('A contact needs an email or a phone number', {
        errors: [{ path: 'email', message: 'give an email or a phone number' }],
      });
    }
    await deps.repos.employers.updateContact(actor.orgId, current, next);
    return next;
  });
}

export async function listContacts(deps: Deps, actor: Actor, employerId: string) {
  requireRole(actor, 'employer:read');
  assertEmployerVisible(actor, employerId);
  const e = await deps.repos.employers.get(actor.orgId, employerId);
  if (!e) throw new NotFoundError('employer', employerId);
  return deps.repos.employers.listContacts(actor.orgId, employerId);
}

export async function logInteraction(
  deps: Deps,
  actor: Actor,
  employerId: string,
  input: z.infer<typeof InteractionCreate>,
): Promise<Interaction> {
  await requireEmployer(deps, actor, employerId);
  if (input.contactId) {
    const contacts = await deps.repos.employers.listContacts(actor.orgId, employerId);
    if (!contacts.some((c) => c.id === input.contactId)) {
      throw new ValidationError('The contact is not one of this employer’s contacts', {
        errors: [{ path: 'contactId', message: 'unknown contact for this employer' }],
      });
    }
  }
  const now = deps.clock.now().toISOString();
  if (input.occurredAt > now) {
    throw new ValidationError('An interaction cannot be logged before it happens', {
      errors: [{ path: 'occurredAt', message: 'must not be in the future' }],
    });
  }
  if (input.vacancyId) {
    const v = await deps.repos.vacancies.get(actor.orgId, input.vacancyId);
    if (!v || v.employerId !== employerId) {
      throw new ValidationError('The vacancy is not one of this employer’s vacancies', {
        errors: [{ path: 'vacancyId', message: 'unknown vacancy for this employer' }],
      });
    }
  }
  // A contact about a vacancy the employer posted itself is its callback (while the callback is open):
  // closed with the interaction, in one transaction; a lost race to close it reads again.
  return withVersionRetry(async () => {
    const interaction: Interaction = { id: deps.ids.next(), employerId, ...input, recordedBy: actor.sub, recordedAt: now };
    const cb = input.vacancyId ? await deps.repos.vacancies.getCallback(actor.orgId, input.vacancyId) : undefined;
    const made = cb && closesCallback(cb, interaction) ? callbackMade(cb, interaction) : undefined;
    await deps.repos.employers.addInteraction(
      actor.orgId,
      interaction,
      made
        ? {
            made,
            events: [
              event(deps, actor, 'vacancy.callback-made', {
                orgId: actor.orgId,
                vacancyId: made.vacancyId,
                employerId,
                detail: { onTime: made.made!.onTime, openedOn: made.openedAt.slice(0, 10), dueOn: made.dueOn },
              }),
            ],
          }
        : undefined,
    );
    return interaction;
  });
}

export interface CallbackDue {
  callback: VacancyCallback;
  employer: Pick<Employer, 'id' | 'name'>;
  /** Its due day has passed and it is not made yet. */
  overdue: boolean;
}

/**
 * The 48-hour callbacks not yet made for the employers the caller manages (every employer's, for an
 * admin), soonest due first: from the open-callbacks list, which holds only callbacks not yet made (each
 * is made within days, so it stays short), filtered by each employer's account manager now.
 */
/** The most callbacks one list gives (soonest due first). */
export const CALLBACKS_LISTED = 50;

export async function listCallbacksDue(deps: Deps, actor: Actor, opts: { limit?: number } = {}): Promise<CallbackDue[]> {
  requireRole(actor, 'employer:engagement');
  const open = await deps.repos.vacancies.openCallbacks(actor.orgId, 500);
  const ids = [...new Set(open.map((cb) => cb.employerId))];
  const employers = new Map(await Promise.all(ids.map(async (id) => [id, await deps.repos.employers.get(actor.orgId, id)] as const)));
  const today = deps.clock.today();
  return open
    .flatMap((cb): CallbackDue[] => {
      const e = employers.get(cb.employerId);
      return e && (actor.role === 'admin' || e.accountManagerId === actor.sub)
        ? [{ callback: cb, employer: { id: e.id, name: e.name }, overdue: cb.dueOn < today }]
        : [];
    })
    .slice(0, opts.limit ?? CALLBACKS_LISTED);
}

export async function listInteractions(deps: Deps, actor: Actor, employerId: string, page: PageRequest) {
  await requireEmployer(deps, actor, employerId);
  return deps.repos.employers.listInteractions(actor.orgId, employerId, page);
}

export async function addPledge(deps: Deps, actor: Actor, employerId: string, input: z.infer<typeof PledgeCreate>): Promise<Pledge> {
  await requireEmployer(deps, actor, employerId);
  const now = deps.clock.now();
  if (input.byDate < deps.clock.today()) {
    throw new ValidationError('A pledge is for the future', { errors: [{ path: 'byDate', message: 'must not be in the past' }] });
  }
  const cap = capOf(MAX_PLEDGES, (await deps.repos.employers.listPledges(actor.orgId, employerId)).length, 'pledges');
  const pledge: Pledge = {
    id: deps.ids.next(),
    employerId,
    ...input,
    madeAt: now.toISOString(),
    recordedBy: actor.sub,
    progress: { hires: 0, sustained: 0, percent: 0 },
  };
  await deps.repos.employers.addPledge(actor.orgId, pledge, cap);
  return pledge;
}

export async function listPledges(deps: Deps, actor: Actor, employerId: string) {
  await requireEmployer(deps, actor, employerId);
  return deps.repos.employers.listPledges(actor.orgId, employerId);
}

export interface FollowUpDue {
  dueOn: string;
  employer: Pick<Employer, 'id' | 'name'>;
  interaction: Pick<Interaction, 'id' | 'kind' | 'summary' | 'occurredAt'>;
}

/**
 * Promised follow-ups falling due from today through `days` ahead, for the employers the caller
 * manages (every employer, for an admin), soonest first. Read from the due index over that window only;
 * once the sweeper has announced one (on its day) it is in the caller's notifications instead.
 */
/** A promised follow-up kept: marked done by whoever made the call, so it is no longer due or overdue anywhere. */
export async function completeFollowUp(deps: Deps, actor: Actor, employerId: string, interactionId: string): Promise<Interaction> {
  await requireEmployer(deps, actor, employerId);
  const i = await deps.repos.employers.getInteraction(actor.orgId, employerId, interactionId);
  if (!i) throw new NotFoundError('interaction', interactionId);
  if (!i.followUpOn) throw new ConflictError('This contact promised no follow-up');
  const done = { at: deps.clock.now().toISOString(), by: actor.sub };
  await deps.repos.employers.completeFollowUp(actor.orgId, i, done);
  return { ...i, followUpDoneAt: done.at, followUpDoneBy: done.by };
}

export async function listFollowUpsDue(deps: Deps, actor: Actor, opts: { days: number; limit?: number }): Promise<FollowUpDue[]> {
  requireRole(actor, 'employer:engagement');
  const from = isoDate(deps.clock.now());
  const to = isoDate(new Date(deps.clock.now().getTime() + opts.days * 86_400_000));
  const due = (await deps.repos.due.dueBetween(from, to, 1000)).filter(
    (d) => d.kind === 'follow-up' && d.orgId === actor.orgId && d.employerId,
  );
  const ids = [...new Set(due.map((d) => d.employerId!))];
  const employers = new Map(await Promise.all(ids.map(async (id) => [id, await deps.repos.employers.get(actor.orgId, id)] as const)));
  const mine = due.filter((d) => {
    const e = employers.get(d.employerId!);
    return e && (actor.role === 'admin' || e.accountManagerId === actor.sub);
  });
  const found = await Promise.all(
    mine.slice(0, opts.limit ?? 20).map(async (d): Promise<FollowUpDue | undefined> => {
      const e = employers.get(d.employerId!)!;
      const i = await deps.repos.employers.getInteraction(actor.orgId, e.id, d.id);
      return i?.followUpOn
        ? {
            dueOn: i.followUpOn,
            employer: { id: e.id, name: e.name },
            interaction: { id: i.id, kind: i.kind, summary: i.summary, occurredAt: i.occurredAt },
          }
        : undefined;
    }),
  );
  return found.filter((f): f is FollowUpDue => f !== undefined);
}
