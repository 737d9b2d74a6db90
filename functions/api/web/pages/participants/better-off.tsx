import type { Hono } from 'hono';
import type { AppDeps } from '../../../deps.js';
import { BenefitCircumstances, type BenefitCircumstancesRecord } from '../../../../../shared/domain/better-off.js';
import type { Participant } from '../../../../../shared/domain/participant.js';
import { NotFoundError, type FieldError } from '../../../../../shared/errors.js';
import * as betterOff from '../../../../../shared/use-cases/better-off.js';
import * as participants from '../../../../../shared/use-cases/participants.js';
import { Button, Choices, fieldsFor, fmtDate, PostForm, SummaryList, Table, TextInput } from '../../components.js';
import { page, type WebContext, type WebEnv } from '../../context.js';
import { parseForm, typedValues, type Values } from '../../forms.js';
import { checkAnswersPage, Panel } from '../../patterns.js';

/*
 * The better-off estimate for a vacancy the adviser is considering for their participant, and the
 * circumstances it needs (question, check answers, confirmation). Own adviser and admins only; each page
 * that shows the circumstances or an estimate is an audited read of the sensitive part (docs/privacy.md).
 */

const name = (p: Pick<Participant, 'firstName' | 'lastName'>) => `${p.firstName} ${p.lastName}`;
const money = (n: number) => `£${n.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const yesNo = (b: boolean) => (b ? 'Yes' : 'No');

/** What to say when an answer is missing or wrong, by field. */
const MESSAGES: Record<string, string> = {
  couple: 'Select whether they claim as a single person or a couple',
  ageBand: 'Select their age',
  children: 'Select whether they are responsible for a child',
  limitedCapabilityForWork: 'Select whether they have limited capability for work',
  housingCosts: 'Select whether their Universal Credit includes help with housing costs',
  otherElementsMonthly: 'Enter the other amounts as a number of pounds a month, from 0 to 5,000, like 350.50',
};

/** The participant, for their own adviser or an admin; everyone else finds them unknown. */
async function own(c: WebContext, deps: AppDeps, id: string): Promise<Participant> {
  const actor = c.get('actor');
  if (actor.role !== 'adviser' && actor.role !== 'admin') throw new NotFoundError('participant', id);
  return (await participants.getParticipant(deps, actor, id)) as Participant;
}

/** The yes-or-no questions, in the order asked. */
const YES_NO_QUESTIONS = [
  ['children', 'Are they responsible for a child?'],
  ['limitedCapabilityForWork', 'Have they been assessed as having limited capability for work?'],
  ['housingCosts', 'Does their Universal Credit include help with housing costs?'],
] as const;

const circumstanceRows = (x: BenefitCircumstancesRecord | BenefitCircumstances): [string, string][] => [
  ['Claims as', x.couple ? 'A couple' : 'A single person'],
  [
    'Age',
    x.couple
      ? x.ageBand === 'under-25'
        ? 'Both under 25'
        : 'One or both 25 or over'
      : x.ageBand === 'under-25'
        ? 'Under 25'
        : '25 or over',
  ],
  ['Responsible for a child', yesNo(x.children)],
  ['Limited capability for work', yesNo(x.limitedCapabilityForWork)],
  ['Help with housing costs in their Universal Credit', yesNo(x.housingCosts)],
  ['Other Universal Credit amounts a month', money(x.otherElementsMonthly)],
];

async function estimatePage(c: WebContext, deps: AppDeps, id: string) {
  const p = await own(c, deps, id);
  const vacancyId = c.req.query('vacancy') ?? '';
  const hoursQ = Number(c.req.query('hours'));
  const hours = Number.isInteger(hoursQ) && hoursQ >= 1 && hoursQ <= 84 ? hoursQ : undefined;
  const r = await betterOff.estimateBetterOff(deps, c.get('actor'), id, { vacancyId, hours });
  const e = r.estimate;
  const back = `/app/participants/${id}`;
  return page(
    c,
    { title: `Better off in work? ${name(p)}`, current: '/app' },
    <>
      <a class="govuk-back-link" href={back}>
        Back to {name(p)}
      </a>
      <span class="govuk-caption-l">{name(p)}</span>
      <h1 class="govuk-heading-l">Better off in work? An estimate for {r.vacancy.title}</h1>
      <div class="govuk-warning-text">
        <span class="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong class="govuk-warning-text__text">
          <span class="govuk-visually-hidden">Warning</span>
          This is an estimate to talk through with them, not advice. It does not change who is suggested for a job.
        </strong>
      </div>
      <form method="get" action={`/app/participants/${id}/better-off`} novalidate>
        <input type="hidden" name="vacancy" value={r.vacancy.id} />
        <TextInput
          id="hours"
          name="hours"
          label="Hours a week"
          hint={`The vacancy offers ${r.vacancy.hoursPerWeek.min} to ${r.vacancy.hoursPerWeek.max} hours a week.`}
          value={String(r.hours)}
          width="3"
          inputmode="numeric"
        />
        <Button secondary>Estimate again</Button>
      </form>
      {e ? (
        <>
          <Table caption={`A week, ${r.taxYear} tax year`} showCaption head={['', { numeric: 'A week' }]}>
            {(
              [
                [`Pay for ${r.hours} hours`, e.grossWeekly],
                ['Income Tax', -e.incomeTaxWeekly],
                ['National Insurance', -e.nationalInsuranceWeekly],
                ['Pay after tax and National Insurance', e.netPayWeekly],
                ['Universal Credit left in work', e.universalCreditWeeklyInWork],
                ['In work, in all', e.inWorkWeekly],
                ['Out of work (Universal Credit)', e.outOfWorkWeekly],
                [e.differenceWeekly >= 0 ? 'Better off in work by' : 'Worse off in work by', Math.abs(e.differenceWeekly)],
              ] as [string, number][]
            ).map(([label, n]) => (
              <tr class="govuk-table__row">
                <th scope="row" class="govuk-table__header">
                  {label}
                </th>
                <td class="govuk-table__cell govuk-table__cell--numeric">{n < 0 ? `−${money(-n)}` : money(n)}</td>
              </tr>
            ))}
          </Table>
          <h2 class="govuk-heading-m">How Universal Credit changes, a month</h2>
          <SummaryList
            rows={[
              ['Out of work', money(e.universalCreditMonthlyOutOfWork)],
              ['Pay after tax and National Insurance', money(e.netPayMonthly)],
              [
                'Work allowance',
                e.workAllowanceMonthly ? money(e.workAllowanceMonthly) : 'None (no child, no limited capability for work)',
              ],
              ['Taken off: 55% of pay above the work allowance', money(e.earningsReductionMonthly)],
              ['Left in work', money(e.universalCreditMonthlyInWork)],
            ]}
          />
        </>
      ) : (
        <div class="govuk-inset-text">{r.noEstimate}.</div>
      )}
      <h2 class="govuk-heading-m">Their circumstances</h2>
      {r.circumstances ? (
        <>
          <SummaryList rows={circumstanceRows(r.circumstances)} />
          <p class="govuk-body">Recorded {fmtDate(r.circumstances.recordedAt.slice(0, 10))}.</p>
        </>
      ) : (
        <p class="govuk-body">Not recorded yet.</p>
      )}
      <p class="govuk-body">
        <a class="govuk-link" href={`/app/participants/${id}/better-off/circumstances?vacancy=${r.vacancy.id}`}>
          {r.circumstances ? 'Change their circumstances' : 'Record their circumstances'}
        </a>
      </p>
      <h2 class="govuk-heading-m">What this assumes</h2>
      <ul class="govuk-list govuk-list--bullet">
        {r.assumptions.map((a) => (
          <li>{a}</li>
        ))}
      </ul>
      <p class="govuk-body">The figures are GOV.UK’s for the {r.taxYear} tax year:</p>
      <ul class="govuk-list">
        {r.sources.map((s) => (
          <li>
            <a class="govuk-link" href={s.url} rel="noreferrer noopener">
              {s.title}
            </a>
          </li>
        ))}
      </ul>
    </>,
  );
}

function questionPage(c: WebContext, p: Participant, vacancy: string, values: Values, errors?: FieldError[], status?: number) {
  const f = fieldsFor(values, errors);
  const yes = [
    ['true', 'Yes'],
    ['false', 'No'],
  ] as const;
  return page(
    c,
    { title: `Their circumstances for a better-off estimate: ${name(p)}`, current: '/app', errors, status },
    <>
      <a class="govuk-back-link" href={`/app/participants/${p.id}/better-off?vacancy=${vacancy}`}>
        Back to the estimate
      </a>
      <span class="govuk-caption-l">{name(p)}</span>
      <h1 class="govuk-heading-l">Their circumstances for a better-off estimate</h1>
      <p class="govuk-body">
        From their Universal Credit statement, with them. Only you and admins can see these answers, and each time they are seen it is
        recorded.
      </p>
      <PostForm c={c} action={`/app/participants/${p.id}/better-off/circumstances`}>
        <input type="hidden" name="vacancy" value={vacancy} />
        <input type="hidden" name="step" value="check" />
        <Choices
          {...f.choice('couple:boolean')}
          kind="radios"
          legend="Do they claim as a single person or as a couple?"
          options={[
            ['false', 'A single person'],
            ['true', 'A couple', 'The estimate assumes their partner has no earnings.'],
          ]}
        />
        <Choices
          {...f.choice('ageBand')}
          kind="radios"
          legend="How old are they?"
          hint="For a couple: under 25 only if both are."
          options={[
            ['under-25', 'Under 25'],
            ['25-or-over', '25 or over'],
          ]}
        />
        {YES_NO_QUESTIONS.map(([field, legend]) => (
          <Choices {...f.choice(`${field}:boolean`)} kind="radios" legend={legend} options={yes} inline />
        ))}
        <TextInput
          {...f.field('otherElementsMonthly:number')}
          label="Other amounts in their Universal Credit a month, in pounds"
          hint="For children, housing or a health condition, from their statement. Enter 0 if none or not known."
          width="5"
          inputmode="decimal"
        />
        <Button>Continue</Button>
      </PostForm>
    </>,
  );
}

async function postCircumstances(c: WebContext, deps: AppDeps, id: string) {
  const p = await own(c, deps, id);
  const { step, csrf: _c, vacancy: v, ...answers } = await c.req.parseBody({ all: true });
  const vacancy = typeof v === 'string' ? v : '';
  const values = typedValues(answers);
  const parsed = parseForm(BenefitCircumstances, answers);
  if (!parsed.ok) {
    const errors = [...new Set(parsed.errors.map((e) => e.path.split('.')[0]!))].map((path) => ({
      path,
      message: (Object.hasOwn(MESSAGES, path) ? MESSAGES[path] : undefined) ?? 'Check this answer',
    }));
    return questionPage(c, p, vacancy, values, errors, 400);
  }
  if (step === 'change') return questionPage(c, p, vacancy, values);
  if (step !== 'confirm')
    return checkAnswersPage(c, {
      title: 'Check their circumstances before you save them',
      caption: name(p),
      rows: circumstanceRows(parsed.value),
      action: `/app/participants/${id}/better-off/circumstances`,
      answers: { ...answers, vacancy },
      confirm: 'Save their circumstances',
    });
  await betterOff.putBenefitCircumstances(deps, c.get('actor'), id, parsed.value);
  return c.redirect(`/app/participants/${id}/better-off/circumstances/saved?vacancy=${encodeURIComponent(vacancy)}`, 303);
}

export function betterOffPages(web: Hono<WebEnv>, deps: AppDeps): void {
  web.get('/app/participants/:id/better-off', (c) => estimatePage(c, deps, c.req.param('id')));
  web.get('/app/participants/:id/better-off/circumstances', async (c) => {
    const id = c.req.param('id');
    const p = await own(c, deps, id);
    const x = await betterOff.getBenefitCircumstances(deps, c.get('actor'), id);
    const values = x
      ? {
          couple: String(x.couple),
          ageBand: x.ageBand,
          children: String(x.children),
          limitedCapabilityForWork: String(x.limitedCapabilityForWork),
          housingCosts: String(x.housingCosts),
          otherElementsMonthly: String(x.otherElementsMonthly),
        }
      : { otherElementsMonthly: '0' };
    return questionPage(c, p, c.req.query('vacancy') ?? '', values);
  });
  web.post('/app/participants/:id/better-off/circumstances', (c) => postCircumstances(c, deps, c.req.param('id')));
  web.get('/app/participants/:id/better-off/circumstances/saved', async (c) => {
    const id = c.req.param('id');
    const p = await own(c, deps, id);
    const vacancy = c.req.query('vacancy') ?? '';
    return page(
      c,
      { title: 'Circumstances saved', current: '/app' },
      <>
        <Panel title="Circumstances saved">For {name(p)}’s better-off estimates</Panel>
        <p class="govuk-body">
          {vacancy ? (
            <a class="govuk-link" href={`/app/participants/${id}/better-off?vacancy=${encodeURIComponent(vacancy)}`}>
              See the estimate
            </a>
          ) : (
            <a class="govuk-link" href={`/app/participants/${id}`}>
              Back to {name(p)}
            </a>
          )}
        </p>
      </>,
    );
  });
}
