import { outboxItem } from './outbox.js';
import type { Employer } from '../../domain/employer.js';
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

  async create(v: Vacancy, employer: Employer, events: OutboxEvent[] = []) {
    const pool = vacancyPoolWrites(this.store, undefined, v, employer);
    // An open vacancy's pool entry checks the employer's version; a draft only that the employer exists.
    const checksEmployer = pool.some((i) => i.ConditionCheck);
    await this.store.transact(
      [
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
        ...events.map((e) => this.store.put(outboxItem(e))),
      ],
      () => new VersionConflict('employer changed or gone, or id reused'),
    );
  }

  async get(orgId: string, id: string) {
    return this.store.get(keys.vacancy(orgId, id), Vacancy);
  }

  async update(prev: Vacancy, next: Vacancy, events: OutboxEvent[] = [], employer?: Employer) {
    await this.store.transact(
      [
        this.store.putVersioned(this.item(next), prev.version),
        ...vacancyPoolWrites(this.store, prev, next, employer),
        ...events.map((e) => this.store.put(outboxItem(e))),
      ],
      () => new VersionConflict('vacancy or its employer changed'),
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
