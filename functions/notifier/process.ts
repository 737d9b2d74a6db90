import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { OutboxEvent } from '../../shared/domain/events.js';
import type { AppLogger } from '../../shared/logger.js';
import { deliver, type NotifierDeps } from '../../shared/use-cases/deliver.js';

/** The part of a stream record the notifier reads (Lambda's DynamoDBRecord and the local poller's record alike). */
export interface StreamRecord {
  eventName?: string;
  dynamodb?: { NewImage?: Record<string, unknown>; SequenceNumber?: string };
}

/**
 * Handles a batch of table stream records: outbox inserts become deliveries; everything else is
 * ignored. Failures are reported per record (partial batch response) so one bad event does not hold
 * back the rest; redelivered records are harmless.
 */
export async function processStreamRecords(deps: NotifierDeps, logger: AppLogger, records: StreamRecord[]) {
  const batchItemFailures: { itemIdentifier: string }[] = [];
  for (const r of records) {
    if (r.eventName !== 'INSERT' || !r.dynamodb?.NewImage) continue;
    const image = unmarshall(r.dynamodb.NewImage as Record<string, AttributeValue>);
    if (image.type !== 'Outbox') continue;
    const parsed = OutboxEvent.safeParse(image.event);
    if (!parsed.success) {
      logger.error('malformed outbox event skipped', { sequence: r.dynamodb.SequenceNumber });
      continue;
    }
    try {
      const outcome = await deliver(deps, parsed.data);
      logger.debug('event delivered', { eventId: parsed.data.id, type: parsed.data.type, outcome });
    } catch (error) {
      logger.error('delivery failed', { eventId: parsed.data.id, type: parsed.data.type, error });
      if (r.dynamodb.SequenceNumber) batchItemFailures.push({ itemIdentifier: r.dynamodb.SequenceNumber });
    }
  }
  return { batchItemFailures };
}
