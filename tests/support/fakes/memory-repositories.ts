/**
 * In-memory fakes of every repository port, for fast use-case unit tests (tests/unit/use-cases).
 *
 * They keep the observable semantics of the DynamoDB adapters (shared/adapters/dynamodb/) that use
 * cases depend on:
 *  - optimistic version checks: a versioned write whose stored item is missing or at another version
 *    throws `VersionConflict`, as `Store.putVersioned` does;
 *  - all-or-nothing changes: every method checks all its conditions first, in the order the adapter
 *    lists its transaction items (so the first failed condition names the error, as `Store.transact`
 *    does), and only then writes; no method awaits between its checks and its writes, so a failed
 *    `propose` or `apply` changes nothing and concurrent calls interleave only between methods;
 *  - the guards: a participant put forward twice for a vacancy (ConflictError), employer name+postcode
 *    and company number (DuplicateEmployerError), cohort capacity (CohortFullError, AlreadyEnrolledError);
 *  - the outbox: every event written with a change is appended to `events` (and stays there: the
 *    notifier's commit only marks it delivered);
 *  - derived indexes computed from the stored records with the adapters' own rules: the due index
 *    (`dueIndex` sort keys from keys.ts), the match pools (`isMatchable`/`isSuggestable`,
 *    `toMatchProfile`, pool cells and sub-cells), the exits index, the guards;
 *  - every record is deep-copied on write and parsed with its zod schema on read (as `parseItem`
 *    does), so a test cannot change stored state through an object it holds, and a use case that
 *    writes something its schema refuses fails on the next read, as it would against DynamoDB.
 *
 * Pages: items in the adapter's sort-key order, `limit` at a time; `nextCursor` is set only when more
 * items follow (DynamoDB may also return one after a page that happens to end the list); a cursor this
 * list did not issue is the adapter's 400.
 */
import type { z } from 'zod';
import { AuditEntry } from '../../../shared/domain/audit.js';
import { VacancyCallback } from '../../../shared/domain/callback.js';
import { Cohort, Enrolment, isCohortLinked } from '../../../shared/domain/cohort.js';
import type { Page } from '../../../shared/domain/common.js';
import { Contact, Employer, Interaction, normaliseEmployerName, Pledge } from '../../../shared/domain/employer.js';
import type { OutboxEvent } from '../../../shared/domain/events.js';
import { emptyFunnel, FUNNEL_COUNTERS } from '../../../shared/domain/funnel.js';
import {
  ErasureRecord,
  Participant,
  permittedWorkNoticeDue,
  ReadinessHistoryEntry,
  Sensitive,
} from '../../../shared/domain/participant.js';
import { Notification, Placement, placementDue, Submission, submissionDue } from '../../../shared/domain/submission.js';
import { Vacancy } from '../../../shared/domain/vacancy.js';
import { SkillVocabularyRecord } from '../../../shared/domain/skills.js';
import { ActionPlan, Appointment, appointmentReminderDue, CaseContact, reviewReminderDue } from '../../../shared/domain/casework.js';
import { Preferences } from '../../../shared/domain/preferences.js';
import { nextAftercare } from '../../../shared/domain/in-work-support.js';
import { SessionAccess, StaffAuditEntry, StaffMember } from '../../../shared/domain/staff.js';
import type { SecretRepository, StaffDirectory, StaffRecordRepository } from '../../../shared/ports/staff-directory.js';
import {
  ChainCandidate,
  ChainProposal,
  Contract,
  Organisation,
  ShareAuditEntry,
  SharedIn,
  VacancyShare,
} from '../../../shared/domain/supply-chain.js';
import type { SupplyChainRepository } from '../../../shared/ports/supply-chain.js';
import { randomBytes } from 'node:crypto';
import {
  AlreadyEnrolledError,
  CohortFullError,
  ConflictError,
  DuplicateEmployerError,
  DuplicateReferenceError,
  DuplicateStaffError,
  ValidationError,
  VersionConflict,
} from '../../../shared/errors.js';
import { buildPool } from '../../../shared/matching/engine.js';
import { postcodeArea, type CellRange } from '../../../shared/matching/geo.js';
import {
  isMatchable,
  isSuggestable,
  poolCell,
  poolSubcell,
  toMatchProfile,
  toMatchVacancy,
  travelsBeyondCatchment,
  withFarTravellers,
} from '../../../shared/matching/profile.js';
import type { MatchProfile } from '../../../shared/matching/types.js';
import { dueIndex, keys } from '../../../shared/adapters/dynamodb/keys.js';
import type {
  ImportRefRepository,
  NewEmployer,
  NewParticipant,
  NewVacancy,
  CaseworkChange,
  CaseworkRepository,
  CatchmentPool,
  CohortRepository,
  CounterAdd,
  Delivery,
  DeliveryExtras,
  DeliveryRepository,
  MatchAlertState,
  DueItem,
  DueRepository,
  EmployerListFilter,
  EmployerRepository,
  FunnelCounts,
  IdempotencyClaim,
  IdempotencyRecord,
  IdempotencyStore,
  MatchPoolRepository,
  NotificationRepository,
  PageRequest,
  ParticipantRepository,
  PlacementRepository,
  PoolVacancy,
  RecordCap,
  Repositories,
  StatsRepository,
  SubmissionChange,
  EndedSubmission,
  VacancyEnd,
  SkillVocabularyRepository,
  SubmissionRepository,
  VacancyListFilter,
  VacancyRepository,
} from '../../../shared/ports/repositories.js';

// ---------------------------------------------------------------------------------------------------
// Storage helpers

const key = (...parts: string[]) => parts.join('|');

/** The repositories' record caps: a fake has no concurrent writers, so the records it holds are the count. */
function withinCap(records: Map<string, unknown>, prefix: string, cap: RecordCap) {
  if ([...records.keys()].filter((k) => k.startsWith(`${prefix}|`)).length >= cap.max) throw cap.refusal();
}
const copy = <T>(x: T): T => structuredClone(x);
/** A stored record as a read returns it: a fresh copy, parsed with its schema (as `parseItem` does). */
const read = <S extends z.ZodType>(schema: S, stored: unknown): z.infer<S> | undefined =>
  stored === undefined ? undefined : (schema.parse(copy(stored)) as z.infer<S>);
const readAll = <S extends z.ZodType>(schema: S, stored: unknown[]): z.infer<S>[] => stored.map((x) => read(schema, x)!);

/** The condition of `Store.putVersioned`: the item exists and is still at the version the caller read. */
function mustBeAt(stored: { version: number } | undefined, expected: number, what: string): void {
  if (!stored || stored.version !== expected) throw new VersionConflict(`${what} changed`);
}

/** The same as `attribute_not_exists(PK)` on a put. */
function mustBeNew(stored: unknown, what: string): void {
  if (stored !== undefined) throw new VersionConflict(`${what} id reused`);
}

/** The condition of `callbackEndWrite`: the callback exists and is neither made nor closed. */
function mustBeOpenCallback(t: MemoryTables, cb: VacancyCallback): void {
  const stored = t.callbacks.get(key(cb.orgId, cb.vacancyId));
  if (!stored || stored.made || stored.closed) throw new VersionConflict('callback made or closed');
}

const badCursor = () =>
  new ValidationError('The cursor is not one this list issued', {
    errors: [{ path: 'cursor', message: 'unknown or expired cursor; start again without it' }],
  });

/** One page of `items` ordered by `sortKey` (ascending, or descending when `forward` is false). */
function pageOf<T>(list: string, items: T[], sortKey: (t: T) => string, req: PageRequest, forward = true): Page<T> {
  const sorted = items
    .map((item) => ({ item, sk: sortKey(item) }))
    .sort((a, b) => (a.sk < b.sk ? -1 : a.sk > b.sk ? 1 : 0) * (forward ? 1 : -1));
  let after: string | undefined;
  if (req.cursor !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(req.cursor, 'base64url').toString('utf8'));
    } catch {
      throw badCursor();
    }
    const c = parsed as { list?: unknown; after?: unknown } | null;
    if (!c || typeof c !== 'object' || c.list !== list || typeof c.after !== 'string') throw badCursor();
    after = c.after;
  }
  const rest = after === undefined ? sorted : sorted.filter((x) => (forward ? x.sk > after! : x.sk < after!));
  const taken = rest.slice(0, req.limit);
  const more = rest.length > taken.length;
  const last = taken.at(-1);
  return {
    items: taken.map((x) => x.item),
    nextCursor: more && last ? Buffer.from(JSON.stringify({ list, after: last.sk })).toString('base64url') : null,
  };
}

const byKey = <T>(items: T[], sortKey: (t: T) => string): T[] =>
  [...items].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));

/**
 * Sort key for name-ordered employer listings: the adapter's `nameSortKey`, copied so the fakes do not
 * load the AWS SDK (memory-repositories.test.ts checks the two agree).
 */
export function nameSortKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

// ---------------------------------------------------------------------------------------------------
// The tables: every record the fakes hold, in one place (so `snapshot()` can see it all).

interface StoredNotification {
  orgId: string;
  notification: Notification;
  /** The participant it mentions, until erasure redacts it (the adapter's GSI2 entry). */
  participantId?: string;
}

interface StoredIdempotency {
  status: IdempotencyRecord['status'];
  requestHash: string;
  claimToken: string;
  lockedUntilMs: number;
  expiresAtSeconds: number;
  response?: IdempotencyRecord['response'];
}

export class MemoryTables {
  readonly employers = new Map<string, Employer>();
  /** Duplicate guards: guard key → employer id. */
  readonly employerGuards = new Map<string, string>();
  /** Import references: org|kind|reference → record id (taken with the record, as the adapter's guard item is). */
  readonly importRefs = new Map<string, string>();

