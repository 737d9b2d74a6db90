import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { Contact, Employer, Interaction, Pledge, normaliseEmployerName } from '../../domain/employer.js';
import { ConflictError, DuplicateEmployerError, VersionConflict } from '../../errors.js';
import type { EmployerListFilter, EmployerRepository, NewEmployer, PageRequest, RecordCap } from '../../ports/repositories.js';
import { dueIndex, keys } from './keys.js';
import type { Store, TransactItem } from './store.js';
import { Count } from '../../domain/common.js';
import type { OutboxEvent } from '../../domain/events.js';
import { outboxItem } from './outbox.js';
import { duplicateReference, importRefGuard } from './import-refs.js';
import type { VacancyCallback } from '../../domain/callback.js';
import { callbackEndWrite } from './vacancy-repository.js';

/** Sort key for name-ordered listings and prefix search: lower case, accents dropped (Café → cafe), punctuation folded to spaces. */
export function nameSortKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const contactItem = (orgId: string, c: Contact) => ({ ...keys.contact(orgId, c.employerId, c.id), type: 'Contact', ...c });

const interactionItem = (orgId: string, i: Interaction) => ({
  ...keys.interaction(orgId, i.employerId, i.id),
  type: 'Interaction',
  // A promised follow-up joins the due index until the sweeper announces it.
  ...(i.followUpOn ? dueIndex.entry(i.followUpOn, orgId, 'INT', i.id, i.employerId) : {}),
  ...i,
});

/** The employer was in contact that month ("employers engaged" counts each once). */
const engagedItem = (orgId: string, month: string, employerId: string) => ({ ...keys.engaged(orgId, month, employerId), type: 'Engaged' });

function pledgeItem(orgId: string, p: Pledge) {
  const { progress, ...rest } = p;
  return { ...keys.pledge(orgId, p.employerId, p.id), type: 'Pledge', ...rest, hires: progress.hires, sustained: progress.sustained };
}

const StoredPledge = Pledge.omit({ progress: true }).extend({ hires: Count, sustained: Count });

export class DynamoEmployerRepository implements EmployerRepository {
  constructor(private readonly store: Store) {}

  private item(e: Employer) {
    const sortName = `${nameSortKey(e.name)}#${e.id}`;
    return {
      ...keys.employer(e.orgId, e.id),
      type: 'Employer',
      GSI1PK: keys.gsi1.employersOfManager(e.orgId, e.accountManagerId),
      GSI1SK: sortName,
      GSI2PK: keys.gsi2.employersByStage(e.orgId, e.stage),
      GSI2SK: sortName,
      GSI3PK: keys.gsi3.employersByName(e.orgId),
      GSI3SK: sortName,
      ...e,
    };
  }

  private guards(e: Employer) {
    const g: { kind: 'name-and-postcode' | 'company-number'; key: { PK: string; SK: string } }[] = [
      { kind: 'name-and-postcode', key: keys.employerNameGuard(e.orgId, normaliseEmployerName(e.name), e.address.postcode) },
    ];
    if (e.companyNumber) g.push({ kind: 'company-number', key: keys.companyNumberGuard(e.orgId, e.companyNumber) });
    return g;
  }

  private async duplicateError(guard: { kind: 'name-and-postcode' | 'company-number'; key: { PK: string; SK: string } }) {
    const existing = await this.store.getRaw(guard.key);
    return new DuplicateEmployerError(String(existing?.employerId ?? 'unknown'), guard.kind);
  }

  /** The new employer's own items: the record, its duplicate guards and its import reference, if any. */
  private newItems(e: Employer): TransactItem[] {
    return [
      this.store.put(this.item(e), 'attribute_not_exists(PK)'),
      ...this.guards(e).map((g) => this.store.put({ ...g.key, type: 'Guard', employerId: e.id }, 'attribute_not_exists(PK)')),
      ...importRefGuard(this.store, 'employers', e.orgId, e.externalRef, e.id),
    ];
  }

  async create(e: Employer): Promise<void> {
    const guards = this.guards(e);
    let failed: number | undefined;
    try {
      await this.store.transact(this.newItems(e), (i) => {
        failed = i;
        return new Error('duplicate');
      });
    } catch (err) {
      if (failed === guards.length + 1 && e.externalRef) throw await duplicateReference(this.store, 'employers', e.orgId, e.externalRef);
      const guard = failed !== undefined && failed > 0 ? guards[failed - 1] : undefined;
      if (guard) throw await this.duplicateError(guard);
      throw err;
    }
  }

