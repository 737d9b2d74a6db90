import type { Page, PageRequest } from '../domain/common.js';
import type { Cohort, Enrolment } from '../domain/cohort.js';
import type { Contact, Employer, Interaction, Pledge } from '../domain/employer.js';
import type { AuditEntry } from '../domain/audit.js';
import type { ErasureRecord, Participant, ReadinessHistoryEntry, Sensitive } from '../domain/participant.js';
import type { Vacancy } from '../domain/vacancy.js';
import type { VacancyCallback } from '../domain/callback.js';
import type { MatchProfile, MatchVacancy } from '../matching/types.js';
import type { CellRange } from '../matching/geo.js';
import type { PoolPart } from '../matching/engine.js';
import type { OutboxEvent } from '../domain/events.js';
import type { Notification, Placement, Submission } from '../domain/submission.js';
import type { SkillVocabularyRecord } from '../domain/skills.js';
import type { ActionPlan, Appointment, CaseContact } from '../domain/casework.js';
import type { SecretRepository, StaffRecordRepository } from './staff-directory.js';
import type { SupplyChainRepository } from './supply-chain.js';

/**
 * A list that is not paged keeps at most `max` records. The repository refuses the one past it in the same
 * write that adds it (a counter kept beside the records), so concurrent adds cannot overshoot; `existing` is
 * how many the caller read, the counter's start where none was kept yet (records made before it).
 */
export interface RecordCap {
  max: number;
  existing: number;
  refusal: () => Error;
}

export type { PageRequest };

export type EmployerListFilter =
  | { by: 'all' }
  | { by: 'accountManager'; managerId: string }
  | { by: 'stage'; stage: Employer['stage'] }
  | { by: 'namePrefix'; prefix: string };

/** A new employer with the records it starts with (the demo district's); interactions have no callbacks. */
export interface NewEmployer {
  employer: Employer;
  contacts?: readonly Contact[];
  interactions?: readonly Interaction[];
  pledges?: readonly Pledge[];
}

export interface EmployerRepository {
  /** Fails with DuplicateEmployer when the name+postcode or company number is already held. */
  create(employer: Employer): Promise<void>;
  /**
   * New employers, each whole and several to a transaction: exactly the items `create` and then
   * `addContact`, `addInteraction` and `addPledge` one by one would leave (counters included, under the
   * caps given). A guard already taken fails its transaction (VersionConflict, not which one): the caller
   * falls back to `create` one by one to learn which. Those of transactions already made stay written.
   */
  createMany(records: readonly NewEmployer[], caps: { contacts: RecordCap; pledges: RecordCap }): Promise<void>;
  get(orgId: string, id: string): Promise<Employer | undefined>;
  /** Replaces the employer if still at `expectedVersion` (VersionConflict otherwise), moving duplicate guards. */
  update(previous: Employer, next: Employer): Promise<void>;
  list(orgId: string, filter: EmployerListFilter, page: PageRequest): Promise<Page<Employer>>;
  addContact(orgId: string, contact: Contact, cap: RecordCap): Promise<void>;
  listContacts(orgId: string, employerId: string): Promise<Contact[]>;
  getContact(orgId: string, employerId: string, id: string): Promise<Contact | undefined>;
  /** Replaces a contact if it is still at `previous`'s version (VersionConflict otherwise). */
  updateContact(orgId: string, previous: Contact, next: Contact): Promise<void>;
  /**
   * Adds the interaction; when it is a vacancy's callback, closes the callback (still open, else
   * VersionConflict) and writes its events in the same transaction.
   */
  addInteraction(orgId: string, interaction: Interaction, callback?: { made: VacancyCallback; events: OutboxEvent[] }): Promise<void>;
  listInteractions(orgId: string, employerId: string, page: PageRequest): Promise<Page<Interaction>>;
  /** Marks a promised follow-up as announced (it leaves the due index) and writes the announcement event. */
  markFollowUpNotified(orgId: string, interaction: Interaction, event: OutboxEvent): Promise<void>;
  getInteraction(orgId: string, employerId: string, id: string): Promise<Interaction | undefined>;
  /** Marks a promised follow-up done (once) and takes it off the due index. */
  completeFollowUp(orgId: string, interaction: Interaction, done: { at: string; by: string }): Promise<void>;
  addPledge(orgId: string, pledge: Pledge, cap: RecordCap): Promise<void>;
  listPledges(orgId: string, employerId: string): Promise<Pledge[]>;
  /**
   * The organisation's own record of the same company, if it holds one: by company number when given, else
   * by normalised name and postcode (the duplicate guards' keys). Supply-chain contact coordination.
   */
  findSame(orgId: string, company: Pick<Employer, 'name' | 'companyNumber' | 'address'>): Promise<string | undefined>;
}

