import type { DynamoDBStreamEvent } from 'aws-lambda';
import { loadConfig } from '../../shared/config.js';
import { buildRuntime } from '../../shared/runtime.js';
import { processStreamRecords } from './process.js';

const runtime = await buildRuntime(loadConfig(process.env));

/** The table stream's consumer: partial batch failures are reported, so only failed records are retried. */
export const handler = async (event: DynamoDBStreamEvent) => processStreamRecords(runtime, runtime.logger, event.Records);
