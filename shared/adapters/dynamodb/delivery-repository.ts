import { z } from 'zod';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { OutboxEvent } from '../../domain/events.js';
import type { CounterAdd, Delivery, DeliveryExtras, DeliveryRepository, MatchAlertWrite } from '../../ports/repositories.js';
import { dueIndex, keys } from './keys.js';
import { notificationItem } from './notification-repository.js';
import type { Store, TransactItem } from './store.js';

const MONTH_TTL = 35 * 86400;
const MatchAlerted = z.object({
  participantIds: z.array(z.string()),
  version: z.number().int().positive(),
  keepUntil: z.string().optional(),
});
const MatchAlertDay = z.object({ sent: z.number().int().nonnegative() });
/** A day's alert count is read only on that day. */
const ALERT_DAY_TTL = 3 * 86400;

/** The counters to add, by the item they live on (month and group): each counter with how much to add. */
function statsUpdates(counters: CounterAdd[], defaultMonth: string): [group: string, month: string, adds: Map<string, number>][] {
  const byItem = new Map<string, [string, string, Map<string, number>]>();
  for (const c of counters) {
    for (const g of c.groups) {
      const m = c.month ?? defaultMonth;
      let entry = byItem.get(`${m}|${g}`);
      if (!entry) byItem.set(`${m}|${g}`, (entry = [g, m, new Map()]));
      entry[2].set(c.counter, (entry[2].get(c.counter) ?? 0) + 1);
    }
  }
  return [...byItem.values()];
}

export class DynamoDeliveryRepository implements DeliveryRepository {
  constructor(private readonly store: Store) {}

  async isProcessed(eventId: string) {
    return (await this.store.getRaw(keys.processed(eventId))) !== undefined;
  }

  async claimEmail(eventId: string, to: string) {
    try {
      await this.store.db.send(
        new PutCommand({
          TableName: this.store.tableName,
          Item: { ...keys.emailSent(eventId, to), type: 'EmailSent', expiresAt: Math.floor(Date.now() / 1000) + MONTH_TTL },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return true;
    } catch (err) {
      if (this.store.isConditionFailure(err)) return false;
      throw err;
    }
  }

  async releaseEmail(eventId: string, to: string) {
    await this.store.db.send(new DeleteCommand({ TableName: this.store.tableName, Key: keys.emailSent(eventId, to) }));
  }

  async commit(event: OutboxEvent, deliveries: Delivery[], counters: CounterAdd[], extras: DeliveryExtras = {}) {
    const month = event.at.slice(0, 7);
    const pledges = extras.pledges ?? [];
    const items: TransactItem[] = [
      this.store.put(
        { ...keys.processed(event.id), type: 'Processed', expiresAt: Math.floor(Date.now() / 1000) + MONTH_TTL },
        'attribute_not_exists(PK)',
      ),
      ...deliveries.map((d) => this.store.put(notificationItem(event.orgId, d.notification, d.participantId), 'attribute_not_exists(PK)')),
      // Waiting for the recipient's daily email: the sweep finds it in the due index on its day.
      ...deliveries.flatMap((d) =>
        d.digest
          ? [
              this.store.put({
                ...keys.digestEntry(event.orgId, d.notification.userId, d.notification.id),
                ...dueIndex.entry(d.digest.dueOn, event.orgId, 'DIG', d.notification.id, d.notification.userId),
                type: 'DigestEntry',
                notificationKind: d.notification.kind,
                ...(d.digest.headline ? { headline: d.digest.headline } : {}),
              }),
            ]
          : [],
      ),
      // One update per counters item: an event may add to several counters of one month and group (a
      // check-in recorded early reaches and sustains; a vacancy opens and its callback falls due), and a
      // transaction may touch an item only once.
      ...statsUpdates(counters, month).map(([group, m, adds]): TransactItem => {
        const names = [...adds.keys()];
        return {
          Update: {
            TableName: this.store.tableName,
            Key: keys.stats(event.orgId, m, group),
            UpdateExpression: `ADD ${names.map((_, i) => `#c${i} :n${i}`).join(', ')}`,
            ExpressionAttributeNames: Object.fromEntries(names.map((n, i) => [`#c${i}`, n])),
            ExpressionAttributeValues: Object.fromEntries(names.map((n, i) => [`:n${i}`, adds.get(n)!])),
          },
        };
      }),
      // A pledge's progress counts the hires and 26-week sustainments made within it.
      ...pledges.map(
        (p): TransactItem => ({
          Update: {
            TableName: this.store.tableName,
            Key: keys.pledge(event.orgId, p.employerId, p.pledgeId),
            UpdateExpression: 'ADD #f :one',
            ConditionExpression: 'attribute_exists(PK)',
            ExpressionAttributeNames: { '#f': p.field },
            ExpressionAttributeValues: { ':one': 1 },
          },
        }),
      ),
      ...(extras.engagedEmployerId
        ? [this.store.put({ ...keys.engaged(event.orgId, month, extras.engagedEmployerId), type: 'Engaged' })]
        : []),
      ...(extras.matchAlerts ? this.matchAlertItems(event.orgId, extras.matchAlerts) : []),
      // Delivered: the event (and anything it referred to) leaves the outbox.
      { Delete: { TableName: this.store.tableName, Key: keys.outbox(event.orgId, event.id) } },
    ];
    let duplicate = false;
    try {
      await this.store.transact(items, (i) => {
        if (i !== 0) return new Error(`delivery ${event.id}: item ${i} no longer exists`);
        duplicate = true;
        return new Error(`delivery ${event.id} already committed (item ${i})`);
      });
      return true;
    } catch (err) {
      if (duplicate) return false;
      throw err;
    }
  }

  /** Each written on the value read (see MatchAlertWrite): a lost race fails the delivery, which is retried. */
  private matchAlertItems(orgId: string, m: MatchAlertWrite): TransactItem[] {
    const onRead = (item: Record<string, unknown>, attr: string, read: number): TransactItem =>
      read === 0
        ? this.store.put(item, 'attribute_not_exists(PK)')
        : {
            Put: {
              TableName: this.store.tableName,
              Item: item,
              ConditionExpression: '#a = :read',
              ExpressionAttributeNames: { '#a': attr },
              ExpressionAttributeValues: { ':read': read },
            },
          };
    const expiresAt = Math.floor(Date.now() / 1000) + ALERT_DAY_TTL;
    return [
      onRead(
        {
          ...keys.matchAlerted(orgId, m.vacancyId),
          type: 'MatchAlerted',
          participantIds: m.announced.participantIds,
          version: m.announced.version,
          ...(m.announced.keepUntil
            ? { keepUntil: m.announced.keepUntil, expiresAt: Math.floor(Date.parse(`${m.announced.keepUntil}T23:59:59Z`) / 1000) }
            : {}),
        },
        'version',
        m.previousVersion,
      ),
      ...m.advisers.map((a) =>
        onRead({ ...keys.matchAlertDay(orgId, a.adviserId, a.day), type: 'MatchAlertDay', sent: a.after, expiresAt }, 'sent', a.before),
      ),
    ];
  }

  async matchAlertState(orgId: string, vacancyId: string) {
    const item = await this.store.get(keys.matchAlerted(orgId, vacancyId), MatchAlerted);
    return item ?? { participantIds: [], version: 0 };
  }

  async matchAlertsSent(orgId: string, day: string, adviserIds: string[]) {
    const counts = await Promise.all(adviserIds.map((id) => this.store.get(keys.matchAlertDay(orgId, id, day), MatchAlertDay)));
    return new Map(adviserIds.map((id, i) => [id, counts[i]?.sent ?? 0]));
  }
}
