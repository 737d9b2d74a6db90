import type { Actor } from '../domain/actor.js';
import {
  appointmentReminderOn,
  appointmentRules,
  contactRules,
  reviewReasons,
  reviewReminderDue,
  summaryAfterContact,
  withNextAppointment,
  type Appointment,
  type AppointmentInput,
  type CaseContact,
  type ContactInput,
} from '../domain/casework.js';
import { isLongTermUnemployed, type Participant } from '../domain/participant.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { assertParticipantWritable, requireRole } from '../policy.js';
import type { PageRequest } from '../ports/repositories.js';
import { withVersionRetry, type Deps } from './deps.js';
import { event } from './events.js';
import { auditEntry } from './participants.js';
import { supportAfterContact } from './in-work-support.js';

/**
 * Contacts and appointments with a participant: their own adviser's casework (and admins'). Anyone else
 * finds the participant unknown (404); a role that never does casework is refused (403). Every write and
 * every read of the notes leaves an audit entry, a write in the same transaction as the change.
 */

async function ownParticipant(deps: Deps, actor: Actor, id: string, capability: 'casework:read' | 'casework:write'): Promise<Participant> {
  requireRole(actor, capability);
  const p = await deps.repos.participants.get(actor.orgId, id);
  if (!p) throw new NotFoundError('participant', id);
  assertParticipantWritable(actor, p);
  return p;
}

/** The groups a count about this participant is split by (as the funnel's), for the casework report. */
export function caseworkGroups(p: Participant, today: string) {
  return { adviser: p.adviserId, readiness: p.readiness, ltu: isLongTermUnemployed(p, today) ? 'yes' : 'no' };
}

/** Logs a contact that happened; one that records a planned appointment closes it. */
export async function logContact(deps: Deps, actor: Actor, participantId: string, input: ContactInput): Promise<CaseContact> {
  return withVersionRetry(async () => {
    const p = await ownParticipant(deps, actor, participantId, 'casework:write');
    const now = deps.clock.now().toISOString();
    const broken = contactRules(input, now);
    if (broken.length) throw new ValidationError('The contact cannot have happened yet', { errors: broken });
    const contact: CaseContact = {
      id: deps.ids.next(),
      participantId,
      occurredAt: input.occurredAt,
      channel: input.channel,
      appointment: input.appointment,
      attended: input.attended,
      ...(input.appointmentId ? { appointmentId: input.appointmentId } : {}),
      ...(input.review ? { review: true } : {}),
      ...(input.placementId && input.supportDay ? { placementId: input.placementId, supportDay: input.supportDay } : {}),
      ...(input.note ? { note: input.note } : {}),
      recordedBy: actor.sub,
      recordedAt: now,
    };
    let appointment: { prev: Appointment; next: Appointment } | undefined;
    let appointments: Appointment[] | undefined;
    if (input.appointmentId) {
      const a = await deps.repos.casework.getAppointment(actor.orgId, participantId, input.appointmentId);
      if (!a)
        throw new ValidationError('There is no such appointment', { errors: [{ path: 'appointmentId', message: 'unknown appointment' }] });
      if (a.status !== 'planned') throw new ConflictError(`That appointment is already ${a.status}`);
      appointment = { prev: a, next: { ...a, status: 'recorded', contactId: contact.id, version: a.version + 1 } };
      appointments = (await deps.repos.casework.appointments(actor.orgId, participantId)).map((x) =>
        x.id === a.id ? appointment!.next : x,
      );
    }
    // An in-work support contact: the schedule moves on in the same transaction (version-checked).
    const placement =
      input.placementId && input.supportDay
        ? await supportAfterContact(deps, actor.orgId, participantId, input.placementId, input.supportDay, contact)
        : undefined;
    const summary = summaryAfterContact(p.casework, contact);
    const next: Participant = {
      ...p,
      casework: appointments ? withNextAppointment(summary, appointments) : summary,
      version: p.version + 1,
    };
    await deps.repos.casework.apply({
      orgId: actor.orgId,
      participant: { prev: p, next },
      contact,
      ...(appointment ? { appointment } : {}),
      ...(placement ? { placement } : {}),
      audit: auditEntry(deps, actor, participantId, 'casework.write', { record: 'contact', id: contact.id }),
      events: [
        event(deps, actor, 'casework.contact-logged', {
          orgId: actor.orgId,
          participantId,
          detail: {
            channel: contact.channel,
            appointment: contact.appointment,
            attended: contact.attended,
            review: contact.review === true,
            ...caseworkGroups(p, deps.clock.today()),
          },
        }),
      ],
    });
    return contact;
  });
}

/**
 * Their contacts, latest first. The notes leave with an audit entry written before they are returned, and
 * after the page is read, so a refused request (a doctored cursor: 400) leaves no trace of a read that
 * did not happen.
 */
export async function listContacts(deps: Deps, actor: Actor, participantId: string, page: PageRequest) {
  await ownParticipant(deps, actor, participantId, 'casework:read');
  const out = await deps.repos.casework.contacts(actor.orgId, participantId, page);
  await deps.repos.participants.recordAudit(actor.orgId, auditEntry(deps, actor, participantId, 'casework.read', { record: 'contacts' }));
  return out;
}

