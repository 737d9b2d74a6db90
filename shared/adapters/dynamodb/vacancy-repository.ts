import { outboxItem } from './outbox.js';
import type { Employer } from '../../domain/employer.js';
import type { OutboxEvent } from '../../domain/events.js';
import { Vacancy } from '../../domain/vacancy.js';
import { VersionConflict } from '../../errors.js';
import type { NewVacancy, PageRequest, VacancyListFilter, VacancyRepository } from '../../ports/repositories.js';
import { VacancyCallback } from '../../domain/callback.js';
import { dueIndex, keys } from './keys.js';
import type { Store, TransactItem } from './store.js';
import { vacancyPoolWrites } from './pool.js';
import { duplicateReference, importRefGuard } from './import-refs.js';

/** The stored item of a vacancy (keys and index attributes included). */
export function vacancyItem(v: Vacancy) {
  return {
    ...keys.vacancy(v.orgId, v.id),
    type: 'Vacancy',
    GSI1PK: keys.gsi1.vacanciesOfEmployer(v.orgId, v.employerId),
    GSI1SK: `${v.status}#${v.id}`,
    GSI2PK: keys.gsi2.vacanciesByStatus(v.orgId, v.status),
    GSI2SK: `${v.closingDate}#${v.id}`,
    // Live submissions still to withdraw: on the due index until the sweeper has finished them.
    ...(v.withdrawing ? dueIndex.entry(v.withdrawing.since, v.orgId, 'VWD', v.id) : {}),
    ...v,
  };
}

/**
 * The stored item of a callback: listed among the open callbacks (GSI1) until made or closed, and on the
 * due index (GSI3) until then or until the account manager has been reminded.
 */
export function callbackItem(cb: VacancyCallback) {
  const open = !cb.made && !cb.closed;
  return {
    ...keys.callback(cb.orgId, cb.vacancyId),
    type: 'Callback',
    ...(open ? { GSI1PK: keys.gsi1.openCallbacks(cb.orgId), GSI1SK: `${cb.dueOn}#${cb.vacancyId}` } : {}),
    ...(open && !cb.remindedAt ? dueIndex.entry(cb.dueOn, cb.orgId, 'CB', cb.vacancyId) : {}),
    ...cb,
  };
}

/** Writes a callback made or closed, only while it is still neither (a lost race fails the transaction). */
export function callbackEndWrite(store: Store, cb: VacancyCallback) {
  return store.put(callbackItem(cb), 'attribute_exists(PK) AND attribute_not_exists(made) AND attribute_not_exists(closed)');
}

export class DynamoVacancyRepository implements VacancyRepository {
  constructor(private readonly store: Store) {}

  private item(v: Vacancy) {
    return vacancyItem(v);
  }

  /** A new vacancy's writes: its import reference, the employer checked, the record, its pool entry, callback and events. */
  private newItems(v: Vacancy, employer: Employer, events: readonly OutboxEvent[], callback?: VacancyCallback): TransactItem[] {
    const pool = vacancyPoolWrites(this.store, undefined, v, employer);
    // An open vacancy's pool entry checks the employer's version; a draft only that the employer exists.
    const checksEmployer = pool.some((i) => i.ConditionCheck);
    return [
      ...importRefGuard(this.store, 'vacancies', v.orgId, v.externalRef, v.id),
      ...(checksEmployer
        ? []
        : [
            {
              ConditionCheck: {
                TableName: this.store.tableName,
                Key: keys.employer(v.orgId, v.employerId),
                ConditionExpression: 'attribute_exists(PK)',
              },
            },
          ]),
      this.store.put(this.item(v), 'attribute_not_exists(PK)'),
      ...pool,
      ...(callback ? [this.store.put(callbackItem(callback), 'attribute_not_exists(PK)')] : []),
      ...events.map((e) => this.store.put(outboxItem(e))),
    ];
  }

  async create(v: Vacancy, employer: Employer, events: OutboxEvent[] = [], callback?: VacancyCallback) {
    let refTaken = false;
    await this.store
      .transact(this.newItems(v, employer, events, callback), (i) => {
        refTaken = i === 0 && v.externalRef !== undefined;
        return new VersionConflict('employer changed or gone, or id reused');
      })
      .catch(async (err: unknown) => {
        throw refTaken ? await duplicateReference(this.store, 'vacancies', v.orgId, v.externalRef!) : err;
      });
  }

  async createMany(records: readonly NewVacancy[]) {
    await this.store.transactMany(
      records.map((r) => this.newItems(r.vacancy, r.employer, r.events ?? [])),
      () => new VersionConflict('employer changed or gone, or id or reference taken'),
    );
  }

  async getCallback(orgId: string, vacancyId: string) {
    return this.store.get(keys.callback(orgId, vacancyId), VacancyCallback);
  }

  async openCallbacks(orgId: string, limit: number) {
    return (await this.store.queryPage({ index: 'GSI1', partition: keys.gsi1.openCallbacks(orgId), schema: VacancyCallback, limit })).items;
  }

  async markCallbackReminded(cb: VacancyCallback, at: string, event: OutboxEvent) {
    await this.store.transact(
      [
        {
          Update: {
            TableName: this.store.tableName,
            Key: keys.callback(cb.orgId, cb.vacancyId),
            UpdateExpression: 'REMOVE GSI3PK, GSI3SK SET remindedAt = :at',
            ConditionExpression: 'attribute_exists(GSI3PK)',
            ExpressionAttributeValues: { ':at': at },
          },
        },
        this.store.put(outboxItem(event)),
      ],
      () => new VersionConflict('callback already reminded or made'),
    );
  }

  async get(orgId: string, id: string) {
    return this.store.get(keys.vacancy(orgId, id), Vacancy);
  }

  async update(prev: Vacancy, next: Vacancy, events: OutboxEvent[] = [], employer?: Employer, callback?: VacancyCallback) {
    await this.store.transact(
      [
        this.store.putVersioned(this.item(next), prev.version),
        ...vacancyPoolWrites(this.store, prev, next, employer),
        ...(callback ? [callbackEndWrite(this.store, callback)] : []),
        ...events.map((e) => this.store.put(outboxItem(e))),
      ],
      () => new VersionConflict('vacancy, its employer or its callback changed'),
    );
  }

  async refreshPoolEntry(v: Vacancy, employer: Employer) {
    const pool = vacancyPoolWrites(this.store, v, v, employer);
    if (!pool.length) return;
    await this.store.transact(
      [
        {
          // Built from this version of the vacancy: it must still be current.
          ConditionCheck: {
            TableName: this.store.tableName,
            Key: keys.vacancy(v.orgId, v.id),
            ConditionExpression: '#v = :v',
            ExpressionAttributeNames: { '#v': 'version' },
            ExpressionAttributeValues: { ':v': v.version },
          },
        },
        ...pool,
      ],
      () => new VersionConflict('vacancy or its employer changed'),
    );
  }

  async list(orgId: string, filter: VacancyListFilter, page: PageRequest) {
    if (filter.by === 'employer') {
      return this.store.queryPage({
        index: 'GSI1',
        partition: keys.gsi1.vacanciesOfEmployer(orgId, filter.employerId),
        sortPrefix: filter.status ? `${filter.status}#` : undefined,
        schema: Vacancy,
        ...page,
      });
    }
    return this.store.queryPage({ index: 'GSI2', partition: keys.gsi2.vacanciesByStatus(orgId, filter.status), schema: Vacancy, ...page });
  }
}
