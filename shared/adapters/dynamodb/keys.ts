/**
 * Every key the table uses, built in one place. Partition keys start with the owning provider
 * organisation (`O#<org>`) so supply chains (prime/subcontractor sharing) can be added later by
 * adding items and indexes, not by re-keying.
 *
 * Item collections:
 *   O#org#EMP#id      EMP | CONTACT#id | INT#ulid | PLEDGE#id      employer and its children
 *   O#org#VAC#id      VAC | CALLBACK | SUBP#participantId          vacancy, its 48-hour callback, its submission guards
 *   O#org#COH#id      COH | ENR#participantId                      cohort with its enrolments
 *   O#org#PAR#id      PAR | SENSITIVE | READY#ulid | AUDIT#ulid | ERASED | CW#…
 *                                                                  participant, sensitive part, readiness history,
 *                                                                  audit trail, erasure tombstone, casework
 *                                                                  (CW#CON#occurredAt#ulid contacts, CW#APT#ulid appointments, CW#PLAN action plan)
 *   O#org#UNIQ#...    UNIQ                                         duplicate guards (employer name+postcode, company no.)
 *   O#org#POOL#cell   P#subcell#participantId                      match profiles (matchable participants)
 *   O#org#VPOOL#cell  V#vacancyId                                  open vacancies, for suggestions
 *   O#org#POOLLOG#day ulid                                         the pool change log: which pool entries each transaction changed (TTL)
 *   O#org#COHLINK#VAC#id / O#org#COHLINK#EMP#id  cohortId             cohorts linked to a vacancy / an employer
 *   O#org#SKILLS      VOCAB                                        the organisation's skills vocabulary (once an admin adds to it)
 *   O#org#STAFF#id    STAFF | ACCESS | PREFS | AUDIT#ulid | DIGEST#noteId
 *                                                                  a user: directory entry (local directory only), session
 *                                                                  access, notification preferences, admin audit trail,
 *                                                                  notifications waiting for the daily email
 *   O#org#ORG         ORG                                          the organisation: name, standalone, prime or subcontractor
 *   O#org#CHAIN       SUB#org | PRIME#org                          its supply-chain contracts, as prime / as subcontractor (one copy each side)
 *   O#org#SHARE#vacId SHARE | AUDIT#ulid                           a prime's share of a vacancy, and its grant/withdraw trail
 *   O#org#SHAREDIN    P#primeOrg#vacancyId                         pointers to what primes shared with this organisation
 *   O#org#SHARE#vacId CAND#ulid                                    a candidate a subcontractor proposed for the prime's shared vacancy (no participant id)
 *   O#org#XPROP       P#primeOrg#vacancyId#ulid | G#primeOrg#vacancyId#participantId   a subcontractor's own proposals for primes' vacancies, and one guard per participant and vacancy
 *   STAFFEMAIL#email  UNIQ                                         one user per email address (local directory only)
 *   SECRET#name       SECRET                                       keys Routeway made for itself (unsubscribe links)
 *   IDEM#org#sub#key  IDEM                                         idempotency records (TTL)
 *   RATE#scope#caller W#windowStart                                 per-caller request counters (TTL)
 */
import { encodeTime } from 'ulid';

const o = (org: string) => `O#${org}`;
const SUBMISSION_GUARD = 'SUBP#';