  /** The adapter's reference guard: refused while another record holds the reference. */
  refMustBeFree(kind: string, orgId: string, ref: string | undefined) {
    if (ref === undefined) return;
    const held = this.importRefs.get(`${orgId}|${kind}|${ref}`);
    if (held) throw new DuplicateReferenceError(held);
  }

  takeRef(kind: string, orgId: string, ref: string | undefined, id: string) {
    if (ref !== undefined) this.importRefs.set(`${orgId}|${kind}|${ref}`, id);
  }
  readonly contacts = new Map<string, Contact>();
  readonly interactions = new Map<string, Interaction>();
  readonly pledges = new Map<string, Pledge>();
  readonly vacancies = new Map<string, Vacancy>();
  /** 48-hour callbacks: org|vacancyId → callback. */
  readonly callbacks = new Map<string, VacancyCallback>();
  readonly cohorts = new Map<string, Cohort>();
  readonly enrolments = new Map<string, Enrolment>();
  readonly participants = new Map<string, Participant>();
  readonly sensitive = new Map<string, Sensitive>();
  /** Readiness history per participant, oldest first (the adapter keys each entry with a new ULID). */
  readonly readiness = new Map<string, ReadinessHistoryEntry[]>();
  readonly audit = new Map<string, AuditEntry>();
  readonly erasures = new Map<string, ErasureRecord>();
  readonly submissions = new Map<string, Submission>();
  /** One guard per vacancy and participant put forward: key → submission id. */
  readonly submissionGuards = new Map<string, string>();
  readonly placements = new Map<string, Placement>();
  readonly notifications = new Map<string, StoredNotification>();
  /** Every event ever written to the outbox, in order. */
  readonly events: OutboxEvent[] = [];
  /** Events the notifier has committed (the adapter deletes them from the outbox). */
  readonly delivered = new Set<string>();
  readonly processed = new Set<string>();
  readonly emailsClaimed = new Set<string>();
  /** Funnel counters: org|month|group → counter → n. */
  readonly stats = new Map<string, Partial<Record<string, number>>>();
  /** Employers in contact in a month: org|month|employerId (the adapter's engagement markers). */
  readonly engaged = new Set<string>();
  readonly idempotency = new Map<string, StoredIdempotency>();
  /** Each organisation's copy of the skills vocabulary. */
  readonly skillVocabularies = new Map<string, SkillVocabularyRecord>();
  /** Casework: org|participant|id → contact or appointment (the adapter's `CW#` items). */
  readonly caseContacts = new Map<string, CaseContact>();
  readonly appointments = new Map<string, Appointment & { orgId: string }>();
  /** org|participant → their action plan (the adapter's `CW#PLAN`). */
  readonly plans = new Map<string, ActionPlan>();
  /** Per user (org|user): session access, notification preferences, admin audit entries. */
  readonly staffAccess = new Map<string, SessionAccess>();
  readonly staffPreferences = new Map<string, Preferences>();
  readonly staffAudit = new Map<string, StaffAuditEntry>();
  /** Notifications waiting for their recipient's daily email: org|user|notification id → due entry. */
  readonly digests = new Map<string, DueItem>();
  /** Match alerts: org|vacancy → what it has announced; org|user|day → alerts sent that day. */
  readonly matchAlerted = new Map<string, MatchAlertState>();
  readonly matchAlertDays = new Map<string, number>();
  readonly secrets = new Map<string, Buffer>();
  /** Supply chains: organisations, contracts (prime|sub), shares (prime|vacancy), pointers (org|prime|vacancy), share audit (prime|vacancy|id). */
  readonly organisations = new Map<string, Organisation>();
  readonly contracts = new Map<string, Contract>();
  readonly shares = new Map<string, VacancyShare>();
  readonly sharedIn = new Map<string, SharedIn>();
  /** Subcontractors' proposals (org|prime|vacancy|id) and primes' candidates from them (prime|vacancy|id). */
  readonly chainProposals = new Map<string, ChainProposal>();
  readonly chainCandidates = new Map<string, ChainCandidate>();
  readonly shareAudit = new Map<string, ShareAuditEntry>();

  writeEvents(events: OutboxEvent[]): void {
    for (const e of events) this.events.push(copy(e));
  }
}

// ---------------------------------------------------------------------------------------------------
// Employers

type Guard = { kind: 'name-and-postcode' | 'company-number'; key: string };

export class MemoryEmployerRepository implements EmployerRepository {
  constructor(private readonly t: MemoryTables) {}

  async findSame(orgId: string, company: Pick<Employer, 'name' | 'companyNumber' | 'address'>) {
    const byNumber = company.companyNumber
      ? this.t.employerGuards.get(keys.companyNumberGuard(orgId, company.companyNumber).PK)
      : undefined;
    return (
      byNumber ?? this.t.employerGuards.get(keys.employerNameGuard(orgId, normaliseEmployerName(company.name), company.address.postcode).PK)
    );
  }

  private guards(e: Employer): Guard[] {
    const name = keys.employerNameGuard(e.orgId, normaliseEmployerName(e.name), e.address.postcode).PK;
    return [
      { kind: 'name-and-postcode', key: name },
      ...(e.companyNumber ? [{ kind: 'company-number' as const, key: keys.companyNumberGuard(e.orgId, e.companyNumber).PK }] : []),
    ];
  }

  private duplicate(g: Guard): DuplicateEmployerError {
    return new DuplicateEmployerError(this.t.employerGuards.get(g.key) ?? 'unknown', g.kind);
  }

  async create(e: Employer) {
    const guards = this.guards(e);
    // The adapter's transaction: the employer (id not reused), then each guard (not held yet).
    if (this.t.employers.has(key(e.orgId, e.id))) throw new Error('duplicate');
    const held = guards.find((g) => this.t.employerGuards.has(g.key));
    if (held) throw this.duplicate(held);
    this.t.refMustBeFree('employers', e.orgId, e.externalRef);
    this.t.employers.set(key(e.orgId, e.id), copy(e));
    for (const g of guards) this.t.employerGuards.set(g.key, e.id);
    this.t.takeRef('employers', e.orgId, e.externalRef, e.id);
  }

  async createMany(records: readonly NewEmployer[], caps: { contacts: RecordCap; pledges: RecordCap }) {
    for (const { employer: e, contacts = [], interactions = [], pledges = [] } of records) {
      await this.create(e);
      for (const c of contacts) await this.addContact(e.orgId, c, caps.contacts);
      for (const x of interactions) await this.addInteraction(e.orgId, x);
      for (const p of pledges) await this.addPledge(e.orgId, p, caps.pledges);
    }
  }

  async get(orgId: string, id: string) {
    return read(Employer, this.t.employers.get(key(orgId, id)));
  }

  async update(prev: Employer, next: Employer) {
    const before = this.guards(prev);
    const after = this.guards(next);
    const removed = before.filter((b) => !after.some((a) => a.key === b.key));
    const added = after.filter((a) => !before.some((b) => b.key === a.key));
    mustBeAt(this.t.employers.get(key(next.orgId, next.id)), prev.version, 'employer');
    // Only guards the employer did not hold before are claimed; a name or number someone else holds is a duplicate.
    const held = added.find((g) => this.t.employerGuards.has(g.key));
    if (held) throw this.duplicate(held);
    this.t.employers.set(key(next.orgId, next.id), copy(next));
    for (const g of removed) this.t.employerGuards.delete(g.key);
    for (const g of added) this.t.employerGuards.set(g.key, next.id);
  }

  async list(orgId: string, filter: EmployerListFilter, page: PageRequest) {
    const all = [...this.t.employers.values()].filter((e) => e.orgId === orgId);
    const sortName = (e: Employer) => `${nameSortKey(e.name)}#${e.id}`;
    // A search of only punctuation or symbols names no employer (as the adapter answers it).
    if (filter.by === 'namePrefix' && nameSortKey(filter.prefix) === '') return { items: [], nextCursor: null };
    const chosen =
      filter.by === 'accountManager'
        ? all.filter((e) => e.accountManagerId === filter.managerId)
        : filter.by === 'stage'
          ? all.filter((e) => e.stage === filter.stage)
          : filter.by === 'namePrefix'
            ? all.filter((e) => sortName(e).startsWith(nameSortKey(filter.prefix)))
            : all;
    const p = pageOf(`employers:${orgId}:${JSON.stringify(filter)}`, chosen, sortName, page);
    return { ...p, items: readAll(Employer, p.items) };
  }

  private employerMustExist(orgId: string, employerId: string) {
    if (!this.t.employers.has(key(orgId, employerId))) throw new VersionConflict('employer gone');
  }

  async addContact(orgId: string, c: Contact, cap: RecordCap) {
    this.employerMustExist(orgId, c.employerId);
    withinCap(this.t.contacts, key(orgId, c.employerId), cap);
    mustBeNew(this.t.contacts.get(key(orgId, c.employerId, c.id)), 'contact');
    this.t.contacts.set(key(orgId, c.employerId, c.id), copy(c));
  }

  async getContact(orgId: string, employerId: string, id: string) {
    return read(Contact, this.t.contacts.get(key(orgId, employerId, id)));
  }

  async updateContact(orgId: string, prev: Contact, next: Contact) {
    const k = key(orgId, next.employerId, next.id);
    const stored = this.t.contacts.get(k);
    // The adapter's condition: the contact still exists and is as it was read.
    if (!stored || stored.version !== prev.version) throw new VersionConflict('contact changed');
    this.t.contacts.set(k, copy(next));
  }

  async listContacts(orgId: string, employerId: string) {
    const mine = [...this.t.contacts.entries()].filter(([k]) => k.startsWith(key(orgId, employerId, ''))).map(([, c]) => c);
    return readAll(
      Contact,
      byKey(mine, (c) => c.id),
    );
  }