export type VacancyListFilter =
  | { by: 'employer'; employerId: string; status?: Vacancy['status'] }
  | { by: 'status'; status: Vacancy['status'] };

/** A vacancy to create in bulk, with the employer its pool entry is built from and its events. */
export interface NewVacancy {
  vacancy: Vacancy;
  employer: Employer;
  events?: OutboxEvent[];
}

export interface VacancyRepository {
  /**
   * The vacancy, its pool entry and its events (e.g. `vacancy.published`), at once. The pool entry holds
   * the employer's terms (conditions on convictions, adjustments offered): it is built from `employer`,
   * which must still be at its version (VersionConflict otherwise).
   */
  create(vacancy: Vacancy, employer: Employer, events?: OutboxEvent[], callback?: VacancyCallback): Promise<void>;
  /**
   * New vacancies (no callbacks), several to a transaction: exactly what `create` writes for each. A
   * condition that fails (an employer changed or gone, a reference taken) fails its transaction
   * (VersionConflict, not which): the caller falls back to `create` one by one. Those of transactions
   * already made stay written.
   */
  createMany(records: readonly NewVacancy[]): Promise<void>;
  /** The 48-hour callback of a vacancy an employer posted itself, if it has one. */
  getCallback(orgId: string, vacancyId: string): Promise<VacancyCallback | undefined>;
  /** Callbacks neither made nor closed, soonest due first. */
  openCallbacks(orgId: string, limit: number): Promise<VacancyCallback[]>;
  /** Records that the account manager was reminded (it leaves the due index) and writes the reminder's event, once. */
  markCallbackReminded(callback: VacancyCallback, at: string, event: OutboxEvent): Promise<void>;
  get(orgId: string, id: string): Promise<Vacancy | undefined>;
  /**
   * Replaces the vacancy if unchanged since read, with its pool entry. A change that (re)writes the pool
   * entry needs the employer (checked at its version); one that leaves it as it was, or takes the vacancy
   * out of the pool, does not. `callback`: the vacancy's callback, closed by this change of status (it
   * must still be open: VersionConflict otherwise).
   */
  update(previous: Vacancy, next: Vacancy, events?: OutboxEvent[], employer?: Employer, callback?: VacancyCallback): Promise<void>;
  /** Rewrites an open vacancy's pool entry from its employer as it is now (after the employer's terms changed); VersionConflict if either moved on. */
  refreshPoolEntry(vacancy: Vacancy, employer: Employer): Promise<void>;
  list(orgId: string, filter: VacancyListFilter, page: PageRequest): Promise<Page<Vacancy>>;
}

