import type { Hono } from 'hono';
import type { AppDeps } from '../../../deps.js';
import type { Actor } from '../../../../../shared/domain/actor.js';
import {
  AppointmentInput,
  appointmentRules,
  CONTACT_CHANNELS,
  ContactInput,
  contactRules,
  type Appointment,
} from '../../../../../shared/domain/casework.js';
import type { Participant } from '../../../../../shared/domain/participant.js';
import { ForbiddenError, NotFoundError, type FieldError } from '../../../../../shared/errors.js';
import { assertParticipantWritable } from '../../../../../shared/policy.js';
import * as contacts from '../../../../../shared/use-cases/contacts.js';
import * as participants from '../../../../../shared/use-cases/participants.js';
import {
  Button,
  Checkbox,
  Choices,
  DateParts,
  DoneBanner,
  fieldsFor,
  fmtDate,
  fmtDateTime,
  PostForm,
  Table,
  Tag,
  TextArea,
  yesNo,
  LinkList,
} from '../../components.js';
import { page, type WebContext, type WebEnv } from '../../context.js';
import { friendly, typedValues, valueAt, type RawForm, type Values } from '../../forms.js';
import { CHANNEL_LABELS } from '../../labels.js';
import { supportDayLabel } from '../../../../../shared/domain/in-work-support.js';
import { checkAnswersPage, Panel, questionPost, StepButton } from '../../patterns.js';
import { sayErrorAs } from '../../wording.js';

/*
 * Contacts and appointments with a participant, for their own adviser (and admins): the contact record,
 * logging a contact (what kind, then its details, check, confirmation), planning an appointment (its
 * details, check, confirmation) and cancelling one. Anyone else finds the participant unknown.
 */

const CHANNEL_OPTIONS = CONTACT_CHANNELS.map((ch) => [ch, CHANNEL_LABELS[ch][0]] as const);
const name = (p: Pick<Participant, 'firstName' | 'lastName'>) => `${p.firstName} ${p.lastName}`;

/** The participant, for their own adviser or an admin; 404 for everyone else (liaison officers and employers included). */
export async function ownParticipant(c: WebContext, deps: AppDeps, id: string): Promise<Participant> {
  const actor: Actor = c.get('actor');
  if (actor.role !== 'adviser' && actor.role !== 'admin') throw new NotFoundError('participant', id);
  let p: Awaited<ReturnType<typeof participants.getParticipant>>;
  try {
    p = await participants.getParticipant(deps, actor, id);
  } catch (err) {
    if (err instanceof ForbiddenError) throw new NotFoundError('participant', id);
    throw err;
  }
  assertParticipantWritable(actor, p as Participant);
  return p as Participant;
}

const appointmentWords = (a: Pick<Appointment, 'at' | 'channel'>) => `${fmtDateTime(a.at)}, ${CHANNEL_LABELS[a.channel][1]}`;

/**
 * What these pages call their fields where the shared names (wording.ts) mean something else: `at` is
 * an interview's there, `kind` an employer interaction's.
 */
const NAMES: Record<string, string> = {
  kind: 'what kind of contact it was',
  channel: 'how it was made',
  attended: 'whether it went ahead',
  review: 'whether their action plan was reviewed',
  at: 'the date and time of the appointment',
  purpose: 'what the appointment is for',
};

/** The errors in these pages' words, as sentences (sayError keeps a sentence as it is). */
function say(errors: FieldError[], values: Values, names: Record<string, string> = NAMES): FieldError[] {
  // A date input left wholly empty is a date not given, not one that is not real.
  const given = (path: string) => ['day', 'month', 'year', 'time'].some((x) => valueAt(values, `${path}.${x}`) !== '');
  const asked = errors.map((e) =>
    (e.path === 'at' || e.path === 'occurredAt') && valueAt(values, e.path) === '' && !given(e.path)
      ? { path: e.path, message: 'enter a value' }
      : e,
  );
  return friendly(asked, values).map((e) => {
    const name = names[e.path];
    return name ? { path: e.path, message: sayErrorAs(e, name) } : e;
  });
}

