import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { ensureTable } from '../../shared/adapters/dynamodb/create-table.js';

/**
 * `npm start`'s table creation when a request is sent twice: a create or TTL update that landed but
 * answered too slowly is retried by the SDK, and the retry is refused because the first one worked (seen
 * on a fresh clone under load: "TimeToLive is already enabled"). DynamoDB Local cannot be made to answer
 * late on cue, so a mocked client stands in for it.
 */
const ddb = mockClient(DynamoDBDocumentClient);
const db = () => DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-2' }));
const missing = () => new ResourceNotFoundException({ message: 'Cannot do operations on a non-existent table', $metadata: {} });

function validation(message: string) {
  const err = new Error(message);
  err.name = 'ValidationException';
  return err;
}

describe('ensureTable', () => {
  beforeEach(() => ddb.reset());

  it('leaves an existing table alone', async () => {
    ddb.on(DescribeTableCommand).resolves({ Table: { TableName: 't' } });
    expect(await ensureTable(db(), 't')).toBe(false);
    expect(ddb.commandCalls(CreateTableCommand)).toHaveLength(0);
  });

  it('takes a retried create and a retried TTL update that find their first attempt landed as success', async () => {
    ddb.on(DescribeTableCommand).rejects(missing());
    ddb.on(CreateTableCommand).rejects(new ResourceInUseException({ message: 'Table already exists: t', $metadata: {} }));
    ddb.on(UpdateTimeToLiveCommand).rejects(validation('TimeToLive is already enabled'));
    expect(await ensureTable(db(), 't')).toBe(true);
    expect(ddb.commandCalls(UpdateTimeToLiveCommand)[0]!.args[0].input.TimeToLiveSpecification?.Enabled).toBe(true);
  });

  it('still fails on any other refusal', async () => {
    ddb.on(DescribeTableCommand).rejects(missing());
    ddb.on(CreateTableCommand).resolves({});
    ddb.on(UpdateTimeToLiveCommand).rejects(validation('One or more parameter values were invalid'));
    await expect(ensureTable(db(), 't')).rejects.toThrow(/parameter values were invalid/);
  });
});