/** Their appointments, soonest first (recorded and cancelled ones too); audited as a read of casework. */
export async function listAppointments(deps: Deps, actor: Actor, participantId: string): Promise<Appointment[]> {
  await ownParticipant(deps, actor, participantId, 'casework:read');
  await deps.repos.participants.recordAudit(
    actor.orgId,
    auditEntry(deps, actor, participantId, 'casework.read', { record: 'appointments' }),
  );
  return byTime(await deps.repos.casework.appointments(actor.orgId, participantId));
}

const byTime = (list: Appointment[]) => [...list].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));

/** Plans an appointment with the participant; their adviser is reminded the day before. */
export async function planAppointment(deps: Deps, actor: Actor, participantId: string, input: AppointmentInput): Promise<Appointment> {
  return withVersionRetry(async () => {
    const p = await ownParticipant(deps, actor, participantId, 'casework:write');
    const now = deps.clock.now().toISOString();
    const broken = appointmentRules(input, now);
    if (broken.length) throw new ValidationError('An appointment is planned ahead', { errors: broken });
    const remindOn = appointmentReminderOn(input.at, deps.clock.today());
    const a: Appointment = {
      id: deps.ids.next(),
      participantId,
      adviserId: p.adviserId,
      at: input.at,
      channel: input.channel,
      purpose: input.purpose,
      status: 'planned',
      ...(remindOn ? { remindOn } : {}),
      createdAt: now,
      createdBy: actor.sub,
      version: 1,
    };
    const all = [...(await deps.repos.casework.appointments(actor.orgId, participantId)), a];
    const next: Participant = { ...p, casework: withNextAppointment(p.casework, all), version: p.version + 1 };
    await deps.repos.casework.apply({
      orgId: actor.orgId,
      participant: { prev: p, next },
      appointment: { next: a },
      audit: auditEntry(deps, actor, participantId, 'casework.write', { record: 'appointment', id: a.id }),
    });
    return a;
  });
}

/** Cancels a planned appointment (no reminder goes); one already recorded or cancelled is a 409. */
export async function cancelAppointment(deps: Deps, actor: Actor, participantId: string, appointmentId: string): Promise<Appointment> {
  return withVersionRetry(async () => {
    const p = await ownParticipant(deps, actor, participantId, 'casework:write');
    const all = await deps.repos.casework.appointments(actor.orgId, participantId);
    const a = all.find((x) => x.id === appointmentId);
    if (!a) throw new NotFoundError('appointment', appointmentId);
    if (a.status !== 'planned') throw new ConflictError(`That appointment is already ${a.status}`);
    const now = deps.clock.now().toISOString();
    const cancelled: Appointment = { ...a, status: 'cancelled', cancelledAt: now, cancelledBy: actor.sub, version: a.version + 1 };
    const next: Participant = {
      ...p,
      casework: withNextAppointment(
        p.casework,
        all.map((x) => (x.id === a.id ? cancelled : x)),
      ),
      version: p.version + 1,
    };
    await deps.repos.casework.apply({
      orgId: actor.orgId,
      participant: { prev: p, next },
      appointment: { prev: a, next: cancelled },
      audit: auditEntry(deps, actor, participantId, 'casework.write', { record: 'appointment', id: a.id, status: 'cancelled' }),
    });
    return cancelled;
  });
}

/**
 * The sweeper's reminder, the day before: the adviser is told once (the appointment records it, in the
 * same transaction as the event). One cancelled, recorded or already past is left alone.
 */
export async function remindAppointment(deps: Deps, orgId: string, participantId: string, id: string): Promise<boolean> {
  const a = await deps.repos.casework.getAppointment(orgId, participantId, id);
  if (a?.status !== 'planned' || a.remindedAt || !a.remindOn || a.remindOn > deps.clock.today()) return false;
  const now = deps.clock.now().toISOString();
  // The sweeper was behind and the appointment has come: marked, nothing to announce.
  const announce = a.at > now;
  await deps.repos.casework.apply({
    orgId,
    appointment: { prev: a, next: { ...a, remindedAt: now, version: a.version + 1 } },
    events: announce
      ? [event(deps, 'system', 'casework.appointment-reminder', { orgId, participantId, detail: { at: a.at, channel: a.channel } })]
      : [],
  });
  return announce;
}

/**
 * The sweeper's reminder that a review falls due (their programme's review rules): the participant's adviser is told once
 * for that due date, which the participant records in the same transaction as the event (so the due
 * index moves to the next date, if any). Someone no longer looking for work, or whose due date moved on
 * (a contact logged since), is left alone. The event names the rules broken, never a note.
 */
export async function remindReview(deps: Deps, orgId: string, participantId: string): Promise<boolean> {
  const p = await deps.repos.participants.get(orgId, participantId);
  const today = deps.clock.today();
  const dueOn = p ? reviewReminderDue(p) : undefined;
  if (!p || !dueOn || dueOn > today) return false;
  const next: Participant = { ...p, casework: { ...p.casework, reviewRemindedFor: dueOn }, version: p.version + 1 };
  const reasons = reviewReasons(p, today)
    .map((r) => r.reason)
    .join(',');
  await deps.repos.participants.update(p, next, undefined, [
    event(deps, 'system', 'casework.review-due', { orgId, participantId, detail: { dueOn, reasons, ...caseworkGroups(p, today) } }),
  ]);
  return true;
}