/** Schema paths as the page's fields name them: whether it was an appointment is the kind asked first. */
const onPage = (errors: FieldError[]) =>
  errors.map((e) => ({ ...e, path: e.path === 'appointment' || e.path === 'appointmentId' ? 'kind' : e.path }));

/* The contact record --------------------------------------------------------------------------- */

async function recordPage(c: WebContext, deps: AppDeps, id: string) {
  const actor = c.get('actor');
  const p = await ownParticipant(c, deps, id);
  const [list, appointments] = await Promise.all([
    contacts.listContacts(deps, actor, id, { limit: 50, cursor: c.req.query('cursor') }),
    contacts.listAppointments(deps, actor, id),
  ]);
  const now = deps.clock.now().toISOString();
  const planned = appointments.filter((a) => a.status === 'planned');
  return page(
    c,
    { title: `Contacts: ${name(p)}`, current: actor.role === 'adviser' ? '/app' : undefined },
    <>
      <a class="govuk-back-link" href={`/app/participants/${id}`}>
        Back to {name(p)}
      </a>
      <DoneBanner c={c} messages={{ cancelled: 'Appointment cancelled: no reminder will be sent' }} />
      <span class="govuk-caption-l">{name(p)}</span>
      <h1 class="govuk-heading-l">Contacts and appointments</h1>
      <p class="govuk-body">
        Only their adviser and administrators can see this. Each time it is shown or changed, that is recorded in their audit trail.
      </p>
      <div class="govuk-button-group">
        <a class="govuk-button" data-module="govuk-button" href={`/app/participants/${id}/contacts/new`}>
          Log a contact
        </a>
        <a class="govuk-button govuk-button--secondary" data-module="govuk-button" href={`/app/participants/${id}/appointments/new`}>
          Plan an appointment
        </a>
      </div>
      <h2 class="govuk-heading-m">Planned appointments</h2>
      {planned.length === 0 ? (
        <p class="govuk-body">No appointments are planned.</p>
      ) : (
        <Table caption="Planned appointments, soonest first" head={['When', 'What for', 'Reminder', 'Action']}>
          {planned.map((a) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">
                {appointmentWords(a)}
                {a.at < now ? (
                  <>
                    {' '}
                    <Tag colour="orange">To record</Tag>
                  </>
                ) : null}
              </td>
              <td class="govuk-table__cell">{a.purpose}</td>
              <td class="govuk-table__cell">
                {a.remindedAt
                  ? `Sent ${fmtDate(a.remindedAt)}`
                  : a.remindOn
                    ? `On ${fmtDate(a.remindOn)}`
                    : 'None (planned less than a day ahead)'}
              </td>
              <td class="govuk-table__cell">
                <a class="govuk-link" href={`/app/participants/${id}/contacts/new?appointment=${a.id}`}>
                  Record it<span class="govuk-visually-hidden"> ({appointmentWords(a)})</span>
                </a>
                <br />
                <a class="govuk-link" href={`/app/participants/${id}/appointments/${a.id}/cancel`}>
                  Cancel<span class="govuk-visually-hidden"> the appointment on {appointmentWords(a)}</span>
                </a>
              </td>
            </tr>
          ))}
        </Table>
      )}
      <h2 class="govuk-heading-m">Contacts</h2>
      {list.items.length === 0 ? (
        <p class="govuk-body">No contacts logged yet.</p>
      ) : (
        <Table caption="Contacts, latest first" head={['When', 'Kind', 'Went ahead', 'Note']}>
          {list.items.map((x) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">{fmtDateTime(x.occurredAt)}</td>
              <td class="govuk-table__cell">
                {x.appointment ? 'Appointment' : 'Other contact'}, {CHANNEL_LABELS[x.channel][1]}
              </td>
              <td class="govuk-table__cell">
                {x.attended ? (
                  <Tag colour="green">{x.appointment ? 'Attended' : 'Reached'}</Tag>
                ) : (
                  <Tag colour="red">{x.appointment ? 'Did not attend' : 'Not reached'}</Tag>
                )}
              </td>
              <td class="govuk-table__cell">{x.note ?? ''}</td>
            </tr>
          ))}
        </Table>
      )}
      {list.nextCursor ? (
        <p class="govuk-body">
          <a class="govuk-link" href={`/app/participants/${id}/contacts?cursor=${encodeURIComponent(list.nextCursor)}`}>
            Older contacts
          </a>
        </p>
      ) : null}
    </>,
  );
}

