/**
 * Writes the demo district through the repositories (never around them), so the stored items are exactly
 * what the application itself would have written: keys, indexes, duplicate guards, counters, histories.
 *
 * Writes that touch the same item (an employer and its children, a cohort and its enrolments, a
 * participant and its history) run one after another, because each is a transaction that checks or
 * updates that item; different employers, cohorts and participants load in parallel.
 */
import type { OutboxEvent } from '../../shared/domain/events.js';
import type { Vacancy } from '../../shared/domain/vacancy.js';
import type { Participant } from '../../shared/domain/participant.js';
import type { Enrolment } from '../../shared/domain/cohort.js';
import type { CaseworkChange, NewEmployer, NewParticipant, RecordCap, Repositories } from '../../shared/ports/repositories.js';
import { MAX_CONTACTS, MAX_PLEDGES } from '../../shared/domain/employer.js';
import { MAX_ENROLMENTS } from '../../shared/domain/cohort.js';
import type { StaffDirectory } from '../../shared/ports/staff-directory.js';
import type { DemoData } from './generate.js';

/**
 * The demo users into the staff directory (locally the table), each with a name, an address at a
 * reserved example domain, and for staff a team and a phone number. Users already there are left alone,
 * so this can run again.
 */
export async function loadDemoStaff(directory: StaffDirectory, data: Pick<DemoData, 'orgId' | 'users' | 'now'>): Promise<number> {
  const held = new Set((await directory.list(data.orgId)).map((m) => m.id));
  let added = 0;
  for (const u of data.users) {
    if (held.has(u.sub)) continue;
    await directory.create({
      id: u.sub,
      orgId: data.orgId,
      name: u.name,
      email: u.email,
      role: u.role,
      ...(u.team ? { team: u.team } : {}),
      ...(u.phone ? { phone: u.phone } : {}),
      ...(u.employerId ? { employerId: u.employerId } : {}),
      active: true,
      createdAt: data.now,
      updatedAt: data.now,
    });
    added++;
  }
  return added;
}

export interface LoadOptions {
  /**
   * Work to run beside the last phase, the participants' contacts and action plans, once everything else
   * is written: the first start's history and live pipeline, whose use cases read no contact or plan.
   */
  beside?: () => Promise<void>;
  /** Writes in flight at once (default 16). */
  concurrency?: number;
  onProgress?: (msg: string) => void;
}