export interface CohortRepository {
  create(cohort: Cohort): Promise<void>;
  get(orgId: string, id: string): Promise<Cohort | undefined>;
  list(orgId: string, page: PageRequest): Promise<Page<Cohort>>;
  /** The cohorts linked to a vacancy or its employer (either names the other, or the cohort names the employer), by id. */
  linkedTo(orgId: string, vacancy: { id: string; employerId: string; linkedCohortIds: readonly string[] }): Promise<Cohort[]>;
  /** The cohorts starting on or after a date, soonest first. */
  startingFrom(orgId: string, date: string): Promise<Cohort[]>;
  enrolments(orgId: string, cohortId: string): Promise<Enrolment[]>;
  getEnrolment(orgId: string, cohortId: string, participantId: string): Promise<Enrolment | undefined>;
  /** Adds the enrolment only while places remain (CohortFull) and the participant is not already enrolled (AlreadyEnrolled). */
  enrol(orgId: string, enrolment: Enrolment, cap: RecordCap): Promise<void>;
  /** Changes an enrolment's status; a withdrawal frees its place. */
  /** The enrolment (version-checked), the participant when completing awards them certificates, and any events, at once. */
  updateEnrolment(
    orgId: string,
    previous: Enrolment,
    next: Enrolment,
    participant?: { prev: Participant; next: Participant },
    events?: OutboxEvent[],
  ): Promise<void>;
  /** Every cohort enrolment of one participant. */
  enrolmentsOf(orgId: string, participantId: string): Promise<Enrolment[]>;
  /** Overwrites an enrolment as it is (erasure strips its free text). */
  putEnrolment(orgId: string, enrolment: Enrolment): Promise<void>;
}

/**
 * Import references (bulk import): which record holds each reference. The guard items are written by the
 * employer, participant and vacancy repositories in the same transaction as the record they name, so a
 * reference can never be taken twice, whatever runs at once.
 */
export interface ImportRefRepository {
  /** The records holding these references (absent: none yet). */
  find(orgId: string, kind: 'employers' | 'participants' | 'vacancies', refs: readonly string[]): Promise<Map<string, string>>;
}

/**
 * A participant new to the table, whole: its readiness history (oldest first, ending at its readiness),
 * and its sensitive part with the audit entry of that write, as the API would have left them.
 */
export interface NewParticipant {
  participant: Participant;
  history: readonly ReadinessHistoryEntry[];
  sensitive?: { part: Sensitive; audit: AuditEntry };
}

export interface ParticipantRepository {
  create(participant: Participant, firstReadiness: ReadinessHistoryEntry): Promise<void>;
  /**
   * Several new participants at once (the bulk path: the demo district, imports): the same items `create`,
   * `changeReadiness` and `putSensitive` write, with the same conditions, packed several participants to a
   * transaction. All or none: a condition that fails (an id or import reference taken) fails the pack.
   */
  createMany(records: readonly NewParticipant[]): Promise<void>;
  get(orgId: string, id: string): Promise<Participant | undefined>;
  /** Replaces the participant if unchanged since read; the audit entry, when given, is written in the same transaction. */
  /** The participant (version-checked), its audit entry and any events, at once. */
  update(previous: Participant, next: Participant, audit?: AuditEntry, events?: OutboxEvent[]): Promise<void>;
  /** Changes readiness and appends the history entry in one transaction. */
  changeReadiness(previous: Participant, next: Participant, entry: ReadinessHistoryEntry): Promise<void>;
  readinessHistory(orgId: string, id: string): Promise<ReadinessHistoryEntry[]>;
  listByAdviser(orgId: string, adviserId: string, page: PageRequest): Promise<Page<Participant>>;
  getSensitive(orgId: string, id: string): Promise<Sensitive | undefined>;
  /**
   * Writes the sensitive part, its audit entry and any events in one transaction; `expectedVersion` 0
   * means it must not exist yet. While a permitted-work end date is recorded and its notice not yet sent,
   * the part is in the due index on the notice day (`permittedWorkNoticeDue`).
   */
  putSensitive(orgId: string, sensitive: Sensitive, expectedVersion: number, audit: AuditEntry, events?: OutboxEvent[]): Promise<void>;
  recordAudit(orgId: string, entry: AuditEntry): Promise<void>;
  listAudit(orgId: string, participantId: string, page: PageRequest): Promise<Page<AuditEntry>>;
  /**
   * Erases every item holding the participant's personal data (profile, sensitive part, readiness
   * history, casework) and writes the erasure record and its audit entry. Audit entries stay: they hold no
   * personal data, only who did what to which id.
   */
  erase(orgId: string, participant: Participant, record: ErasureRecord, audit: AuditEntry): Promise<void>;
  getErasure(orgId: string, participantId: string): Promise<ErasureRecord | undefined>;
  /** Participants of any organisation who exited before `cutoff` (ISO time), oldest first. */
  exitedBefore(cutoff: string, limit: number): Promise<{ orgId: string; id: string }[]>;
}

