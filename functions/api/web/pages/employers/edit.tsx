import type { AppDeps } from '../../../deps.js';
import { EmployerPatch, type Employer } from '../../../../../shared/domain/employer.js';
import { DuplicateEmployerError, PreconditionFailedError, type FieldError } from '../../../../../shared/errors.js';
import * as employers from '../../../../../shared/use-cases/employers.js';
import { page, type WebContext } from '../../context.js';
import { formErrors, plainly, said, type RawForm, type Values } from '../../forms.js';
import { checkChangesPage, changedRows, postedVersion } from '../../patterns.js';
import { peopleFor, staffOptions } from '../../people.js';
import { staffOnly } from '../../session.js';
import { checkDetails, DetailsForm, DETAILS_WORDING, detailsRows, detailsValues, type DetailsInput } from './details.js';

/* Changing an employer's details: the question page as it stands, the changes to check, then back to the record with a banner. */

const actionOf = (id: string) => `/app/employers/${id}/edit`;

async function renderForm(
  c: WebContext,
  deps: AppDeps,
  e: Employer,
  values: Values,
  version: number,
  errors?: FieldError[],
  status?: number,
) {
  const officers = await staffOptions(c, deps, ['liaison', 'admin'], {
    id: e.accountManagerId,
    name: (await peopleFor(c, deps, [e.accountManagerId])).name(e.accountManagerId),
  });
  return page(
    c,
    { title: `Change the details of ${e.name}`, current: '/app', errors, status },
    <>
      <a class="govuk-back-link" href={`/app/employers/${e.id}`}>
        Back to {e.name}
      </a>
      <span class="govuk-caption-l">{e.name}</span>
      <h1 class="govuk-heading-l">Change its details</h1>
      <DetailsForm
        c={c}
        action={actionOf(e.id)}
        values={values}
        errors={errors}
        officers={officers}
        button="Continue"
        hidden={<input type="hidden" name="version:number" value={String(version)} />}
      />
    </>,
  );
}

/** The employer's details as the details form asks them. */
function asDetails(e: Employer): DetailsInput {
  const { location: _location, ...address } = e.address;
  return {
    name: e.name,
    companyNumber: e.companyNumber,
    sector: e.sector,
    sizeBand: e.sizeBand,
    address,
    accountManagerId: e.accountManagerId,
    stage: e.stage,
    website: e.website,
    notes: e.notes,
    commitments: {
      guaranteedInterviews: e.commitments.guaranteedInterviews,
      workTrials: e.commitments.workTrials,
      disabilityConfident: e.commitments.disabilityConfident,
    },
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** What the answers change, as the API's patch (a cleared optional field is `null`), and the rows of check your answers that show it. */
function changesOf(e: Employer, d: DetailsInput): { patch: EmployerPatch; rows: string[] } {
  const was = asDetails(e);
  const patch: Record<string, unknown> = {};
  const rows: string[] = [];
  const field = (key: keyof DetailsInput & keyof EmployerPatch, row: string, clearable = false) => {
    if (same(was[key], d[key])) return;
    patch[key] = d[key] ?? (clearable ? null : undefined);
    rows.push(row);
  };
  field('name', 'Name');
  field('companyNumber', 'Companies House number', true);
  field('sector', 'Sector');
  field('sizeBand', 'Size');
  field('address', 'Address');
  field('accountManagerId', 'Account manager');
  field('stage', 'Stage');
  field('website', 'Website', true);
  field('notes', 'Notes', true);
  const c = d.commitments;
  const wasC = was.commitments;
  if (!same(wasC, c)) {
    // The rest of its commitments (conditions on convictions, adjustments) stay as they are.
    patch.commitments = { ...e.commitments, ...c };
    if (wasC.guaranteedInterviews !== c.guaranteedInterviews) rows.push('Guaranteed interviews');
    if (wasC.workTrials !== c.workTrials) rows.push('Work trials');
    if (wasC.disabilityConfident !== c.disabilityConfident) rows.push('Disability Confident');
  }
  return { patch: patch as EmployerPatch, rows };
}

async function renderCheck(c: WebContext, deps: AppDeps, e: Employer, answers: RawForm, d: DetailsInput, changed: string[]) {
  const people = await peopleFor(c, deps, [e.accountManagerId, d.accountManagerId]);
  return checkChangesPage(c, {
    title: `Check your changes to ${e.name}`,
    current: '/app',
    caption: e.name,
    rows: changedRows(detailsRows(d, people), detailsRows(asDetails(e), people), changed),
    action: actionOf(e.id),
    answers,
    children: <p class="govuk-body">Everyone who works with {e.name} sees the record as you save it. Nobody is sent a notification.</p>,
  });
}

export async function editEmployerPage(c: WebContext, deps: AppDeps, id: string) {
  const actor = c.get('actor');
  staffOnly(actor);
  const e = await employers.getEmployer(deps, actor, id);
  return renderForm(c, deps, e, detailsValues(e), e.version);
}

/** By the step its button names: none checks the answers and shows the changes; `change` shows the form again; `save` saves them at the version first read. */
export async function postEditEmployer(c: WebContext, deps: AppDeps, id: string) {
  const actor = c.get('actor');
  staffOnly(actor);
  const e = await employers.getEmployer(deps, actor, id);
  const raw = await c.req.parseBody({ all: true });
  const { answers, values, value, errors } = checkDetails(raw);
  const version = postedVersion(raw, e.version);
  if (raw.step === 'change') return renderForm(c, deps, e, values, version);
  if (!value) return renderForm(c, deps, e, values, version, errors, 400);
  const { patch, rows } = changesOf(e, value);
  if (!rows.length)
    return renderForm(c, deps, e, values, version, [said('name', 'You have not changed anything: change a detail, or go back')], 400);
  const clash = (await employers.possibleDuplicates(deps, actor, value, id)).same;
  const taken = (other: { name: string }, byNumber: boolean) =>
    renderForm(
      c,
      deps,
      e,
      values,
      version,
      [
        byNumber
          ? said('companyNumber', `${other.name} is already recorded with this company number`)
          : said('name', `${other.name} is already recorded with this name and postcode: everyone shares one record of each employer`),
      ],
      409,
    );
  if (clash) return taken(clash, !!value.companyNumber && clash.companyNumber === value.companyNumber);
  if (raw.step !== 'save') return renderCheck(c, deps, e, answers, value, rows);
  const checked = EmployerPatch.safeParse(patch);
  if (!checked.success) return renderForm(c, deps, e, values, version, [said('name', 'Check your answers and try again')], 400);
  try {
    await employers.updateEmployer(deps, actor, id, checked.data, version);
    return c.redirect(`/app/employers/${id}?done=details`, 303);
  } catch (err) {
    if (err instanceof PreconditionFailedError) {
      const now = await employers.getEmployer(deps, actor, id);
      // The form shows what they typed, at the version now held: saving again applies their answers over the other change.
      return renderForm(
        c,
        deps,
        now,
        values,
        now.version,
        [
          said(
            'name',
            'Someone else changed this employer while you were editing it. Check your answers against its record, then continue',
          ),
        ],
        409,
      );
    }
    if (err instanceof DuplicateEmployerError) {
      const other = await employers.getEmployer(deps, actor, err.existingId).catch(() => ({ name: 'Another employer' }));
      return taken(other, /company number/.test(err.message));
    }
    const f = formErrors(err, 'address.postcode');
    if (!f) throw err;
    return renderForm(c, deps, e, values, version, plainly(f.errors, values, DETAILS_WORDING), f.status);
  }
}