  async addInteraction(orgId: string, i: Interaction, callback?: { made: VacancyCallback; events: OutboxEvent[] }) {
    this.employerMustExist(orgId, i.employerId);
    mustBeNew(this.t.interactions.get(key(orgId, i.employerId, i.id)), 'interaction');
    const cbKey = callback ? key(orgId, callback.made.vacancyId) : undefined;
    if (cbKey) {
      const stored = this.t.callbacks.get(cbKey);
      if (!stored || stored.made || stored.closed) throw new VersionConflict('employer gone');
    }
    this.t.interactions.set(key(orgId, i.employerId, i.id), copy(i));
    this.t.engaged.add(key(orgId, i.occurredAt.slice(0, 7), i.employerId));
    if (callback && cbKey) {
      this.t.callbacks.set(cbKey, copy(callback.made));
      this.t.writeEvents(callback.events);
    }
  }

  async listInteractions(orgId: string, employerId: string, page: PageRequest) {
    const mine = [...this.t.interactions.entries()].filter(([k]) => k.startsWith(key(orgId, employerId, ''))).map(([, i]) => i);
    // Newest first: interaction ids are ULIDs.
    const p = pageOf(`interactions:${orgId}:${employerId}`, mine, (i) => i.id, page, false);
    return { ...p, items: readAll(Interaction, p.items) };
  }

  async markFollowUpNotified(orgId: string, i: Interaction, event: OutboxEvent) {
    const k = key(orgId, i.employerId, i.id);
    const stored = this.t.interactions.get(k);
    // The adapter's condition: the interaction is still on the due index (a follow-up not yet announced).
    if (!stored?.followUpOn || stored.followUpNotifiedAt) throw new VersionConflict('follow-up already announced');
    this.t.interactions.set(k, { ...stored, followUpNotifiedAt: event.at });
    this.t.writeEvents([event]);
  }

  async completeFollowUp(orgId: string, i: Interaction, done: { at: string; by: string }) {
    const k = key(orgId, i.employerId, i.id);
    const stored = this.t.interactions.get(k);
    // The adapter's condition: the interaction exists and its follow-up is not yet done.
    if (!stored) throw new VersionConflict('interaction gone');
    if (stored.followUpDoneAt) throw new ConflictError('This follow-up is already marked done');
    this.t.interactions.set(k, { ...stored, followUpDoneAt: done.at, followUpDoneBy: done.by });
  }

  async getInteraction(orgId: string, employerId: string, id: string) {
    return read(Interaction, this.t.interactions.get(key(orgId, employerId, id)));
  }

  async addPledge(orgId: string, p: Pledge, cap: RecordCap) {
    this.employerMustExist(orgId, p.employerId);
    withinCap(this.t.pledges, key(orgId, p.employerId), cap);
    mustBeNew(this.t.pledges.get(key(orgId, p.employerId, p.id)), 'pledge');
    // Stored as counters; the percentage is derived on every read (as the adapter does).
    this.t.pledges.set(
      key(orgId, p.employerId, p.id),
      copy({ ...p, progress: { hires: p.progress.hires, sustained: p.progress.sustained, percent: 0 } }),
    );
  }

  async listPledges(orgId: string, employerId: string) {
    const mine = [...this.t.pledges.entries()].filter(([k]) => k.startsWith(key(orgId, employerId, ''))).map(([, p]) => p);
    return readAll(
      Pledge,
      byKey(mine, (p) => p.id),
    ).map((p) => ({
      ...p,
      progress: { ...p.progress, percent: Math.min(100, Math.round((p.progress.hires / p.jobsPledged) * 100)) },
    }));
  }
}

// ---------------------------------------------------------------------------------------------------
// Vacancies

export class MemoryVacancyRepository implements VacancyRepository {
  constructor(private readonly t: MemoryTables) {}

  /** An open vacancy's pool entry is built from its employer at the version given (the adapter checks it in the transaction). */
  private employerAt(v: Vacancy, employer: Employer | undefined) {
    if (!employer || !isSuggestable(v)) return;
    if (employer.id !== v.employerId) throw new Error(`Employer ${employer.id} is not the employer of vacancy ${v.id}`);
    mustBeAt(this.t.employers.get(key(v.orgId, v.employerId)), employer.version, 'employer');
  }

  async createMany(records: readonly NewVacancy[]) {
    for (const r of records) await this.create(r.vacancy, r.employer, r.events ?? []);
  }

  async create(v: Vacancy, employer: Employer, events: OutboxEvent[] = [], callback?: VacancyCallback) {
    if (!this.t.employers.has(key(v.orgId, v.employerId)) || this.t.vacancies.has(key(v.orgId, v.id))) {
      throw new VersionConflict('employer gone or id reused');
    }
    this.employerAt(v, employer);
    if (callback) mustBeNew(this.t.callbacks.get(key(v.orgId, v.id)), 'callback');
    this.t.refMustBeFree('vacancies', v.orgId, v.externalRef);
    this.t.vacancies.set(key(v.orgId, v.id), copy(v));
    this.t.takeRef('vacancies', v.orgId, v.externalRef, v.id);
    if (callback) this.t.callbacks.set(key(v.orgId, v.id), copy(callback));
    this.t.writeEvents(events);
  }

  async getCallback(orgId: string, vacancyId: string) {
    return read(VacancyCallback, this.t.callbacks.get(key(orgId, vacancyId)));
  }

  async openCallbacks(orgId: string, limit: number) {
    const open = [...this.t.callbacks.values()].filter((cb) => cb.orgId === orgId && !cb.made && !cb.closed);
    return readAll(VacancyCallback, byKey(open, (cb) => `${cb.dueOn}#${cb.vacancyId}`).slice(0, limit));
  }

  async markCallbackReminded(cb: VacancyCallback, at: string, event: OutboxEvent) {
    const stored = this.t.callbacks.get(key(cb.orgId, cb.vacancyId));
    // The adapter's condition: still on the due index (neither reminded, made nor closed).
    if (!stored || stored.remindedAt || stored.made || stored.closed) throw new VersionConflict('callback already reminded or made');
    this.t.callbacks.set(key(cb.orgId, cb.vacancyId), { ...stored, remindedAt: at });
    this.t.writeEvents([event]);
  }

  async get(orgId: string, id: string) {
    return read(Vacancy, this.t.vacancies.get(key(orgId, id)));
  }

  async update(prev: Vacancy, next: Vacancy, events: OutboxEvent[] = [], employer?: Employer, callback?: VacancyCallback) {
    mustBeAt(this.t.vacancies.get(key(next.orgId, next.id)), prev.version, 'vacancy');
    this.employerAt(next, employer);
    if (callback) mustBeOpenCallback(this.t, callback);
    this.t.vacancies.set(key(next.orgId, next.id), copy(next));
    if (callback) this.t.callbacks.set(key(callback.orgId, callback.vacancyId), copy(callback));
    this.t.writeEvents(events);
  }

  /** The pools here are read from the records, so an entry always holds its employer's terms as they are: only the versions are checked. */
  async refreshPoolEntry(v: Vacancy, employer: Employer) {
    mustBeAt(this.t.vacancies.get(key(v.orgId, v.id)), v.version, 'vacancy');
    this.employerAt(v, employer);
  }

  async list(orgId: string, filter: VacancyListFilter, page: PageRequest) {
    const all = [...this.t.vacancies.values()].filter((v) => v.orgId === orgId);
    const p =
      filter.by === 'employer'
        ? pageOf(
            `vacancies:${orgId}:employer:${filter.employerId}:${filter.status ?? ''}`,
            all.filter((v) => v.employerId === filter.employerId && (!filter.status || v.status === filter.status)),
            (v) => `${v.status}#${v.id}`,
            page,
          )
        : pageOf(
            `vacancies:${orgId}:status:${filter.status}`,
            all.filter((v) => v.status === filter.status),
            (v) => `${v.closingDate}#${v.id}`,
            page,
          );
    return { ...p, items: readAll(Vacancy, p.items) };
  }
}

// ---------------------------------------------------------------------------------------------------
// Cohorts and enrolments

export class MemoryCohortRepository implements CohortRepository {
  constructor(private readonly t: MemoryTables) {}

  async create(c: Cohort) {
    mustBeNew(this.t.cohorts.get(key(c.orgId, c.id)), 'cohort');
    this.t.cohorts.set(key(c.orgId, c.id), copy(c));
  }

  async get(orgId: string, id: string) {
    return read(Cohort, this.t.cohorts.get(key(orgId, id)));
  }

  async list(orgId: string, page: PageRequest) {
    const mine = [...this.t.cohorts.values()].filter((c) => c.orgId === orgId);
    const p = pageOf(`cohorts:${orgId}`, mine, (c) => `${c.startDate}#${c.id}`, page, false);
    return { ...p, items: readAll(Cohort, p.items) };
  }

  async linkedTo(orgId: string, vacancy: { id: string; employerId: string; linkedCohortIds: readonly string[] }) {
    // The adapter's link items are written with the cohort: what it names, and what the vacancy names.
    const mine = [...this.t.cohorts.values()].filter((c) => c.orgId === orgId && isCohortLinked(c, vacancy));
    return readAll(
      Cohort,
      byKey(mine, (c) => c.id),
    );
  }

  async startingFrom(orgId: string, date: string) {
    const mine = [...this.t.cohorts.values()].filter((c) => c.orgId === orgId && c.startDate >= date);
    return readAll(
      Cohort,
      byKey(mine, (c) => `${c.startDate}#${c.id}`),
    );
  }

  private ofOrg(orgId: string) {
    return [...this.t.enrolments.entries()].filter(([k]) => k.startsWith(key(orgId, ''))).map(([, e]) => e);
  }

  async enrolments(orgId: string, cohortId: string) {
    return readAll(
      Enrolment,
      byKey(
        this.ofOrg(orgId).filter((e) => e.cohortId === cohortId),
        (e) => e.participantId,
      ),
    );
  }