/** An open vacancy as the reverse (suggestion) pool holds it. */
export interface PoolVacancy {
  match: MatchVacancy;
  title: string;
  employerName: string;
  closingDate: string;
  linkedCohortIds: string[];
  guaranteedInterview: boolean;
}

/** The matching pools, read by area cell; writes happen inside the participant and vacancy transactions. */
/** What a catchment ranks: each pool cell's segment and the sub-cells of it the catchment reads. */
export interface CatchmentPool {
  parts: PoolPart[];
  /** From memory brought up to date by the change log, or read afresh (a fake, or a warm pool falling back). */
  served: 'warm' | 'cold';
}

export interface MatchPoolRepository {
  /**
   * The profiles a located vacancy considers, laid out for ranking: those its catchment's ranges cover
   * (`profilesInCells`) and every far traveller (`profilesTravellingFar`), once each (`withFarTravellers`),
   * as they are after every change committed before the call.
   */
  catchment(orgId: string, ranges: CellRange[]): Promise<CatchmentPool>;
  /** The profiles in each cell's run of sub-cells (the whole cell when the range has no bounds). */
  profilesInCells(orgId: string, ranges: CellRange[]): Promise<MatchProfile[]>;
  profilesInArea(orgId: string, area: string): Promise<MatchProfile[]>;
  /** Located profiles of everyone who will travel further than the catchment, wherever they live. */
  profilesTravellingFar(orgId: string): Promise<MatchProfile[]>;
  /** The open vacancies pooled in the cells, as they are after every change committed before the call. */
  vacanciesInCells(orgId: string, cells: string[]): Promise<PoolVacancy[]>;
  vacanciesInArea(orgId: string, area: string): Promise<PoolVacancy[]>;
}

/** One submission state change and everything that must change with it, atomically. */
export interface SubmissionChange {
  prev: Submission;
  next: Submission;
  vacancy?: { prev: Vacancy; next: Vacancy };
  /** The vacancy's callback, closed because this change filled the vacancy (still open when read, else VersionConflict). */
  callback?: VacancyCallback;
  participant?: { prev: Participant; next: Participant };
  placement?: Placement;
  /** The participant may be put forward for this vacancy again (the proposal lapsed unanswered): its guard goes. */
  reopen?: boolean;
  /** The vacancy's other live submissions, withdrawn because this change filled it (each version-checked). */
  ended?: EndedSubmission[];
  events: OutboxEvent[];
}

/** A live submission withdrawn in its vacancy's transaction, with the participant's count it frees. */
export interface EndedSubmission {
  prev: Submission;
  next: Submission;
  participant?: { prev: Participant; next: Participant };
}

/** A vacancy filled or withdrawn by a change of its own, with the live submissions it withdraws, at once. */
export interface VacancyEnd {
  vacancy: { prev: Vacancy; next: Vacancy };
  callback?: VacancyCallback;
  ended: EndedSubmission[];
  events: OutboxEvent[];
}

