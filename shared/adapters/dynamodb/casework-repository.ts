import { ActionPlan, Appointment, appointmentReminderDue, CaseContact } from '../../domain/casework.js';
import { VersionConflict } from '../../errors.js';
import type { CaseworkChange, CaseworkRepository, PageRequest } from '../../ports/repositories.js';
import { dueIndex, keys } from './keys.js';
import { outboxItem } from './outbox.js';
import { placementItem } from './placement-repository.js';
import type { DynamoParticipantRepository } from './participant-repository.js';
import type { Store, TransactItem } from './store.js';

/** An appointment as stored: on the due index on its reminder day until the adviser has been reminded. */
export function appointmentItem(orgId: string, a: Appointment) {
  const due = appointmentReminderDue(a);
  return {
    ...keys.appointment(orgId, a.participantId, a.id),
    type: 'Appointment',
    ...(due ? dueIndex.entry(due, orgId, 'APT', a.id, a.participantId) : {}),
    ...a,
  };
}

/**
 * Contacts and appointments, in the participant's own partition (so erasure takes them with the rest).
 * Every change is one transaction with the participant's casework summary, its audit entry and events.
 */
export class DynamoCaseworkRepository implements CaseworkRepository {
  constructor(
    private readonly store: Store,
    private readonly participants: DynamoParticipantRepository,
  ) {}

  async apply(change: CaseworkChange) {
    await this.store.transact(await this.items(change), () => new VersionConflict('casework changed'));
  }

  async applyMany(changes: readonly CaseworkChange[]) {
    const groups = await Promise.all(changes.map((c) => this.items(c)));
    await this.store.transactMany(groups, () => new VersionConflict('casework changed'));
  }

  /** The writes of one change, all or nothing. */
  private async items(change: CaseworkChange): Promise<TransactItem[]> {
    const { orgId } = change;
    const items: TransactItem[] = [];
    if (change.participant) items.push(...(await this.participants.updateItems(change.participant.prev, change.participant.next)));
    if (change.contact) {
      const c = change.contact;
      items.push(
        this.store.put(
          { ...keys.caseContact(orgId, c.participantId, c.occurredAt, c.id), type: 'CaseContact', ...c },
          'attribute_not_exists(PK)',
        ),
      );
    }
    if (change.appointment) {
      const { prev, next } = change.appointment;
      items.push(
        prev
          ? this.store.putVersioned(appointmentItem(orgId, next), prev.version)
          : this.store.put(appointmentItem(orgId, next), 'attribute_not_exists(PK)'),
      );
    }
    if (change.plan) {
      const { prev, next } = change.plan;
      const item = { ...keys.actionPlan(orgId, next.participantId), type: 'ActionPlan', ...next };
      items.push(prev ? this.store.putVersioned(item, prev.version) : this.store.put(item, 'attribute_not_exists(PK)'));
    }
    if (change.placement) items.push(this.store.putVersioned(placementItem(change.placement.next), change.placement.prev.version));
    if (change.audit) {
      const a = change.audit;
      items.push(this.store.put({ ...keys.audit(orgId, a.subjectId, a.id), type: 'Audit', ...a }, 'attribute_not_exists(PK)'));
    }
    for (const e of change.events ?? []) items.push(this.store.put(outboxItem(e)));
    return items;
  }

  async contacts(orgId: string, participantId: string, page: PageRequest) {
    return this.store.queryPage({
      partition: keys.participant(orgId, participantId).PK,
      sortPrefix: keys.caseworkPrefix.contact,
      schema: CaseContact,
      forward: false,
      ...page,
    });
  }

  async allContacts(orgId: string, participantId: string) {
    return this.store.queryAll({
      partition: keys.participant(orgId, participantId).PK,
      sortPrefix: keys.caseworkPrefix.contact,
      schema: CaseContact,
      forward: false,
    });
  }

  async appointments(orgId: string, participantId: string) {
    return this.store.queryAll({
      partition: keys.participant(orgId, participantId).PK,
      sortPrefix: keys.caseworkPrefix.appointment,
      schema: Appointment,
    });
  }

  async plan(orgId: string, participantId: string) {
    return this.store.get(keys.actionPlan(orgId, participantId), ActionPlan);
  }

  async getAppointment(orgId: string, participantId: string, id: string) {
    return this.store.get(keys.appointment(orgId, participantId, id), Appointment);
  }
}
