import type { AppDeps } from '../../../deps.js';
import { EmployerCreate, type Employer } from '../../../../../shared/domain/employer.js';
import { DuplicateEmployerError, type FieldError } from '../../../../../shared/errors.js';
import * as employers from '../../../../../shared/use-cases/employers.js';
import { PostForm, SummaryList } from '../../components.js';
import { page, type WebContext } from '../../context.js';
import { formErrors, plainly, type RawForm, type Values } from '../../forms.js';
import { HiddenFields, Panel, StepButton, SummaryCard, WarningText, ConfirmOrChange } from '../../patterns.js';
import { peopleFor, type People, staffOptions } from '../../people.js';
import { staffOnly } from '../../session.js';
import { checkDetails, DetailsForm, DETAILS_WORDING, detailsRows, ExistingRows, type DetailsInput } from './details.js';

/*
 * Recording an employer: the question page, check your answers (with the duplicate check met there: an
 * employer already recorded under that name and postcode, or company number, is shown to open instead;
 * similar names are shown to rule out first), and the confirmation panel.
 */

const ACTION = '/app/employers/new';

async function renderForm(c: WebContext, deps: AppDeps, values: Values, errors?: FieldError[], status?: number) {
  const you = c.get('actor').sub;
  // Whoever the answers name stays a choice (the officer themself, by default), even if the directory does not list them.
  const chosen = (typeof values?.accountManagerId === 'string' && values.accountManagerId) || you;
  const officers = await staffOptions(c, deps, ['liaison', 'admin'], {
    id: chosen,
    name: (await peopleFor(c, deps, [chosen])).name(chosen),
  });
  return page(
    c,
    { title: 'Record an employer', current: '/app', errors, status },
    <>
      <a class="govuk-back-link" href="/app">
        Back to your employers
      </a>
      <span class="govuk-caption-l">Employers</span>
      <h1 class="govuk-heading-l">Record an employer</h1>
      <p class="govuk-body">
        One shared record for every employer: you can check your answers, and whether it is already recorded, before it is created.
      </p>
      <DetailsForm
        c={c}
        action={ACTION}
        values={values ?? { accountManagerId: you, stage: 'prospect' }}
        errors={errors}
        officers={officers}
        button="Continue"
      />
    </>,
  );
}

/** An employer already recorded, as a card to open. */
const Existing = ({ e, people }: { e: Employer; people: People }) => (
  <SummaryCard title={e.name} level={3} actions={[{ href: `/app/employers/${e.id}`, text: 'Open', hidden: `the record of ${e.name}` }]}>
    <ExistingRows e={e} people={people} />
  </SummaryCard>
);

/** The employer is already recorded (same name and postcode, or company number): open it, or change the answers. */
async function renderAlreadyRecorded(c: WebContext, deps: AppDeps, answers: RawForm, existing: Employer | undefined, by: string) {
  const people = await peopleFor(c, deps, [existing?.accountManagerId]);
  return page(
    c,
    { title: 'This employer is already recorded', current: '/app', status: 409 },
    <>
      <span class="govuk-caption-l">Record an employer</span>
      <h1 class="govuk-heading-l">This employer is already recorded</h1>
      <p class="govuk-body">An employer with {by} is already on Routeway. Everyone shares one record of each employer: use that one.</p>
      {existing ? <Existing e={existing} people={people} /> : null}
      <PostForm c={c} action={ACTION}>
        <HiddenFields form={answers} />
        <p class="govuk-body">If it is a different employer (another branch, at another address), change your answers.</p>
        <StepButton step="change" secondary>
          Change your answers
        </StepButton>
      </PostForm>
    </>,
  );
}

/** Check your answers, with any employers that may be this one to rule out first. */
async function renderCheck(c: WebContext, deps: AppDeps, answers: RawForm, d: DetailsInput, similar: Employer[]) {
  const people = await peopleFor(c, deps, [d.accountManagerId, ...similar.map((e) => e.accountManagerId)]);
  return page(
    c,
    { title: 'Check your answers before recording the employer', current: '/app' },
    <>
      <span class="govuk-caption-l">Record an employer</span>
      <h1 class="govuk-heading-l">Check your answers before recording the employer</h1>
      {similar.length ? (
        <>
          <h2 class="govuk-heading-m">Is it one of these?</h2>
          <WarningText>
            {similar.length === 1 ? 'An employer with a similar name is' : `${similar.length} employers with similar names are`} already
            recorded. Open it if it is the one you mean, so everyone keeps one record of it.
          </WarningText>
          {similar.map((e) => (
            <Existing e={e} people={people} />
          ))}
          <h2 class="govuk-heading-m">Your answers</h2>
        </>
      ) : null}
      <SummaryList rows={detailsRows(d, people)} />
      <PostForm c={c} action={ACTION}>
        <HiddenFields form={answers} />
        <h2 class="govuk-heading-m">Now record the employer</h2>
        <p class="govuk-body">
          {similar.length ? 'If it is a different employer, record it: ' : ''}
          it joins the shared list of employers as {d.stage === 'prospect' ? 'a prospect' : `‘${d.stage}’`}, with{' '}
          {people.inSentence(d.accountManagerId)} as its account manager.
        </p>
        <ConfirmOrChange step="create">{similar.length ? 'It is a different employer: record it' : 'Record employer'}</ConfirmOrChange>
      </PostForm>
    </>,
  );
}

