import type { Hono } from 'hono';
import type { AppDeps } from '../../../deps.js';
import {
  SUPPORT_GRACE_DAYS,
  SUPPORT_TEMPLATE_LABELS,
  SUPPORT_TEMPLATES,
  SupportChoice,
  supportDayLabel,
  type SupportState,
} from '../../../../../shared/domain/in-work-support.js';
import type { Participant } from '../../../../../shared/domain/participant.js';
import { NotFoundError, type FieldError } from '../../../../../shared/errors.js';
import * as support from '../../../../../shared/use-cases/in-work-support.js';
import * as participants from '../../../../../shared/use-cases/participants.js';
import * as placements from '../../../../../shared/use-cases/placements.js';
import { Button, Choices, fieldsFor, fmtDate, LabelTag, PostForm, SummaryList, Table } from '../../components.js';
import { page, type WebContext, type WebEnv } from '../../context.js';
import { formErrors, parseForm, typedValues, type Values } from '../../forms.js';
import { HiddenFields, Panel, ConfirmOrChange } from '../../patterns.js';

/*
 * In-work support in the first weeks, for the participant's own adviser (and admins): the schedule of a
 * placement (each contact made, due, overdue or coming, with a way to log it), and choosing its template
 * (the question, check answers, confirmation). Anyone else finds it unknown. docs/casework.md.
 */

const STATE_LABELS: Record<SupportState, [label: string, colour: string]> = {
  made: ['Made', 'green'],
  overdue: ['Overdue', 'red'],
  due: ['Due', 'yellow'],
  upcoming: ['Coming', 'grey'],
};

const TEMPLATE_OPTIONS = SUPPORT_TEMPLATES.map((t) => [t, SUPPORT_TEMPLATE_LABELS[t][0], SUPPORT_TEMPLATE_LABELS[t][1]] as const);
const name = (p: Pick<Participant, 'firstName' | 'lastName'>) => `${p.firstName} ${p.lastName}`;

/** The placement and its participant, for their own adviser or an admin; 404 for everyone else. */
async function ownPlacement(c: WebContext, deps: AppDeps, pid: string) {
  const actor = c.get('actor');
  if (actor.role !== 'adviser' && actor.role !== 'admin') throw new NotFoundError('placement', pid);
  const pl = await placements.getPlacement(deps, actor, pid);
  const p = (await participants.getParticipant(deps, actor, pl.participantId)) as Participant;
  // Their own adviser and admins read the whole schedule (a liaison officer's view is the aftercare only).
  const s = pl.support && 'status' in pl.support ? pl.support : undefined;
  return { pl, p, s };
}

