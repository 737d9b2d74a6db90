import { randomBytes } from 'node:crypto';
import { PAYMENT_GROUPS, REFERRAL_SOURCES } from '../../shared/domain/participant.js';

/**
 * The privacy oracle for the leak scan (tests/integration/leak-scan.test.ts): which caller may read which
 * canary. Written from the platform's privacy rules (docs/privacy.md, shared/policy.ts), not from what the
 * code happens to return, so a response that shows more than the rules allow is a leak.
 *
 * The rules, as the oracle applies them:
 * - Admins read everything of a participant who has not been erased.
 * - The participant's own adviser reads everything of them: profile, contact details, payment group,
 *   the sensitive part, every disclosure (shared or not), every note about them.
 * - Another adviser reads nothing of a participant not on their caseload (404), including enrolment notes
 *   on a cohort page and notes on submissions and placements. Only the opaque participant id (which
 *   shows where the other adviser's participant sits in a cohort's numbers) is not treated as a leak.
 * - Liaison officers read the non-sensitive profile (names, skills, work history, readiness and its
 *   reasons), the notes of the pipeline they run (enrolment, proposal, agreement, decision, interview,
 *   outcome and check-in notes) and derived facts only (adjustmentsNeeded, maxHoursPerWeek). Never the
 *   sensitive part, never contact details or the payment group (the liaison view strips them), and a
 *   disclosure text only when the participant chose to share it (consent.shareWithEmployers).
 * - An employer's user reads only what the participant consented to share, and only for agreed candidates
 *   (submitted or later) of their own employer's vacancies; plus the decision note their side recorded.
 *   Never the participant's id, surname, contact details, payment group or an unshared field; never the
 *   employer names in the work history (the consented view leaves them out), nor the liaison's or
 *   adviser's notes.
 * - Casework notes (a contact's note, an appointment's purpose) are the own adviser's and admins' only,
 *   as the sensitive part is: never a liaison officer's, another adviser's or an employer's.
 * - Anonymous callers read nothing.
 * - After erasure (DELETE /participants/{id} as admin) none of the participant's personal data (names,
 *   contact details, notes, check-in notes, readiness reasons, disclosure texts, sensitive values) is
 *   readable by anyone through any route or page. The audit trail and anonymous counts stay; their
 *   non-personal fields (ids, actions, who, when) are not canaries.
 */

export type Role = 'admin' | 'liaison' | 'adviser' | 'employer' | 'anonymous';

export interface Caller {
  /** The harness's caller name (`h.signIn(name, ...)`), or 'anon'. */
  name: string;
  role: Role;
  sub?: string;
  employerId?: string;
  /** How the report names this caller relative to the data: "adviser A", "employer of V1 and V2", … */
  label: string;
}

export const SHAREABLE = [
  'firstName',
  'skills',
  'workHistory',
  'certifications',
  'availability',
  'drivingLicence',
  'healthDisclosure',
  'convictionDisclosure',
  'programmeParticipation',
] as const;
export type Shareable = (typeof SHAREABLE)[number];