export interface SubmissionRepository {
  /** Creates a shortlist all-or-nothing: the vacancy (version-checked, so concurrent shortlists cannot exceed its limit), guards, submissions, participants' counters, events. */
  propose(change: {
    vacancy: { prev: Vacancy; next: Vacancy };
    submissions: Submission[];
    participants: { prev: Participant; next: Participant }[];
    events: OutboxEvent[];
  }): Promise<void>;
  apply(change: SubmissionChange): Promise<void>;
  /** The vacancy (version-checked, leaving the pool), its callback closed, the submissions it ends and the events, in one transaction. */
  endVacancy(change: VacancyEnd): Promise<void>;
  get(orgId: string, id: string): Promise<Submission | undefined>;
  listByVacancy(orgId: string, vacancyId: string, page: PageRequest): Promise<Page<Submission>>;
  listByParticipant(orgId: string, participantId: string): Promise<Submission[]>;
  /** Every submission of a vacancy (bounded: at most positions × 5 are ever live, and a vacancy's history is small). */
  listAllByVacancy(orgId: string, vacancyId: string): Promise<Submission[]>;
  /** Everyone put forward for the vacancy (but for proposals that lapsed unanswered). */
  participantsPutForward(orgId: string, vacancyId: string): Promise<Set<string>>;
  /** Overwrites a submission as it is (erasure strips its personal copies). */
  putSubmission(s: Submission): Promise<void>;
}

/** Placements: made in the hire's transaction (SubmissionChange.placement), read and updated here. */
export interface PlacementRepository {
  get(orgId: string, id: string): Promise<Placement | undefined>;
  listOf(orgId: string, participantId: string): Promise<Placement[]>;
  /** An officer's placements whose next employer-aftercare prompt falls on or before `through`, oldest first (at most `limit`). */
  aftercareDue(orgId: string, officerId: string, through: string, limit: number): Promise<Placement[]>;
  /** The placement (version-checked) and its events, at once. */
  update(prev: Placement, next: Placement, events: OutboxEvent[]): Promise<void>;
}

/**
 * One casework change and everything that must change with it, at once: a contact logged, an
 * appointment planned, recorded or cancelled, the participant's casework summary (version-checked), the
 * audit entry and any events.
 */
export interface CaseworkChange {
  orgId: string;
  participant?: { prev: Participant; next: Participant };
  contact?: CaseContact;
  /** `prev` absent: a new appointment. */
  appointment?: { prev?: Appointment; next: Appointment };
  /** `prev` absent: their first plan (version-checked otherwise, so concurrent changes cannot lose a step). */
  plan?: { prev?: ActionPlan; next: ActionPlan };
  /** A placement whose in-work support schedule the contact counts towards (version-checked). */
  placement?: { prev: Placement; next: Placement };
  audit?: AuditEntry;
  events?: OutboxEvent[];
}

/** A participant's casework: items of their own, erased with them (ParticipantRepository.erase). */
export interface CaseworkRepository {
  apply(change: CaseworkChange): Promise<void>;
  /**
   * Several changes for bulk loads (the demo district), each all or nothing and the same writes as `apply`,
   * packed several to a transaction. A failure leaves the changes of transactions already made written.
   */
  applyMany(changes: readonly CaseworkChange[]): Promise<void>;
  /** Their contacts, latest first (by when each happened). */
  contacts(orgId: string, participantId: string, page: PageRequest): Promise<Page<CaseContact>>;
  allContacts(orgId: string, participantId: string): Promise<CaseContact[]>;
  appointments(orgId: string, participantId: string): Promise<Appointment[]>;
  getAppointment(orgId: string, participantId: string, id: string): Promise<Appointment | undefined>;
  /** Their action plan, if one has been started. */
  plan(orgId: string, participantId: string): Promise<ActionPlan | undefined>;
}

export interface NotificationRepository {
  list(orgId: string, userId: string, opts: PageRequest & { unreadOnly: boolean }): Promise<Page<Notification>>;
  markRead(orgId: string, userId: string, id: string, at: string): Promise<Notification | undefined>;
  /** Notifications that mention a participant (for export and erasure). */
  aboutParticipant(orgId: string, participantId: string): Promise<(Notification & { orgId: string })[]>;
  redact(orgId: string, n: Notification, text: { title: string; body: string }): Promise<void>;
}

export type { FunnelCounts } from '../domain/funnel.js';
import type { FunnelCounts } from '../domain/funnel.js';