/** The question page (liaison officers and admins). */
export function newEmployerPage(c: WebContext, deps: AppDeps) {
  staffOnly(c.get('actor'));
  return renderForm(c, deps, undefined);
}

/**
 * The job's one form route, by the step its button names: none (the question page) checks the answers and
 * the duplicate check; `change` shows the question page again with them; `create` records the employer
 * (the duplicate guard has the last word) and goes to the confirmation.
 */
export async function postNewEmployer(c: WebContext, deps: AppDeps) {
  const actor = c.get('actor');
  staffOnly(actor);
  const raw = await c.req.parseBody({ all: true });
  const { answers, values, value, errors } = checkDetails(raw);
  if (raw.step === 'change') return renderForm(c, deps, values);
  if (!value) return renderForm(c, deps, values, errors, 400);
  const dupes = await employers.possibleDuplicates(deps, actor, value);
  if (dupes.same) {
    const by =
      dupes.same.companyNumber && dupes.same.companyNumber === value.companyNumber ? 'this company number' : 'this name and postcode';
    return renderAlreadyRecorded(c, deps, answers, dupes.same, by);
  }
  if (raw.step !== 'create') return renderCheck(c, deps, answers, value, dupes.similar);
  try {
    // The API's own schema fills in the commitments this page does not ask (conditions and adjustments have their own form).
    const created = await employers.createEmployer(deps, actor, EmployerCreate.parse(value));
    return c.redirect(`/app/employers/${created.id}/created`, 303);
  } catch (err) {
    if (err instanceof DuplicateEmployerError) {
      // Recorded by someone else since the check: show theirs.
      const existing = await employers.getEmployer(deps, actor, err.existingId).catch(() => undefined);
      return renderAlreadyRecorded(
        c,
        deps,
        answers,
        existing,
        /company number/.test(err.message) ? 'this company number' : 'this name and postcode',
      );
    }
    const f = formErrors(err, 'address.postcode');
    if (!f) throw err;
    return renderForm(c, deps, values, plainly(f.errors, values, DETAILS_WORDING), f.status);
  }
}

/** The confirmation: what was recorded, what happens next, and who was told (nobody). */
export async function employerCreatedPage(c: WebContext, deps: AppDeps, id: string) {
  const actor = c.get('actor');
  staffOnly(actor);
  const e = await employers.getEmployer(deps, actor, id);
  const yours = e.accountManagerId === actor.sub;
  const manager = (await peopleFor(c, deps, [e.accountManagerId])).name(e.accountManagerId);
  return page(
    c,
    { title: 'Employer recorded', current: '/app' },
    <>
      <Panel title="Employer recorded">
        {e.name}
        <br />
        {e.address.town}, {e.address.postcode}
      </Panel>
      <h2 class="govuk-heading-m">What happens next</h2>
      <p class="govuk-body">
        It is on the shared list of employers, so other officers will find it by name rather than record it again.{' '}
        {yours ? 'It is on your list of employers you manage.' : `It is on ${manager}’s list of employers they manage.`}
      </p>
      <p class="govuk-body">
        Nobody has been sent a notification about it{yours ? '.' : `: tell ${manager} it is theirs.`} Add the people you deal with there, so
        colleagues know who to call.
      </p>
      <ul class="govuk-list">
        <li>
          <a class="govuk-link" href={`/app/employers/${e.id}/contacts/new`}>
            Add a contact at {e.name}
          </a>
        </li>
        <li>
          <a class="govuk-link" href={`/app/vacancies/new?employerId=${e.id}`}>
            Take a vacancy for {e.name}
          </a>
        </li>
        <li>
          <a class="govuk-link" href={`/app/employers/${e.id}`}>
            Go to the employer’s record
          </a>
        </li>
      </ul>
    </>,
  );
}