export async function loadDemoData(
  repos: Repositories,
  data: DemoData,
  opts: LoadOptions = {},
): Promise<{ counts: Record<string, number>; ms: number }> {
  const limit = Math.max(1, opts.concurrency ?? 16);
  const say = opts.onProgress ?? (() => {});
  const started = performance.now();
  let phaseStart = started;
  const phaseDone = (msg: string) => {
    const now = performance.now();
    say(`${msg} (${((now - phaseStart) / 1000).toFixed(1)} s)`);
    phaseStart = now;
  };
  const orgId = data.orgId;

  // 1. Employers, each whole (its contacts, interactions and pledges, their counters) and several to a
  //    transaction: the same items as creating each and adding its records one by one would leave
  //    (tests/integration/seed-fast-path.test.ts). One employer's items never span two transactions.
  const contactsOf = groupBy(data.contacts, (c) => c.employerId);
  const interactionsOf = groupBy(data.interactions, (i) => i.employerId);
  const pledgesOf = groupBy(data.pledges, (p) => p.employerId);
  const employers = data.employers.map(
    (e): NewEmployer => ({
      employer: e,
      contacts: contactsOf.get(e.id) ?? [],
      interactions: interactionsOf.get(e.id) ?? [],
      pledges: pledgesOf.get(e.id) ?? [],
    }),
  );
  await pool(chunks(employers, EMPLOYERS_A_CALL), PACKS_IN_FLIGHT, (list) =>
    repos.employers.createMany(list, { contacts: CAPS.contacts, pledges: CAPS.pledges }),
  );
  phaseDone(
    `${data.employers.length} employers with ${data.contacts.length} contacts, ${data.interactions.length} interactions, ${data.pledges.length} pledges`,
  );

  // 2. Cohorts start empty: `enrol` counts each place itself, so the stored count and version come out right.
  await pool(data.cohorts, limit, (c) => retry(() => repos.cohorts.create({ ...c, enrolledCount: 0, version: 1 })));
  phaseDone(`${data.cohorts.length} cohorts`);

  // 3. Vacancies, several to a transaction, each as `create` writes it. Each published one announces it,
  //    at its publication time, so the funnel counts vacancies opened; each open one's pool entry carries its
  //    employer's terms. One employer's vacancies go in one call, so no two transactions in flight check
  //    the same employer (DynamoDB would cancel one as a conflict).
  const employerById = new Map(data.employers.map((e) => [e.id, e]));
  const vacanciesOf = [...groupBy(data.vacancies, (v) => v.employerId).values()].map((list) =>
    list.map((v) => ({ vacancy: v, employer: employerById.get(v.employerId)!, events: v.publishedAt ? [publishedAt(v)] : [] })),
  );
  await pool(chunks(vacanciesOf, EMPLOYERS_A_CALL), PACKS_IN_FLIGHT, (lists) => repos.vacancies.createMany(lists.flat()));
  phaseDone(`${data.vacancies.length} vacancies`);

  // 4. Participants, each whole (its readiness history, any later profile update, its sensitive part and
  //    that write's audit entry) and several to a transaction: the same items and conditions as creating
  //    each, judging it again and again, and recording the sensitive part one request at a time would
  //    leave (tests/integration/seed-fast-path.test.ts), in a fraction of the requests.
  const sensitiveOf = new Map(data.sensitive.map((s) => [s.participantId, s]));
  const auditOf = new Map(data.audit.map((a) => [a.subjectId, a]));
  const whole = data.participants.map((p): NewParticipant => {
    const s = sensitiveOf.get(p.id);
    const audit = s && auditOf.get(p.id);
    if (s && !audit) throw new Error(`participant ${p.id}: sensitive record without its audit entry`);
    return { participant: p, history: historyOf(data, p), ...(s && audit ? { sensitive: { part: s, audit } } : {}) };
  });
  await inPacks(whole, PARTICIPANTS_A_REQUEST, (pack) => repos.participants.createMany(pack), 'participants', say);
  const entries = Object.values(data.readinessHistory).reduce((n, h) => n + h.length, 0);
  phaseDone(`${data.participants.length} participants with ${entries} readiness entries and ${data.sensitive.length} sensitive records`);

  // 5. Enrolments (before the casework: matching reads them), one cohort at a time: enrol (which takes a place), then complete or withdraw.
  const enrolmentsOf = [...groupBy(data.enrolments, (e) => e.cohortId).values()];
  await pool(enrolmentsOf, limit, async (list) => {
    for (const e of list) await loadEnrolment(repos, orgId, e);
  });
  phaseDone(`${data.enrolments.length} enrolments`);

  // 6. Contacts, each with its audit entry (the summary they add up to came with the participant), and
  //    action plans, each with its audit entry (their jobs are already in the preferred occupations): each
  //    change as `casework.apply` writes it, a transaction's worth to a call. The work `beside` runs
  //    meanwhile: nothing else the district holds is written now, and it reads none of these.
  const casework = async () => {
    const caseworkAuditOf = new Map(data.caseworkAudit.filter((a) => a.detail?.record === 'contact').map((a) => [String(a.detail?.id), a]));
    const contacts = data.caseContacts.map((contact): CaseworkChange => {
      const audit = caseworkAuditOf.get(contact.id);
      if (!audit) throw new Error(`contact ${contact.id}: without its audit entry`);
      return { orgId, contact, audit };
    });
    await inPacks(contacts, CHANGES_A_CALL, (pack) => repos.casework.applyMany(pack), 'contacts with participants', say);
    phaseDone(`${data.caseContacts.length} contacts with participants`);

    const planAuditOf = new Map(data.caseworkAudit.filter((a) => a.detail?.record === 'plan').map((a) => [a.subjectId, a]));
    const plans = data.actionPlans.map((plan): CaseworkChange => {
      const audit = planAuditOf.get(plan.participantId);
      if (!audit) throw new Error(`action plan of ${plan.participantId}: without its audit entry`);
      return { orgId, plan: { next: plan }, audit };
    });
    await inPacks(plans, CHANGES_A_CALL, (pack) => repos.casework.applyMany(pack), 'action plans', say);
    phaseDone(`${data.actionPlans.length} action plans`);
  };
  await Promise.all([casework(), opts.beside?.()]);

  return {
    counts: {
      ...demoDataCounts(data),
      'readiness entries': entries,
      'sensitive records': data.sensitive.length,
      'audit entries': data.audit.length + data.caseworkAudit.length,
      'contacts with participants': data.caseContacts.length,
      'action plans': data.actionPlans.length,
    },
    ms: Math.round(performance.now() - started),
  };
}

