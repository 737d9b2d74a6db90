import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { Notification } from '../../domain/submission.js';
import { emptyFunnel, FUNNEL_COUNTERS } from '../../domain/funnel.js';
import type { FunnelCounts, NotificationRepository, PageRequest, StatsRepository } from '../../ports/repositories.js';
import { keys } from './keys.js';
import { parseItem, type Store } from './store.js';

export function notificationItem(orgId: string, n: Notification, participantId?: string) {
  return {
    ...keys.notification(orgId, n.userId, n.id),
    type: 'Notification',
    ...(participantId ? { GSI2PK: keys.gsi2.notificationsAboutParticipant(orgId, participantId), GSI2SK: n.id, participantId } : {}),
    orgId,
    ...n,
  };
}

export class DynamoNotificationRepository implements NotificationRepository {
  constructor(private readonly store: Store) {}

  async list(orgId: string, userId: string, opts: PageRequest & { unreadOnly: boolean }) {
    return this.store.queryPage({
      partition: keys.notificationsOf(orgId, userId),
      sortPrefix: 'NOTE#',
      schema: Notification,
      forward: false,
      limit: opts.limit,
      cursor: opts.cursor,
      ...(opts.unreadOnly ? { filter: { FilterExpression: 'attribute_not_exists(readAt)' } } : {}),
    });
  }

  async markRead(orgId: string, userId: string, id: string, at: string) {
    try {
      const out = await this.store.db.send(
        new UpdateCommand({
          TableName: this.store.tableName,
          Key: keys.notification(orgId, userId, id),
          UpdateExpression: 'SET readAt = if_not_exists(readAt, :at)',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':at': at },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return out.Attributes ? parseItem(Notification, out.Attributes) : undefined;
    } catch (err) {
      if (this.store.isConditionFailure(err)) return undefined;
      throw err;
    }
  }

  async aboutParticipant(orgId: string, participantId: string) {
    const items = await this.store.queryAll({
      index: 'GSI2',
      partition: keys.gsi2.notificationsAboutParticipant(orgId, participantId),
      schema: Notification,
    });
    return items.map((n) => ({ ...n, orgId }));
  }

  async redact(orgId: string, n: Notification, text: { title: string; body: string }) {
    await this.store.db.send(
      new UpdateCommand({
        TableName: this.store.tableName,
        Key: keys.notification(orgId, n.userId, n.id),
        UpdateExpression: 'SET title = :t, body = :b REMOVE GSI2PK, GSI2SK, participantId',
        ExpressionAttributeValues: { ':t': text.title, ':b': text.body },
      }),
    );
  }
}

export class DynamoStatsRepository implements StatsRepository {
  constructor(private readonly store: Store) {}

  async funnel(orgId: string, fromMonth: string, toMonth: string) {
    const groups = new Map<string, FunnelCounts>();
    const months = keys.statsMonths(fromMonth, toMonth);
    const items = await this.store.queryItems({
      KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': keys.statsPartition(orgId), ':from': months.lo, ':to': months.hi },
    });
    for (const item of items) {
      const group = keys.statsGroup(String(item.SK));
      const g = groups.get(group) ?? emptyFunnel();
      for (const c of FUNNEL_COUNTERS) g[c] += typeof item[c] === 'number' ? (item[c] as number) : 0;
      groups.set(group, g);
    }
    return groups;
  }

  async employersEngaged(orgId: string, fromMonth: string, toMonth: string) {
    const months = keys.engagedMonths(fromMonth, toMonth);
    const items = await this.store.queryItems({
      KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': keys.statsPartition(orgId), ':from': months.lo, ':to': months.hi },
      ProjectionExpression: 'SK',
    });
    return new Set(items.map((i) => keys.engagedEmployer(String(i.SK)))).size;
  }
}
