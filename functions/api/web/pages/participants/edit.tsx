import type { AppDeps } from '../../../deps.js';
import type { Actor } from '../../../../../shared/domain/actor.js';
import { ParticipantPatch, type Participant } from '../../../../../shared/domain/participant.js';
import { ForbiddenError, NotFoundError, PreconditionFailedError, type FieldError } from '../../../../../shared/errors.js';
import { ownsParticipant } from '../../../../../shared/policy.js';
import * as participants from '../../../../../shared/use-cases/participants.js';
import { page, type WebContext } from '../../context.js';
import { formErrors, plainly, said, type RawForm, type Values } from '../../forms.js';
import { checkChangesPage, changedRows, postedVersion } from '../../patterns.js';
import { asDetails, checkAnswers, DETAILS_WORDING, DetailsForm, DetailsInput, detailsRows, detailsValues } from './details.js';

/* Changing a participant's details (their own adviser and admins): the question page as they stand, the changes to check, then their page with a banner. */

const actionOf = (id: string) => `/app/participants/${id}/edit`;

/** Their own adviser or an admin; a liaison officer or employer is refused (403), another adviser finds nobody (404). */
async function load(deps: AppDeps, actor: Actor, id: string): Promise<Participant> {
  if (actor.role !== 'adviser' && actor.role !== 'admin') throw new ForbiddenError('Only their adviser changes their details');
  const p = await participants.getParticipant(deps, actor, id).catch((err: unknown) => {
    throw err instanceof ForbiddenError ? new NotFoundError('participant', id) : err;
  });
  if (!ownsParticipant(actor, p)) throw new NotFoundError('participant', id);
  return p as Participant;
}

function renderForm(c: WebContext, p: Participant, values: Values, version: number, errors?: FieldError[], status?: number) {
  const name = `${p.firstName} ${p.lastName}`;
  return page(
    c,
    { title: `Change the details of ${name}`, current: c.get('actor').role === 'admin' ? undefined : '/app', errors, status },
    <>
      <a class="govuk-back-link" href={`/app/participants/${p.id}`}>
        Back to {name}
      </a>
      <span class="govuk-caption-l">{name}</span>
      <h1 class="govuk-heading-l">Change their details</h1>
      <DetailsForm
        c={c}
        action={actionOf(p.id)}
        values={values}
        errors={errors}
        button="Continue"
        hidden={<input type="hidden" name="version:number" value={String(version)} />}
      />
    </>,
  );
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** What the answers change, as the API's patch (a cleared optional field is `null`), and the rows of check your answers that show it. */
function changesOf(p: Participant, d: DetailsInput): { patch: Record<string, unknown>; rows: string[] } {
  const was = asDetails(p);
  const patch: Record<string, unknown> = {};
  const rows = new Set<string>();
  const field = (key: keyof DetailsInput, row: string, clearable = false) => {
    if (same(was[key], d[key])) return;
    patch[key] = d[key] ?? (clearable ? null : undefined);
    rows.add(row);
  };
  field('firstName', 'Name');
  field('lastName', 'Name');
  field('home', 'Home postcode');
  field('email', 'Email', true);
  field('phone', 'Phone', true);
  field('rightToWork', 'Right to work in the UK');
  field('drivingLicence', 'Driving licence');
  field('unemployedSince', 'Out of work since');
  field('paymentGroup', 'Payment group', true);
  field('programme', 'Programme', true);
  if (!same(was.preferences, d.preferences)) {
    patch.preferences = d.preferences;
    const wp = was.preferences;
    const np = d.preferences;
    if (!same(wp.occupations, np.occupations)) rows.add('Jobs they want');
    if (!same(wp.sectors, np.sectors)) rows.add('Sectors');
    if (!same(wp.hoursPerWeek, np.hoursPerWeek)) rows.add('Hours a week');
    if (!same(wp.shifts, np.shifts)) rows.add('Shifts');
    if (wp.maxTravelKm !== np.maxTravelKm) rows.add('Will travel up to');
  }
  return { patch, rows: [...rows] };
}

function renderCheck(c: WebContext, p: Participant, answers: RawForm, d: DetailsInput, changed: string[]) {
  const name = `${p.firstName} ${p.lastName}`;
  return checkChangesPage(c, {
    title: `Check your changes to ${name}`,
    current: c.get('actor').role === 'admin' ? undefined : '/app',
    caption: name,
    rows: changedRows(detailsRows(d), detailsRows(asDetails(p)), changed),
    action: actionOf(p.id),
    answers,
    children: (
      <p class="govuk-body">
        Matching uses the new details from now on{changed.includes('Home postcode') ? ', from their new home' : ''}. Nobody is sent a
        notification.
      </p>
    ),
  });
}

export async function editParticipantPage(c: WebContext, deps: AppDeps, id: string) {
  const p = await load(deps, c.get('actor'), id);
  return renderForm(c, p, detailsValues(p), p.version);
}

/** By the step its button names: none checks the answers and shows the changes; `change` shows the form again; `save` saves them at the version first read. */
export async function postEditParticipant(c: WebContext, deps: AppDeps, id: string) {
  const actor = c.get('actor');
  const p = await load(deps, actor, id);
  const raw = await c.req.parseBody({ all: true });
  const { answers, values, value, errors } = checkAnswers(DetailsInput, raw);
  const version = postedVersion(raw, p.version);
  if (raw.step === 'change') return renderForm(c, p, values, version);
  if (!value) return renderForm(c, p, values, version, errors, 400);
  const { patch, rows } = changesOf(p, value);
  if (!rows.length)
    return renderForm(c, p, values, version, [said('firstName', 'You have not changed anything: change a detail, or go back')], 400);
  if (raw.step !== 'save') return renderCheck(c, p, answers, value, rows);
  const checked = ParticipantPatch.safeParse(patch);
  if (!checked.success) return renderForm(c, p, values, version, [said('firstName', 'Check your answers and try again')], 400);
  try {
    await participants.updateParticipant(deps, actor, id, checked.data, version);
    return c.redirect(`/app/participants/${id}?done=details`, 303);
  } catch (err) {
    if (err instanceof PreconditionFailedError) {
      const now = await load(deps, actor, id);
      // The form shows what they typed, at the version now held: saving again applies their answers over the other change.
      return renderForm(
        c,
        now,
        values,
        now.version,
        [said('firstName', 'Someone else changed their details while you were editing them. Check your answers, then continue')],
        409,
      );
    }
    const f = formErrors(err, 'home.postcode');
    if (!f) throw err;
    return renderForm(c, p, values, version, plainly(f.errors, values, DETAILS_WORDING), f.status);
  }
}