  async getEnrolment(orgId: string, cohortId: string, participantId: string) {
    return read(Enrolment, this.t.enrolments.get(key(orgId, cohortId, participantId)));
  }

  async enrol(orgId: string, e: Enrolment, cap: RecordCap) {
    const cohort = this.t.cohorts.get(key(orgId, e.cohortId));
    // The counter goes up only while below capacity (a missing cohort fails the same condition).
    if (!cohort || cohort.enrolledCount >= cohort.capacity) throw new CohortFullError();
    if (this.t.enrolments.has(key(orgId, e.cohortId, e.participantId))) throw new AlreadyEnrolledError();
    withinCap(this.t.enrolments, key(orgId, e.cohortId), cap);
    this.t.cohorts.set(key(orgId, e.cohortId), { ...cohort, enrolledCount: cohort.enrolledCount + 1, version: cohort.version + 1 });
    this.t.enrolments.set(key(orgId, e.cohortId, e.participantId), copy(e));
  }

  async updateEnrolment(orgId: string, prev: Enrolment, next: Enrolment, _participant?: unknown, events: OutboxEvent[] = []) {
    const stored = this.t.enrolments.get(key(orgId, next.cohortId, next.participantId));
    mustBeAt(stored, prev.version, 'enrolment');
    // A withdrawal frees the place; completion keeps it.
    const freesPlace = prev.status === 'enrolled' && next.status === 'withdrawn';
    const cohort = this.t.cohorts.get(key(orgId, next.cohortId));
    if (freesPlace && (!cohort || cohort.enrolledCount <= 0)) throw new VersionConflict('enrolment changed');
    this.t.enrolments.set(key(orgId, next.cohortId, next.participantId), copy(next));
    if (freesPlace && cohort)
      this.t.cohorts.set(key(orgId, next.cohortId), { ...cohort, enrolledCount: cohort.enrolledCount - 1, version: cohort.version + 1 });
    this.t.writeEvents(events);
  }

  async enrolmentsOf(orgId: string, participantId: string) {
    return readAll(
      Enrolment,
      byKey(
        this.ofOrg(orgId).filter((e) => e.participantId === participantId),
        (e) => e.cohortId,
      ),
    );
  }

  async putEnrolment(orgId: string, e: Enrolment) {
    this.t.enrolments.set(key(orgId, e.cohortId, e.participantId), copy(e));
  }
}

// ---------------------------------------------------------------------------------------------------
// Participants: profile, sensitive part, readiness history, audit trail, erasure record

export class MemoryParticipantRepository implements ParticipantRepository {
  constructor(private readonly t: MemoryTables) {}

  private auditMustBeNew(orgId: string, entry: AuditEntry) {
    mustBeNew(this.t.audit.get(key(orgId, entry.subjectId, entry.id)), 'audit entry');
  }

  private writeAudit(orgId: string, entry: AuditEntry) {
    this.t.audit.set(key(orgId, entry.subjectId, entry.id), copy(entry));
  }

  private appendHistory(orgId: string, id: string, entry: ReadinessHistoryEntry) {
    const k = key(orgId, id);
    this.t.readiness.set(k, [...(this.t.readiness.get(k) ?? []), copy(entry)]);
  }

  async create(p: Participant, first: ReadinessHistoryEntry) {
    this.t.refMustBeFree('participants', p.orgId, p.externalRef);
    mustBeNew(this.t.participants.get(key(p.orgId, p.id)), 'participant');
    this.t.participants.set(key(p.orgId, p.id), copy(p));
    this.t.takeRef('participants', p.orgId, p.externalRef, p.id);
    this.appendHistory(p.orgId, p.id, first);
  }

  async createMany(records: readonly NewParticipant[]) {
    // All or none, as the adapter's transactions (checked first, then written).
    for (const { participant: p, history, sensitive } of records) {
      this.t.refMustBeFree('participants', p.orgId, p.externalRef);
      mustBeNew(this.t.participants.get(key(p.orgId, p.id)), 'participant');
      if (history.at(-1)?.to !== p.readiness) throw new Error(`participant ${p.id}: the readiness history must end at ${p.readiness}`);
      if (sensitive) this.auditMustBeNew(p.orgId, sensitive.audit);
    }
    for (const { participant: p, history, sensitive } of records) {
      this.t.participants.set(key(p.orgId, p.id), copy(p));
      this.t.takeRef('participants', p.orgId, p.externalRef, p.id);
      for (const h of history) this.appendHistory(p.orgId, p.id, h);
      if (sensitive) {
        this.t.sensitive.set(key(p.orgId, p.id), copy(sensitive.part));
        this.writeAudit(p.orgId, sensitive.audit);
      }
    }
  }

  async get(orgId: string, id: string) {
    return read(Participant, this.t.participants.get(key(orgId, id)));
  }

  async update(prev: Participant, next: Participant, audit?: AuditEntry, events: OutboxEvent[] = []) {
    mustBeAt(this.t.participants.get(key(next.orgId, next.id)), prev.version, 'participant');
    if (audit) this.auditMustBeNew(next.orgId, audit);
    this.t.participants.set(key(next.orgId, next.id), copy(next));
    if (audit) this.writeAudit(next.orgId, audit);
    this.t.writeEvents(events);
  }

  async changeReadiness(prev: Participant, next: Participant, entry: ReadinessHistoryEntry) {
    mustBeAt(this.t.participants.get(key(next.orgId, next.id)), prev.version, 'participant');
    this.t.participants.set(key(next.orgId, next.id), copy(next));
    this.appendHistory(next.orgId, next.id, entry);
  }

  async readinessHistory(orgId: string, id: string) {
    return readAll(ReadinessHistoryEntry, this.t.readiness.get(key(orgId, id)) ?? []);
  }

  async listByAdviser(orgId: string, adviserId: string, page: PageRequest) {
    const mine = [...this.t.participants.values()].filter((p) => p.orgId === orgId && p.adviserId === adviserId);
    const p = pageOf(
      `participants:${orgId}:${adviserId}`,
      mine,
      (x) => `${x.lastName.toLowerCase()}#${x.firstName.toLowerCase()}#${x.id}`,
      page,
    );
    return { ...p, items: readAll(Participant, p.items) };
  }

  async getSensitive(orgId: string, id: string) {
    return read(Sensitive, this.t.sensitive.get(key(orgId, id)));
  }

  async putSensitive(orgId: string, s: Sensitive, expectedVersion: number, audit: AuditEntry, events: OutboxEvent[] = []) {
    if (!this.t.participants.has(key(orgId, s.participantId))) throw new VersionConflict('participant gone');
    const stored = this.t.sensitive.get(key(orgId, s.participantId));
    if (expectedVersion === 0 ? stored !== undefined : !stored || stored.version !== expectedVersion)
      throw new VersionConflict('sensitive part changed');
    this.auditMustBeNew(orgId, audit);
    this.t.sensitive.set(key(orgId, s.participantId), copy(s));
    this.writeAudit(orgId, audit);
    this.t.writeEvents(events);
  }

  async recordAudit(orgId: string, entry: AuditEntry) {
    this.auditMustBeNew(orgId, entry);
    this.writeAudit(orgId, entry);
  }

  async listAudit(orgId: string, participantId: string, page: PageRequest) {
    const mine = [...this.t.audit.entries()].filter(([k]) => k.startsWith(key(orgId, participantId, ''))).map(([, a]) => a);
    const p = pageOf(`audit:${orgId}:${participantId}`, mine, (a) => a.id, page);
    return { ...p, items: readAll(AuditEntry, p.items) };
  }

  async erase(orgId: string, p: Participant, record: ErasureRecord, audit: AuditEntry) {
    // The profile goes only if it is still the version the caller read; the rest follows it.
    mustBeAt(this.t.participants.get(key(orgId, p.id)), p.version, 'participant');
    this.auditMustBeNew(orgId, audit);
    this.t.participants.delete(key(orgId, p.id));
    this.t.sensitive.delete(key(orgId, p.id));
    this.t.readiness.delete(key(orgId, p.id));
    // Every casework item in their partition goes with them.
    for (const m of [this.t.caseContacts, this.t.appointments] as Map<string, unknown>[])
      for (const k of [...m.keys()]) if (k.startsWith(key(orgId, p.id, ''))) m.delete(k);
    this.t.plans.delete(key(orgId, p.id));
    this.t.erasures.set(key(orgId, p.id), copy(record));
    this.writeAudit(orgId, audit);
  }

  async getErasure(orgId: string, participantId: string) {
    return read(ErasureRecord, this.t.erasures.get(key(orgId, participantId)));
  }

  async exitedBefore(cutoff: string, limit: number) {
    // The exits index (GSI2 `EXITED`): `exitedAt#org#id`, read below the cutoff, oldest first.
    const entries = [...this.t.participants.values()]
      .filter((p) => p.status === 'exited' && p.exitedAt)
      .map((p) => ({ sk: `${p.exitedAt}#${p.orgId}#${p.id}`, orgId: p.orgId, id: p.id }))
      .filter((x) => x.sk < cutoff);
    return byKey(entries, (x) => x.sk)
      .slice(0, limit)
      .map(({ orgId, id }) => ({ orgId, id }));
  }
}

// ---------------------------------------------------------------------------------------------------
// The match pools: read from the stored records with the adapter's rules (an entry per matchable
// participant, keyed by cell and sub-cell, and per open vacancy), which is what the adapter's pool
// items always agree with, since it writes them in the records' own transactions.

export class MemoryMatchPool implements MatchPoolRepository {
  constructor(private readonly t: MemoryTables) {}

