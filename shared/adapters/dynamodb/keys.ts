/**
 * Every key the table uses, built in one place. Partition keys start with the owning provider
 * organisation (`O#<org>`) so supply chains (prime/subcontractor sharing) can be added later by
 * adding items and indexes, not by re-keying.
 *
 * Item collections:
 *   O#org#EMP#id      EMP | CONTACT#id | INT#ulid | PLEDGE#id      employer and its children
 *   O#org#VAC#id      VAC                                          vacancy
 *   O#org#COH#id      COH | ENR#participantId                      cohort with its enrolments
 *   O#org#PAR#id      PAR | SENSITIVE | READY#ulid | AUDIT#ulid | ERASED
 *                                                                  participant, sensitive part, readiness history,
 *                                                                  audit trail, erasure tombstone
 *   O#org#UNIQ#...    UNIQ                                         duplicate guards (employer name+postcode, company no.)
 *   O#org#POOL#cell   P#participantId                              match profiles (matchable participants)
 *   O#org#VPOOL#cell  V#vacancyId                                  open vacancies, for suggestions
 *   IDEM#org#sub#key  IDEM                                         idempotency records (TTL)
 */
const o = (org: string) => `O#${org}`;

export const keys = {
  employer: (org: string, id: string) => ({ PK: `${o(org)}#EMP#${id}`, SK: 'EMP' }),
  contact: (org: string, employerId: string, id: string) => ({ PK: `${o(org)}#EMP#${employerId}`, SK: `CONTACT#${id}` }),
  interaction: (org: string, employerId: string, id: string) => ({ PK: `${o(org)}#EMP#${employerId}`, SK: `INT#${id}` }),
  pledge: (org: string, employerId: string, id: string) => ({ PK: `${o(org)}#EMP#${employerId}`, SK: `PLEDGE#${id}` }),
  employerChildPrefix: { contact: 'CONTACT#', interaction: 'INT#', pledge: 'PLEDGE#' },
  employerNameGuard: (org: string, normalisedName: string, postcode: string) => ({
    PK: `${o(org)}#UNIQ#EMPNAME#${normalisedName}|${postcode.replace(/\s/g, '')}`,
    SK: 'UNIQ',
  }),
  companyNumberGuard: (org: string, companyNumber: string) => ({ PK: `${o(org)}#UNIQ#COMPANY#${companyNumber}`, SK: 'UNIQ' }),

  vacancy: (org: string, id: string) => ({ PK: `${o(org)}#VAC#${id}`, SK: 'VAC' }),
  cohort: (org: string, id: string) => ({ PK: `${o(org)}#COH#${id}`, SK: 'COH' }),
  enrolment: (org: string, cohortId: string, participantId: string) => ({ PK: `${o(org)}#COH#${cohortId}`, SK: `ENR#${participantId}` }),
  participant: (org: string, id: string) => ({ PK: `${o(org)}#PAR#${id}`, SK: 'PAR' }),
  sensitive: (org: string, id: string) => ({ PK: `${o(org)}#PAR#${id}`, SK: 'SENSITIVE' }),
  readiness: (org: string, participantId: string, id: string) => ({ PK: `${o(org)}#PAR#${participantId}`, SK: `READY#${id}` }),
  audit: (org: string, participantId: string, id: string) => ({ PK: `${o(org)}#PAR#${participantId}`, SK: `AUDIT#${id}` }),
  erased: (org: string, participantId: string) => ({ PK: `${o(org)}#PAR#${participantId}`, SK: 'ERASED' }),
  participantChildPrefix: { readiness: 'READY#', audit: 'AUDIT#' },

  /** The matching pools, partitioned by area cell (geohash or postcode area). */
  poolProfile: (org: string, cell: string, participantId: string) => ({ PK: `${o(org)}#POOL#${cell}`, SK: `P#${participantId}` }),
  poolCell: (org: string, cell: string) => `${o(org)}#POOL#${cell}`,
  poolVacancy: (org: string, cell: string, vacancyId: string) => ({ PK: `${o(org)}#VPOOL#${cell}`, SK: `V#${vacancyId}` }),
  vacancyPoolCell: (org: string, cell: string) => `${o(org)}#VPOOL#${cell}`,

  idempotency: (org: string, sub: string, key: string) => ({ PK: `IDEM#${org}#${sub}#${key}`, SK: 'IDEM' }),

  /** GSI1: owner → children. */
  gsi1: {
    employersOfManager: (org: string, managerId: string) => `${o(org)}#MGR#${managerId}`,
    vacanciesOfEmployer: (org: string, employerId: string) => `${o(org)}#EMPVAC#${employerId}`,
    participantsOfAdviser: (org: string, adviserId: string) => `${o(org)}#ADV#${adviserId}`,
    enrolmentsOfParticipant: (org: string, participantId: string) => `${o(org)}#PARENR#${participantId}`,
    /** Pool items by postcode area: the fallback read when a vacancy or participant has no location. */
    poolArea: (org: string, area: string) => `${o(org)}#POOLAREA#${area}`,
    vacancyPoolArea: (org: string, area: string) => `${o(org)}#VPOOLAREA#${area}`,
  },
  /** GSI2: collections by state. */
  gsi2: {
    employersByStage: (org: string, stage: string) => `${o(org)}#EMPSTAGE#${stage}`,
    vacanciesByStatus: (org: string, status: string) => `${o(org)}#VACSTATUS#${status}`,
    cohorts: (org: string) => `${o(org)}#COHORTS`,
    /** Exited participants of every organisation, by exit time: what the retention sweep reads. */
    exitedParticipants: () => 'EXITED',
  },
  /** GSI3: name-ordered directories. */
  gsi3: {
    employersByName: (org: string) => `${o(org)}#EMPNAME`,
  },
} as const;

/** Housekeeping markers (e.g. "demo data loaded"), outside every organisation's records. */
export const metaKey = (name: string) => ({ PK: 'META', SK: name });
