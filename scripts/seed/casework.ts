import type { AuditEntry } from '../../shared/domain/audit.js';
import {
  REVIEW_RULES,
  summaryAfterContact,
  type CaseContact,
  type CaseworkSummary,
  type ContactChannel,
} from '../../shared/domain/casework.js';
import type { Participant } from '../../shared/domain/participant.js';
import type { Rng } from './random.js';

const DAY = 86_400_000;
const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** What the casework generator needs of the district's generator: ids that carry their time, working hours. */
export interface CaseworkGen {
  now: number;
  ids: { at(ms: number): string };
  /** A working-hours moment on the day of `ms`, at or after `lo`, before now. */
  work(ms: number, lo?: number): number;
}

/** How far back the demo's contact record goes: two review cycles, so a slipped review shows. */
const WINDOW_DAYS = 56;
/** Days between contacts that reached someone, for the advisers keeping to fortnightly contact (003 §7.2.1). */
const GAP_DAYS: [number, number] = [9, 14];
/**
 * Who the adviser has lost touch with (no contact that reached them for 15–40 days): more of the
 * hardest to help, as the reports found ("creaming and parking": 003 §15, §18.5).
 */
const PARKED: Record<Participant['readiness'], number> = { green: 0.03, amber: 0.06, red: 0.12 };
/** Whose review of the action plan has slipped past its four weeks although contact went on. */
const REVIEW_SLIPPED = 0.04;

export interface DemoCasework {
  contacts: CaseContact[];
  /** One `casework.write` audit entry per contact, as the use case writes it. */
  audit: AuditEntry[];
  /** Each participant's casework summary, folded from their contacts by the domain's own rule. */
  summaries: Map<string, CaseworkSummary>;
}

type Kind = { channel: ContactChannel; appointment: boolean };

const REACHED: [Kind, number][] = [
  [{ channel: 'in-person', appointment: true }, 45],
  [{ channel: 'phone', appointment: true }, 12],
  [{ channel: 'phone', appointment: false }, 22],
  [{ channel: 'video', appointment: true }, 6],
  [{ channel: 'email', appointment: false }, 8],
  [{ channel: 'text-message', appointment: false }, 5],
  [{ channel: 'letter', appointment: false }, 2],
];
const REVIEWED: [Kind, number][] = [
  [{ channel: 'in-person', appointment: true }, 8],
  [{ channel: 'phone', appointment: true }, 1],
  [{ channel: 'video', appointment: true }, 1],
];

const NOTES = {
  'in-person': [
    "Went through this week's vacancies together; they applied for two.",
    'Worked on their CV: work history now up to date.',
    'Practised interview questions for next week.',
    'Talked about getting to work: bus times and a weekly ticket.',
    'Job search going steadily; keen on part-time work near home.',
    'Talked about the training course starting next month.',
  ],
  phone: [
    'Quick call: no news on applications yet.',
    'Called about an interview; confirmed the time and the address.',
    'Checked how the week went; two applications sent.',
  ],
  other: ['Sent three vacancies to look at before we meet.', 'Replied about the appointment time; all fine.'],
  review: [
    'Reviewed the action plan: CV done, next step mock interviews.',
    'Reviewed the plan: trying a different tack, retail as a stepping stone.',
    'Reviewed the plan together; childcare on Tuesdays still in the way.',
    'Reviewed the plan: forklift course booked, applications to continue.',
  ],
  dna: ['Did not come; no reason given. Will call.', 'Did not attend: said later they were unwell.'],
  missed: ['No answer; left a voicemail.', 'Phone off; sent a text asking them to call back.'],
};

/**
 * The last eight weeks of contact with everyone still looking for work, as advisers log it: most
 * reached fortnightly or more often, their action plan reviewed at a contact every four weeks once
 * their first review has come (REVIEW_RULES), a few missed appointments and unanswered calls, and a
 * few people left alone, so the adviser's "Needs a review" list holds a believable handful rather
 * than everyone. Each contact carries the audit entry its write leaves.
 */