export const keys = {
  employer: (org: string, id: string) => ({ PK: `${o(org)}#EMP#${id}`, SK: 'EMP' }),
  contact: (org: string, employerId: string, id: string) => ({ PK: `${o(org)}#EMP#${employerId}`, SK: `CONTACT#${id}` }),
  interaction: (org: string, employerId: string, id: string) => ({ PK: `${o(org)}#EMP#${employerId}`, SK: `INT#${id}` }),
  pledge: (org: string, employerId: string, id: string) => ({ PK: `${o(org)}#EMP#${employerId}`, SK: `PLEDGE#${id}` }),
  /** How many records an employer's unpaged lists hold (contacts, pledges), kept to refuse the one past the cap. */
  employerCounts: (org: string, employerId: string) => ({ PK: `${o(org)}#EMP#${employerId}`, SK: 'COUNTS' }),
  employerChildPrefix: { contact: 'CONTACT#', interaction: 'INT#', pledge: 'PLEDGE#' },
  employerNameGuard: (org: string, normalisedName: string, postcode: string) => ({
    PK: `${o(org)}#UNIQ#EMPNAME#${normalisedName}|${postcode.replace(/\s/g, '')}`,
    SK: 'UNIQ',
  }),
  companyNumberGuard: (org: string, companyNumber: string) => ({ PK: `${o(org)}#UNIQ#COMPANY#${companyNumber}`, SK: 'UNIQ' }),
  /** An imported record's reference in the system it came from (bulk import): one record per reference and kind. */
  importRefGuard: (org: string, kind: string, ref: string) => ({ PK: `${o(org)}#UNIQ#REF#${kind}#${ref}`, SK: 'UNIQ' }),

  vacancy: (org: string, id: string) => ({ PK: `${o(org)}#VAC#${id}`, SK: 'VAC' }),
  /** The 48-hour callback of a vacancy an employer posted itself. */
  callback: (org: string, vacancyId: string) => ({ PK: `${o(org)}#VAC#${vacancyId}`, SK: 'CALLBACK' }),
  cohort: (org: string, id: string) => ({ PK: `${o(org)}#COH#${id}`, SK: 'COH' }),
  enrolment: (org: string, cohortId: string, participantId: string) => ({ PK: `${o(org)}#COH#${cohortId}`, SK: `ENR#${participantId}` }),
  enrolmentPrefix: 'ENR#',
  /** How many enrolment records a cohort holds, withdrawn ones included, kept to refuse the one past the cap. */
  cohortCounts: (org: string, cohortId: string) => ({ PK: `${o(org)}#COH#${cohortId}`, SK: 'COUNTS' }),
  participant: (org: string, id: string) => ({ PK: `${o(org)}#PAR#${id}`, SK: 'PAR' }),
  sensitive: (org: string, id: string) => ({ PK: `${o(org)}#PAR#${id}`, SK: 'SENSITIVE' }),
  readiness: (org: string, participantId: string, id: string) => ({ PK: `${o(org)}#PAR#${participantId}`, SK: `READY#${id}` }),
  audit: (org: string, participantId: string, id: string) => ({ PK: `${o(org)}#PAR#${participantId}`, SK: `AUDIT#${id}` }),
  erased: (org: string, participantId: string) => ({ PK: `${o(org)}#PAR#${participantId}`, SK: 'ERASED' }),
  participantChildPrefix: { readiness: 'READY#', audit: 'AUDIT#' },
  /** Casework items live in the participant's partition under `CW#`, so erasure finds every one of them by that prefix. */
  /** Sorted by when the contact happened (logged late or not), then by id. */
  caseContact: (org: string, participantId: string, occurredAt: string, id: string) => ({
    PK: `${o(org)}#PAR#${participantId}`,
    SK: `CW#CON#${occurredAt}#${id}`,
  }),
  appointment: (org: string, participantId: string, id: string) => ({ PK: `${o(org)}#PAR#${participantId}`, SK: `CW#APT#${id}` }),
  /** Their action plan: one item, its steps inside (version-checked as a whole). */
  actionPlan: (org: string, participantId: string) => ({ PK: `${o(org)}#PAR#${participantId}`, SK: 'CW#PLAN' }),
  caseworkPrefix: { all: 'CW#', contact: 'CW#CON#', appointment: 'CW#APT#' },

  submission: (org: string, id: string) => ({ PK: `${o(org)}#SUB#${id}`, SK: 'SUB' }),
  /** One per participant per vacancy: nobody is put forward twice for the same job. */
  submissionGuard: (org: string, vacancyId: string, participantId: string) => ({
    PK: `${o(org)}#VAC#${vacancyId}`,
    SK: `${SUBMISSION_GUARD}${participantId}`,
  }),
  /** The guards of one vacancy (who has been put forward), and the participant a guard's sort key names. */
  submissionGuardPrefix: SUBMISSION_GUARD,
  guardedParticipant: (sortKey: string) => sortKey.slice(SUBMISSION_GUARD.length),
  placement: (org: string, id: string) => ({ PK: `${o(org)}#PLC#${id}`, SK: 'PLC' }),
  notification: (org: string, userId: string, id: string) => ({ PK: `${o(org)}#USER#${userId}`, SK: `NOTE#${id}` }),
  notificationsOf: (org: string, userId: string) => `${o(org)}#USER#${userId}`,
  outbox: (org: string, id: string) => ({ PK: `OUTBOX#${org}#${id}`, SK: 'EVENT' }),
  processed: (eventId: string) => ({ PK: `PROCESSED#${eventId}`, SK: 'EVENT' }),
  emailSent: (eventId: string, to: string) => ({ PK: `EMAILSENT#${eventId}#${to}`, SK: 'EMAIL' }),
  /** A full postcode's place from Amazon Location, shared by every organisation (a postcode is a public fact). */
  geocode: (postcode: string) => ({ PK: `GEO#${postcode.replace(/\s+/g, '')}`, SK: 'GEO' }),
  /** Funnel counters by month, overall and split by participant group. */
  stats: (org: string, month: string, group = 'all') => ({ PK: `${o(org)}#STATS`, SK: `M#${month}#${group}` }),
  statsPartition: (org: string) => `${o(org)}#STATS`,
  /** Sort-key bounds of the months `from`–`to` (YYYY-MM), every group; and the group a stats sort key names. */
  statsMonths: (from: string, to: string) => ({ lo: `M#${from}`, hi: `M#${to}#~` }),
  statsGroup: (sortKey: string) => sortKey.split('#').slice(2).join('#'),
  /** An employer was in contact in a month (an interaction, a vacancy opened): counted once however often, for "employers engaged". */
  engaged: (org: string, month: string, employerId: string) => ({ PK: `${o(org)}#STATS`, SK: `E#${month}#${employerId}` }),
  engagedMonths: (from: string, to: string) => ({ lo: `E#${from}`, hi: `E#${to}#~` }),
  engagedEmployer: (sortKey: string) => sortKey.split('#')[2] ?? '',

  /** The matching pools, partitioned by area cell (geohash or postcode area). */
  /** Sorted by sub-cell inside the cell, so a catchment's edge reads only the sub-cells it reaches. */
  poolProfile: (org: string, cell: string, subcell: string, participantId: string) => ({
    PK: `${o(org)}#POOL#${cell}`,
    SK: `P#${subcell}#${participantId}`,
  }),
  /** Sort-key bounds of a run of sub-cells, first to last inclusive. */
  poolSubcells: (from: string, to: string) => ({ lo: `P#${from}#`, hi: `P#${to}#~` }),
  /** The area-index sort key of a profile. */
  poolAreaEntry: (participantId: string) => `P#${participantId}`,
  poolCell: (org: string, cell: string) => `${o(org)}#POOL#${cell}`,
  poolVacancy: (org: string, cell: string, vacancyId: string) => ({ PK: `${o(org)}#VPOOL#${cell}`, SK: `V#${vacancyId}` }),
  /** The area-index sort key of a pooled vacancy. */
  vacancyPoolAreaEntry: (vacancyId: string) => `V#${vacancyId}`,
  vacancyPoolCell: (org: string, cell: string) => `${o(org)}#VPOOL#${cell}`,
  /**
   * Whose pool entry a key names, and in which cell: a participant's match profile (`P`) or an open
   * vacancy (`V`); undefined for any other item. The pool change log is made from this.
   */
  poolEntryOf(key: { PK: unknown; SK: unknown }): { orgId: string; kind: 'P' | 'V'; cell: string; id: string; sub?: string } | undefined {
    if (typeof key.PK !== 'string' || typeof key.SK !== 'string') return undefined;
    const pk = /^O#(.+)#(POOL|VPOOL)#([^#]+)$/.exec(key.PK);
    if (!pk) return undefined;
    if (pk[2] === 'VPOOL') {
      const sk = /^V#([^#]+)$/.exec(key.SK);
      return sk ? { orgId: pk[1]!, kind: 'V', cell: pk[3]!, id: sk[1]! } : undefined;
    }
    const sk = /^P#([^#]+)#([^#]+)$/.exec(key.SK);
    return sk ? { orgId: pk[1]!, kind: 'P', cell: pk[3]!, id: sk[2]!, sub: sk[1]! } : undefined;
  },

  /**
   * The pool change log: one partition per organisation per UTC day, sorted by ULID (time order), so
   * a reader asks for everything since a moment with one Query per day it spans.
   */
  poolLog: (org: string, day: string, ulid: string) => ({ PK: `${o(org)}#POOLLOG#${day}`, SK: ulid }),
  poolLogPartition: (org: string, day: string) => `${o(org)}#POOLLOG#${day}`,
  /** The lowest log sort key written at or after `ms` (a ULID's first 10 characters are its time). */
  poolLogFrom: (ms: number) => encodeTime(ms, 10),

  /** Cohorts linked to a vacancy or an employer: one small item per link, written with the cohort. */
  cohortLinkOfVacancy: (org: string, vacancyId: string, cohortId: string) => ({ PK: `${o(org)}#COHLINK#VAC#${vacancyId}`, SK: cohortId }),
  cohortLinkOfEmployer: (org: string, employerId: string, cohortId: string) => ({
    PK: `${o(org)}#COHLINK#EMP#${employerId}`,
    SK: cohortId,
  }),
  cohortLinksOfVacancy: (org: string, vacancyId: string) => `${o(org)}#COHLINK#VAC#${vacancyId}`,
  cohortLinksOfEmployer: (org: string, employerId: string) => `${o(org)}#COHLINK#EMP#${employerId}`,

  /** One item: the vocabulary is small (hundreds of entries) and read whole. */
  skillVocabulary: (org: string) => ({ PK: `${o(org)}#SKILLS`, SK: 'VOCAB' }),

  /** A user's partition: their directory entry (the table directory only), session access, preferences, audit trail, digest entries. */
  staff: (org: string, id: string) => ({ PK: `${o(org)}#STAFF#${id}`, SK: 'STAFF' }),
  staffAccess: (org: string, id: string) => ({ PK: `${o(org)}#STAFF#${id}`, SK: 'ACCESS' }),
  staffPreferences: (org: string, id: string) => ({ PK: `${o(org)}#STAFF#${id}`, SK: 'PREFS' }),
  staffAudit: (org: string, id: string, entryId: string) => ({ PK: `${o(org)}#STAFF#${id}`, SK: `AUDIT#${entryId}` }),
  staffPartition: (org: string, id: string) => `${o(org)}#STAFF#${id}`,
  staffChildPrefix: { audit: 'AUDIT#' },
  /** A notification waiting for its recipient's daily email. */
  digestEntry: (org: string, userId: string, notificationId: string) => ({
    PK: `${o(org)}#STAFF#${userId}`,
    SK: `DIGEST#${notificationId}`,
  }),
  /** A user's match alerts on one day, counted so none is flooded (docs/pipeline.md, "Match alerts"). */
  matchAlertDay: (org: string, userId: string, day: string) => ({ PK: `${o(org)}#STAFF#${userId}`, SK: `MATCHALERTS#${day}` }),
  /** The participants a vacancy has announced to their advisers. */
  matchAlerted: (org: string, vacancyId: string) => ({ PK: `${o(org)}#MATCHALERT#${vacancyId}`, SK: 'ANNOUNCED' }),
  /** Email addresses are unique across the directory, as Cognito's are across a pool. */
  staffEmailGuard: (email: string) => ({ PK: `STAFFEMAIL#${email}`, SK: 'UNIQ' }),
  secret: (name: string) => ({ PK: `SECRET#${name}`, SK: 'SECRET' }),

  organisation: (org: string) => ({ PK: `${o(org)}#ORG`, SK: 'ORG' }),
  chainPartition: (org: string) => `${o(org)}#CHAIN`,
  /** The contract, kept on both sides so each organisation reads its own partition only. */
  contractAtPrime: (prime: string, sub: string) => ({ PK: `${o(prime)}#CHAIN`, SK: `SUB#${sub}` }),
  contractAtSubcontractor: (prime: string, sub: string) => ({ PK: `${o(sub)}#CHAIN`, SK: `PRIME#${prime}` }),
  share: (prime: string, vacancyId: string) => ({ PK: `${o(prime)}#SHARE#${vacancyId}`, SK: 'SHARE' }),
  shareAudit: (prime: string, vacancyId: string, id: string) => ({ PK: `${o(prime)}#SHARE#${vacancyId}`, SK: `AUDIT#${id}` }),
  sharePartition: (prime: string, vacancyId: string) => `${o(prime)}#SHARE#${vacancyId}`,
  shareChildPrefix: { audit: 'AUDIT#', candidate: 'CAND#' },
  chainCandidate: (prime: string, vacancyId: string, id: string) => ({ PK: `${o(prime)}#SHARE#${vacancyId}`, SK: `CAND#${id}` }),
  chainProposalPartition: (org: string) => `${o(org)}#XPROP`,
  /** Every proposal an organisation made, whatever the prime and vacancy. */
  chainProposalsPrefix: 'P#',
  chainProposalPrefix: (prime: string, vacancyId: string) => `P#${prime}#${vacancyId}#`,
  chainProposal: (org: string, prime: string, vacancyId: string, id: string) => ({
    PK: `${o(org)}#XPROP`,
    SK: `P#${prime}#${vacancyId}#${id}`,
  }),
  chainProposalGuard: (org: string, prime: string, vacancyId: string, participantId: string) => ({
    PK: `${o(org)}#XPROP`,
    SK: `G#${prime}#${vacancyId}#${participantId}`,
  }),
  sharedIn: (org: string, prime: string, vacancyId: string) => ({ PK: `${o(org)}#SHAREDIN`, SK: `P#${prime}#${vacancyId}` }),
  sharedInPartition: (org: string) => `${o(org)}#SHAREDIN`,

  idempotency: (org: string, sub: string, key: string) => ({ PK: `IDEM#${org}#${sub}#${key}`, SK: 'IDEM' }),
  rateWindow: (scope: string, caller: string, windowStartMs: number) => ({ PK: `RATE#${scope}#${caller}`, SK: `W#${windowStartMs}` }),

  /** GSI1: owner → children. */
  gsi1: {
    employersOfManager: (org: string, managerId: string) => `${o(org)}#MGR#${managerId}`,
    vacanciesOfEmployer: (org: string, employerId: string) => `${o(org)}#EMPVAC#${employerId}`,
    participantsOfAdviser: (org: string, adviserId: string) => `${o(org)}#ADV#${adviserId}`,
    enrolmentsOfParticipant: (org: string, participantId: string) => `${o(org)}#PARENR#${participantId}`,
    /** Pool items by postcode area: the fallback read when a vacancy or participant has no location. */
    poolArea: (org: string, area: string) => `${o(org)}#POOLAREA#${area}`,
    vacancyPoolArea: (org: string, area: string) => `${o(org)}#VPOOLAREA#${area}`,
    submissionsOfVacancy: (org: string, vacancyId: string) => `${o(org)}#VACSUB#${vacancyId}`,
    /** Callbacks not yet made (sort key `dueOn#vacancyId`): few at a time, as each is made within days. */
    openCallbacks: (org: string) => `${o(org)}#CALLBACKS`,
    /** Placements whose employer-aftercare prompt is not done, by the prompt's date (sort key `dueOn#placementId`). */
    aftercareOfOfficer: (org: string, officerId: string) => `${o(org)}#AFTERCARE#${officerId}`,
  },
  /** GSI2: collections by state. */
  gsi2: {
    employersByStage: (org: string, stage: string) => `${o(org)}#EMPSTAGE#${stage}`,
    vacanciesByStatus: (org: string, status: string) => `${o(org)}#VACSTATUS#${status}`,
    cohorts: (org: string) => `${o(org)}#COHORTS`,
    /** Located pool profiles of people who will travel further than the catchment (sparse: only theirs). */
    farTravellers: (org: string) => `${o(org)}#POOLFAR`,
    /** Exited participants of every organisation, by exit time: what the retention sweep reads. */
    exitedParticipants: () => 'EXITED',
    submissionsOfParticipant: (org: string, participantId: string) => `${o(org)}#PARSUB#${participantId}`,
    placementsOfParticipant: (org: string, participantId: string) => `${o(org)}#PARPLC#${participantId}`,
    notificationsAboutParticipant: (org: string, participantId: string) => `${o(org)}#PARNOTE#${participantId}`,
  },
  /** GSI3: name-ordered directories. */
  gsi3: {
    employersByName: (org: string) => `${o(org)}#EMPNAME`,
    /** The table directory's users of an organisation, by name. */
    staffByName: (org: string) => `${o(org)}#STAFFNAME`,
    /** Everything with a pending deadline, in every organisation, by due date: what the sweeper reads. */
    due: () => 'DUE',
  },
} as const;

