/**
 * The words in the demo data: interaction summaries, readiness reasons, sensitive circumstances in plain
 * language, vacancy blurbs. Short, ordinary sentences of the kind staff actually type.
 */
import { ADJUSTMENTS, type Adjustment } from '../../shared/domain/adjustments.js';
import type { OffenceCategory } from '../../shared/domain/convictions.js';
import type { Demand } from './sectors.js';
import type { Rng } from './random.js';

export type Outcome = 'positive' | 'neutral' | 'negative' | 'no-answer' | 'vacancy-taken' | 'pledge-made' | 'follow-up-needed';
export type Kind = 'call' | 'visit' | 'email' | 'meeting' | 'event';

export interface SummaryContext {
  /** Contact's first name, or "the manager". */
  c: string;
  /** A job in lower case, singular and plural: "care assistant", "care assistants". */
  role: string;
  roles: string;
  town: string;
  n: number;
  date: string;
}

type Template = { kinds: readonly Kind[]; text: string };

const SUMMARIES: Readonly<Record<Outcome, readonly Template[]>> = {
  'no-answer': [
    { kinds: ['call'], text: 'Called {c}; no answer, left a voicemail asking for a call back.' },
    { kinds: ['call'], text: 'Rang the main number; {c} in meetings all day. Will try again next week.' },
    { kinds: ['call'], text: 'No reply on the switchboard number; emailed instead.' },
    { kinds: ['email'], text: 'Emailed {c} about the free recruitment service; no reply yet.' },
    { kinds: ['visit'], text: 'Called in at the {town} site; manager not available, left leaflets and a card.' },
  ],
  neutral: [
    { kinds: ['call'], text: 'Introductory call with {c}; not recruiting until the new year but happy to stay in touch.' },
    { kinds: ['call'], text: 'Spoke to {c}: recruitment goes through head office. Passed on the HR contact.' },
    { kinds: ['email'], text: 'Sent the programme information pack and details of free pre-employment training.' },
    { kinds: ['email'], text: 'Sent {c} a short note on the guaranteed interview scheme and Disability Confident.' },
    { kinds: ['event'], text: 'Met {c} at the {town} jobs fair; took details, no current vacancies.' },
    {
      kinds: ['visit', 'meeting'],
      text: 'Site visit with {c}: looked at the work, the shift patterns and the lifting involved for {roles}.',
    },
    { kinds: ['meeting'], text: 'Quarterly review with {c}: steady, no new posts expected this month.' },
  ],
  positive: [
    { kinds: ['meeting', 'visit'], text: 'Good meeting with {c}: open to guaranteed interviews for {roles}.' },
    { kinds: ['call'], text: '{c} pleased with the last two starters and would like more candidates like them.' },
    { kinds: ['call', 'meeting'], text: 'Agreed to offer work trials to two candidates next month.' },
    { kinds: ['visit'], text: 'Visited the {town} site with {c}; agreed we screen for the essentials and they interview within a week.' },
    { kinds: ['call', 'email'], text: '{c} happy to hold interviews for {roles} at the Jobcentre.' },
    { kinds: ['event'], text: '{c} came to the {town} jobs fair and spoke to a dozen candidates; keen to do it again.' },
  ],
  negative: [
    { kinds: ['call'], text: '{c} not interested at present; bad experience with a previous provider.' },
    { kinds: ['call', 'email'], text: 'Recruitment frozen after a restructure; no vacancies expected this year.' },
    { kinds: ['call', 'meeting'], text: 'Two candidates did not turn up for interview; {c} unhappy. Agreed to tighten screening.' },
    { kinds: ['call'], text: '{c} prefers to use an agency for {roles} for now.' },
  ],
  'vacancy-taken': [
    { kinds: ['call', 'visit', 'meeting'], text: 'Took {n} {roles} vacancies from {c}; job spec to follow by email.' },
    { kinds: ['call'], text: 'Called back within 48 hours for the missing details on the {role} vacancy: hours and shifts confirmed.' },
    { kinds: ['meeting', 'visit'], text: '{c} gave us {n} {roles} posts ahead of the peak; warned honestly that we can fill about half.' },
    { kinds: ['email', 'call'], text: 'New {role} vacancy at the {town} site; interviews next week.' },
  ],
  'pledge-made': [
    { kinds: ['meeting', 'event'], text: '{c} pledged {n} {role} jobs for local jobseekers by {date}.' },
    { kinds: ['meeting'], text: 'Signed pledge with {c}: {n} {role} roles by {date}, reviewed quarterly.' },
  ],
  'follow-up-needed': [
    { kinds: ['call', 'meeting'], text: '{c} asked for a shortlist for {roles}; send CVs by Friday.' },
    { kinds: ['call', 'email'], text: 'Needs to know who pays for DBS checks before interviews; find out and call back.' },
    { kinds: ['meeting', 'visit'], text: '{c} interested in a bespoke routeway; send the course outline and dates.' },
    { kinds: ['call'], text: 'Asked for feedback on the last two candidates; chase {c}.' },
    { kinds: ['email'], text: '{c} wants the job spec redone with the shift times; send a draft back.' },
  ],
};