/** Every kind of canary the scan plants, and what the rules say about it. */
export const KINDS = {
  // The profile.
  firstName: { group: 'profile', liaison: true, share: 'firstName' },
  lastName: { group: 'profile', liaison: true },
  email: { group: 'contact' },
  phone: { group: 'contact' },
  paymentGroup: { group: 'contact', enumValue: true },
  referralSource: { group: 'contact', enumValue: true },
  skill: { group: 'profile', liaison: true, share: 'skills' },
  workRole: { group: 'profile', liaison: true, share: 'workHistory' },
  workEmployer: { group: 'profile', liaison: true },
  readinessReason: { group: 'profile', liaison: true },
  // The sensitive part.
  health: { group: 'sensitive' },
  disability: { group: 'sensitive' },
  convictionDetails: { group: 'sensitive' },
  substanceMisuse: { group: 'sensitive' },
  housing: { group: 'sensitive' },
  caring: { group: 'sensitive' },
  language: { group: 'sensitive' },
  adjustment: { group: 'sensitive' },
  benefitUntil: { group: 'sensitive' },
  benefitOther: { group: 'sensitive' },
  // Conviction facts: the release and licence-end dates are unique to each participant (the offence
  // categories are a shared list employers use too, so they are checked as keys, not as canaries).
  releasedOn: { group: 'sensitive' },
  licenceEndsOn: { group: 'sensitive' },
  // Disclosures in the participant's own words: shared only if chosen.
  healthDisclosure: { group: 'disclosure', share: 'healthDisclosure' },
  convictionDisclosure: { group: 'disclosure', share: 'convictionDisclosure' },
  // Notes about them along the pipeline.
  enrolmentNote: { group: 'note', liaison: true },
  proposalNote: { group: 'note', liaison: true },
  agreementNote: { group: 'note', liaison: true },
  declineNote: { group: 'note', liaison: true },
  decisionNote: { group: 'note', liaison: true, employerWhoDecided: true },
  interviewNote: { group: 'note', liaison: true },
  outcomeNote: { group: 'note', liaison: true },
  // The work trial's and the offer's notes: staff only (the employer's view of them carries dates and codes).
  trialNote: { group: 'note', liaison: true },
  trialResultNote: { group: 'note', liaison: true },
  offerNote: { group: 'note', liaison: true },
  offerResponseNote: { group: 'note', liaison: true },
  checkinNote: { group: 'note', liaison: true },
  // Casework in the adviser's words: like the sensitive part, for the own adviser and admins only.
  contactNote: { group: 'casework' },
  appointmentPurpose: { group: 'casework' },
  planStep: { group: 'casework' },
  planGoal: { group: 'casework' },
  // A plan's ideal and transitional jobs feed the preferred occupations, which are profile (liaison officers match on them).
  planJob: { group: 'profile', liaison: true },
  // Not personal data for staff, never for employers or anonymous callers; it survives erasure.
  participantId: { group: 'id', liaison: true, staff: true },
} as const satisfies Record<
  string,
  { group: string; liaison?: boolean; share?: Shareable; enumValue?: boolean; employerWhoDecided?: boolean; staff?: boolean }
>;
export type Kind = keyof typeof KINDS;

type KindRule = { group: string; liaison?: boolean; share?: Shareable; enumValue?: boolean; employerWhoDecided?: boolean; staff?: boolean };
const rule = (k: Kind): KindRule => KINDS[k];

export interface Canary {
  value: string;
  kind: Kind;
  /** The participant's key in the world ('P1', …). */
  owner: string;
  /** For notes on one submission: which one (the decision note's employer may read it). */
  submissionKey?: string;
}

export interface ParticipantFacts {
  key: string;
  id: string;
  adviserSub: string;
  share: Set<Shareable>;
  erased: boolean;
}

export interface SubmissionFacts {
  key: string;
  id: string;
  owner: string;
  employerId: string;
  /** As read back by an admin after the pipeline ran (the sweeper may have moved it on). */
  state: string;
  agreed: boolean;
}

/** "Submitted or later": the states in which the participant's adviser had agreed and the employer may see them. */
export const AGREED_STATES = [
  'submitted',
  'interview',
  'rejected',
  'expired',
  'trial',
  'trial-passed',
  'trial-failed',
  'offered',
  'offer-accepted',
  'offer-declined',
  'hired',
  'not-hired',
] as const;

export class World {
  readonly participants = new Map<string, ParticipantFacts>();
  readonly submissions = new Map<string, SubmissionFacts>();
  readonly canaries: Canary[] = [];
  private readonly run = randomBytes(3).toString('hex').toUpperCase();
  private n = 0;

  /** A unique, greppable value: CANARY-<KIND>-<participant>-<run><n>. */
  mint(kind: Kind, owner: string, opts: { submissionKey?: string; lower?: boolean } = {}): string {
    const raw = `CANARY-${kind.toUpperCase()}-${owner}-${this.run}${(this.n++).toString(36).toUpperCase().padStart(2, '0')}`;
    const value = opts.lower ? raw.toLowerCase() : raw;
    this.add({ value, kind, owner, ...(opts.submissionKey ? { submissionKey: opts.submissionKey } : {}) });
    return value;
  }

  /** A value that is not a minted string (an email address, a phone number, a date) but unique to this run. */
  add(c: Canary): string {
    this.canaries.push(c);
    return c.value;
  }

  /** Six random digits, for a phone number no other record holds. */
  digits(): string {
    return String(randomBytes(4).readUInt32BE(0) % 1_000_000).padStart(6, '0');
  }

  get runId(): string {
    return this.run;
  }

  /** Whether `employerId`'s users may see `owner` as an agreed candidate of one of their vacancies. */
  employerSees(employerId: string | undefined, owner: string): boolean {
    if (!employerId) return false;
    return [...this.submissions.values()].some(
      (s) => s.owner === owner && s.employerId === employerId && s.agreed && (AGREED_STATES as readonly string[]).includes(s.state),
    );
  }