/**
 * What a due-index entry points at: a submission's or placement's deadline, an interaction's follow-up,
 * a vacancy's 48-hour callback (id: the vacancy), a filled or withdrawn vacancy's withdrawals to finish (id: the vacancy), a participant's review falling due (on the participant's own item, id: the participant), or the notice to a participant's adviser that their permitted work ends in 4 weeks (on the sensitive
 * part's item; the sort key holds the participant id only).
 */
export type DueEntry =
  | { dueOn: string; orgId: string; kind: 'submission' | 'placement' | 'permitted-work' | 'callback' | 'review' | 'vacancy'; id: string }
  | { dueOn: string; orgId: string; kind: 'follow-up'; employerId: string; id: string }
  | { dueOn: string; orgId: string; kind: 'appointment'; participantId: string; id: string }
  | { dueOn: string; orgId: string; kind: 'digest'; userId: string; id: string };

const DUE_KINDS = {
  SUB: 'submission',
  PLC: 'placement',
  INT: 'follow-up',
  PWK: 'permitted-work',
  CB: 'callback',
  APT: 'appointment',
  REV: 'review',
  DIG: 'digest',
  VWD: 'vacancy',
} as const;

/**
 * The due index (GSI3, partition `DUE`): sort keys `date#org#kind#id` (`…#INT#employerId#id` for
 * follow-ups, `…#APT#participantId#id` for an appointment's reminder, `…#DIG#userId#notificationId`
 * for a notification waiting for its recipient's daily email).
 */