export interface StatsRepository {
  /** Sums the monthly counters in [fromMonth, toMonth] for each group label given (`all` for the whole funnel). */
  funnel(orgId: string, fromMonth: string, toMonth: string): Promise<Map<string, FunnelCounts>>;
  /** How many employers were in contact (an interaction that happened, a vacancy opened) in [fromMonth, toMonth], each once. */
  employersEngaged(orgId: string, fromMonth: string, toMonth: string): Promise<number>;
}

/** One counter the notifier adds to for an event: in each group, in `month` (the event's own when absent). */
export interface CounterAdd {
  counter: string;
  groups: string[];
  month?: string;
}

/** What a delivery adds besides notifications: pledge progress, and the employer it shows was in contact. */
export interface DeliveryExtras {
  pledges?: { employerId: string; pledgeId: string; field: 'hires' | 'sustained' }[];
  /** The employer engaged in the event's month (it opened a vacancy). */
  engagedEmployerId?: string;
  /** Match alerts sent: what the vacancy has now announced, and each adviser's count for the day (docs/pipeline.md). */
  matchAlerts?: MatchAlertWrite;
}

/** What a vacancy has announced to advisers so far (`version` 0: nothing yet). */
export interface MatchAlertState {
  participantIds: string[];
  version: number;
  /** The last day the list is kept (the vacancy's closing date and a margin): then TTL removes it. Absent on records from before. */
  keepUntil?: string;
}

/**
 * Written in the delivery's transaction, each on the value read: a concurrent delivery that changed
 * either makes this one fail and be retried on fresh reads, so no participant is announced twice and
 * no adviser passes the day's limit.
 */
export interface MatchAlertWrite {
  vacancyId: string;
  announced: MatchAlertState;
  /** The state read (its version is the condition). */
  previousVersion: number;
  /** Each adviser alerted: the day, their count read that day, and the count after. */
  advisers: { adviserId: string; day: string; before: number; after: number }[];
}

/** A notification to write, and the participant it mentions (so erasure can find it). */
export interface Delivery {
  notification: Notification;
  participantId?: string;
  /** Its recipient wants this kind in their daily email: it joins their digest, sent by the sweep on `dueOn` (`headline`: listed in it). */
  digest?: { dueOn: string; headline?: string };
}

/** The notifier's exactly-once bookkeeping. */
export interface DeliveryRepository {
  isProcessed(eventId: string): Promise<boolean>;
  /** Claims the right to send one email; false when it was already sent. */
  claimEmail(eventId: string, to: string): Promise<boolean>;
  releaseEmail(eventId: string, to: string): Promise<void>;
  /**
   * Marks the event processed, writes its notifications and funnel counts and deletes it from the
   * outbox, in one transaction; false when another delivery got there first.
   */
  commit(event: OutboxEvent, deliveries: Delivery[], counters: CounterAdd[], extras?: DeliveryExtras): Promise<boolean>;
  /** The participants a vacancy has announced in match alerts. */
  matchAlertState(orgId: string, vacancyId: string): Promise<MatchAlertState>;
  /** How many match alerts each adviser has been sent on `day`. */
  matchAlertsSent(orgId: string, day: string, adviserIds: string[]): Promise<Map<string, number>>;
}

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  /** A one-click unsubscribe link (RFC 8058): sent as the List-Unsubscribe header beside the text's own link. */
  unsubscribeUrl?: string;
}

export interface EmailSender {
  send(message: EmailMessage): Promise<void>;
}

