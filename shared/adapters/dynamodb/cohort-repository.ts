import { Cohort, Enrolment } from '../../domain/cohort.js';
import { AlreadyEnrolledError, CohortFullError, VersionConflict } from '../../errors.js';
import type { CohortRepository, PageRequest, RecordCap } from '../../ports/repositories.js';
import type { OutboxEvent } from '../../domain/events.js';
import { keys } from './keys.js';
import { outboxItem } from './outbox.js';
import { parseItem, type Store, type TransactItem } from './store.js';
import type { DynamoParticipantRepository } from './participant-repository.js';
import type { Participant } from '../../domain/participant.js';

/** One item per vacancy and per employer a cohort names (a cohort's links are set when it is created). */
export function cohortLinkItems(c: Pick<Cohort, 'orgId' | 'id' | 'linkedVacancyIds' | 'linkedEmployerIds'>) {
  return [
    ...c.linkedVacancyIds.map((id) => keys.cohortLinkOfVacancy(c.orgId, id, c.id)),
    ...c.linkedEmployerIds.map((id) => keys.cohortLinkOfEmployer(c.orgId, id, c.id)),
  ].map((k) => ({ ...k, type: 'CohortLink' }));
}

export class DynamoCohortRepository implements CohortRepository {
  constructor(
    private readonly store: Store,
    private readonly participants: DynamoParticipantRepository,
  ) {}

  private item(c: Cohort) {
    return { ...keys.cohort(c.orgId, c.id), type: 'Cohort', GSI2PK: keys.gsi2.cohorts(c.orgId), GSI2SK: `${c.startDate}#${c.id}`, ...c };
  }

  /** The cohort and its link items, so a match looks its links up instead of listing every cohort. */
  async create(c: Cohort) {
    await this.store.transact(
      [this.store.put(this.item(c), 'attribute_not_exists(PK)'), ...cohortLinkItems(c).map((i) => this.store.put(i))],
      () => new VersionConflict('id reused'),
    );
  }

  async linkedTo(orgId: string, vacancy: { id: string; employerId: string; linkedCohortIds: readonly string[] }) {
    const [byVacancy, byEmployer] = await Promise.all(
      [keys.cohortLinksOfVacancy(orgId, vacancy.id), keys.cohortLinksOfEmployer(orgId, vacancy.employerId)].map((pk) =>
        this.store.queryItems({ KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': pk }, ProjectionExpression: 'SK' }),
      ),
    );
    const ids = [...new Set([...vacancy.linkedCohortIds, ...[...byVacancy!, ...byEmployer!].map((i) => String(i.SK))])].sort();
    const cohorts = await Promise.all(ids.map((id) => this.get(orgId, id)));
    return cohorts.filter((c): c is Cohort => c !== undefined);
  }

  async startingFrom(orgId: string, date: string) {
    const items = await this.store.queryItems({
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK >= :from',
      ExpressionAttributeValues: { ':pk': keys.gsi2.cohorts(orgId), ':from': date },
    });
    return items.map((i) => parseItem(Cohort, i));
  }

  async get(orgId: string, id: string) {
    return this.store.get(keys.cohort(orgId, id), Cohort);
  }

  async list(orgId: string, page: PageRequest) {
    return this.store.queryPage({ index: 'GSI2', partition: keys.gsi2.cohorts(orgId), schema: Cohort, forward: false, ...page });
  }

  private enrolmentItem(orgId: string, e: Enrolment) {
    return {
      ...keys.enrolment(orgId, e.cohortId, e.participantId),
      type: 'Enrolment',
      GSI1PK: keys.gsi1.enrolmentsOfParticipant(orgId, e.participantId),
      GSI1SK: e.cohortId,
      ...e,
    };
  }

  async enrolmentsOf(orgId: string, participantId: string) {
    return this.store.queryAll({ index: 'GSI1', partition: keys.gsi1.enrolmentsOfParticipant(orgId, participantId), schema: Enrolment });
  }

  async putEnrolment(orgId: string, e: Enrolment) {
    await this.store.transact([this.store.put(this.enrolmentItem(orgId, e))], () => new VersionConflict('enrolment'));
  }

  async enrolments(orgId: string, cohortId: string) {
    return this.store.queryAll({ partition: keys.cohort(orgId, cohortId).PK, sortPrefix: keys.enrolmentPrefix, schema: Enrolment });
  }

  async getEnrolment(orgId: string, cohortId: string, participantId: string) {
    return this.store.get(keys.enrolment(orgId, cohortId, participantId), Enrolment);
  }

  /**
   * The capacity invariant lives in the database, not in a read-then-write: the cohort's counter is
   * incremented only while below capacity, in the same transaction as the new enrolment item.
   */
  async enrol(orgId: string, e: Enrolment, cap: RecordCap) {
    await this.store.transact(
      [
        {
          Update: {
            TableName: this.store.tableName,
            Key: keys.cohort(orgId, e.cohortId),
            UpdateExpression: 'SET enrolledCount = enrolledCount + :one, version = version + :one',
            ConditionExpression: 'attribute_exists(PK) AND enrolledCount < #cap',
            ExpressionAttributeNames: { '#cap': 'capacity' },
            ExpressionAttributeValues: { ':one': 1 },
          },
        },
        this.store.put(this.enrolmentItem(orgId, e), 'attribute_not_exists(PK)'),
        // Places free up on withdrawal; records do not: their count is capped apart.
        this.store.countUnderCap(keys.cohortCounts(orgId, e.cohortId), 'enrolments', cap),
      ],
      (i) => (i === 0 ? new CohortFullError() : i === 1 ? new AlreadyEnrolledError() : cap.refusal()),
    );
  }

  async updateEnrolment(
    orgId: string,
    prev: Enrolment,
    next: Enrolment,
    participant?: { prev: Participant; next: Participant },
    events: OutboxEvent[] = [],
  ) {
    const items: TransactItem[] = [
      ...events.map((e) => this.store.put(outboxItem(e))),
      // A completion's award of certificates lands on the participant in the same transaction.
      ...(participant ? await this.participants.updateItems(participant.prev, participant.next) : []),
      {
        Put: {
          TableName: this.store.tableName,
          Item: this.enrolmentItem(orgId, next),
          ConditionExpression: '#v = :expected',
          ExpressionAttributeNames: { '#v': 'version' },
          ExpressionAttributeValues: { ':expected': prev.version },
        },
      },
    ];
    // A withdrawal frees the place for someone else; completion keeps it (they used it).
    const freesPlace = prev.status === 'enrolled' && next.status === 'withdrawn';
    await this.store.transact(
      freesPlace
        ? [
            ...items,
            {
              Update: {
                TableName: this.store.tableName,
                Key: keys.cohort(orgId, next.cohortId),
                UpdateExpression: 'SET enrolledCount = enrolledCount - :one, version = version + :one',
                ConditionExpression: 'enrolledCount > :zero',
                ExpressionAttributeValues: { ':one': 1, ':zero': 0 },
              },
            },
          ]
        : items,
      () => new VersionConflict('enrolment changed'),
    );
  }
}