async function schedulePage(c: WebContext, deps: AppDeps, pid: string) {
  const { pl, p, s } = await ownPlacement(c, deps, pid);
  const contacts = s?.contacts ?? [];
  return page(
    c,
    { title: `In-work support: ${name(p)}`, current: '/app' },
    <>
      <a class="govuk-back-link" href={`/app/participants/${p.id}#placements`}>
        Back to {name(p)}
      </a>
      <span class="govuk-caption-l">{name(p)}</span>
      <h1 class="govuk-heading-l">In-work support</h1>
      <SummaryList
        rows={[
          ['Job', pl.vacancyTitle],
          ['First day', fmtDate(pl.startDate)],
          ...(s?.status === 'active' && s.template
            ? ([
                ['Template', `${SUPPORT_TEMPLATE_LABELS[s.template][0]}: ${SUPPORT_TEMPLATE_LABELS[s.template][1]}`],
                [
                  'How to contact them',
                  s.way === 'outside-work' ? 'Not at work: by phone or outside working hours' : 'Any way, including at work',
                ],
              ] as [string, string][])
            : []),
        ]}
      />
      {!s ? (
        <p class="govuk-body">This job started before Routeway planned in-work support. Choose a template to plan it now.</p>
      ) : s.status === 'ended' ? (
        <div class="govuk-inset-text">
          Their in-work support ended on {fmtDate((s.endedAt ?? pl.startDate).slice(0, 10))}: a check-in recorded that they had left this
          job, so nothing more is due and nobody is reminded.
        </div>
      ) : s.status === 'declined' ? (
        <div class="govuk-inset-text">
          {p.firstName} chose not to be contacted once in work, so no contacts are planned and nobody is reminded. If they change their
          mind, record it in their consent, then choose a template here.
        </div>
      ) : (
        <Table caption="Planned contacts" showCaption head={['When', 'Due', 'State', 'Action']}>
          {contacts.map((x) => (
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header">
                {supportDayLabel(x.day)}
              </th>
              <td class="govuk-table__cell">{fmtDate(x.dueOn)}</td>
              <td class="govuk-table__cell">
                <LabelTag labels={STATE_LABELS} value={x.state} />
                {x.attempts ? ` (tried ${x.attempts === 1 ? 'once' : `${x.attempts} times`})` : ''}
              </td>
              <td class="govuk-table__cell">
                {x.state === 'made' ? (
                  x.madeAt ? (
                    `Made ${fmtDate(x.madeAt.slice(0, 10))}`
                  ) : (
                    ''
                  )
                ) : (
                  <a class="govuk-link" href={`/app/participants/${p.id}/contacts/new?support=${pl.id}:${x.day}`}>
                    Log it<span class="govuk-visually-hidden"> ({supportDayLabel(x.day).toLowerCase()})</span>
                  </a>
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}
      <p class="govuk-body">
        A contact is overdue {SUPPORT_GRACE_DAYS} days after its date: you are then told once. Only a contact that reached them counts as
        made.
      </p>
      {s?.status === 'ended' ? null : (
        <p class="govuk-body">
          <a class="govuk-link" href={`/app/placements/${pl.id}/support/template`}>
            {s?.status === 'active' ? 'Change the template' : 'Choose a template'}
          </a>
        </p>
      )}
    </>,
  );
}

function templatePage(c: WebContext, p: Participant, pid: string, values: Values, errors?: FieldError[], status?: number) {
  const f = fieldsFor(values, errors);
  return page(
    c,
    { title: `How often should you contact them in work? ${name(p)}`, current: '/app', errors, status },
    <>
      <a class="govuk-back-link" href={`/app/placements/${pid}/support`}>
        Back to their in-work support
      </a>
      <PostForm c={c} action={`/app/placements/${pid}/support/template`}>
        <input type="hidden" name="step" value="check" />
        <Choices
          {...f.choice('template')}
          kind="radios"
          legend={
            <>
              <span class="govuk-caption-l">In-work support for {name(p)}</span>
              <h1 class="govuk-fieldset__heading govuk-heading-l">How often should you contact them in work?</h1>
            </>
          }
          hint="Agree it with them before they start. Contacts already made stay on their record."
          options={TEMPLATE_OPTIONS}
        />
        <Button>Continue</Button>
      </PostForm>
    </>,
  );
}

async function postTemplate(c: WebContext, deps: AppDeps, pid: string) {
  const { pl, p } = await ownPlacement(c, deps, pid);
  const { step, csrf: _c, ...answers } = await c.req.parseBody({ all: true });
  const values = typedValues(answers);
  const parsed = parseForm(SupportChoice, answers);
  if (!parsed.ok) return templatePage(c, p, pid, values, [{ path: 'template', message: 'Select how often to contact them in work' }], 400);
  if (step === 'change') return templatePage(c, p, pid, values);
  const t = parsed.value.template;
  if (step !== 'confirm')
    return page(
      c,
      { title: 'Check the in-work support before you save it', current: '/app' },
      <>
        <span class="govuk-caption-l">In-work support for {name(p)}</span>
        <h1 class="govuk-heading-l">Check the in-work support before you save it</h1>
        <SummaryList
          rows={[
            ['Job', pl.vacancyTitle],
            ['Template', SUPPORT_TEMPLATE_LABELS[t][0]],
            ['Contacts', SUPPORT_TEMPLATE_LABELS[t][1]],
          ]}
        />
        <PostForm c={c} action={`/app/placements/${pid}/support/template`}>
          <HiddenFields form={answers} except={['step']} />
          <ConfirmOrChange step="confirm" change="Change the answers">
            Save the in-work support
          </ConfirmOrChange>
        </PostForm>
      </>,
    );
  try {
    await support.chooseSupport(deps, c.get('actor'), pid, parsed.value);
    return c.redirect(`/app/placements/${pid}/support/chosen`, 303);
  } catch (err) {
    const f = formErrors(err, 'template');
    if (!f) throw err;
    return templatePage(c, p, pid, values, f.errors, f.status);
  }
}

async function chosenPage(c: WebContext, deps: AppDeps, pid: string) {
  const { p, s } = await ownPlacement(c, deps, pid);
  return page(
    c,
    { title: 'In-work support saved', current: '/app' },
    <>
      <Panel title="In-work support saved">
        {s?.status === 'active' && s.template ? SUPPORT_TEMPLATE_LABELS[s.template][0] : 'No contacts planned'}
      </Panel>
      <h2 class="govuk-heading-m">What happens next</h2>
      <p class="govuk-body">
        {s?.status === 'active'
          ? `Each contact shows on your start page when it is due. If one is not made within ${SUPPORT_GRACE_DAYS} days of its date, you are told, as your notification settings say.`
          : `${p.firstName} chose not to be contacted once in work, so nothing is planned.`}
      </p>
      <p class="govuk-body">
        <a class="govuk-link" href={`/app/placements/${pid}/support`}>
          See their in-work support
        </a>
      </p>
    </>,
  );
}

export function inWorkSupportPages(web: Hono<WebEnv>, deps: AppDeps): void {
  web.get('/app/placements/:pid/support', (c) => schedulePage(c, deps, c.req.param('pid')));
  web.get('/app/placements/:pid/support/template', async (c) => {
    const { pl, p, s } = await ownPlacement(c, deps, c.req.param('pid'));
    return templatePage(c, p, pl.id, s?.template ? { template: s.template } : undefined);
  });
  web.post('/app/placements/:pid/support/template', (c) => postTemplate(c, deps, c.req.param('pid')));
  web.get('/app/placements/:pid/support/chosen', (c) => chosenPage(c, deps, c.req.param('pid')));
  web.post('/app/placements/:pid/aftercare/:week', async (c) => {
    const week = Number(c.req.param('week'));
    if (!Number.isInteger(week)) throw new NotFoundError('aftercare', c.req.param('week'));
    await support.markAftercareDone(deps, c.get('actor'), c.req.param('pid'), week);
    return c.redirect('/app?done=aftercare', 303);
  });
}
