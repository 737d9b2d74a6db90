import type { OutboxEvent } from '../../domain/events.js';
import type { Participant } from '../../domain/participant.js';
import { Submission, submissionDue } from '../../domain/submission.js';
import { placementItem } from './placement-repository.js';
import type { Vacancy } from '../../domain/vacancy.js';
import { ConflictError, VersionConflict } from '../../errors.js';
import { isMatchable, toMatchProfile } from '../../matching/profile.js';
import { profileKey } from './pool.js';
import type { EndedSubmission, PageRequest, SubmissionChange, SubmissionRepository, VacancyEnd } from '../../ports/repositories.js';
import { dueIndex, keys } from './keys.js';
import { participantItem } from './participant-repository.js';
import { vacancyPoolWrites } from './pool.js';
import type { Store, TransactItem } from './store.js';
import { outboxItem } from './outbox.js';
import { callbackEndWrite, vacancyItem } from './vacancy-repository.js';

export class DynamoSubmissionRepository implements SubmissionRepository {
  constructor(private readonly store: Store) {}

  private item(s: Submission) {
    const due = submissionDue(s);
    return {
      ...keys.submission(s.orgId, s.id),
      type: 'Submission',
      GSI1PK: keys.gsi1.submissionsOfVacancy(s.orgId, s.vacancyId),
      GSI1SK: s.id,
      GSI2PK: keys.gsi2.submissionsOfParticipant(s.orgId, s.participantId),
      GSI2SK: s.id,
      ...(due ? dueIndex.entry(due, s.orgId, 'SUB', s.id) : {}),
      ...s,
    };
  }

  /**
   * A participant's submission counters changed: the record (version-checked) and, while they stay
   * matchable, the two pool fields that depend on them; a hire takes them out of the pool.
   */
  private participantWrites(prev: Participant, next: Participant): TransactItem[] {
    const items: TransactItem[] = [this.store.putVersioned(participantItem(next), prev.version)];
    if (isMatchable(prev)) {
      const key = profileKey(prev);
      if (isMatchable(next)) {
        const profile = toMatchProfile(next, undefined);
        items.push({
          Update: {
            TableName: this.store.tableName,
            Key: key,
            UpdateExpression: 'SET profile.liveSubmissions = :l, profile.waitingSince = :w',
            ConditionExpression: 'attribute_exists(PK)',
            ExpressionAttributeValues: { ':l': profile.liveSubmissions, ':w': profile.waitingSince },
          },
        });
      } else {
        items.push({ Delete: { TableName: this.store.tableName, Key: key } });
      }
    }
    return items;
  }

  private vacancyWrites(prev: Vacancy, next: Vacancy): TransactItem[] {
    return [this.store.putVersioned(vacancyItem(next), prev.version), ...vacancyPoolWrites(this.store, prev, next)];
  }

  /** Submissions withdrawn with their vacancy: each version-checked, with the participant's count it frees. */
  private endedWrites(ended: readonly EndedSubmission[] = []): TransactItem[] {
    return ended.flatMap((e) => [
      this.store.putVersioned(this.item(e.next), e.prev.version),
      ...(e.participant ? this.participantWrites(e.participant.prev, e.participant.next) : []),
    ]);
  }

  async propose(change: {
    vacancy: { prev: Vacancy; next: Vacancy };
    submissions: Submission[];
    participants: { prev: Participant; next: Participant }[];
    events: OutboxEvent[];
  }) {
    const items: TransactItem[] = [
      ...this.vacancyWrites(change.vacancy.prev, change.vacancy.next),
      ...change.submissions.flatMap((s) => [
        this.store.put(
          { ...keys.submissionGuard(s.orgId, s.vacancyId, s.participantId), type: 'SubmissionGuard', submissionId: s.id },
          'attribute_not_exists(PK)',
        ),
        this.store.put(this.item(s), 'attribute_not_exists(PK)'),
      ]),
      ...change.participants.flatMap((p) => this.participantWrites(p.prev, p.next)),
      ...change.events.map((e) => this.store.put(outboxItem(e))),
    ];
    const guardStart = this.vacancyWrites(change.vacancy.prev, change.vacancy.next).length;
    await this.store.transact(items, (i) =>
      i >= guardStart && i < guardStart + change.submissions.length * 2 && (i - guardStart) % 2 === 0
        ? new ConflictError('One of these participants has already been put forward for this vacancy')
        : new VersionConflict('shortlist changed'),
    );
  }

  async apply(change: SubmissionChange) {
    const items: TransactItem[] = [
      this.store.putVersioned(this.item(change.next), change.prev.version),
      ...(change.vacancy ? this.vacancyWrites(change.vacancy.prev, change.vacancy.next) : []),
      ...(change.callback ? [callbackEndWrite(this.store, change.callback)] : []),
      ...(change.participant ? this.participantWrites(change.participant.prev, change.participant.next) : []),
      ...(change.placement ? [this.store.put(placementItem(change.placement), 'attribute_not_exists(PK)')] : []),
      ...(change.reopen
        ? [
            {
              Delete: {
                TableName: this.store.tableName,
                Key: keys.submissionGuard(change.next.orgId, change.next.vacancyId, change.next.participantId),
              },
            },
          ]
        : []),
      ...this.endedWrites(change.ended),
      ...change.events.map((e) => this.store.put(outboxItem(e))),
    ];
    await this.store.transact(items, () => new VersionConflict('submission changed'));
  }

  async endVacancy(change: VacancyEnd) {
    await this.store.transact(
      [
        ...this.vacancyWrites(change.vacancy.prev, change.vacancy.next),
        ...(change.callback ? [callbackEndWrite(this.store, change.callback)] : []),
        ...this.endedWrites(change.ended),
        ...change.events.map((e) => this.store.put(outboxItem(e))),
      ],
      () => new VersionConflict('vacancy, its callback or one of its submissions changed'),
    );
  }

  async get(orgId: string, id: string) {
    return this.store.get(keys.submission(orgId, id), Submission);
  }

  async listByVacancy(orgId: string, vacancyId: string, page: PageRequest) {
    return this.store.queryPage({
      index: 'GSI1',
      partition: keys.gsi1.submissionsOfVacancy(orgId, vacancyId),
      schema: Submission,
      ...page,
    });
  }

  async listByParticipant(orgId: string, participantId: string) {
    return this.store.queryAll({ index: 'GSI2', partition: keys.gsi2.submissionsOfParticipant(orgId, participantId), schema: Submission });
  }

  async listAllByVacancy(orgId: string, vacancyId: string) {
    return this.store.queryAll({ index: 'GSI1', partition: keys.gsi1.submissionsOfVacancy(orgId, vacancyId), schema: Submission });
  }

  async participantsPutForward(orgId: string, vacancyId: string): Promise<Set<string>> {
    const guards = await this.store.keysWithPrefix(keys.vacancy(orgId, vacancyId).PK, keys.submissionGuardPrefix);
    return new Set(guards.map((k) => keys.guardedParticipant(k.SK)));
  }

  async putSubmission(s: Submission) {
    await this.store.transact([this.store.put(this.item(s))], () => new VersionConflict('submission'));
  }
}