  private profiles(orgId: string) {
    return [...this.t.participants.values()]
      .filter((p) => p.orgId === orgId && isMatchable(p))
      .map((p) => {
        const participant = read(Participant, p)!;
        const k = keys.poolProfile(
          orgId,
          poolCell(participant.home.location, participant.home.postcode),
          poolSubcell(participant.home.location),
          participant.id,
        );
        return {
          pk: k.PK,
          sk: k.SK,
          area: postcodeArea(participant.home.postcode),
          id: participant.id,
          profile: toMatchProfile(participant, read(Sensitive, this.t.sensitive.get(key(orgId, p.id)))),
        };
      });
  }

  private openVacancies(orgId: string) {
    return [...this.t.vacancies.values()]
      .filter((v) => v.orgId === orgId && isSuggestable(v))
      .map((v0) => {
        const v = read(Vacancy, v0)!;
        const entry: PoolVacancy = {
          match: toMatchVacancy(v, read(Employer, this.t.employers.get(key(orgId, v.employerId)))),
          title: v.title,
          employerName: v.employerName,
          closingDate: v.closingDate,
          linkedCohortIds: v.linkedCohortIds,
          guaranteedInterview: v.guaranteedInterview,
        };
        return { cell: poolCell(v.site.location, v.site.postcode), area: postcodeArea(v.site.postcode), id: v.id, entry };
      });
  }

  async catchment(orgId: string, ranges: CellRange[]): Promise<CatchmentPool> {
    const [near, far] = await Promise.all([this.profilesInCells(orgId, ranges), this.profilesTravellingFar(orgId)]);
    return { parts: [{ segment: buildPool(withFarTravellers(near, far)) }], served: 'cold' };
  }

  async profilesInCells(orgId: string, ranges: CellRange[]): Promise<MatchProfile[]> {
    const all = this.profiles(orgId);
    return ranges.flatMap((r) => {
      const pk = keys.poolCell(orgId, r.cell);
      const bounds = r.from && r.to ? keys.poolSubcells(r.from, r.to) : undefined;
      const hits = all.filter((x) => x.pk === pk && (!bounds || (x.sk >= bounds.lo && x.sk <= bounds.hi)));
      return byKey(hits, (x) => x.sk).map((x) => x.profile);
    });
  }

  async profilesInArea(orgId: string, area: string) {
    return byKey(
      this.profiles(orgId).filter((x) => x.area === area),
      (x) => keys.poolAreaEntry(x.id),
    ).map((x) => x.profile);
  }

  async profilesTravellingFar(orgId: string) {
    return byKey(
      this.profiles(orgId).filter((x) => travelsBeyondCatchment(x.profile)),
      (x) => keys.poolAreaEntry(x.id),
    ).map((x) => x.profile);
  }

  async vacanciesInCells(orgId: string, cells: string[]) {
    const all = this.openVacancies(orgId);
    return cells.flatMap((c) =>
      byKey(
        all.filter((x) => x.cell === c),
        (x) => x.id,
      ).map((x) => x.entry),
    );
  }

  async vacanciesInArea(orgId: string, area: string) {
    return byKey(
      this.openVacancies(orgId).filter((x) => x.area === area),
      (x) => x.id,
    ).map((x) => x.entry);
  }
}

// ---------------------------------------------------------------------------------------------------
// Submissions (with the shortlist guards) and placements

export class MemorySubmissionRepository implements SubmissionRepository {
  constructor(private readonly t: MemoryTables) {}

  private guardKey(orgId: string, vacancyId: string, participantId: string) {
    return key(orgId, vacancyId, participantId);
  }

  async propose(change: {
    vacancy: { prev: Vacancy; next: Vacancy };
    submissions: Submission[];
    participants: { prev: Participant; next: Participant }[];
    events: OutboxEvent[];
  }) {
    const { vacancy } = change;
    // In the adapter's transaction order: the vacancy, each guard and submission, each participant.
    mustBeAt(this.t.vacancies.get(key(vacancy.next.orgId, vacancy.next.id)), vacancy.prev.version, 'shortlist');
    for (const s of change.submissions) {
      if (this.t.submissionGuards.has(this.guardKey(s.orgId, s.vacancyId, s.participantId))) {
        throw new ConflictError('One of these participants has already been put forward for this vacancy');
      }
      mustBeNew(this.t.submissions.get(key(s.orgId, s.id)), 'submission');
    }
    for (const p of change.participants) mustBeAt(this.t.participants.get(key(p.next.orgId, p.next.id)), p.prev.version, 'shortlist');
    this.t.vacancies.set(key(vacancy.next.orgId, vacancy.next.id), copy(vacancy.next));
    for (const s of change.submissions) {
      this.t.submissionGuards.set(this.guardKey(s.orgId, s.vacancyId, s.participantId), s.id);
      this.t.submissions.set(key(s.orgId, s.id), copy(s));
    }
    for (const p of change.participants) this.t.participants.set(key(p.next.orgId, p.next.id), copy(p.next));
    this.t.writeEvents(change.events);
  }

  async apply(change: SubmissionChange) {
    const { prev, next } = change;
    mustBeAt(this.t.submissions.get(key(next.orgId, next.id)), prev.version, 'submission');
    if (change.vacancy)
      mustBeAt(this.t.vacancies.get(key(change.vacancy.next.orgId, change.vacancy.next.id)), change.vacancy.prev.version, 'submission');
    if (change.participant)
      mustBeAt(
        this.t.participants.get(key(change.participant.next.orgId, change.participant.next.id)),
        change.participant.prev.version,
        'submission',
      );
    if (change.placement) mustBeNew(this.t.placements.get(key(change.placement.orgId, change.placement.id)), 'placement');
    if (change.callback) mustBeOpenCallback(this.t, change.callback);
    this.checkEnded(change.ended);
    this.t.submissions.set(key(next.orgId, next.id), copy(next));
    if (change.callback) this.t.callbacks.set(key(change.callback.orgId, change.callback.vacancyId), copy(change.callback));
    if (change.vacancy) this.t.vacancies.set(key(change.vacancy.next.orgId, change.vacancy.next.id), copy(change.vacancy.next));
    if (change.participant)
      this.t.participants.set(key(change.participant.next.orgId, change.participant.next.id), copy(change.participant.next));
    if (change.placement) this.t.placements.set(key(change.placement.orgId, change.placement.id), copy(change.placement));
    if (change.reopen) this.t.submissionGuards.delete(this.guardKey(next.orgId, next.vacancyId, next.participantId));
    this.writeEnded(change.ended);
    this.t.writeEvents(change.events);
  }

  /** The adapter's checks for submissions withdrawn with their vacancy (each at its version, and its participant). */
  private checkEnded(ended: readonly EndedSubmission[] = []) {
    for (const e of ended) {
      mustBeAt(this.t.submissions.get(key(e.next.orgId, e.next.id)), e.prev.version, 'submission');
      if (e.participant)
        mustBeAt(this.t.participants.get(key(e.participant.next.orgId, e.participant.next.id)), e.participant.prev.version, 'submission');
    }
  }

  private writeEnded(ended: readonly EndedSubmission[] = []) {
    for (const e of ended) {
      this.t.submissions.set(key(e.next.orgId, e.next.id), copy(e.next));
      if (e.participant) this.t.participants.set(key(e.participant.next.orgId, e.participant.next.id), copy(e.participant.next));
    }
  }

  async endVacancy(change: VacancyEnd) {
    const v = change.vacancy;
    mustBeAt(this.t.vacancies.get(key(v.next.orgId, v.next.id)), v.prev.version, 'vacancy');
    if (change.callback) mustBeOpenCallback(this.t, change.callback);
    this.checkEnded(change.ended);
    this.t.vacancies.set(key(v.next.orgId, v.next.id), copy(v.next));
    if (change.callback) this.t.callbacks.set(key(change.callback.orgId, change.callback.vacancyId), copy(change.callback));
    this.writeEnded(change.ended);
    this.t.writeEvents(change.events);
  }

  async get(orgId: string, id: string) {
    return read(Submission, this.t.submissions.get(key(orgId, id)));
  }

  private where(orgId: string, test: (s: Submission) => boolean) {
    return [...this.t.submissions.values()].filter((s) => s.orgId === orgId && test(s));
  }

  async listByVacancy(orgId: string, vacancyId: string, page: PageRequest) {
    const p = pageOf(
      `submissions:${orgId}:${vacancyId}`,
      this.where(orgId, (s) => s.vacancyId === vacancyId),
      (s) => s.id,
      page,
    );
    return { ...p, items: readAll(Submission, p.items) };
  }

  async listByParticipant(orgId: string, participantId: string) {
    return readAll(
      Submission,
      byKey(
        this.where(orgId, (s) => s.participantId === participantId),
        (s) => s.id,
      ),
    );
  }

  async listAllByVacancy(orgId: string, vacancyId: string) {
    return readAll(
      Submission,
      byKey(
        this.where(orgId, (s) => s.vacancyId === vacancyId),
        (s) => s.id,
      ),
    );
  }

  async participantsPutForward(orgId: string, vacancyId: string) {
    const prefix = key(orgId, vacancyId, '');
    return new Set([...this.t.submissionGuards.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)));
  }

  async putSubmission(s: Submission) {
    this.t.submissions.set(key(s.orgId, s.id), copy(s));
  }
}

export class MemoryPlacementRepository implements PlacementRepository {
  constructor(private readonly t: MemoryTables) {}

  async get(orgId: string, id: string) {
    return read(Placement, this.t.placements.get(key(orgId, id)));
  }

  async listOf(orgId: string, participantId: string) {
    const mine = [...this.t.placements.values()].filter((p) => p.orgId === orgId && p.participantId === participantId);
    return readAll(
      Placement,
      byKey(mine, (p) => p.id),
    );
  }