export function buildCasework(g: CaseworkGen, rng: Rng, people: readonly { participant: Participant; joined: number }[]): DemoCasework {
  const out: DemoCasework = { contacts: [], audit: [], summaries: new Map() };
  for (const { participant: p, joined } of people) {
    if (p.status !== 'active') continue;
    const list = contactsOf(g, rng, p, joined);
    let summary: CaseworkSummary | undefined;
    for (const c of list) {
      summary = summaryAfterContact(summary, c);
      out.contacts.push(c);
      out.audit.push({
        id: g.ids.at(Date.parse(c.recordedAt)),
        subjectType: 'participant',
        subjectId: p.id,
        action: 'casework.write',
        actorSub: p.adviserId,
        actorRole: 'adviser',
        at: c.recordedAt,
        detail: { record: 'contact', id: c.id },
      });
    }
    if (summary) out.summaries.set(p.id, summary);
  }
  return out;
}

function contactsOf(g: CaseworkGen, rng: Rng, p: Participant, joined: number): CaseContact[] {
  const start = Math.max(joined + 60 * MINUTE, g.now - WINDOW_DAYS * DAY);
  if (start >= g.now - DAY) return [];
  const parked = joined < g.now - 20 * DAY && rng.chance(PARKED[p.readiness]);
  // The contacts that reached them, latest first, back to the start of the record.
  const reached: number[] = [];
  for (let t = g.now - (parked ? rng.float(15, 40) : rng.float(0.5, 11)) * DAY; t >= start; t -= rng.float(...GAP_DAYS) * DAY)
    reached.unshift(t);
  // Someone new is seen within a few days of joining.
  if (!reached.length && !parked) reached.push(start + rng.float(0, 3) * DAY);
  // In working hours (a weekend moves back to the Friday), before the reviews are placed among them.
  const times = reached.map((t) => g.work(t, start)).sort((a, b) => a - b);
  const slipped = rng.chance(REVIEW_SLIPPED);
  // Reviews: the first 12 weeks after joining, then every 4; at the contact after which the next would be too late.
  let lastReview = joined + (REVIEW_RULES.firstReviewWeeks - REVIEW_RULES.reviewEveryWeeks) * 7 * DAY;
  if (lastReview < start) lastReview = start - rng.float(0, 20) * DAY;
  const every = REVIEW_RULES.reviewEveryWeeks * 7 * DAY;
  const list: { at: number; attended: boolean; review: boolean }[] = times.map((at, i) => {
    const next = times[i + 1] ?? g.now;
    const review = next > lastReview + every && at >= lastReview + 7 * DAY && !(slipped && at > g.now - 30 * DAY);
    if (review) lastReview = at;
    return { at, attended: true, review };
  });
  // Tries that did not reach them: a missed appointment now and then, and calls to someone gone quiet.
  if (times.length > 1 && rng.chance(0.15))
    list.push({ at: g.work(rng.float(times[0]!, times.at(-1)!), start), attended: false, review: false });
  if (parked)
    for (let k = rng.int(0, 2); k > 0; k--)
      list.push({ at: g.work(g.now - rng.float(1, 14) * DAY, start), attended: false, review: false });
  return list
    .sort((a, b) => a.at - b.at)
    .map((c) => {
      const kind = c.review
        ? rng.weighted(REVIEWED)
        : c.attended
          ? rng.weighted(REACHED)
          : rng.chance(0.5)
            ? { channel: 'in-person' as const, appointment: true }
            : { channel: 'phone' as const, appointment: false };
      const notes = c.review
        ? NOTES.review
        : !c.attended
          ? kind.appointment
            ? NOTES.dna
            : NOTES.missed
          : kind.channel === 'in-person' || kind.channel === 'video'
            ? NOTES['in-person']
            : kind.channel === 'phone'
              ? NOTES.phone
              : NOTES.other;
      const recordedAt = Math.min(c.at + rng.int(2, 90) * MINUTE, g.now - MINUTE);
      const note = c.review || rng.chance(0.7) ? rng.pick(notes) : undefined;
      return {
        id: g.ids.at(recordedAt),
        participantId: p.id,
        occurredAt: iso(c.at),
        channel: kind.channel,
        appointment: kind.appointment,
        attended: c.attended,
        ...(c.review ? { review: true } : {}),
        ...(note ? { note } : {}),
        recordedBy: p.adviserId,
        recordedAt: iso(recordedAt),
      };
    });
}