export const dueIndex = {
  /** The index attributes of an item with a pending deadline. */
  entry(dueOn: string, orgId: string, kind: keyof typeof DUE_KINDS, id: string, parentId?: string) {
    return { GSI3PK: keys.gsi3.due(), GSI3SK: `${dueOn}#${orgId}#${kind}#${parentId ? `${parentId}#` : ''}${id}` };
  },
  /** Sort-key bounds for the days from `from` to `to` inclusive. */
  from: (date: string) => `${date}#`,
  through: (date: string) => `${date}#~`,
  /** Reads an entry's sort key back; undefined for one that is not ours. */
  parse(sortKey: string): DueEntry | undefined {
    const [dueOn, orgId, code, a, b] = sortKey.split('#');
    const kind = code && code in DUE_KINDS ? DUE_KINDS[code as keyof typeof DUE_KINDS] : undefined;
    if (!dueOn || !orgId || !kind || !a) return undefined;
    if (kind === 'follow-up') return { dueOn, orgId, kind, employerId: a, id: b ?? '' };
    if (kind === 'appointment') return { dueOn, orgId, kind, participantId: a, id: b ?? '' };
    if (kind === 'digest') return { dueOn, orgId, kind, userId: a, id: b ?? '' };
    return { dueOn, orgId, kind, id: a };
  },
};

/** Housekeeping markers (e.g. "demo data loaded"), outside every organisation's records. */
export const metaKey = (name: string) => ({ PK: 'META', SK: name });