  async aftercareDue(orgId: string, officerId: string, through: string, limit: number) {
    const due = [...this.t.placements.values()]
      .map((p) => ({ p, next: nextAftercare(p.support) }))
      .filter(({ p, next }) => p.orgId === orgId && next?.officerId === officerId && next.dueOn <= through)
      .sort((a, b) => `${a.next!.dueOn}#${a.p.id}`.localeCompare(`${b.next!.dueOn}#${b.p.id}`))
      .slice(0, limit);
    return readAll(
      Placement,
      due.map(({ p }) => p),
    );
  }

  async update(prev: Placement, next: Placement, events: OutboxEvent[]) {
    mustBeAt(this.t.placements.get(key(next.orgId, next.id)), prev.version, 'placement');
    this.t.placements.set(key(next.orgId, next.id), copy(next));
    this.t.writeEvents(events);
  }
}

// ---------------------------------------------------------------------------------------------------
// Casework: contacts and appointments, in one change with the participant's summary, audit and events

export class MemoryCaseworkRepository implements CaseworkRepository {
  constructor(private readonly t: MemoryTables) {}

  async applyMany(changes: readonly CaseworkChange[]) {
    for (const c of changes) await this.apply(c);
  }

  async apply(change: CaseworkChange) {
    const { orgId } = change;
    // The adapter's transaction order: participant, contact, appointment, audit.
    if (change.participant)
      mustBeAt(this.t.participants.get(key(orgId, change.participant.next.id)), change.participant.prev.version, 'participant');
    if (change.contact) mustBeNew(this.t.caseContacts.get(key(orgId, change.contact.participantId, change.contact.id)), 'contact');
    if (change.appointment) {
      const { prev, next } = change.appointment;
      const stored = this.t.appointments.get(key(orgId, next.participantId, next.id));
      if (prev) mustBeAt(stored, prev.version, 'appointment');
      else mustBeNew(stored, 'appointment');
    }
    if (change.plan) {
      const stored = this.t.plans.get(key(orgId, change.plan.next.participantId));
      if (change.plan.prev) mustBeAt(stored, change.plan.prev.version, 'action plan');
      else mustBeNew(stored, 'action plan');
    }
    if (change.placement) mustBeAt(this.t.placements.get(key(orgId, change.placement.next.id)), change.placement.prev.version, 'placement');
    if (change.audit) mustBeNew(this.t.audit.get(key(orgId, change.audit.subjectId, change.audit.id)), 'audit entry');
    if (change.participant) this.t.participants.set(key(orgId, change.participant.next.id), copy(change.participant.next));
    if (change.placement) this.t.placements.set(key(orgId, change.placement.next.id), copy(change.placement.next));
    if (change.plan) this.t.plans.set(key(orgId, change.plan.next.participantId), copy(change.plan.next));
    if (change.contact) this.t.caseContacts.set(key(orgId, change.contact.participantId, change.contact.id), copy(change.contact));
    if (change.appointment)
      this.t.appointments.set(key(orgId, change.appointment.next.participantId, change.appointment.next.id), {
        ...copy(change.appointment.next),
        orgId,
      });
    if (change.audit) this.t.audit.set(key(orgId, change.audit.subjectId, change.audit.id), copy(change.audit));
    this.t.writeEvents(change.events ?? []);
  }

  private mine(orgId: string, participantId: string) {
    return [...this.t.caseContacts.entries()].filter(([k]) => k.startsWith(key(orgId, participantId, ''))).map(([, c]) => c);
  }

  async contacts(orgId: string, participantId: string, page: PageRequest) {
    const p = pageOf(`contacts:${orgId}:${participantId}`, this.mine(orgId, participantId), (c) => `${c.occurredAt}#${c.id}`, page, false);
    return { ...p, items: readAll(CaseContact, p.items) };
  }

  async allContacts(orgId: string, participantId: string) {
    return readAll(CaseContact, byKey(this.mine(orgId, participantId), (c) => `${c.occurredAt}#${c.id}`).reverse());
  }

  async appointments(orgId: string, participantId: string) {
    const mine = [...this.t.appointments.entries()].filter(([k]) => k.startsWith(key(orgId, participantId, ''))).map(([, a]) => a);
    return readAll(
      Appointment,
      byKey(mine, (a) => a.id),
    );
  }

  async getAppointment(orgId: string, participantId: string, id: string) {
    return read(Appointment, this.t.appointments.get(key(orgId, participantId, id)));
  }

  async plan(orgId: string, participantId: string) {
    return read(ActionPlan, this.t.plans.get(key(orgId, participantId)));
  }
}

// ---------------------------------------------------------------------------------------------------
// Notifications, funnel counters, the notifier's bookkeeping

export class MemoryNotificationRepository implements NotificationRepository {
  constructor(private readonly t: MemoryTables) {}

  async list(orgId: string, userId: string, opts: PageRequest & { unreadOnly: boolean }) {
    const mine = [...this.t.notifications.values()]
      .filter((n) => n.orgId === orgId && n.notification.userId === userId && (!opts.unreadOnly || n.notification.readAt === undefined))
      .map((n) => n.notification);
    // Newest first (ids start with the event's ULID).
    const p = pageOf(
      `notifications:${orgId}:${userId}:${opts.unreadOnly}`,
      mine,
      (n) => n.id,
      { limit: opts.limit, cursor: opts.cursor },
      false,
    );
    return { ...p, items: readAll(Notification, p.items) };
  }

  async markRead(orgId: string, userId: string, id: string, at: string) {
    const stored = this.t.notifications.get(key(orgId, userId, id));
    if (!stored) return undefined;
    if (stored.notification.readAt === undefined) stored.notification = { ...stored.notification, readAt: at };
    return read(Notification, stored.notification);
  }

  async aboutParticipant(orgId: string, participantId: string) {
    const about = [...this.t.notifications.values()]
      .filter((n) => n.orgId === orgId && n.participantId === participantId)
      .map((n) => n.notification);
    return readAll(
      Notification,
      byKey(about, (n) => n.id),
    ).map((n) => ({ ...n, orgId }));
  }

  async redact(orgId: string, n: Notification, text: { title: string; body: string }) {
    const k = key(orgId, n.userId, n.id);
    const stored = this.t.notifications.get(k);
    // (The adapter's unconditional Update would make a stub of a notification that is gone; nothing relies on that.)
    if (!stored) return;
    this.t.notifications.set(k, { orgId, notification: { ...stored.notification, title: text.title, body: text.body } });
  }
}

export class MemoryStatsRepository implements StatsRepository {
  constructor(private readonly t: MemoryTables) {}

  async funnel(orgId: string, fromMonth: string, toMonth: string) {
    const groups = new Map<string, FunnelCounts>();
    for (const [k, counters] of this.t.stats) {
      const [org, month, group] = k.split('|') as [string, string, string];
      if (org !== orgId || month < fromMonth || month > toMonth) continue;
      const g = groups.get(group) ?? emptyFunnel();
      for (const c of FUNNEL_COUNTERS) g[c] += counters[c] ?? 0;
      groups.set(group, g);
    }
    return groups;
  }

  async employersEngaged(orgId: string, fromMonth: string, toMonth: string) {
    const ids = new Set<string>();
    for (const k of this.t.engaged) {
      const [org, month, employerId] = k.split('|') as [string, string, string];
      if (org === orgId && month >= fromMonth && month <= toMonth) ids.add(employerId);
    }
    return ids.size;
  }
}

export class MemoryDeliveryRepository implements DeliveryRepository {
  constructor(private readonly t: MemoryTables) {}

  async isProcessed(eventId: string) {
    return this.t.processed.has(eventId);
  }

  async claimEmail(eventId: string, to: string) {
    const k = key(eventId, to);
    if (this.t.emailsClaimed.has(k)) return false;
    this.t.emailsClaimed.add(k);
    return true;
  }

  async releaseEmail(eventId: string, to: string) {
    this.t.emailsClaimed.delete(key(eventId, to));
  }

  async commit(event: OutboxEvent, deliveries: Delivery[], counters: CounterAdd[], extras: DeliveryExtras = {}) {
    const pledges = extras.pledges ?? [];
    // The processed marker first: another delivery got there first.
    if (this.t.processed.has(event.id)) return false;
    for (const d of deliveries) {
      if (this.t.notifications.has(key(event.orgId, d.notification.userId, d.notification.id)))
        throw new Error(`delivery ${event.id}: notification ${d.notification.id} exists`);
    }
    for (const p of pledges) {
      if (!this.t.pledges.has(key(event.orgId, p.employerId, p.pledgeId)))
        throw new Error(`delivery ${event.id}: pledge ${p.pledgeId} no longer exists`);
    }
    // Written on the values read, as the adapter's conditions do: a lost race fails the delivery.
    const m = extras.matchAlerts;
    if (m) {
      if ((this.t.matchAlerted.get(key(event.orgId, m.vacancyId))?.version ?? 0) !== m.previousVersion)
        throw new Error(`delivery ${event.id}: vacancy ${m.vacancyId}'s match alerts changed`);
      for (const a of m.advisers) {
        if ((this.t.matchAlertDays.get(key(event.orgId, a.adviserId, a.day)) ?? 0) !== a.before)
          throw new Error(`delivery ${event.id}: ${a.adviserId}'s alerts for ${a.day} changed`);
      }
    }
    this.t.processed.add(event.id);
    if (m) {
      this.t.matchAlerted.set(key(event.orgId, m.vacancyId), copy(m.announced));
      for (const a of m.advisers) this.t.matchAlertDays.set(key(event.orgId, a.adviserId, a.day), a.after);
    }
    for (const d of deliveries) {
      this.t.notifications.set(key(event.orgId, d.notification.userId, d.notification.id), {
        orgId: event.orgId,
        notification: copy(d.notification),
        ...(d.participantId ? { participantId: d.participantId } : {}),
      });
      if (d.digest)
        this.t.digests.set(key(event.orgId, d.notification.userId, d.notification.id), {
          dueOn: d.digest.dueOn,
          orgId: event.orgId,
          kind: 'digest',
          userId: d.notification.userId,
          id: d.notification.id,
          notificationKind: d.notification.kind,
          ...(d.digest.headline ? { headline: d.digest.headline } : {}),
        });
    }
    const month = event.at.slice(0, 7);
    for (const c of counters) {
      for (const g of c.groups) {
        const k = key(event.orgId, c.month ?? month, g);
        const row = this.t.stats.get(k) ?? {};
        row[c.counter] = (row[c.counter] ?? 0) + 1;
        this.t.stats.set(k, row);
      }
    }
    for (const p of pledges) {
      const k = key(event.orgId, p.employerId, p.pledgeId);
      const stored = this.t.pledges.get(k)!;
      this.t.pledges.set(k, { ...stored, progress: { ...stored.progress, [p.field]: stored.progress[p.field] + 1 } });
    }
    if (extras.engagedEmployerId) this.t.engaged.add(key(event.orgId, month, extras.engagedEmployerId));
    this.t.delivered.add(event.id);
    return true;
  }

