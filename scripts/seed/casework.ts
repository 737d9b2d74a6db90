import type { AuditEntry } from '../../shared/domain/audit.js';
import {
  PLAN_IDEAL_JOBS_MAX,
  summaryAfterContact,
  type ActionPlan,
  type Barrier,
  type CaseContact,
  type CaseworkSummary,
  type ContactChannel,
  type PlanGoal,
  type PlanHistoryEntry,
  type PlanStep,
  type PlanStepOwner,
} from '../../shared/domain/casework.js';
import type { Participant } from '../../shared/domain/participant.js';
import { reviewRulesOf } from '../../shared/domain/programmes.js';
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
  /** One `casework.write` audit entry per contact, as the use case writes it, and one per action plan (loaded in one write). */
  audit: AuditEntry[];
  /** The action plans of most people still looking for work, each with the history of its changes. */
  plans: ActionPlan[];
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
 * their first review has come (their programme's review rules), a few missed appointments and unanswered calls, and a
 * few people left alone, so the adviser's "Needs a review" list holds a believable handful rather
 * than everyone. Each contact carries the audit entry its write leaves.
 */
export function buildCasework(g: CaseworkGen, rng: Rng, people: readonly { participant: Participant; joined: number }[]): DemoCasework {
  const out: DemoCasework = { contacts: [], audit: [], plans: [], summaries: new Map() };
  for (const { participant: p, joined } of people) {
    if (p.status !== 'active') continue;
    const plan = planOf(g, rng, p, joined);
    if (plan) {
      out.plans.push(plan);
      out.audit.push({
        id: g.ids.at(Date.parse(plan.updatedAt)),
        subjectType: 'participant',
        subjectId: p.id,
        action: 'casework.write',
        actorSub: p.adviserId,
        actorRole: 'adviser',
        at: plan.updatedAt,
        detail: { record: 'plan', id: p.id },
      });
    }
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
  // Reviews: the first at their programme's weeks after joining (12 by default), then every 4; at the contact after which the next would be too late.
  const rules = reviewRulesOf(p.programme);
  let lastReview = joined + (rules.firstReviewWeeks - rules.reviewEveryWeeks) * 7 * DAY;
  if (lastReview < start) lastReview = start - rng.float(0, 20) * DAY;
  const every = rules.reviewEveryWeeks * 7 * DAY;
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

/* Action plans --------------------------------------------------------------------------------- */

/**
 * Who has an action plan written down: most, not all (the reports found plans often thin or missing:
 * Work Programme 003 §8.1), and fewer of those only just joined.
 */
const HAS_PLAN = 0.8;

/** The barriers a plan addresses, weighted by readiness: more, and heavier, the further from work (000 §3.1.15; 003 §13). */
const BARRIER_WEIGHTS: Record<Participant['readiness'], [Barrier, number][]> = {
  green: [
    ['job-search', 6],
    ['transport', 4],
    ['work-experience', 3],
    ['clothes-equipment', 2],
    ['skills-qualifications', 3],
    ['caring', 2],
  ],
  amber: [
    ['confidence-motivation', 6],
    ['skills-qualifications', 5],
    ['work-experience', 4],
    ['transport', 4],
    ['basic-skills', 3],
    ['caring', 3],
    ['better-off-on-benefits', 2],
    ['health', 2],
    ['debt', 2],
  ],
  red: [
    ['health', 5],
    ['mental-health', 5],
    ['confidence-motivation', 4],
    ['housing', 3],
    ['debt', 3],
    ['substance-misuse', 2],
    ['criminal-record', 2],
    ['basic-skills', 3],
    ['better-off-on-benefits', 2],
  ],
};
const BARRIER_COUNT: Record<Participant['readiness'], [number, number]> = { green: [0, 2], amber: [1, 3], red: [2, 4] };

const GOALS: Record<Participant['readiness'], string[]> = {
  green: ['A permanent job with regular hours', 'Full-time work within three months', 'A job close to home that fits the school run'],
  amber: ['Get ready for work and start applying', 'A part-time job to build up from', 'A first job in a new line of work'],
  red: ['Get the support in place to think about work', 'Try a work placement', 'Build up to looking for work'],
};

/** Steps, each with who takes it and the barrier it addresses (if any). */
const STEPS: [action: string, who: PlanStepOwner, barrier?: Barrier][] = [
  ['Update the CV together', 'together', 'job-search'],
  ['Apply for three vacancies a week', 'participant', 'job-search'],
  ['Practise interview questions', 'together', 'job-search'],
  ['Find out bus times and a weekly ticket', 'participant', 'transport'],
  ['Ask about help with travel costs', 'adviser', 'transport'],
  ['Book onto the next pre-employment course', 'adviser', 'skills-qualifications'],
  ['Finish the first aid certificate', 'participant', 'skills-qualifications'],
  ['Look for a work trial or placement', 'adviser', 'work-experience'],
  ['Go to the confidence workshop', 'participant', 'confidence-motivation'],
  ['Start the English and maths course at the college', 'participant', 'basic-skills'],
  ['Work out childcare for early shifts', 'participant', 'caring'],
  ['Go through a better-off calculation together', 'together', 'better-off-on-benefits'],
  ['Refer to the debt advice service', 'adviser', 'debt'],
  ['Ask the GP about a fit note review', 'participant', 'health'],
  ['Refer to the local mental health support service', 'adviser', 'mental-health'],
  ['Contact the housing officer about the move', 'participant', 'housing'],
  ['Talk through when and how to disclose a conviction', 'together', 'criminal-record'],
  ['Get work boots and clothes from the fund', 'adviser', 'clothes-equipment'],
];

function planOf(g: CaseworkGen, rng: Rng, p: Participant, joined: number): ActionPlan | undefined {
  if (joined > g.now - 7 * DAY || !rng.chance(HAS_PLAN)) return undefined;
  const by = p.adviserId;
  const history: PlanHistoryEntry[] = [];
  // Written within the first fortnight (or, for someone with us long before the record, in the last eight weeks).
  const begun = Math.max(joined + rng.float(1, 14) * DAY, g.now - WINDOW_DAYS * DAY);
  let t = g.work(begun, joined + 60 * MINUTE);
  const tick = (days: [number, number]) => {
    t = Math.min(g.work(t + rng.float(...days) * DAY, t), g.now - MINUTE);
    return iso(t);
  };
  const day = (ms: number) => iso(ms).slice(0, 10);

  const goals: PlanGoal[] = rng.sample(GOALS[p.readiness], rng.int(1, 2)).map((goal) => {
    const at = tick([0, 0.01]);
    const id = g.ids.at(Date.parse(at));
    history.push({ at, by, change: 'goal-added', itemId: id });
    return { id, goal, byDate: day(Date.parse(at) + rng.int(8, 20) * 7 * DAY), achieved: false, addedAt: at, addedBy: by };
  });
  const [lo, hi] = BARRIER_COUNT[p.readiness];
  const barriers = [...new Set(Array.from({ length: rng.int(lo, hi) }, () => rng.weighted(BARRIER_WEIGHTS[p.readiness])))];
  if (barriers.length) history.push({ at: tick([0, 0.01]), by, change: 'barriers-changed', barriers });
  // Ideal and transitional jobs from the occupations they already prefer, so their preferences hold them as the use case would leave them.
  const occupations = p.preferences.occupations;
  const idealJobs = occupations.slice(0, Math.min(1, PLAN_IDEAL_JOBS_MAX));
  const transitionalJobs = occupations.slice(1, 3);
  if (idealJobs.length) history.push({ at: tick([0, 0.01]), by, change: 'jobs-changed', idealJobs, transitionalJobs });

  // Steps: those for its barriers first, then general ones; older ones mostly done, a few left overdue.
  const fitting = STEPS.filter(([, , b]) => !b || barriers.includes(b));
  const chosen = rng.sample(fitting.length >= 2 ? fitting : STEPS, rng.int(2, 5));
  const steps: PlanStep[] = chosen.map(([action, who, barrier]) => {
    const at = tick([0, 6]);
    const id = g.ids.at(Date.parse(at));
    history.push({ at, by, change: 'step-added', itemId: id });
    const byDate = day(Date.parse(at) + rng.int(7, 28) * DAY);
    const goalId = goals.length && rng.chance(0.7) ? rng.pick(goals).id : undefined;
    return {
      id,
      action,
      who,
      byDate,
      ...(goalId ? { goalId } : {}),
      ...(barrier ? { barrier } : {}),
      done: false,
      addedAt: at,
      addedBy: by,
    };
  });
  for (const s of steps) {
    const due = Date.parse(`${s.byDate}T17:00:00Z`);
    // Done by its date more often than not, once the date has come near; some slip past it.
    if (due < g.now + 3 * DAY && rng.chance(0.65)) {
      const at = iso(Math.min(Math.max(g.work(due - rng.float(0, 6) * DAY), Date.parse(s.addedAt) + MINUTE), g.now - MINUTE));
      s.done = true;
      s.doneChangedAt = at;
      s.doneChangedBy = by;
      history.push({ at, by, change: 'step-done', itemId: s.id });
    }
  }
  history.sort((a, b) => a.at.localeCompare(b.at));
  const last = history.at(-1)!;
  return {
    participantId: p.id,
    goals,
    steps,
    barriers,
    idealJobs,
    transitionalJobs,
    history,
    updatedAt: last.at,
    updatedBy: by,
    version: 1,
  };
}