  async createMany(records: readonly NewEmployer[], caps: { contacts: RecordCap; pledges: RecordCap }) {
    const groups = records.map(({ employer: e, contacts = [], interactions = [], pledges = [] }) => {
      const orgId = e.orgId;
      for (const [list, cap] of [
        [contacts, caps.contacts],
        [pledges, caps.pledges],
      ] as const)
        if (cap.existing + list.length > cap.max) throw cap.refusal();
      // The counter `countUnderCap` would have left after counting each one, set once.
      const counted = {
        ...(contacts.length ? { contacts: caps.contacts.existing + contacts.length } : {}),
        ...(pledges.length ? { pledges: caps.pledges.existing + pledges.length } : {}),
      };
      const months = [...new Set(interactions.map((i) => i.occurredAt.slice(0, 7)))];
      return [
        ...this.newItems(e),
        ...contacts.map((c) => this.store.put(contactItem(orgId, c), 'attribute_not_exists(PK)')),
        ...interactions.map((i) => this.store.put(interactionItem(orgId, i), 'attribute_not_exists(PK)')),
        ...months.map((m) => this.store.put(engagedItem(orgId, m, e.id))),
        ...pledges.map((p) => this.store.put(pledgeItem(orgId, p), 'attribute_not_exists(PK)')),
        ...(Object.keys(counted).length
          ? [this.store.put({ ...keys.employerCounts(orgId, e.id), ...counted, type: 'Counts' }, 'attribute_not_exists(PK)')]
          : []),
      ];
    });
    await this.store.transactMany(groups, () => new VersionConflict('employer id, name, company number or reference taken'));
  }

  async get(orgId: string, id: string): Promise<Employer | undefined> {
    return this.store.get(keys.employer(orgId, id), Employer);
  }

  async update(prev: Employer, next: Employer): Promise<void> {
    const before = this.guards(prev);
    const after = this.guards(next);
    const removed = before.filter((b) => !after.some((a) => a.key.PK === b.key.PK));
    const added = after.filter((a) => !before.some((b) => b.key.PK === a.key.PK));
    const items: TransactItem[] = [
      this.store.putVersioned(this.item(next), prev.version),
      ...removed.map((g) => ({ Delete: { TableName: this.store.tableName, Key: g.key } })),
      ...added.map((g) => this.store.put({ ...g.key, type: 'Guard', employerId: next.id }, 'attribute_not_exists(PK)')),
    ];
    let failed: number | undefined;
    try {
      await this.store.transact(items, (i) => {
        failed = i;
        return i === 0 ? new VersionConflict('employer changed') : new Error('duplicate');
      });
    } catch (err) {
      const guard = failed !== undefined && failed > 0 ? added[failed - 1 - removed.length] : undefined;
      if (guard) throw await this.duplicateError(guard);
      throw err;
    }
  }

  async list(orgId: string, filter: EmployerListFilter, page: PageRequest) {
    switch (filter.by) {
      case 'accountManager':
        return this.store.queryPage({
          index: 'GSI1',
          partition: keys.gsi1.employersOfManager(orgId, filter.managerId),
          schema: Employer,
          ...page,
        });
      case 'stage':
        return this.store.queryPage({
          index: 'GSI2',
          partition: keys.gsi2.employersByStage(orgId, filter.stage),
          schema: Employer,
          ...page,
        });
      case 'namePrefix':
        // A search of only punctuation or symbols ("!!!", "🙂") names no employer: every stored name key has a letter or digit.
        if (nameSortKey(filter.prefix) === '') return { items: [], nextCursor: null };
        return this.store.queryPage({
          index: 'GSI3',
          partition: keys.gsi3.employersByName(orgId),
          sortPrefix: nameSortKey(filter.prefix),
          schema: Employer,
          ...page,
        });
      case 'all':
        return this.store.queryPage({ index: 'GSI3', partition: keys.gsi3.employersByName(orgId), schema: Employer, ...page });
    }
  }

  private employerMustExist(orgId: string, employerId: string): TransactItem {
    return {
      ConditionCheck: {
        TableName: this.store.tableName,
        Key: keys.employer(orgId, employerId),
        ConditionExpression: 'attribute_exists(PK)',
      },
    };
  }

  private async addChild(orgId: string, employerId: string, item: Record<string, unknown>, also: TransactItem[] = []) {
    await this.store.transact(
      [this.employerMustExist(orgId, employerId), this.store.put(item, 'attribute_not_exists(PK)'), ...also],
      () => new VersionConflict('employer gone'),
    );
  }

  /** A contact or pledge, counted against its cap in the same transaction (the count lives beside the employer). */
  private async addCounted(orgId: string, employerId: string, item: Record<string, unknown>, field: string, cap: RecordCap) {
    await this.store.transact(
      [
        this.employerMustExist(orgId, employerId),
        this.store.put(item, 'attribute_not_exists(PK)'),
        this.store.countUnderCap(keys.employerCounts(orgId, employerId), field, cap),
      ],
      (i) => (i === 2 ? cap.refusal() : new VersionConflict('employer gone')),
    );
  }

  async addContact(orgId: string, c: Contact, cap: RecordCap) {
    await this.addCounted(orgId, c.employerId, contactItem(orgId, c), 'contacts', cap);
  }

