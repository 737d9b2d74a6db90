import type { Child } from 'hono/jsx';
import type { z } from 'zod';
import type { AppDeps } from '../../../deps.js';
import { CONTACT_ROLES, ContactCreate, ContactPatch, type Contact, type Employer } from '../../../../../shared/domain/employer.js';
import { NotFoundError, type FieldError } from '../../../../../shared/errors.js';
import * as employers from '../../../../../shared/use-cases/employers.js';
import { Checkbox, Choices, fieldsFor, PostForm, SummaryList, TextInput, yesNo } from '../../components.js';
import { page, type WebContext } from '../../context.js';
import { formErrors, parseForm, plainly, said, typedValues, type RawForm, type Values, type Wording } from '../../forms.js';
import { CONTACT_ROLE_LABELS } from '../../labels.js';
import { HiddenFields, ConfirmOrChange } from '../../patterns.js';
import { staffOnly } from '../../session.js';

/* Adding a contact at an employer, and changing one: the question page, check your answers, then back to the record with a banner. */

type ContactInput = z.infer<typeof ContactCreate>;

const WORDING: Wording = {
  name: { missing: 'Enter the contact’s name' },
  jobTitle: {},
  role: { missing: 'Select their role', invalid: 'Select their role' },
  email: {
    missing: 'Enter an email address or a phone number, so colleagues can reach them',
    invalid: 'Enter an email address in the right format, like name@example.com',
  },
  phone: { invalid: 'Enter a phone number, like 0113 496 0000' },
  primary: {},
};

/** An unticked box sends nothing: the whole form is always posted, so it is a "no". */
function check(raw: RawForm) {
  const { step: _step, ...posted } = raw;
  const answers: RawForm = { 'primary:boolean': 'false', ...posted };
  const values = typedValues(answers);
  const parsed = parseForm(ContactCreate, answers);
  return { answers, values, value: parsed.ok ? parsed.value : undefined, errors: parsed.ok ? [] : plainly(parsed.errors, values, WORDING) };
}

function ContactForm({ c, action, values, errors }: { c: WebContext; action: string; values: Values; errors?: FieldError[] }) {
  const f = fieldsFor(values, errors);
  return (
    <PostForm c={c} action={action}>
      <TextInput {...f.field('name')} label="Full name" autocomplete="off" spellcheck={false} />
      <TextInput {...f.field('jobTitle')} label="Job title (optional)" />
      <Choices
        {...f.choice('role')}
        kind="radios"
        legend="Their part in taking people on"
        options={CONTACT_ROLES.map((r) => [r, CONTACT_ROLE_LABELS[r]] as const)}
        small
      />
      <TextInput
        {...f.field('email')}
        label="Email address"
        hint="An email address, a phone number, or both"
        type="email"
        autocomplete="off"
        spellcheck={false}
      />
      <TextInput {...f.field('phone')} label="Phone number" type="tel" width="20" autocomplete="off" />
      <Checkbox {...f.flag('primary:boolean')} legend="Main contact" text="They are the main contact at the employer" />
      <button type="submit" class="govuk-button" data-module="govuk-button">
        Continue
      </button>
    </PostForm>
  );
}

function contactRows(x: ContactInput | Contact): [string, Child][] {
  return [
    ['Name', x.name],
    ['Job title', x.jobTitle ?? 'Not given'],
    ['Role', CONTACT_ROLE_LABELS[x.role]],
    ['Email address', x.email ?? 'Not given'],
    ['Phone number', x.phone ?? 'Not given'],
    ['Main contact', yesNo(x.primary)],
  ];
}

function renderForm(c: WebContext, e: Employer, opts: { contact?: Contact; values: Values; errors?: FieldError[]; status?: number }) {
  const title = opts.contact ? `Change the details of ${opts.contact.name}` : `Add a contact at ${e.name}`;
  return page(
    c,
    { title, current: '/app', errors: opts.errors, status: opts.status },
    <>
      <a class="govuk-back-link" href={`/app/employers/${e.id}#contacts`}>
        Back to {e.name}
      </a>
      <span class="govuk-caption-l">{e.name}</span>
      <h1 class="govuk-heading-l">{opts.contact ? 'Change a contact’s details' : 'Add a contact'}</h1>
      <ContactForm c={c} action={actionOf(e.id, opts.contact?.id)} values={opts.values} errors={opts.errors} />
    </>,
  );
}

const actionOf = (employerId: string, contactId?: string) =>
  contactId ? `/app/employers/${employerId}/contacts/${contactId}/edit` : `/app/employers/${employerId}/contacts/new`;

