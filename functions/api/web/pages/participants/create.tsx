import type { AppDeps } from '../../../deps.js';
import type { Actor } from '../../../../../shared/domain/actor.js';
import { ParticipantCreate, type Participant } from '../../../../../shared/domain/participant.js';
import { ForbiddenError, NotFoundError, type FieldError } from '../../../../../shared/errors.js';
import { ownsParticipant } from '../../../../../shared/policy.js';
import * as participants from '../../../../../shared/use-cases/participants.js';
import { PostForm, SummaryList } from '../../components.js';
import { page, type WebContext } from '../../context.js';
import { formErrors, plainly, type RawForm, type Values } from '../../forms.js';
import { HiddenFields, Panel, ConfirmOrChange } from '../../patterns.js';
import { checkAnswers, DETAILS_WORDING, DetailsForm, NewInput, newRows } from './details.js';

/*
 * Adding a participant (advisers to their own caseload, admins to any adviser's): the question page,
 * check your answers, and the confirmation panel. The same use case and schema as POST /participants.
 */

const ACTION = '/app/participants/new';

/** Advisers and admins add participants; anyone else is told so (403). */
function addersOnly(actor: Actor) {
  if (actor.role !== 'adviser' && actor.role !== 'admin') throw new ForbiddenError('Only advisers and admins add participants');
}

const back = (actor: Actor) => (actor.role === 'admin' ? ['/app/admin', 'Back to administration'] : ['/app', 'Back to your caseload']);

function renderForm(c: WebContext, values: Values, errors?: FieldError[], status?: number) {
  const actor = c.get('actor');
  const [href, text] = back(actor);
  return page(
    c,
    { title: 'Add a participant', current: actor.role === 'admin' ? '/app/admin' : '/app', errors, status },
    <>
      <a class="govuk-back-link" href={href}>
        {text}
      </a>
      <span class="govuk-caption-l">{actor.role === 'admin' ? 'Caseloads' : 'My caseload'}</span>
      <h1 class="govuk-heading-l">Add a participant</h1>
      <p class="govuk-body">
        What matching needs to know of them. You can check your answers before they are added. Their sensitive information, consent and
        skills are recorded on their page afterwards.
      </p>
      <DetailsForm
        c={c}
        action={ACTION}
        values={values ?? { preferences: { maxTravelKm: '15' }, drivingLicence: 'false', readiness: 'amber' }}
        errors={errors}
        adding
        adviser={actor.role === 'admin'}
        button="Continue"
      />
    </>,
  );
}

function renderCheck(c: WebContext, answers: RawForm, d: NewInput) {
  const actor = c.get('actor');
  const whose = actor.role === 'admin' ? `${d.adviserId}’s caseload` : 'your caseload';
  return page(
    c,
    { title: 'Check your answers before adding the participant', current: actor.role === 'admin' ? '/app/admin' : '/app' },
    <>
      <span class="govuk-caption-l">Add a participant</span>
      <h1 class="govuk-heading-l">Check your answers before adding the participant</h1>
      <SummaryList rows={[...(actor.role === 'admin' ? [['Caseload', d.adviserId ?? ''] as [string, string]] : []), ...newRows(d)]} />
      <PostForm c={c} action={ACTION}>
        <HiddenFields form={answers} />
        <h2 class="govuk-heading-m">Now add them</h2>
        <p class="govuk-body">
          They join {whose}. They are not matched to vacancies until their consent to matching is recorded and their readiness is green.
        </p>
        <ConfirmOrChange step="create">Add participant</ConfirmOrChange>
      </PostForm>
    </>,
  );
}

export function newParticipantPage(c: WebContext) {
  addersOnly(c.get('actor'));
  return renderForm(c, undefined);
}

/** By the step its button names: none checks the answers; `change` shows the question page again; `create` adds them. */
export async function postNewParticipant(c: WebContext, deps: AppDeps) {
  const actor = c.get('actor');
  addersOnly(actor);
  const raw = await c.req.parseBody({ all: true });
  const { answers, values, value, errors } = checkAnswers(NewInput, raw);
  if (raw.step === 'change') return renderForm(c, values);
  const missingAdviser = actor.role === 'admin' && value && !value.adviserId;
  if (!value || missingAdviser)
    return renderForm(
      c,
      values,
      plainly([...errors, ...(missingAdviser ? [{ path: 'adviserId', message: 'required' }] : [])], values, DETAILS_WORDING),
      400,
    );
  if (raw.step !== 'create') return renderCheck(c, answers, value);
  try {
    // The API's own schema fills in what this page does not ask (skills, consent: not yet given), as POST /participants does.
    const created = await participants.createParticipant(deps, actor, ParticipantCreate.parse(value));
    return c.redirect(`/app/participants/${created.id}/added`, 303);
  } catch (err) {
    const f = formErrors(err, 'home.postcode');
    if (!f) throw err;
    return renderForm(c, values, plainly(f.errors, values, DETAILS_WORDING), f.status);
  }
}

/** The confirmation: who was added, to whose caseload, what happens next, who was told (nobody). */
export async function participantAddedPage(c: WebContext, deps: AppDeps, id: string) {
  const actor = c.get('actor');
  addersOnly(actor);
  const p = await participants.getParticipant(deps, actor, id);
  if (!ownsParticipant(actor, p)) throw new NotFoundError('participant', id);
  const full = p as Participant;
  const yours = full.adviserId === actor.sub;
  return page(
    c,
    { title: 'Participant added', current: actor.role === 'admin' ? '/app/admin' : '/app' },
    <>
      <Panel title="Participant added">
        {full.firstName} {full.lastName}
        <br />
        Their reference is <strong>{full.id}</strong>
      </Panel>
      <h2 class="govuk-heading-m">What happens next</h2>
      <p class="govuk-body">
        {yours ? 'They are on your caseload.' : `They are on ${full.adviserId}’s caseload.`} Nobody has been sent a notification
        {yours ? '' : `: tell ${full.adviserId} they have someone new`}.
      </p>
      <p class="govuk-body">
        They are not matched to any vacancy yet: record their consent to matching, and change their readiness to green when they are ready
        for work.
      </p>
      <ul class="govuk-list">
        <li>
          <a class="govuk-link" href={`/app/participants/${id}#consent`}>
            Record their consent
          </a>
        </li>
        <li>
          <a class="govuk-link" href={`/app/participants/${id}#skills-heading`}>
            Add their skills
          </a>
        </li>
        <li>
          <a class="govuk-link" href={`/app/participants/${id}#sensitive`}>
            Record sensitive information
          </a>{' '}
          (only their adviser and administrators see it)
        </li>
        <li>
          <a class="govuk-link" href={`/app/participants/${id}`}>
            Go to their page
          </a>
        </li>
      </ul>
    </>,
  );
}