/** How many of each record the demo district holds (what `loadDemoData` reports first). */
export function demoDataCounts(data: DemoData): Record<string, number> {
  return {
    employers: data.employers.length,
    contacts: data.contacts.length,
    interactions: data.interactions.length,
    pledges: data.pledges.length,
    vacancies: data.vacancies.length,
    cohorts: data.cohorts.length,
    enrolments: data.enrolments.length,
    participants: data.participants.length,
  };
}

/**
 * Whole participants a transaction (the repository packs fewer when their items do not fit one), and
 * transactions in flight: on DynamoDB Local fewer, bigger requests are what costs least (bench/write-paths.ts).
 */
const PARTICIPANTS_A_REQUEST = 12;
const PACKS_IN_FLIGHT = 4;
/** Casework changes a call: a contact or plan and its audit entry are two items, so this many fill one transaction. */
const CHANGES_A_CALL = 49;
/** Employers (with their records, or their vacancies) a call: a few transactions' worth. */
const EMPLOYERS_A_CALL = 8;

/**
 * Writes the items in packs of `size` (each pack one call, retried alone when it lost a race), a few in
 * flight, and says how far it has got about six times along the way.
 */
async function inPacks<T>(items: readonly T[], size: number, write: (pack: T[]) => Promise<void>, what: string, say: (m: string) => void) {
  let done = 0;
  let told = 0;
  const step = Math.max(500, Math.ceil(items.length / 6 / 100) * 100);
  await pool(chunks(items, size), PACKS_IN_FLIGHT, async (pack) => {
    await retry(() => write(pack));
    done += pack.length;
    if (done - told >= step && done < items.length) {
      told = done - (done % step);
      say(`  ${what} ${told}/${items.length}`);
    }
  });
}

/** A generated participant's readiness history, checked against what it stands for (one write per judgement, then updates). */
function historyOf(data: DemoData, p: Participant) {
  const history = data.readinessHistory[p.id] ?? [];
  const k = history.length;
  if (k === 0) throw new Error(`participant ${p.id} has no readiness history`);
  if (history[k - 1]!.to !== p.readiness) throw new Error(`participant ${p.id}: history does not end at ${p.readiness}`);
  if (p.version < k) throw new Error(`participant ${p.id}: version ${p.version} is below its ${k} readiness entries`);
  return history;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The caps the repositories keep, for a table the seed fills from empty (every record goes through the counter). */
const seeding = (max: number, what: string): RecordCap => ({
  max,
  existing: 0,
  refusal: () => new Error(`the demo data holds more ${what} than the product keeps (${max})`),
});
const CAPS = {
  contacts: seeding(MAX_CONTACTS, 'contacts'),
  pledges: seeding(MAX_PLEDGES, 'pledges'),
  enrolments: seeding(MAX_ENROLMENTS, 'enrolments'),
};

async function loadEnrolment(repos: Repositories, orgId: string, e: Enrolment): Promise<void> {
  const enrolled: Enrolment = {
    cohortId: e.cohortId,
    participantId: e.participantId,
    status: 'enrolled',
    enrolledAt: e.enrolledAt,
    enrolledBy: e.enrolledBy,
    version: 1,
  };
  await retry(() => repos.cohorts.enrol(orgId, enrolled, CAPS.enrolments));
  if (e.status !== 'enrolled') await retry(() => repos.cohorts.updateEnrolment(orgId, enrolled, e));
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = out.get(k);
    if (list) list.push(it);
    else out.set(k, [it]);
  }
  return out;
}

/** Runs `fn` over the items with at most `limit` in flight; stops starting new ones after the first failure. */
async function pool<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { err: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < items.length) {
      const item = items[next++]!;
      try {
        await fn(item);
      } catch (err) {
        failure ??= { err };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.err;
}

/**
 * A cancelled transaction writes nothing, so one that lost a race for an item (DynamoDB's
 * TransactionConflict, surfaced by the store as "transaction conflict") is safe to try again.
 */
async function retry(write: () => Promise<void>, attempts = 5): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      return await write();
    } catch (err) {
      if (i >= attempts || !(err instanceof Error) || !/transaction conflict/i.test(err.message)) throw err;
      await new Promise((r) => setTimeout(r, 20 * 2 ** i));
    }
  }
}

/** The `vacancy.published` event of a generated vacancy, as the use case would have written it then. */
function publishedAt(v: Vacancy): OutboxEvent {
  return {
    id: `${v.id}.published`,
    type: 'vacancy.published',
    orgId: v.orgId,
    at: v.publishedAt!,
    actorSub: v.createdBy,
    vacancyId: v.id,
    employerId: v.employerId,
  };
}