  async getContact(orgId: string, employerId: string, id: string) {
    return this.store.get(keys.contact(orgId, employerId, id), Contact);
  }

  async updateContact(orgId: string, prev: Contact, next: Contact) {
    // Conditional on the contact's version as read (never changed: still never), so a change in between is read again.
    const unchanged = prev.version === undefined ? 'attribute_not_exists(version)' : 'version = :prev';
    try {
      await this.store.db.send(
        new PutCommand({
          TableName: this.store.tableName,
          Item: { ...keys.contact(orgId, next.employerId, next.id), type: 'Contact', ...next },
          ConditionExpression: `attribute_exists(PK) AND ${unchanged}`,
          ...(prev.version === undefined ? {} : { ExpressionAttributeValues: { ':prev': prev.version } }),
        }),
      );
    } catch (err) {
      if (this.store.isConditionFailure(err)) throw new VersionConflict('contact changed');
      throw err;
    }
  }

  async listContacts(orgId: string, employerId: string) {
    return this.store.queryAll({
      partition: keys.employer(orgId, employerId).PK,
      sortPrefix: keys.employerChildPrefix.contact,
      schema: Contact,
    });
  }

  async addInteraction(orgId: string, i: Interaction, callback?: { made: VacancyCallback; events: OutboxEvent[] }) {
    await this.addChild(orgId, i.employerId, interactionItem(orgId, i), [
      this.store.put(engagedItem(orgId, i.occurredAt.slice(0, 7), i.employerId)),
      // The vacancy's callback, made by this contact: only while it is still open (neither made nor closed).
      ...(callback ? [callbackEndWrite(this.store, callback.made), ...callback.events.map((e) => this.store.put(outboxItem(e)))] : []),
    ]);
  }

  async getInteraction(orgId: string, employerId: string, id: string) {
    return this.store.get(keys.interaction(orgId, employerId, id), Interaction);
  }

  async markFollowUpNotified(orgId: string, i: Interaction, event: OutboxEvent) {
    await this.store.transact(
      [
        {
          Update: {
            TableName: this.store.tableName,
            Key: keys.interaction(orgId, i.employerId, i.id),
            UpdateExpression: 'REMOVE GSI3PK, GSI3SK SET followUpNotifiedAt = :at',
            ConditionExpression: 'attribute_exists(GSI3PK)',
            ExpressionAttributeValues: { ':at': event.at },
          },
        },
        this.store.put(outboxItem(event)),
      ],
      () => new VersionConflict('follow-up already announced'),
    );
  }

  async completeFollowUp(orgId: string, i: Interaction, done: { at: string; by: string }) {
    try {
      await this.store.db.send(
        new UpdateCommand({
          TableName: this.store.tableName,
          Key: keys.interaction(orgId, i.employerId, i.id),
          UpdateExpression: 'REMOVE GSI3PK, GSI3SK SET followUpDoneAt = :at, followUpDoneBy = :by',
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(followUpDoneAt)',
          ExpressionAttributeValues: { ':at': done.at, ':by': done.by },
        }),
      );
    } catch (err) {
      if (this.store.isConditionFailure(err)) throw new ConflictError('This follow-up is already marked done');
      throw err;
    }
  }

  async listInteractions(orgId: string, employerId: string, page: PageRequest) {
    // Newest first: interaction ids are ULIDs, so the sort key orders them by time recorded.
    return this.store.queryPage({
      partition: keys.employer(orgId, employerId).PK,
      sortPrefix: keys.employerChildPrefix.interaction,
      schema: Interaction,
      forward: false,
      ...page,
    });
  }

  async addPledge(orgId: string, p: Pledge, cap: RecordCap) {
    await this.addCounted(orgId, p.employerId, pledgeItem(orgId, p), 'pledges', cap);
  }

  async listPledges(orgId: string, employerId: string): Promise<Pledge[]> {
    const stored = await this.store.queryAll({
      partition: keys.employer(orgId, employerId).PK,
      sortPrefix: keys.employerChildPrefix.pledge,
      schema: StoredPledge,
    });
    return stored.map(({ hires, sustained, ...p }) => ({
      ...p,
      progress: { hires, sustained, percent: Math.min(100, Math.round((hires / p.jobsPledged) * 100)) },
    }));
  }

  async findSame(orgId: string, company: Pick<Employer, 'name' | 'companyNumber' | 'address'>) {
    const byNumber = company.companyNumber ? await this.store.getRaw(keys.companyNumberGuard(orgId, company.companyNumber)) : undefined;
    const found =
      byNumber ?? (await this.store.getRaw(keys.employerNameGuard(orgId, normaliseEmployerName(company.name), company.address.postcode)));
    return typeof found?.employerId === 'string' ? found.employerId : undefined;
  }
}