/** A summary for the outcome, written for the preferred kind of contact when there is one (else the template's own kind). */
export function interactionSummary(rng: Rng, preferred: Kind, outcome: Outcome, ctx: SummaryContext): { kind: Kind; summary: string } {
  const all = SUMMARIES[outcome];
  const fitting = all.filter((t) => t.kinds.includes(preferred));
  const t = rng.pick(fitting.length ? fitting : all);
  const kind = fitting.length ? preferred : t.kinds[0]!;
  const summary = t.text
    .replaceAll('{c}', ctx.c)
    .replaceAll('{roles}', ctx.roles)
    .replaceAll('{role}', ctx.role)
    .replaceAll('{town}', ctx.town)
    .replaceAll('{n}', String(ctx.n))
    .replaceAll('{date}', ctx.date)
    .replace(/^./, (ch) => ch.toUpperCase());
  return { kind, summary };
}

/** Which kinds of contact suit an outcome (an unanswered visit is rare; pledges are made face to face). */
export function kindFor(rng: Rng, outcome: Outcome): Kind {
  switch (outcome) {
    case 'no-answer':
      return rng.weighted([
        ['call', 7],
        ['email', 2],
        ['visit', 1],
      ]);
    case 'pledge-made':
      return rng.weighted([
        ['meeting', 3],
        ['event', 1],
      ]);
    default:
      return rng.weighted([
        ['call', 40],
        ['email', 22],
        ['visit', 15],
        ['meeting', 15],
        ['event', 8],
      ]);
  }
}

type R = 'green' | 'amber' | 'red';

const INITIAL_REASONS: Readonly<Record<R, readonly string[]>> = {
  green: [
    'Initial assessment: recent work history, CV up to date, ready to apply now',
    'Initial assessment: job ready; clear about the work wanted',
    'Referred as job ready: has references and can start straight away',
    'Initial assessment: was made redundant recently, keen and available',
  ],
  amber: [
    'Initial assessment: needs an up-to-date CV and interview practice',
    'Initial assessment: confidence low after a long gap from work',
    'Initial assessment: wants work but childcare not yet arranged',
    'Initial assessment: needs English classes alongside job search',
    'Initial assessment: unsure what work to aim for; needs a careers conversation',
  ],
  red: [
    'Initial assessment: housing crisis; job search paused for now',
    'Initial assessment: health condition being managed; not ready to apply yet',
    'Initial assessment: recently released; resettlement needs come first',
    'Initial assessment: in recovery; focusing on stability first',
    'Initial assessment: debt and benefit problems to sort out first',
  ],
};

const CHANGE_REASONS: Readonly<Record<`${R}>${R}`, readonly string[]>> = {
  'amber>green': [
    'Completed CV and mock interview',
    'Finished the two-week routeway and passed the course assessments',
    'Childcare in place now; available for day shifts',
    'Confidence much improved after a work trial',
    'Got a bus pass sorted; can travel to the industrial estates now',
  ],
  'red>amber': [
    'Moved into settled accommodation',
    'Health stable; agreed to start looking for part-time work',
    'Started English classes and volunteering one day a week',
    'Attending regularly; ready for employability sessions',
  ],
  'red>green': [
    'Reassessed face to face: recent work history and references; ready now',
    'Back on track after treatment; GP supports a return to work',
  ],
  'green>amber': [
    'Missed two interviews; needs to rebuild a routine',
    'Left a job after three weeks; reviewing what went wrong',
    'Wants to change direction; needs a course first',
  ],
  'amber>red': [
    'Housing crisis; paused job search',
    'Mental health has worsened; GP has signed off for now',
    'Caring responsibilities increased after illness in the family',
    'Court case pending; agreed to pause applications',
  ],
  'green>red': ['Bereavement; taking a break from job search', 'Hospital treatment scheduled; not looking for work for now'],
  'green>green': ['No change'],
  'amber>amber': ['No change'],
  'red>red': ['No change'],
};