function renderCheck(c: WebContext, e: Employer, answers: RawForm, rows: [string, Child][], contact?: Contact) {
  return page(
    c,
    { title: contact ? `Check your changes to ${contact.name}` : 'Check the contact before adding them', current: '/app' },
    <>
      <span class="govuk-caption-l">{e.name}</span>
      <h1 class="govuk-heading-l">{contact ? 'Check your changes before saving them' : 'Check the contact before adding them'}</h1>
      <SummaryList rows={rows} />
      <PostForm c={c} action={actionOf(e.id, contact?.id)}>
        <HiddenFields form={answers} />
        <p class="govuk-body">Everyone who works with {e.name} sees its contacts. Nobody is sent a notification.</p>
        <ConfirmOrChange step="save">{contact ? 'Save changes' : 'Add contact'}</ConfirmOrChange>
      </PostForm>
    </>,
  );
}

export async function newContactPage(c: WebContext, deps: AppDeps, employerId: string) {
  const actor = c.get('actor');
  staffOnly(actor);
  const e = await employers.getEmployer(deps, actor, employerId);
  return renderForm(c, e, { values: { role: 'other' } });
}

export async function postNewContact(c: WebContext, deps: AppDeps, employerId: string) {
  const actor = c.get('actor');
  staffOnly(actor);
  const e = await employers.getEmployer(deps, actor, employerId);
  const raw = await c.req.parseBody({ all: true });
  const { answers, values, value, errors } = check(raw);
  if (raw.step === 'change') return renderForm(c, e, { values });
  if (!value) return renderForm(c, e, { values, errors, status: 400 });
  if (raw.step !== 'save') return renderCheck(c, e, answers, contactRows(value));
  try {
    await employers.addContact(deps, actor, employerId, value);
    return c.redirect(`/app/employers/${employerId}?done=contact-added#contacts`, 303);
  } catch (err) {
    const f = formErrors(err, 'name');
    if (!f) throw err;
    return renderForm(c, e, { values, errors: plainly(f.errors, values, WORDING), status: f.status });
  }
}

async function contactOf(deps: AppDeps, c: WebContext, employerId: string, contactId: string) {
  const actor = c.get('actor');
  staffOnly(actor);
  const e = await employers.getEmployer(deps, actor, employerId);
  const contact = (await employers.listContacts(deps, actor, employerId)).find((x) => x.id === contactId);
  if (!contact) throw new NotFoundError('contact', contactId);
  return { e, contact };
}

const contactValues = (x: Contact): Values => ({
  name: x.name,
  jobTitle: x.jobTitle,
  role: x.role,
  email: x.email,
  phone: x.phone,
  primary: String(x.primary),
});

export async function editContactPage(c: WebContext, deps: AppDeps, employerId: string, contactId: string) {
  const { e, contact } = await contactOf(deps, c, employerId, contactId);
  return renderForm(c, e, { contact, values: contactValues(contact) });
}

/** What the answers change, as the API's patch: a cleared optional field is `null`. */
function changesOf(was: Contact, now: ContactInput): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const k of ['name', 'jobTitle', 'role', 'email', 'phone', 'primary'] as const) {
    if ((was[k] ?? null) !== (now[k] ?? null)) patch[k] = now[k] ?? null;
  }
  return patch;
}

export async function postEditContact(c: WebContext, deps: AppDeps, employerId: string, contactId: string) {
  const { e, contact } = await contactOf(deps, c, employerId, contactId);
  const raw = await c.req.parseBody({ all: true });
  const { answers, values, value, errors } = check(raw);
  if (raw.step === 'change') return renderForm(c, e, { contact, values });
  if (!value) return renderForm(c, e, { contact, values, errors, status: 400 });
  const patch = ContactPatch.safeParse(changesOf(contact, value));
  if (!patch.success) {
    // Nothing changed: the only way this patch can be refused, since the answers passed the add form's rules.
    return renderForm(c, e, {
      contact,
      values,
      errors: [said('name', 'You have not changed anything: change a detail, or go back')],
      status: 400,
    });
  }
  if (raw.step !== 'save') {
    const before = new Map(contactRows(contact));
    const changed = new Set(Object.keys(patch.data));
    const keyOf: Record<string, string> = {
      Name: 'name',
      'Job title': 'jobTitle',
      Role: 'role',
      'Email address': 'email',
      'Phone number': 'phone',
      'Main contact': 'primary',
    };
    const rows = contactRows(value)
      .filter(([k]) => changed.has(keyOf[k]!))
      .map(([k, v]): [string, Child] => [
        k,
        <>
          {v}
          <span class="govuk-hint govuk-!-margin-bottom-0 govuk-!-margin-top-1">Was: {before.get(k)}</span>
        </>,
      ]);
    return renderCheck(c, e, answers, rows, contact);
  }
  try {
    await employers.updateContact(deps, c.get('actor'), employerId, contactId, patch.data);
    return c.redirect(`/app/employers/${employerId}?done=contact-changed#contacts`, 303);
  } catch (err) {
    const f = formErrors(err, 'name');
    if (!f) throw err;
    return renderForm(c, e, { contact, values, errors: plainly(f.errors, values, WORDING), status: f.status });
  }
}
