import { outboxItem } from './outbox.js';
import type { OutboxEvent } from '../../domain/events.js';
import { Vacancy } from '../../domain/vacancy.js';
import { VersionConflict } from '../../errors.js';
import type { PageRequest, VacancyListFilter, VacancyRepository } from '../../ports/repositories.js';
import { keys } from './keys.js';
import type { Store } from './store.js';
import { vacancyPoolWrites } from './pool.js';

/** The stored item of a vacancy (keys and index attributes included). */
export function vacancyItem(v: Vacancy) {
  return {
    ...keys.vacancy(v.orgId, v.id),
    type: 'Vacancy',
    GSI1PK: keys.gsi1.vacanciesOfEmployer(v.orgId, v.employerId),
    GSI1SK: `${v.status}#${v.id}`,
    GSI2PK: keys.gsi2.vacanciesByStatus(v.orgId, v.status),
    GSI2SK: `${v.closingDate}#${v.id}`,
    ...v,
  };
}

export class DynamoVacancyRepository implements VacancyRepository {
  constructor(private readonly store: Store) {}

  private item(v: Vacancy) {
    return vacancyItem(v);
  }

  async create(v: Vacancy, events: OutboxEvent[] = []) {
    await this.store.transact(
      [
        {
          ConditionCheck: {
            TableName: this.store.tableName,
            Key: keys.employer(v.orgId, v.employerId),
            ConditionExpression: 'attribute_exists(PK)',
          },
        },
        this.store.put(this.item(v), 'attribute_not_exists(PK)'),
        ...vacancyPoolWrites(this.store, undefined, v),
        ...events.map((e) => this.store.put(outboxItem(e))),
      ],
      () => new VersionConflict('employer gone or id reused'),
    );
  }

  async get(orgId: string, id: string) {
    return this.store.get(keys.vacancy(orgId, id), Vacancy);
  }

  async update(prev: Vacancy, next: Vacancy, events: OutboxEvent[] = []) {
    await this.store.transact(
      [
        this.store.putVersioned(this.item(next), prev.version),
        ...vacancyPoolWrites(this.store, prev, next),
        ...events.map((e) => this.store.put(outboxItem(e))),
      ],
      () => new VersionConflict('vacancy changed'),
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