  /** The oracle: may `caller` read `c`? */
  mayRead(caller: Caller, c: Canary): boolean {
    const p = this.participants.get(c.owner);
    if (!p) throw new Error(`canary ${c.value} has no participant ${c.owner}`);
    const r = rule(c.kind);
    if (p.erased && c.kind !== 'participantId') return false;
    switch (caller.role) {
      case 'anonymous':
        return false;
      case 'admin':
        return true;
      case 'adviser':
        return caller.sub === p.adviserSub || r.staff === true;
      case 'liaison':
        if (r.group === 'disclosure') return r.share !== undefined && p.share.has(r.share);
        return r.liaison === true;
      case 'employer': {
        if (r.staff) return false;
        if (r.employerWhoDecided) {
          const s = c.submissionKey ? this.submissions.get(c.submissionKey) : undefined;
          return !!s && s.employerId === caller.employerId && s.agreed && (AGREED_STATES as readonly string[]).includes(s.state);
        }
        if (!r.share) return false;
        return p.share.has(r.share) && this.employerSees(caller.employerId, c.owner);
      }
    }
  }
}

/** Keys of the sensitive part: none may appear in any JSON a liaison officer, employer or anonymous caller gets. */
export const SENSITIVE_KEYS = [
  'health',
  'disability',
  'convictions',
  'substanceMisuse',
  'housing',
  'caring',
  'language',
  'benefitConstraints',
  'adjustments',
  'adjustmentTypes',
  'workLimits',
  'unspentOffences',
  'spentOffences',
  'releasedOn',
  'licenceEndsOn',
  'permittedWorkNoticeFor',
  'benefitCircumstances',
  'limitedCapabilityForWork',
  'otherElementsMonthly',
];
/**
 * Keys only a match profile has: the engine's private copy of a participant (it carries sensitive facts)
 * is never returned to anyone, admins and the participant's own adviser included.
 */
export const MATCH_PROFILE_KEYS = ['hourCap', 'hourCapUntil', 'consentMatching', 'historyRoleWords', 'historySectors', 'waitingSince'];
/** Keys the liaison and employer views strip. (`email`/`phone` are also employer contacts' keys: canaries cover those.) */
export const OWNER_ONLY_KEYS = ['paymentGroup', 'referralSource'];

/** Every object key anywhere in a JSON value. */
export function keysIn(v: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(v)) for (const x of v) keysIn(x, out);
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      out.add(k);
      keysIn(x, out);
    }
  }
  return out;
}

export interface Leak {
  phase: string;
  caller: string;
  /** 'api' | 'web' | 'inbox' | 'email' */
  channel: string;
  /** The route or page pattern (ids replaced by {id}). */
  where: string;
  /** The concrete request. */
  example: string;
  /** `P1.healthDisclosure (not shared)`, or `key:workLimits` for a structural finding. */
  what: string;
}

