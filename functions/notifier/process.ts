import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { OutboxEvent } from '../../shared/domain/events.js';
import type { AppLogger } from '../../shared/logger.js';
import { counts, METRIC, metrics as processMetrics, publishMetrics, type MetricsSink } from '../../shared/metrics.js';
import { deliver, type NotifierDeps } from '../../shared/use-cases/deliver.js';

/** The part of a stream record the notifier reads (Lambda's DynamoDBRecord and the local poller's record alike). */
export interface StreamRecord {
  eventName?: string;
  dynamodb?: { NewImage?: Record<string, unknown>; SequenceNumber?: string };
}

/** Business events counted when delivered: the same events the funnel report counts, exactly once each. */
const BUSINESS_EVENTS: Partial<Record<OutboxEvent['type'], string>> = {
  'submission.proposed': METRIC.submissionsProposed,
  'submission.hired': METRIC.hires,
};

/**
 * Handles a batch of table stream records: outbox inserts become deliveries; everything else is
 * ignored. Failures are reported per record (partial batch response) so one bad event does not hold
 * back the rest; redelivered records are harmless. At the end of the batch it publishes the
 * notifier's metrics (one EMF line): events delivered, emails sent, failures, and the proposals and
 * hires among the delivered events.
 */
export async function processStreamRecords(
  deps: NotifierDeps,
  logger: AppLogger,
  records: StreamRecord[],
  metrics: MetricsSink = processMetrics,
) {
  const batchItemFailures: { itemIdentifier: string }[] = [];
  const tally = {
    [METRIC.notificationsDelivered]: 0,
    [METRIC.emailsSent]: 0,
    [METRIC.deliveryFailures]: 0,
    [METRIC.submissionsProposed]: 0,
    [METRIC.hires]: 0,
  };
  // Counts what the sender accepted; a send that throws is not counted (and fails the record).
  const email: NotifierDeps['email'] = {
    send: async (message) => {
      await deps.email.send(message);
      tally[METRIC.emailsSent]++;
    },
  };
  const counted = { ...deps, email };
  let outboxRecords = 0;
  try {
    for (const r of records) {
      if (r.eventName !== 'INSERT' || !r.dynamodb?.NewImage) continue;
      const image = unmarshall(r.dynamodb.NewImage as Record<string, AttributeValue>);
      if (image.type !== 'Outbox') continue;
      outboxRecords++;
      const parsed = OutboxEvent.safeParse(image.event);
      if (!parsed.success) {
        logger.error('malformed outbox event skipped', { sequence: r.dynamodb.SequenceNumber });
        tally[METRIC.deliveryFailures]++;
        continue;
      }
      try {
        const outcome = await deliver(counted, parsed.data);
        logger.debug('event delivered', { eventId: parsed.data.id, type: parsed.data.type, outcome });
        if (outcome === 'delivered') {
          tally[METRIC.notificationsDelivered]++;
          const business = BUSINESS_EVENTS[parsed.data.type];
          if (business) tally[business as keyof typeof tally]++;
        }
      } catch (error) {
        logger.error('delivery failed', { eventId: parsed.data.id, type: parsed.data.type, error });
        tally[METRIC.deliveryFailures]++;
        if (r.dynamodb.SequenceNumber) batchItemFailures.push({ itemIdentifier: r.dynamodb.SequenceNumber });
      }
    }
  } finally {
    // A batch with no outbox record (the local poller's empty polls) publishes nothing.
    if (outboxRecords > 0) publishMetrics(metrics, counts(tally));
  }
  return { batchItemFailures };
}
