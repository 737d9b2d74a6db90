import { z } from 'zod';
import { Id, Int, IsoDate, IsoDateTime, Said, UserId } from './common.js';
import { addDays } from './dates.js';

/**
 * In-work support in the first weeks: the contacts an adviser keeps with someone who has started work,
 * planned from a template when they are hired. Figures from the reports (seed numbers as in
 * shared/seeds/README.md):
 * - contact "after their first day of work, … following their first week in a job or after the first
 *   few weeks" (Work Programme 003, §10.1.1), aftercare "in the first few weeks of the client entering
 *   work" (Employment Zones 000, §3.1.41); intensive support "for their first six weeks" (NDDP 004, §5.7),
 *   "the early period in work could be a critical one" (004, §7.4.7);
 * - "a high risk individual was contacted weekly for four to six weeks instead of the usual two weeks",
 *   "weekly for a set period and after that … on a monthly basis" (003, §10.1.1): the at-risk template;
 * - "The majority of clients do not need aftercare and many grow out of it" (000, §3.1.41): the light one;
 * - "normally by telephone at home so the client can express any concerns outside of the workplace"
 *   (000, §3.1.41): someone who does not want contact at work is contacted by phone or outside work;
 *   some "did not want to be contacted" and providers "complied with participants' wishes" (003, §10.1.1):
 *   someone who chose no in-work contact has no schedule at all;
 * - aftercare is "a dual process involving both employers and individual clients … employer marketing
 *   staff are responsible for contacts with employers" (000, §3.1.41, §4.1.28–30): the liaison officer is
 *   prompted to call the employer after the first week and the fourth.
 */

export const SUPPORT_TEMPLATES = ['standard', 'at-risk', 'light'] as const;
export const SupportTemplate = z.enum(SUPPORT_TEMPLATES);
export type SupportTemplate = z.infer<typeof SupportTemplate>;

/** Each template's contacts, as days after the first day of work (day 1: after the first day). */
export const SUPPORT_TEMPLATE_DAYS: Record<SupportTemplate, readonly number[]> = {
  // After the first day and week, fortnightly to six weeks ("the usual two weeks"), then monthly to 13.
  standard: [1, 7, 14, 28, 42, 70, 91],
  // Weekly for six weeks, fortnightly to ten, then the 13-week point.
  'at-risk': [1, 7, 14, 21, 28, 35, 42, 56, 70, 91],
  // For those who want little: after the first week, the first month and at 13 weeks.
  light: [7, 28, 91],
};

export const SUPPORT_TEMPLATE_LABELS: Record<SupportTemplate, [name: string, description: string]> = {
  standard: ['Standard', 'After the first day and the first week, every 2 weeks to week 6, then at weeks 10 and 13'],
  'at-risk': ['At risk of leaving', 'After the first day, then every week for 6 weeks, then at weeks 8, 10 and 13'],
  light: ['Light touch', 'After the first week, at week 4 and at week 13'],
};

/** Days after its date a contact not made is overdue (the adviser is told once, the day after this). */
export const SUPPORT_GRACE_DAYS = 2;
/** The weeks after the start at which the liaison officer is prompted to call the employer. */
export const AFTERCARE_WEEKS = [1, 4] as const;

/** The template a hire starts with, before the adviser chooses: red or amber readiness is at risk. */
export const defaultTemplate = (readiness: string): SupportTemplate => (readiness === 'green' ? 'standard' : 'at-risk');

/** How the participant said they may be contacted once in work (their consent). */
export const SUPPORT_WAYS = ['any', 'outside-work'] as const;
export type SupportWay = (typeof SUPPORT_WAYS)[number];

/** A planned contact, as a page says when it is ("After the first day", "Week 6"). */
export const supportDayLabel = (day: number): string =>
  day === 1 ? 'After the first day' : day === 7 ? 'After the first week' : day % 7 === 0 ? `Week ${day / 7}` : `Day ${day}`;

export const SupportContact = z.object({
  /** Days after the first day of work: its identity in the schedule. */
  day: Int(1, 400),
  dueOn: IsoDate,
  /** The contact (in the contact log) that reached them. */
  contactId: Id.optional(),
  madeAt: IsoDateTime.optional(),
  /** Contacts logged against it that did not reach them. */
  attempts: Int(0, 1000).optional(),
  /** The sweeper has told the adviser it is overdue. */
  overdueNotified: z.boolean().optional(),
});
export type SupportContact = z.infer<typeof SupportContact>;

export const AftercarePrompt = z.object({
  week: Int(1, 52),
  dueOn: IsoDate,
  doneAt: IsoDateTime.optional(),
  doneBy: UserId.optional(),
});
export type AftercarePrompt = z.infer<typeof AftercarePrompt>;