  async matchAlertState(orgId: string, vacancyId: string) {
    return copy(this.t.matchAlerted.get(key(orgId, vacancyId)) ?? { participantIds: [], version: 0 });
  }

  async matchAlertsSent(orgId: string, day: string, adviserIds: string[]) {
    return new Map(adviserIds.map((id) => [id, this.t.matchAlertDays.get(key(orgId, id, day)) ?? 0]));
  }
}

// ---------------------------------------------------------------------------------------------------
// The due index: every pending deadline, computed from the records with the adapter's rules.

export class MemoryDueRepository implements DueRepository {
  constructor(private readonly t: MemoryTables) {}

  /** Every entry of the due index, by its sort key `date#org#kind#…id`. */
  private entries(): string[] {
    const sks: string[] = [];
    for (const s of this.t.submissions.values()) {
      const due = submissionDue(s);
      if (due) sks.push(dueIndex.entry(due, s.orgId, 'SUB', s.id).GSI3SK);
    }
    for (const p of this.t.placements.values()) {
      const due = placementDue(p);
      if (due) sks.push(dueIndex.entry(due, p.orgId, 'PLC', p.id).GSI3SK);
    }
    for (const [k, sens] of this.t.sensitive) {
      const noticeOn = permittedWorkNoticeDue(sens);
      if (noticeOn) sks.push(dueIndex.entry(noticeOn, k.split('|')[0]!, 'PWK', sens.participantId).GSI3SK);
    }
    for (const p of this.t.participants.values()) {
      const due = reviewReminderDue(p);
      if (due) sks.push(dueIndex.entry(due, p.orgId, 'REV', p.id).GSI3SK);
    }
    for (const a of this.t.appointments.values()) {
      const due = appointmentReminderDue(a);
      if (due) sks.push(dueIndex.entry(due, a.orgId, 'APT', a.id, a.participantId).GSI3SK);
    }
    for (const [k, i] of this.t.interactions) {
      const orgId = k.split('|')[0]!;
      if (i.followUpOn && !i.followUpNotifiedAt && !i.followUpDoneAt)
        sks.push(dueIndex.entry(i.followUpOn, orgId, 'INT', i.id, i.employerId).GSI3SK);
    }
    for (const cb of this.t.callbacks.values()) {
      if (!cb.made && !cb.closed && !cb.remindedAt) sks.push(dueIndex.entry(cb.dueOn, cb.orgId, 'CB', cb.vacancyId).GSI3SK);
    }
    for (const d of this.t.digests.values()) sks.push(dueIndex.entry(d.dueOn, d.orgId, 'DIG', d.id, d.userId!).GSI3SK);
    for (const v of this.t.vacancies.values())
      if (v.withdrawing) sks.push(dueIndex.entry(v.withdrawing.since, v.orgId, 'VWD', v.id).GSI3SK);
    return sks.sort();
  }

  private items(sks: string[], limit: number): DueItem[] {
    return sks.slice(0, limit).flatMap((sk) => {
      const entry = dueIndex.parse(sk);
      if (entry?.kind !== 'digest') return entry ?? [];
      const stored = this.t.digests.get(key(entry.orgId, entry.userId, entry.id));
      return { ...entry, notificationKind: stored?.notificationKind, ...(stored?.headline ? { headline: stored.headline } : {}) };
    });
  }

  async takeDigest(orgId: string, userId: string, entries: DueItem[], event: OutboxEvent) {
    if (entries.some((d) => !this.t.digests.has(key(orgId, userId, d.id)))) return false;
    for (const d of entries) this.t.digests.delete(key(orgId, userId, d.id));
    this.t.writeEvents([event]);
    return true;
  }

  async dueOnOrBefore(date: string, limit: number) {
    return this.items(
      this.entries().filter((sk) => sk <= dueIndex.through(date)),
      limit,
    );
  }

  async dueBetween(from: string, to: string, limit: number) {
    return this.items(
      this.entries().filter((sk) => sk >= dueIndex.from(from) && sk <= dueIndex.through(to)),
      limit,
    );
  }
}

// ---------------------------------------------------------------------------------------------------
// Idempotency records

export class MemoryIdempotencyStore implements IdempotencyStore {
  private tokens = 0;
  constructor(private readonly t: MemoryTables) {}

  async claim(orgId: string, sub: string, k: string, c: IdempotencyClaim): Promise<IdempotencyRecord | undefined> {
    const id = key(orgId, sub, k);
    const nowSeconds = Math.floor(c.nowMs / 1000);
    const claimToken = c.claimToken ?? `claim-${++this.tokens}`;
    const existing = this.t.idempotency.get(id);
    // Free, expired, or an in-progress claim whose request died: take it.
    if (!existing || existing.expiresAtSeconds < nowSeconds || (existing.status === 'in-progress' && existing.lockedUntilMs < c.nowMs)) {
      this.t.idempotency.set(id, {
        status: 'in-progress',
        requestHash: c.requestHash,
        claimToken,
        lockedUntilMs: c.nowMs + c.lockSeconds * 1000,
        expiresAtSeconds: nowSeconds + c.ttlSeconds,
      });
      return undefined;
    }
    if (existing.claimToken === claimToken && existing.status === 'in-progress') return undefined;
    return {
      status: existing.status,
      requestHash: existing.requestHash,
      ...(existing.response ? { response: copy(existing.response) } : {}),
    };
  }

  async complete(orgId: string, sub: string, k: string, response: NonNullable<IdempotencyRecord['response']>) {
    const id = key(orgId, sub, k);
    const existing = this.t.idempotency.get(id);
    // The adapter's Update has no condition: it completes whatever is there.
    this.t.idempotency.set(id, {
      status: 'done',
      requestHash: existing?.requestHash ?? '',
      claimToken: existing?.claimToken ?? '',
      lockedUntilMs: existing?.lockedUntilMs ?? 0,
      expiresAtSeconds: existing?.expiresAtSeconds ?? Number.MAX_SAFE_INTEGER,
      response: copy(response),
    });
  }

  async release(orgId: string, sub: string, k: string) {
    this.t.idempotency.delete(key(orgId, sub, k));
  }
}

// ---------------------------------------------------------------------------------------------------
// The skills vocabulary

export class MemorySkillVocabularyRepository implements SkillVocabularyRepository {
  /** Reads made, so a test can see the use cases' cache at work. */
  reads = 0;
  constructor(private readonly t: MemoryTables) {}

  async get(orgId: string) {
    this.reads++;
    return read(SkillVocabularyRecord, this.t.skillVocabularies.get(orgId));
  }

  async save(record: SkillVocabularyRecord, expectedVersion: number) {
    const stored = this.t.skillVocabularies.get(record.orgId);
    if (expectedVersion === 0) mustBeNew(stored, 'skills vocabulary');
    else mustBeAt(stored, expectedVersion, 'skills vocabulary');
    this.t.skillVocabularies.set(record.orgId, copy(record));
  }
}

// ---------------------------------------------------------------------------------------------------
// What Routeway keeps per user, and its own keys

export class MemoryStaffRecordRepository implements StaffRecordRepository {
  constructor(private readonly t: MemoryTables) {}

  async getAccess(orgId: string, userId: string) {
    return read(SessionAccess, this.t.staffAccess.get(key(orgId, userId)));
  }

  async putAccess(orgId: string, userId: string, access: SessionAccess) {
    this.t.staffAccess.set(key(orgId, userId), copy(access));
  }

  async getPreferences(orgId: string, userId: string) {
    return read(Preferences, this.t.staffPreferences.get(key(orgId, userId)));
  }

  async putPreferences(orgId: string, userId: string, prefs: Preferences) {
    this.t.staffPreferences.set(key(orgId, userId), copy(prefs));
  }

  async addAudit(orgId: string, entry: StaffAuditEntry, events: OutboxEvent[] = []) {
    const k = key(orgId, entry.staffId, entry.id);
    if (this.t.staffAudit.has(k)) throw new Error(`audit entry ${entry.id} exists`);
    this.t.staffAudit.set(k, copy(entry));
    this.t.writeEvents(events);
  }

  async listAudit(orgId: string, userId: string, page: PageRequest) {
    const prefix = key(orgId, userId, '');
    const mine = [...this.t.staffAudit.entries()].filter(([k]) => k.startsWith(prefix)).map(([, e]) => e);
    const p = pageOf(`staff-audit:${orgId}:${userId}`, mine, (e) => e.id, page, false);
    return { ...p, items: readAll(StaffAuditEntry, p.items) };
  }
}

export class MemorySecretRepository implements SecretRepository {
  constructor(private readonly t: MemoryTables) {}
  async signingKey(name: string) {
    let k = this.t.secrets.get(name);
    if (!k) {
      k = randomBytes(32);
      this.t.secrets.set(name, k);
    }
    return k;
  }
}