/* Logging a contact ---------------------------------------------------------------------------- */

const OTHER = 'other';
const UNPLANNED = 'appointment';
/** An in-work support contact of their schedule: `sup:placementId:day`, not an appointment. */
const SUPPORT = /^sup:([0-9A-HJKMNP-TV-Z]{26}):(\d{1,3})$/;
const supportOf = (kind: string) => {
  const m = SUPPORT.exec(kind);
  return m ? { placementId: m[1]!, day: Number(m[2]) } : undefined;
};
const notAppointment = (kind: string) => kind === OTHER || supportOf(kind) !== undefined;

function kindPage(
  c: WebContext,
  p: Participant,
  planned: Appointment[],
  now: string,
  values: Values,
  errors?: FieldError[],
  status?: number,
) {
  const f = fieldsFor(values, errors);
  return page(
    c,
    { title: `What kind of contact was it? ${name(p)}`, current: '/app', errors, status },
    <>
      <a class="govuk-back-link" href={`/app/participants/${p.id}/contacts`}>
        Back to their contacts
      </a>
      <PostForm c={c} action={`/app/participants/${p.id}/contacts/new`}>
        <input type="hidden" name="step" value="kind" />
        <Choices
          {...f.choice('kind')}
          kind="radios"
          legend={
            <>
              <span class="govuk-caption-l">Log a contact with {name(p)}</span>
              <h1 class="govuk-fieldset__heading govuk-heading-l">What kind of contact was it?</h1>
            </>
          }
          options={[
            ...planned.map(
              (a) =>
                [
                  `apt:${a.id}`,
                  `The planned appointment on ${appointmentWords(a)}`,
                  `${a.purpose}${a.at < now ? ' (to record)' : ''}`,
                ] as const,
            ),
            [
              UNPLANNED,
              planned.length ? 'Another appointment, not planned here' : 'An appointment',
              'They came in, or you met as arranged',
            ] as const,
            [OTHER, 'Another kind of contact', 'A phone call, a message or a drop-in'] as const,
          ]}
        />
        <Button>Continue</Button>
      </PostForm>
    </>,
  );
}

function detailsPage(c: WebContext, p: Participant, kind: string, values: Values, errors?: FieldError[], status?: number) {
  const f = fieldsFor(values, errors);
  const appointment = !notAppointment(kind);
  const support = supportOf(kind);
  return page(
    c,
    { title: `About the contact: ${name(p)}`, current: '/app', errors, status },
    <>
      <span class="govuk-caption-l">Log a contact with {name(p)}</span>
      <h1 class="govuk-heading-l">
        {appointment ? 'About the appointment' : support ? 'About the in-work support contact' : 'About the contact'}
      </h1>
      {support ? (
        <p class="govuk-body">
          {supportDayLabel(support.day)} in work. It counts as made only if it reached them; otherwise it is logged as tried and stays due.
        </p>
      ) : null}
      <PostForm c={c} action={`/app/participants/${p.id}/contacts/new`}>
        <input type="hidden" name="kind" value={kind} />
        <DateParts {...f.date('occurredAt')} time legend="When was it?" hint="UK time. For example, 27 11 2026 and 2:30pm" />
        <Choices {...f.choice('channel')} kind="radios" legend="How was it made?" options={CHANNEL_OPTIONS} />
        <Choices
          {...f.choice('attended:boolean')}
          kind="radios"
          legend={appointment ? 'Did they attend?' : 'Did it reach them?'}
          options={
            appointment
              ? [
                  ['true', 'Yes, they attended'],
                  ['false', 'No, they did not attend'],
                ]
              : [
                  ['true', 'Yes, we spoke or they replied'],
                  ['false', 'No, it did not reach them', 'For example, no answer or no reply'],
                ]
          }
          inline
        />
        <Checkbox
          {...f.flag('review:boolean')}
          legend="Action plan"
          text="We reviewed their action plan"
          itemHint="Only when it reached them. It restarts the clock for their next review."
        />
        <TextArea
          {...f.field('note')}
          label="Note (optional)"
          hint="What was discussed or agreed. Only their adviser and administrators can see it."
          rows={4}
        />
        <StepButton step="details">Continue</StepButton>
      </PostForm>
    </>,
  );
}