export const SupportSchedule = z
  .object({
    /**
     * `declined`: they chose no contact once in work, so nothing is planned (and nobody is told it is late).
     * `ended`: a check-in recorded that they had left the job (`endedAt`): nothing more is due.
     */
    status: z.enum(['active', 'declined', 'ended']),
    endedAt: IsoDateTime.optional(),
    template: SupportTemplate.optional(),
    /** `outside-work`: by phone or outside working hours, never at their workplace. */
    way: z.enum(SUPPORT_WAYS).optional(),
    contacts: z.array(SupportContact).max(20),
    aftercare: z.array(AftercarePrompt).max(AFTERCARE_WEEKS.length),
    /** The liaison officer prompted for the employer's aftercare (the employer's account manager, or who put them forward). */
    liaisonId: UserId.optional(),
    chosenBy: Said(128),
    chosenAt: IsoDateTime,
  })
  .meta({ id: 'SupportSchedule' });
export type SupportSchedule = z.infer<typeof SupportSchedule>;

export const SupportChoice = z.strictObject({ template: SupportTemplate }).meta({ id: 'SupportChoice' });
export type SupportChoice = z.infer<typeof SupportChoice>;

export const AftercareDone = z.strictObject({ week: Int(1, 52) }).meta({ id: 'AftercareDone' });

interface ConsentLike {
  inWorkContact: boolean;
  inWorkContactAtWork?: boolean | undefined;
}

/**
 * The schedule for a job starting `startDate`, from `template`, honouring their consent: none when they
 * chose no contact in work. Contacts already made under an earlier schedule keep their record (same day),
 * as do the employer's aftercare prompts.
 */
export function buildSchedule(
  startDate: string,
  template: SupportTemplate,
  consent: ConsentLike,
  by: string,
  at: string,
  prev?: SupportSchedule,
  liaisonId?: string,
): SupportSchedule {
  const aftercare = prev?.aftercare.length
    ? prev.aftercare
    : AFTERCARE_WEEKS.map((week) => ({ week, dueOn: addDays(startDate, week * 7) }));
  const liaison = liaisonId ?? prev?.liaisonId;
  const base = { aftercare, ...(liaison ? { liaisonId: liaison } : {}), chosenBy: by, chosenAt: at };
  if (!consent.inWorkContact) return { status: 'declined', contacts: [], ...base };
  const made = new Map((prev?.contacts ?? []).filter((c) => c.contactId || c.attempts).map((c) => [c.day, c]));
  const days = [...new Set([...SUPPORT_TEMPLATE_DAYS[template], ...made.keys()])].sort((a, b) => a - b);
  return {
    status: 'active',
    template,
    way: consent.inWorkContactAtWork === false ? 'outside-work' : 'any',
    contacts: days.map((day) => made.get(day) ?? { day, dueOn: addDays(startDate, day) }),
    ...base,
  };
}

export type SupportState = 'made' | 'overdue' | 'due' | 'upcoming';

/** The day a contact not made becomes overdue. */
export const overdueOn = (c: Pick<SupportContact, 'dueOn'>) => addDays(c.dueOn, SUPPORT_GRACE_DAYS + 1);

export function supportState(c: SupportContact, today: string): SupportState {
  if (c.contactId) return 'made';
  if (overdueOn(c) <= today) return 'overdue';
  return c.dueOn <= today ? 'due' : 'upcoming';
}

/** The next day the sweeper has something to say about this schedule: the first contact to become overdue, not yet told. */
export function supportDue(s: SupportSchedule | undefined): string | undefined {
  if (s?.status !== 'active') return undefined;
  return s.contacts
    .filter((c) => !c.contactId && !c.overdueNotified)
    .map(overdueOn)
    .sort()[0];
}

/** The next employer-aftercare prompt not yet done, and the officer it is for (none without one). */
export function nextAftercare(s: SupportSchedule | undefined): { officerId: string; dueOn: string; week: number } | undefined {
  const next = s?.aftercare.find((a) => !a.doneAt);
  return next && s?.liaisonId ? { officerId: s.liaisonId, dueOn: next.dueOn, week: next.week } : undefined;
}

/**
 * The schedule once they have left the job: nothing more is due or chased, the contacts made or tried
 * keep their record (the rest go), and the employer's aftercare prompts not yet done go (the liaison officer is not prompted for a
 * job that has ended).
 */
export function endedSupport(s: SupportSchedule, at: string): SupportSchedule {
  if (s.status === 'ended') return s;
  return {
    ...s,
    status: 'ended',
    endedAt: at,
    contacts: s.contacts.filter((c) => c.contactId || c.attempts),
    aftercare: s.aftercare.filter((a) => a.doneAt),
  };
}