export function readinessReason(rng: Rng, from: R | null, to: R): string {
  return from === null ? rng.pick(INITIAL_REASONS[to]) : rng.pick(CHANGE_REASONS[`${from}>${to}`]);
}

/** A health condition or disability in plain words, with the limits and adjustments that follow from it. */
export interface Condition {
  disability?: string;
  health: string;
  limits: readonly Demand[];
  adjustments: readonly string[];
  /** What the person might say to an employer, if they choose to. */
  ownWords: string;
}

export const DISABILITIES: readonly Condition[] = [
  {
    disability: 'Chronic lower back pain',
    health: 'Back pain for several years; physio helps. Cannot lift heavy loads.',
    limits: ['heavy-lifting', 'standing-long-periods'],
    adjustments: ['No lifting over 10 kg', 'A chance to sit down during shifts'],
    ownWords: "I have a bad back so I can't do heavy lifting, but I'm reliable and fine with lighter work.",
  },
  {
    disability: 'Dyslexia',
    health: 'Dyslexia; reading long written instructions is slow.',
    limits: [],
    adjustments: ['Instructions shown or explained, not only written', 'Extra time for any written test'],
    ownWords: "I'm dyslexic. Show me once and I've got it; long written instructions take me longer.",
  },
  {
    disability: 'Hearing loss in one ear',
    health: 'Partial hearing loss; wears a hearing aid.',
    limits: ['public-facing-busy'],
    adjustments: ['Face-to-face briefings', 'Visual alarms where possible'],
    ownWords: 'I wear a hearing aid. Busy noisy counters are hard but one-to-one is fine.',
  },
  {
    disability: 'Autism',
    health: 'Autistic; finds busy, noisy places and sudden changes hard.',
    limits: ['public-facing-busy'],
    adjustments: ['Clear routine and written rota', 'Quiet space for breaks', 'Interview questions in advance'],
    ownWords: "I'm autistic. I do my best work with a clear routine and I'm very accurate.",
  },
  {
    disability: 'Epilepsy (well controlled)',
    health: 'Epilepsy; no seizures for two years on medication. Not allowed to drive.',
    limits: ['driving', 'working-at-height', 'working-alone'],
    adjustments: ['No driving or work at height', 'Colleague nearby'],
    ownWords: 'I have epilepsy, well controlled. I cannot drive for work.',
  },
  {
    disability: 'Arthritis in hands and knees',
    health: 'Osteoarthritis; stiff in the mornings, kneeling is painful.',
    limits: ['heavy-lifting', 'standing-long-periods'],
    adjustments: ['Later start times', 'Seating available'],
    ownWords: 'I have arthritis so kneeling and heavy lifting are out, but I can do a full shift with a seat.',
  },
  {
    disability: 'Type 1 diabetes',
    health: 'Type 1 diabetes; needs regular breaks to eat and check blood sugar.',
    limits: ['night-work'],
    adjustments: ['Regular breaks to eat', 'Somewhere private to inject'],
    ownWords: "I'm diabetic and need regular breaks to eat; otherwise no problem.",
  },
  {
    disability: 'Depression and anxiety',
    health: 'Long-term depression and anxiety; seeing the GP and on medication. Stable at the moment.',
    limits: ['public-facing-busy', 'overtime'],
    adjustments: ['Phased start', 'Regular check-ins with a manager'],
    ownWords: 'I have had depression. A steady start and a manager I can talk to make all the difference.',
  },
  {
    disability: 'Partial sight',
    health: 'Sight loss in one eye; cannot read small print easily.',
    limits: ['driving'],
    adjustments: ['Large-print or screen magnification', 'Good lighting'],
    ownWords: 'I have limited sight in one eye and use magnification on screens.',
  },
  {
    disability: 'Mild learning disability',
    health: 'Mild learning disability; lives independently with some support.',
    limits: ['working-alone'],
    adjustments: ['Job coach for the first weeks', 'Pictures on checklists'],
    ownWords: 'I learn best by doing, with someone showing me.',
  },
  {
    disability: 'COPD',
    health: 'COPD; breathless on stairs and in dusty places.',
    limits: ['heavy-lifting', 'working-at-height'],
    adjustments: ['Ground-floor work', 'No dusty environments'],
    ownWords: 'I have a lung condition, so no dusty or heavy work.',
  },
  {
    disability: 'Wheelchair user',
    health: 'Uses a wheelchair after a spinal injury.',
    limits: ['heavy-lifting', 'standing-long-periods', 'working-at-height'],
    adjustments: ['Step-free access', 'Accessible toilet', 'Adjusted desk height'],
    ownWords: 'I use a wheelchair. I need step-free access; the rest I can manage.',
  },
];