/** The details page's answers as the API's contact (the same schema validates both). */
function asContact(kind: string, answers: RawForm): RawForm {
  const { kind: _k, step: _s, ...rest } = answers;
  const support = supportOf(kind);
  return Object.assign(Object.create(null), rest, {
    'appointment:boolean': notAppointment(kind) ? 'false' : 'true',
    ...(kind.startsWith('apt:') ? { appointmentId: kind.slice(4) } : {}),
    ...(support ? { placementId: support.placementId, 'supportDay:number': String(support.day) } : {}),
  });
}

function checkPage(c: WebContext, p: Participant, answers: RawForm, input: ContactInput, planned: Appointment | undefined) {
  return checkAnswersPage(c, {
    title: 'Check the contact before you log it',
    caption: `Log a contact with ${name(p)}`,
    rows: [
      [
        'Kind',
        planned
          ? `The planned appointment on ${appointmentWords(planned)}`
          : input.supportDay
            ? `In-work support: ${supportDayLabel(input.supportDay).toLowerCase()}`
            : input.appointment
              ? 'An appointment'
              : 'Another kind of contact',
      ],
      ['When', fmtDateTime(input.occurredAt)],
      ['How', CHANNEL_LABELS[input.channel][0]],
      [input.appointment ? 'Attended' : 'Reached them', yesNo(input.attended)],
      ['Action plan reviewed', yesNo(input.review === true)],
      ['Note', input.note ?? 'None'],
    ],
    action: `/app/participants/${p.id}/contacts/new`,
    answers,
    confirm: 'Log the contact',
  });
}

async function plannedOf(deps: AppDeps, actor: Actor, id: string) {
  return (await contacts.listAppointments(deps, actor, id)).filter((a) => a.status === 'planned');
}

/** Page 1 (`?appointment=` picks one), or page 2 when there is nothing to choose but the kind. */
async function newContactPage(c: WebContext, deps: AppDeps, id: string) {
  const p = await ownParticipant(c, deps, id);
  const planned = await plannedOf(deps, c.get('actor'), id);
  const chosen = planned.find((a) => a.id === c.req.query('appointment'));
  if (chosen) return detailsPage(c, p, `apt:${chosen.id}`, refill(chosen));
  // From their in-work support schedule: the contact it is (the use case checks it is theirs and still due).
  const support = `sup:${c.req.query('support') ?? ''}`;
  if (supportOf(support)) return detailsPage(c, p, support, undefined);
  return kindPage(c, p, planned, deps.clock.now().toISOString(), undefined);
}

/** The details page refilled from a planned appointment: its day, time (the date input says it in UK time) and channel. */
const refill = (a: Appointment): Values => ({ occurredAt: a.at, channel: a.channel });

/** One form route, by step: `kind` → the details; `details` → check; `change` → the details again; `confirm` → logged. */
async function postContact(c: WebContext, deps: AppDeps, id: string) {
  const actor = c.get('actor');
  const p = await ownParticipant(c, deps, id);
  const posted = await c.req.parseBody({ all: true });
  const { step, csrf: _c, ...answers } = posted;
  const kind = typeof answers.kind === 'string' ? answers.kind : '';
  const planned = await plannedOf(deps, actor, id);
  const appointment = kind.startsWith('apt:') ? planned.find((a) => `apt:${a.id}` === kind) : undefined;
  const known = kind === OTHER || kind === UNPLANNED || appointment !== undefined || supportOf(kind) !== undefined;
  if (step === 'kind' || !known) {
    if (!known) {
      const errors = [
        {
          path: 'kind',
          message: kind.startsWith('apt:') ? 'That appointment is no longer waiting to be recorded: choose again' : `Select ${NAMES.kind}`,
        },
      ];
      return kindPage(c, p, planned, deps.clock.now().toISOString(), typedValues(answers), errors, 400);
    }
    return detailsPage(c, p, kind, appointment ? refill(appointment) : undefined);
  }
  return questionPost(
    c,
    {
      question: (values, errors, status) => detailsPage(c, p, kind, values, errors, status),
      schema: ContactInput,
      prepare: (a) => asContact(kind, a),
      rules: (input) => contactRules(input, deps.clock.now().toISOString()),
      say: (errors, values) => say(onPage(errors), values, contactNames(kind)),
      check: (input, a) => checkPage(c, p, a, input, appointment),
      save: async (input) => {
        await contacts.logContact(deps, actor, id, input);
        return `/app/participants/${id}/contacts/logged`;
      },
      fallback: 'occurredAt',
    },
    posted,
  );
}

