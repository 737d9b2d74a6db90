/**
 * The one table's physical design: key attributes and global secondary indexes.
 * Shared by the CDK stateful stack and the local/test table creator so the two never drift.
 * Each index names the access patterns it serves (see docs/data-model.md).
 */
export const tableDesign = {
  partitionKey: 'PK',
  sortKey: 'SK',
  timeToLiveAttribute: 'expiresAt',
  globalSecondaryIndexes: [
    /** Parent → children by owner: employers by account manager, vacancies of an employer, participants of an adviser. */
    { indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
    /** Collections by state: employers by stage, vacancies by status, cohorts of an organisation. */
    { indexName: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
    /** Name-ordered directories: employer name-prefix search. */
    { indexName: 'GSI3', partitionKey: 'GSI3PK', sortKey: 'GSI3SK' },
  ],
} as const;

export type IndexName = (typeof tableDesign.globalSecondaryIndexes)[number]['indexName'];
