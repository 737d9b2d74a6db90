import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface DbOptions {
  region?: string;
  /** DynamoDB Local's address; absent in AWS. */
  endpoint?: string;
}

/**
 * One document client per process (module scope in Lambda), with `removeUndefinedValues` so optional
 * fields can be passed straight through. Locally, DynamoDB Local accepts any credentials; they are set
 * here only when an endpoint is given, never in AWS.
 */
export function createDocumentClient(opts: DbOptions): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region: opts.region ?? 'eu-west-2',
    ...(opts.endpoint
      ? { endpoint: opts.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
    maxAttempts: 4,
  });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}