/** The contact's fields named as its details page asks them. */
const contactNames = (kind: string) => ({
  ...NAMES,
  attended: notAppointment(kind) ? 'whether it reached them' : 'whether they attended',
  supportDay: 'which in-work support contact it was',
  placementId: 'which job it was about',
  channel: 'how the contact was made',
});

async function loggedPage(c: WebContext, deps: AppDeps, id: string) {
  const p = await ownParticipant(c, deps, id);
  return page(
    c,
    { title: 'Contact logged', current: '/app' },
    <>
      <Panel title="Contact logged">It is on {name(p)}’s contact record</Panel>
      <h2 class="govuk-heading-m">What happens next</h2>
      <p class="govuk-body">
        Their caseload entry now shows this contact. If a planned appointment was recorded, it no longer waits for you to record it. The
        note is for you and administrators only.
      </p>
      <LinkList
        links={[
          [`/app/participants/${id}/appointments/new`, 'Plan their next appointment'],
          [`/app/participants/${id}/contacts`, 'See their contacts and appointments'],
          ['/app', 'Back to your caseload'],
        ]}
      />
    </>,
  );
}

/* Planning and cancelling an appointment -------------------------------------------------------- */

const appointmentNames = { ...NAMES, channel: 'how it will be held' };

function appointmentForm(c: WebContext, p: Participant, values: Values, errors?: FieldError[], status?: number) {
  const f = fieldsFor(values, errors);
  return page(
    c,
    { title: `Plan an appointment: ${name(p)}`, current: '/app', errors, status },
    <>
      <a class="govuk-back-link" href={`/app/participants/${p.id}/contacts`}>
        Back to their contacts
      </a>
      <span class="govuk-caption-l">Plan an appointment with {name(p)}</span>
      <h1 class="govuk-heading-l">When is the appointment?</h1>
      <PostForm c={c} action={`/app/participants/${p.id}/appointments/new`}>
        <DateParts {...f.date('at')} time legend="Date and time" hint="UK time. For example, 2 12 2026 and 10:30am" />
        <Choices {...f.choice('channel')} kind="radios" legend="How will it be held?" options={CHANNEL_OPTIONS} />
        <TextArea
          {...f.field('purpose')}
          label="What is it for?"
          hint="For example, review their action plan. Only their adviser and administrators can see it; the reminder does not say it."
          rows={2}
        />
        <Button>Continue</Button>
      </PostForm>
    </>,
  );
}

async function postAppointment(c: WebContext, deps: AppDeps, id: string) {
  const actor = c.get('actor');
  const p = await ownParticipant(c, deps, id);
  return questionPost(c, {
    question: (values, errors, status) => appointmentForm(c, p, values, errors, status),
    schema: AppointmentInput,
    rules: (input) => appointmentRules(input, deps.clock.now().toISOString()),
    say: (errors, values) => say(errors, values, appointmentNames),
    check: (input, answers) =>
      checkAnswersPage(c, {
        title: 'Check the appointment before you plan it',
        caption: `Plan an appointment with ${name(p)}`,
        rows: [
          ['When', fmtDateTime(input.at)],
          ['How', CHANNEL_LABELS[input.channel][0]],
          ['What for', input.purpose],
        ],
        action: `/app/participants/${id}/appointments/new`,
        answers,
        confirm: 'Plan the appointment',
      }),
    save: async (input) => {
      const a = await contacts.planAppointment(deps, actor, id, input);
      return `/app/participants/${id}/appointments/${a.id}/planned`;
    },
    fallback: 'at',
  });
}