/** Ids in a path become {id}; cursors {cursor}: the pattern a leak is reported under. */
export function patternOf(url: string): string {
  return url.replace(/[0-9A-HJKMNP-TV-Z]{26}(\.\d+)?/g, '{id}').replace(/([?&](?:cursor|more)=)[^&#]*/g, '$1{cursor}');
}

/** One readable failure message: every leak, grouped by phase, caller, where and what. */
export function formatLeaks(leaks: Leak[]): string {
  if (!leaks.length) return 'no leaks';
  const groups = new Map<string, { leak: Leak; count: number; examples: Set<string> }>();
  for (const l of leaks) {
    const key = [l.phase, l.caller, l.channel, l.where, l.what].join(' | ');
    const g = groups.get(key) ?? { leak: l, count: 0, examples: new Set<string>() };
    g.count++;
    if (g.examples.size < 2) g.examples.add(l.example);
    groups.set(key, g);
  }
  const lines = [...groups.values()]
    .sort((a, b) =>
      (a.leak.phase + a.leak.caller + a.leak.where + a.leak.what).localeCompare(b.leak.phase + b.leak.caller + b.leak.where + b.leak.what),
    )
    .map(
      (g) =>
        `  [${g.leak.phase}] ${g.leak.caller} :: ${g.leak.channel} ${g.leak.where} :: ${g.leak.what}${g.count > 1 ? ` ×${g.count}` : ''}   e.g. ${[...g.examples].join(' , ')}`,
    );
  return [`${leaks.length} leak(s) in ${groups.size} group(s):`, ...lines].join('\n');
}

/** What one scan found: leaks, which canaries allowed callers did see (the scan reaches the data), and how much was asked. */
export class Scan {
  readonly leaks: Leak[] = [];
  /** Canary value → the callers allowed to see it who did. */
  readonly seenBy = new Map<string, Set<string>>();
  /** Caller → channel → responses checked. */
  readonly counts = new Map<string, Map<string, number>>();
  /** Caller → channel → distinct routes or page patterns. */
  readonly patterns = new Map<string, Map<string, Set<string>>>();

  constructor(
    private readonly world: World,
    readonly phase: string,
  ) {}

  check(
    caller: Caller,
    channel: string,
    where: string,
    example: string,
    text: string,
    opts: { json?: unknown; schemaDoc?: boolean } = {},
  ): void {
    const byChannel = this.counts.get(caller.name) ?? new Map<string, number>();
    byChannel.set(channel, (byChannel.get(channel) ?? 0) + 1);
    this.counts.set(caller.name, byChannel);
    const pat = this.patterns.get(caller.name) ?? new Map<string, Set<string>>();
    pat.set(channel, (pat.get(channel) ?? new Set<string>()).add(where));
    this.patterns.set(caller.name, pat);

    for (const c of this.world.canaries) {
      if (!text.includes(c.value)) continue;
      // The API's own description lists every enum value (payment groups among them): that is not data.
      if (opts.schemaDoc && rule(c.kind).enumValue) continue;
      // Nor is a list of every group, each whether or not anyone is in it (the payment-group report's rows,
      // whose counts are anonymous and outlive erasure; the choices of a participant's details form): one
      // value among all of them says nothing of anyone. Only the one a form marks as chosen does.
      if (
        c.kind === 'paymentGroup' &&
        /\/reports\/payment-groups|\/app\/participants\/(?:new|[^/?]+\/edit)/.test(where) &&
        PAYMENT_GROUPS.every((g) => text.includes(g)) &&
        !text.includes(`value="${c.value}" selected`)
      )
        continue;
      // The same for whatever lists every referral source (its report; the adviser's form, one option each):
      // pages say a person's source in words, so their leak is what the liaison view's key check catches.
      if (c.kind === 'referralSource' && REFERRAL_SOURCES.every((g) => text.includes(g))) continue;
      if (this.world.mayRead(caller, c)) {
        this.seenBy.set(c.value, (this.seenBy.get(c.value) ?? new Set<string>()).add(caller.name));
      } else {
        this.leaks.push({ phase: this.phase, caller: caller.label, channel, where, example, what: this.describe(c) });
      }
    }
    if (opts.json !== undefined && !opts.schemaDoc) {
      const keys = keysIn(opts.json);
      for (const k of MATCH_PROFILE_KEYS)
        if (keys.has(k))
          this.leaks.push({
            phase: this.phase,
            caller: caller.label,
            channel,
            where,
            example,
            what: `JSON key "${k}" (match profile field)`,
          });
    }
    // Callers who may never see anyone's sensitive part or benefit label: not even its shape.
    if (
      opts.json !== undefined &&
      !opts.schemaDoc &&
      (caller.role === 'liaison' || caller.role === 'employer' || caller.role === 'anonymous')
    ) {
      const keys = keysIn(opts.json);
      for (const k of [...SENSITIVE_KEYS, ...OWNER_ONLY_KEYS]) {
        if (keys.has(k))
          this.leaks.push({
            phase: this.phase,
            caller: caller.label,
            channel,
            where,
            example,
            what: `JSON key "${k}" (sensitive part / owner-only field)`,
          });
      }
    }
  }

  private describe(c: Canary): string {
    const p = this.world.participants.get(c.owner)!;
    const r = rule(c.kind);
    const notes = [
      r.group === 'disclosure' ? (r.share && p.share.has(r.share) ? 'shared' : 'NOT shared') : undefined,
      r.share && r.group !== 'disclosure' ? (p.share.has(r.share) ? 'shared' : 'not shared') : undefined,
      p.erased ? 'participant ERASED' : undefined,
      c.submissionKey ? `on ${c.submissionKey}` : undefined,
    ].filter(Boolean);
    return `${c.owner}.${c.kind}${notes.length ? ` (${notes.join(', ')})` : ''}`;
  }

  total(channel?: string): number {
    let n = 0;
    for (const m of this.counts.values()) for (const [ch, k] of m) if (!channel || ch === channel) n += k;
    return n;
  }
}