export const HEALTH_ONLY: readonly Condition[] = [
  {
    health: 'Anxiety; on a waiting list for talking therapy.',
    limits: ['public-facing-busy'],
    adjustments: ['Interview questions in advance'],
    ownWords: 'I get anxious in interviews but I settle in well once I start.',
  },
  {
    health: 'Recovering from a knee operation; should be fully fit in a few months.',
    limits: ['heavy-lifting', 'working-at-height'],
    adjustments: [],
    ownWords: 'I am recovering from knee surgery and should be back to full fitness soon.',
  },
  {
    health: 'Low mood after redundancy; GP aware.',
    limits: [],
    adjustments: [],
    ownWords: 'I had a rough patch after being made redundant, but I am ready to get back to work.',
  },
  {
    health: 'Migraines a few times a month.',
    limits: ['night-work'],
    adjustments: ['Time off for appointments'],
    ownWords: 'I get migraines now and then; regular shifts help.',
  },
];

/**
 * Convictions as advisers record them: the offence category, spent or not under the Rehabilitation of
 * Offenders Act, and for a custodial sentence the release (days before now, or a date) and the licence
 * end (days after now).
 */
export const CONVICTIONS: readonly {
  details: string;
  unspent: boolean;
  category: OffenceCategory;
  ownWords?: string;
  drivingBan?: boolean;
  released?: { daysAgo: number } | { on: string };
  licenceDaysLeft?: number;
}[] = [
  { details: 'Shoplifting (2021); fine paid', unspent: false, category: 'theft' },
  {
    details: 'Theft from employer (2020); community order completed',
    unspent: false,
    category: 'theft',
    ownWords: 'I made a mistake in 2020 and took responsibility for it. I have been out of trouble since.',
  },
  {
    details: 'Drink driving (2024); 18-month driving ban',
    unspent: true,
    category: 'driving',
    drivingBan: true,
    ownWords: 'I have a drink-driving conviction and cannot drive at the moment.',
  },
  { details: 'Possession of cannabis (2019)', unspent: false, category: 'drugs' },
  { details: 'Assault (2023); suspended sentence, ends next year', unspent: true, category: 'violence' },
  {
    details: 'Burglary (2016); served 18 months',
    unspent: false,
    category: 'theft',
    released: { on: '2017-09-14' },
    ownWords: 'I served a sentence years ago and have turned my life around since.',
  },
  { details: 'Criminal damage (2022); conditional discharge', unspent: false, category: 'other' },
  {
    details: 'Supplying class B drugs (2022); released on licence this year',
    unspent: true,
    category: 'drugs',
    released: { daysAgo: 120 },
    licenceDaysLeft: 240,
  },
  { details: 'Fraud (benefit overpayment, 2018); community order completed', unspent: false, category: 'fraud' },
  { details: 'Arson (2015, a shed fire); served 2 years', unspent: false, category: 'arson', released: { on: '2017-05-02' } },
];

/** Adjustments in everyday words (the demo's phrases) as kinds of the shared list, by keyword. */
const ADJUSTMENT_WORDS: readonly [RegExp, Adjustment][] = [
  [/flexib|later start|start times|daytime hours|without early starts/i, 'flexible-hours'],
  [/phased/i, 'phased-start'],
  [/regular breaks|breaks to eat/i, 'regular-breaks'],
  [/seat|sit down|stool/i, 'seating'],
  [/step-free|ground[- ]floor|ground level/i, 'step-free-access'],
  [/accessible toilet/i, 'accessible-toilet'],
  [/desk|workstation/i, 'adapted-workstation'],
  [/large-print|magnif/i, 'assistive-technology'],
  [/quiet/i, 'quiet-space'],
  [/written (shift|pick|rota)|written rota|rotas/i, 'written-instructions'],
  [/pictures|shown or explained/i, 'visual-instructions'],
  [/job coach|buddy|mentor|colleague nearby|supervision|check-ins with a manager/i, 'job-coach-or-buddy'],
  [/appointment/i, 'time-off-for-appointments'],
  [/interview|written test/i, 'interview-adjustments'],
  [/fixed (shift|day|early)/i, 'fixed-shift-pattern'],
  [/lifting aid|trolley|no lifting/i, 'lifting-aids'],
];

