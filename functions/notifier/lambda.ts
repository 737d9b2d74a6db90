import type { DynamoDBStreamEvent } from 'aws-lambda';
import { loadConfig } from '../../shared/config.js';
import { buildEmailSender } from '../../shared/email-runtime.js';
import { buildRuntime } from '../../shared/runtime.js';
import { processStreamRecords } from './process.js';

const config = loadConfig(process.env);
const runtime = { ...(await buildRuntime(config)), email: buildEmailSender(config) };

/** The table stream's consumer: partial batch failures are reported, so only failed records are retried. */
export const handler = async (event: DynamoDBStreamEvent) => processStreamRecords(runtime, runtime.logger, event.Records);
