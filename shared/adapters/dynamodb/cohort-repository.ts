import { Cohort, Enrolment } from '../../domain/cohort.js';
import { AlreadyEnrolledError, CohortFullError, VersionConflict } from '../../errors.js';
import type { CohortRepository, PageRequest } from '../../ports/repositories.js';
import { keys } from './keys.js';
import type { Store, TransactItem } from './store.js';
import type { DynamoParticipantRepository } from './participant-repository.js';
import type { Participant } from '../../domain/participant.js';

export class DynamoCohortRepository implements CohortRepository {
  constructor(
    private readonly store: Store,
    private readonly participants: DynamoParticipantRepository,
  ) {}

  private item(c: Cohort) {
    return { ...keys.cohort(c.orgId, c.id), type: 'Cohort', GSI2PK: keys.gsi2.cohorts(c.orgId), GSI2SK: `${c.startDate}#${c.id}`, ...c };
  }

  async create(c: Cohort) {
    await this.store.transact([this.store.put(this.item(c), 'attribute_not_exists(PK)')], () => new VersionConflict('id reused'));
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
  async enrol(orgId: string, e: Enrolment) {
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
      ],
      (i) => (i === 0 ? new CohortFullError() : new AlreadyEnrolledError()),
    );
  }

  async updateEnrolment(orgId: string, prev: Enrolment, next: Enrolment, participant?: { prev: Participant; next: Participant }) {
    const items: TransactItem[] = [
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