/** Something with a deadline on or before a date, from the due index. */
export interface DueItem {
  dueOn: string;
  orgId: string;
  /**
   * `permitted-work`: a participant's permitted-work period ends in 4 weeks (id: the participant);
   * `callback`: a vacancy's 48-hour callback is due (id: the vacancy);
   * `appointment`: an appointment is tomorrow, the adviser is reminded (id: the appointment, with `participantId`);
   * `review`: a review rule falls due for a participant, their adviser is reminded (id: the participant);
   * `digest`: a notification waiting for its recipient's daily email (id: the notification, `userId` theirs);
   * `vacancy`: a filled or withdrawn vacancy still `withdrawing` its live submissions (id: the vacancy).
   */
  kind: 'submission' | 'placement' | 'follow-up' | 'permitted-work' | 'callback' | 'appointment' | 'review' | 'digest' | 'vacancy';
  id: string;
  employerId?: string;
  participantId?: string;
  userId?: string;
  /** Digest entries only: the notification's kind, so the daily email can count them without reading them. */
  notificationKind?: string;
  /** Digest entries of a match alert: its title (a job and its employer, never a person), listed in the daily email. */
  headline?: string;
}

export interface DueRepository {
  /** Items due on or before `date` (ISO date), oldest first; reads only what is due. */
  dueOnOrBefore(date: string, limit: number): Promise<DueItem[]>;
  /**
   * Sends a user's digest once: deletes its entries (each must still be there) and writes the event that
   * announces it, in one transaction; false when another sweep got there first.
   */
  takeDigest(orgId: string, userId: string, entries: DueItem[], event: OutboxEvent): Promise<boolean>;
  /** Items due from `from` to `to` inclusive (ISO dates), soonest first. */
  dueBetween(from: string, to: string, limit: number): Promise<DueItem[]>;
}

/** Stored first responses of idempotent creates. */
export interface IdempotencyRecord {
  status: 'in-progress' | 'done';
  requestHash: string;
  response?: { status: number; body: string; headers: Record<string, string> };
}

export interface IdempotencyClaim {
  requestHash: string;
  /** How long the record (and its stored response) is kept. */
  ttlSeconds: number;
  /** How long an in-progress claim holds: after it, the first request is presumed dead and a retry may run. */
  lockSeconds: number;
  /** The time now, epoch ms (the use case's clock). */
  nowMs: number;
  /** The claim's own mark (made by the store when absent), so a retried claim recognises itself. */
  claimToken?: string;
}

export interface IdempotencyStore {
  /**
   * Claims the key; returns the existing record when someone holds it. A record past its expiry, or an
   * in-progress claim past its lock (its request died, e.g. at the function timeout), is taken over.
   */
  claim(orgId: string, sub: string, key: string, claim: IdempotencyClaim): Promise<IdempotencyRecord | undefined>;
  complete(orgId: string, sub: string, key: string, response: NonNullable<IdempotencyRecord['response']>): Promise<void>;
  release(orgId: string, sub: string, key: string): Promise<void>;
}

/** An organisation's own copy of the skills vocabulary (absent until an admin first adds to it). */
export interface SkillVocabularyRepository {
  get(orgId: string): Promise<SkillVocabularyRecord | undefined>;
  /** Writes the copy if it is still at `expectedVersion` (0: there must be none yet); VersionConflict otherwise. */
  save(record: SkillVocabularyRecord, expectedVersion: number): Promise<void>;
}

export interface Repositories {
  employers: EmployerRepository;
  vacancies: VacancyRepository;
  cohorts: CohortRepository;
  participants: ParticipantRepository;
  idempotency: IdempotencyStore;
  pool: MatchPoolRepository;
  submissions: SubmissionRepository;
  placements: PlacementRepository;
  notifications: NotificationRepository;
  stats: StatsRepository;
  deliveries: DeliveryRepository;
  due: DueRepository;
  skills: SkillVocabularyRepository;
  casework: CaseworkRepository;
  /** What Routeway keeps per user (session access, notification preferences, the admin audit trail). */
  staff: StaffRecordRepository;
  secrets: SecretRepository;
  /** Organisations, supply-chain contracts and the vacancies primes share with their subcontractors. */
  supplyChain: SupplyChainRepository;
  importRefs: ImportRefRepository;
  /** True when the table answers. */
  ping(): Promise<boolean>;
}