async function appointmentOf(c: WebContext, deps: AppDeps, id: string, appointmentId: string) {
  const p = await ownParticipant(c, deps, id);
  const a = (await contacts.listAppointments(deps, c.get('actor'), id)).find((x) => x.id === appointmentId);
  if (!a) throw new NotFoundError('appointment', appointmentId);
  return { p, a };
}

async function plannedPage(c: WebContext, deps: AppDeps, id: string, appointmentId: string) {
  const { p, a } = await appointmentOf(c, deps, id, appointmentId);
  return page(
    c,
    { title: 'Appointment planned', current: '/app' },
    <>
      <Panel title="Appointment planned">
        {name(p)}, {appointmentWords(a)}
      </Panel>
      <h2 class="govuk-heading-m">What happens next</h2>
      <p class="govuk-body">
        {a.remindOn
          ? `You will get a reminder in your notifications on ${fmtDate(a.remindOn)}, the day before.`
          : 'It is less than a day away, so no reminder will be sent.'}{' '}
        Once it has happened, log how it went from their contacts page: it shows as “to record” on your caseload until you do. Routeway does
        not tell {p.firstName}: let them know yourself.
      </p>
      <LinkList
        links={[
          [`/app/participants/${id}/contacts`, 'See their contacts and appointments'],
          ['/app', 'Back to your caseload'],
        ]}
      />
    </>,
  );
}

async function cancelPage(c: WebContext, deps: AppDeps, id: string, appointmentId: string) {
  const { p, a } = await appointmentOf(c, deps, id, appointmentId);
  if (a.status !== 'planned') throw new NotFoundError('appointment', appointmentId);
  return page(
    c,
    { title: 'Cancel the appointment', current: '/app' },
    <>
      <a class="govuk-back-link" href={`/app/participants/${id}/contacts`}>
        Back to their contacts
      </a>
      <span class="govuk-caption-l">{name(p)}</span>
      <h1 class="govuk-heading-l">Cancel the appointment on {appointmentWords(a)}?</h1>
      <p class="govuk-body">No reminder will be sent. It stays on their record as cancelled. Routeway does not tell {p.firstName}.</p>
      <PostForm c={c} action={`/app/participants/${id}/appointments/${a.id}/cancel`}>
        <div class="govuk-button-group">
          <button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button">
            Cancel the appointment
          </button>
          <a class="govuk-link" href={`/app/participants/${id}/contacts`}>
            Keep it
          </a>
        </div>
      </PostForm>
    </>,
  );
}

export function contactPages(web: Hono<WebEnv>, deps: AppDeps): void {
  web.get('/app/participants/:id/contacts', (c) => recordPage(c, deps, c.req.param('id')));
  web.get('/app/participants/:id/contacts/new', (c) => newContactPage(c, deps, c.req.param('id')));
  web.post('/app/participants/:id/contacts/new', (c) => postContact(c, deps, c.req.param('id')));
  web.get('/app/participants/:id/contacts/logged', (c) => loggedPage(c, deps, c.req.param('id')));
  web.get('/app/participants/:id/appointments/new', async (c) =>
    appointmentForm(c, await ownParticipant(c, deps, c.req.param('id')), undefined),
  );
  web.post('/app/participants/:id/appointments/new', (c) => postAppointment(c, deps, c.req.param('id')));
  web.get('/app/participants/:id/appointments/:aid/planned', (c) => plannedPage(c, deps, c.req.param('id'), c.req.param('aid')));
  web.get('/app/participants/:id/appointments/:aid/cancel', (c) => cancelPage(c, deps, c.req.param('id'), c.req.param('aid')));
  web.post('/app/participants/:id/appointments/:aid/cancel', async (c) => {
    const id = c.req.param('id');
    await ownParticipant(c, deps, id);
    await contacts.cancelAppointment(deps, c.get('actor'), id, c.req.param('aid'));
    return c.redirect(`/app/participants/${id}/contacts?done=cancelled`, 303);
  });
}