/**
 * The staff directory in memory (the table directory's semantics: unique email addresses, `create`
 * keeps the id it is given). Not part of the tables' snapshot: it stands for the identity provider.
 */
export class MemoryStaffDirectory implements StaffDirectory {
  readonly members = new Map<string, StaffMember>();
  /** Users whose identity-provider sessions were ended. */
  readonly signedOut: string[] = [];

  async get(orgId: string, id: string) {
    return read(StaffMember, this.members.get(key(orgId, id)));
  }

  async getMany(orgId: string, ids: readonly string[]) {
    const out = new Map<string, StaffMember>();
    for (const id of ids) {
      const m = this.members.get(key(orgId, id));
      if (m) out.set(id, read(StaffMember, m)!);
    }
    return out;
  }

  async list(orgId: string) {
    return [...this.members.values()].filter((m) => m.orgId === orgId).map((m) => read(StaffMember, m)!);
  }

  async create(m: StaffMember) {
    if ([...this.members.values()].some((x) => x.email === m.email) || this.members.has(key(m.orgId, m.id)))
      throw new DuplicateStaffError();
    this.members.set(key(m.orgId, m.id), copy(m));
    return copy(m);
  }

  async update(previous: StaffMember, next: StaffMember) {
    if (!this.members.has(key(previous.orgId, previous.id))) throw new Error(`no user ${previous.id}`);
    this.members.set(key(next.orgId, next.id), copy(next));
  }

  async signOutEverywhere(_orgId: string, id: string) {
    this.signedOut.push(id);
  }
}

export class MemorySupplyChainRepository implements SupplyChainRepository {
  constructor(private readonly t: MemoryTables) {}
  async getOrganisation(orgId: string) {
    return read(Organisation, this.t.organisations.get(orgId));
  }
  async putOrganisation(org: Organisation) {
    this.t.organisations.set(org.id, copy(org));
  }
  async contractsOf(orgId: string) {
    return readAll(
      Contract,
      [...this.t.contracts.values()].filter((c) => c.primeOrgId === orgId || c.subcontractorOrgId === orgId),
    );
  }
  async putContract(c: Contract) {
    this.t.contracts.set(key(c.primeOrgId, c.subcontractorOrgId), copy(c));
  }
  async getShare(primeOrgId: string, vacancyId: string) {
    return read(VacancyShare, this.t.shares.get(key(primeOrgId, vacancyId)));
  }
  private audit(a: ShareAuditEntry, primeOrgId: string) {
    const k = key(primeOrgId, a.vacancyId, a.id);
    if (this.t.shareAudit.has(k)) throw new Error(`share audit ${a.id} exists`);
    this.t.shareAudit.set(k, copy(a));
  }
  async putShare(share: VacancyShare, reach: readonly string[], before: readonly string[], audit: ShareAuditEntry) {
    this.audit(audit, share.primeOrgId);
    this.t.shares.set(key(share.primeOrgId, share.vacancyId), copy(share));
    for (const o of before) if (!reach.includes(o)) this.t.sharedIn.delete(key(o, share.primeOrgId, share.vacancyId));
    for (const o of reach)
      this.t.sharedIn.set(key(o, share.primeOrgId, share.vacancyId), {
        primeOrgId: share.primeOrgId,
        vacancyId: share.vacancyId,
        sharedAt: share.sharedAt,
      });
  }
  async removeShare(primeOrgId: string, vacancyId: string, reached: readonly string[], audit: ShareAuditEntry) {
    this.audit(audit, primeOrgId);
    this.t.shares.delete(key(primeOrgId, vacancyId));
    for (const o of reached) this.t.sharedIn.delete(key(o, primeOrgId, vacancyId));
  }
  async listSharedWith(orgId: string, page: PageRequest) {
    const mine = [...this.t.sharedIn.entries()].filter(([k]) => k.startsWith(key(orgId, ''))).map(([, v]) => v);
    const p = pageOf(`shared-in:${orgId}`, mine, (x) => `${x.primeOrgId}#${x.vacancyId}`, page);
    return { ...p, items: readAll(SharedIn, p.items) };
  }
  async getSharedIn(orgId: string, primeOrgId: string, vacancyId: string) {
    return read(SharedIn, this.t.sharedIn.get(key(orgId, primeOrgId, vacancyId)));
  }
  async listShareAudit(primeOrgId: string, vacancyId: string, page: PageRequest) {
    const mine = [...this.t.shareAudit.entries()].filter(([k]) => k.startsWith(key(primeOrgId, vacancyId, ''))).map(([, v]) => v);
    const p = pageOf(`share-audit:${primeOrgId}:${vacancyId}`, mine, (x) => x.id, page, false);
    return { ...p, items: readAll(ShareAuditEntry, p.items) };
  }
  async addChainProposal(p: ChainProposal, c: ChainCandidate) {
    if (
      [...this.t.chainProposals.values()].some(
        (x) =>
          x.fromOrgId === p.fromOrgId &&
          x.primeOrgId === p.primeOrgId &&
          x.vacancyId === p.vacancyId &&
          x.participantId === p.participantId,
      )
    )
      throw new ConflictError('This participant has already been proposed for this vacancy');
    this.t.chainProposals.set(key(p.fromOrgId, p.primeOrgId, p.vacancyId, p.id), copy(p));
    this.t.chainCandidates.set(key(c.primeOrgId, c.vacancyId, c.id), copy(c));
  }
  async answerChainProposal(p: ChainProposal, c: ChainCandidate) {
    const k = key(p.fromOrgId, p.primeOrgId, p.vacancyId, p.id);
    if (this.t.chainProposals.get(k)?.state !== 'proposed') throw new ConflictError('The proposal has already been answered');
    this.t.chainProposals.set(k, copy(p));
    this.t.chainCandidates.set(key(c.primeOrgId, c.vacancyId, c.id), copy(c));
  }
  async getChainProposal(orgId: string, primeOrgId: string, vacancyId: string, id: string) {
    return read(ChainProposal, this.t.chainProposals.get(key(orgId, primeOrgId, vacancyId, id)));
  }
  async listChainProposals(orgId: string, primeOrgId: string, vacancyId: string) {
    const mine = [...this.t.chainProposals.entries()].filter(([k]) => k.startsWith(key(orgId, primeOrgId, vacancyId, '')));
    return readAll(
      ChainProposal,
      mine.sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v),
    );
  }
  async chainProposalsOf(orgId: string, participantId: string) {
    return readAll(
      ChainProposal,
      [...this.t.chainProposals.values()].filter((p) => p.fromOrgId === orgId && p.participantId === participantId),
    );
  }
  async putChainProposal(p: ChainProposal, c: ChainCandidate) {
    this.t.chainProposals.set(key(p.fromOrgId, p.primeOrgId, p.vacancyId, p.id), copy(p));
    this.t.chainCandidates.set(key(c.primeOrgId, c.vacancyId, c.id), copy(c));
  }
  async listChainCandidates(primeOrgId: string, vacancyId: string) {
    const mine = [...this.t.chainCandidates.entries()].filter(([k]) => k.startsWith(key(primeOrgId, vacancyId, '')));
    return readAll(
      ChainCandidate,
      mine.sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v),
    );
  }
}

// ---------------------------------------------------------------------------------------------------
// All of them together

/** Every port in memory, over one set of tables, plus what tests read: the outbox and a snapshot. */
export class MemoryRepositories implements Repositories {
  readonly tables = new MemoryTables();
  readonly employers = new MemoryEmployerRepository(this.tables);
  readonly vacancies = new MemoryVacancyRepository(this.tables);
  readonly cohorts = new MemoryCohortRepository(this.tables);
  readonly participants = new MemoryParticipantRepository(this.tables);
  readonly idempotency = new MemoryIdempotencyStore(this.tables);
  readonly pool = new MemoryMatchPool(this.tables);
  readonly submissions = new MemorySubmissionRepository(this.tables);
  readonly placements = new MemoryPlacementRepository(this.tables);
  readonly notifications = new MemoryNotificationRepository(this.tables);
  readonly stats = new MemoryStatsRepository(this.tables);
  readonly deliveries = new MemoryDeliveryRepository(this.tables);
  readonly due = new MemoryDueRepository(this.tables);
  readonly skills = new MemorySkillVocabularyRepository(this.tables);
  readonly casework = new MemoryCaseworkRepository(this.tables);
  readonly staff = new MemoryStaffRecordRepository(this.tables);
  readonly secrets = new MemorySecretRepository(this.tables);
  readonly supplyChain = new MemorySupplyChainRepository(this.tables);
  readonly importRefs: ImportRefRepository = {
    find: async (orgId, kind, refs) => {
      const found = new Map<string, string>();
      for (const r of refs) {
        const id = this.tables.importRefs.get(`${orgId}|${kind}|${r}`);
        if (id) found.set(r, id);
      }
      return found;
    },
  };
  /** Set to false to make the table "not answer". */
  available = true;

  async ping() {
    return this.available;
  }

  /** Every event written to the outbox, in order (delivered ones included). */
  get events(): readonly OutboxEvent[] {
    return this.tables.events;
  }

  /** Events the notifier has not committed yet. */
  pendingEvents(): OutboxEvent[] {
    return this.tables.events.filter((e) => !this.tables.delivered.has(e.id));
  }

  /**
   * Everything stored, as one string (records in key order): compare two snapshots to prove that a
   * refused request changed nothing.
   */
  snapshot(): string {
    const t = this.tables as unknown as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const name of Object.keys(t).sort()) {
      const v = t[name];
      out[name] =
        v instanceof Map ? [...v.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : v instanceof Set ? [...v].sort() : v;
    }
    return JSON.stringify(out);
  }
}
