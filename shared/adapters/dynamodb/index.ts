import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { IdGenerator } from '../../ids.js';
import type { Repositories } from '../../ports/repositories.js';
import { DynamoCohortRepository } from './cohort-repository.js';
import { DynamoEmployerRepository } from './employer-repository.js';
import { DynamoIdempotencyStore } from './idempotency-store.js';
import { DynamoParticipantRepository } from './participant-repository.js';
import { Store } from './store.js';
import { DynamoMatchPool } from './pool.js';
import { WarmPool } from './warm-pool.js';
import { DynamoSubmissionRepository } from './submission-repository.js';
import { DynamoPlacementRepository } from './placement-repository.js';
import { DynamoDeliveryRepository } from './delivery-repository.js';
import { DynamoDueRepository } from './due-repository.js';
import { DynamoNotificationRepository, DynamoStatsRepository } from './notification-repository.js';
import { DynamoVacancyRepository } from './vacancy-repository.js';
import { DynamoSkillVocabularyRepository } from './skill-vocabulary-repository.js';
import { DynamoCaseworkRepository } from './casework-repository.js';
import { DynamoSecretRepository, DynamoStaffRecordRepository } from './staff-record-repository.js';
import { DynamoStaffDirectory } from './staff-directory.js';
import { DynamoSupplyChainRepository } from './supply-chain-repository.js';
import { DynamoImportRefs } from './import-refs.js';

/** The staff directory kept in the table (local and tests; AWS uses the Cognito user pool's). */
export function dynamoStaffDirectory(db: DynamoDBDocumentClient, tableName: string) {
  return new DynamoStaffDirectory(new Store(db, tableName));
}

/** Wires every repository to one table. */
export function dynamoRepositories(db: DynamoDBDocumentClient, tableName: string, ids: IdGenerator): Repositories {
  const store = new Store(db, tableName);
  const participants = new DynamoParticipantRepository(store, ids);
  return {
    employers: new DynamoEmployerRepository(store),
    vacancies: new DynamoVacancyRepository(store),
    cohorts: new DynamoCohortRepository(store, participants),
    participants,
    idempotency: new DynamoIdempotencyStore(store),
    // One warm pool per set of repositories: the runtime makes one set per function instance.
    pool: new DynamoMatchPool(store, new WarmPool(store)),
    submissions: new DynamoSubmissionRepository(store),
    placements: new DynamoPlacementRepository(store),
    notifications: new DynamoNotificationRepository(store),
    stats: new DynamoStatsRepository(store),
    deliveries: new DynamoDeliveryRepository(store),
    due: new DynamoDueRepository(store),
    skills: new DynamoSkillVocabularyRepository(store),
    casework: new DynamoCaseworkRepository(store, participants),
    staff: new DynamoStaffRecordRepository(store),
    secrets: new DynamoSecretRepository(store),
    supplyChain: new DynamoSupplyChainRepository(store),
    importRefs: new DynamoImportRefs(store),
    async ping() {
      const out = await db.send(new DescribeTableCommand({ TableName: tableName }));
      return out.Table?.TableStatus === 'ACTIVE';
    },
  };
}