export function adjustmentKindsOf(phrases: readonly string[]): Adjustment[] {
  const kinds = new Set(phrases.flatMap((p) => ADJUSTMENT_WORDS.filter(([re]) => re.test(p)).map(([, k]) => k)));
  return ADJUSTMENTS.filter((k) => kinds.has(k));
}

export const SUBSTANCE: readonly string[] = [
  'In recovery from alcohol dependency; attends a weekly group.',
  'On a methadone script through the local recovery service; stable for a year.',
  'Cannabis use; working with the recovery service to cut down.',
];

export const HOUSING: readonly string[] = [
  'Living in a hostel; on the council housing list.',
  'Sofa surfing with friends since losing a tenancy.',
  'In temporary accommodation with two children; may be moved at short notice.',
  'Rent arrears; eviction notice received, housing advice booked.',
  'Supported housing after leaving prison.',
];

export const CARING: readonly { text: string; schoolHours: boolean }[] = [
  { text: 'Lone parent of two primary-school children; needs school hours.', schoolHours: true },
  { text: 'Cares for mother with dementia several afternoons a week.', schoolHours: false },
  { text: 'Shares care of a disabled son; can work mornings only.', schoolHours: true },
  { text: 'Lone parent of a toddler; nursery place from next term.', schoolHours: true },
];

/** An English-language note for someone whose first language is `lang`. */
export function languageNote(rng: Rng, lang: string): string {
  const name = lang.replace(/\b\w/g, (c) => c.toUpperCase());
  return rng.pick([
    `ESOL Entry 3; speaks ${name} at home.`,
    `First language ${name}; good spoken English, reading slower.`,
    `ESOL Entry 2; first language ${name}. Needs an interpreter for complex forms.`,
    `First language ${name}; attending ESOL classes twice a week.`,
    `First language ${name}; conversational English.`,
  ]);
}

export const WITHDRAWAL_NOTES: readonly string[] = [
  'Started a job before the course began',
  'Childcare fell through',
  'Clashed with hospital appointments',
  'Did not attend the first two days',
  'Moved out of the area',
  'Decided the sector was not for them',
];

export const COMPLETION_NOTES: readonly string[] = [
  'Completed all modules; certificates issued',
  'Completed; good feedback from the work placement',
  'Completed and booked onto the guaranteed interview',
  'Completed',
];

export const EMPLOYER_NOTES: readonly string[] = [
  'Prefers candidates who can start at short notice.',
  'Peak recruitment October to December.',
  'Interviews on Tuesday mornings at the site; candidates bring photo ID.',
  'Site is on a main bus route; limited parking.',
  'Manager likes a quick phone call before CVs are sent.',
  'Pays weekly; uniform provided.',
  'Owner does the interviews himself; keep submissions to the best two or three.',
  'Head office does the vetting; allow three weeks for checks.',
];

export const VACANCY_BENEFITS: readonly string[] = [
  'Free parking.',
  'Uniform provided.',
  'Staff discount.',
  'Paid training.',
  'Weekly pay.',
  'Workplace pension.',
  'Free meals on shift.',
  'Overtime available.',
  'Paid breaks.',
  'Travel help for the first month.',
  'Progression to supervisor.',
];

export function vacancyDescription(rng: Rng, title: string, town: string, employer: string): string {
  const a = /^[aeiou]/i.test(title) ? 'an' : 'a';
  const intro = rng.pick([
    `${employer} is looking for ${a} ${title} to join the team in ${town}.`,
    `We are recruiting ${a} ${title} at our ${town} site.`,
    `An entry-level ${title} role in ${town}, open to people returning to work.`,
  ]);
  const middle = rng.pick([
    'No experience needed: full training is given.',
    'Experience is welcome but not essential.',
    'You will be shown everything in your first week with a buddy.',
    'Reliability and a good attitude matter more than experience.',
  ]);
  return [intro, middle, ...rng.sample(VACANCY_BENEFITS, rng.int(1, 3))].join(' ');
}
