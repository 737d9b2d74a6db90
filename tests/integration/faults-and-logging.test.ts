import { dynamoEndpoint } from '../support/dynamo-endpoint.js';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ProvisionedThroughputExceededException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { body, createHarness, type Harness } from '../support/harness.js';
import { employerBody, participantBody } from '../support/fixtures.js';
import { logger } from '../../shared/logger.js';

/** Faults the real database cannot produce on demand are injected with aws-sdk-client-mock. */
let h: Harness;
let employerId: string;

beforeAll(async () => {
  h = await createHarness();
  await h.signIn('lia', 'liaison');
  await h.signIn('adv', 'adviser');
  employerId = (await body(await h.call('POST', '/employers', { as: 'lia', body: employerBody() }))).id as string;
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('faults', () => {
  it('answers an unexpected database failure with a bare 500: no stack, no SDK message', async () => {
    const mock = mockClient(h.db);
    mock.on(GetCommand).rejects(new Error('Internal DynamoDB detail: arn:aws:dynamodb:eu-west-2:123:table/secret'));
    try {
      const res = await h.call('GET', `/employers/${employerId}`, { as: 'lia', headers: { 'x-correlation-id': 'corr-500-test' } });
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(text).not.toContain('arn:aws');
      expect(text).not.toContain('DynamoDB');
      expect(text).not.toMatch(/at .*\.ts:\d+/);
      expect(JSON.parse(text)).toMatchObject({ status: 500, title: 'Internal error', correlationId: 'corr-500-test' });
    } finally {
      mock.restore();
    }
  });

  it('answers database throttling with 503 and Retry-After', async () => {
    const mock = mockClient(DynamoDBDocumentClient);
    mock.on(GetCommand).rejects(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }));
    try {
      const res = await h.call('GET', `/employers/${employerId}`, { as: 'lia' });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('1');
    } finally {
      mock.restore();
    }
    // The real database answers again once the fault is gone.
    expect((await h.call('GET', `/employers/${employerId}`, { as: 'lia' })).status).toBe(200);
  });
});

describe('faults inside transactions and past the retries', () => {
  // Reads still reach the real database through a client of its own; only the writes are faulted.
  const passThrough = createDocumentClient({ endpoint: dynamoEndpoint() });
  it('answers a transaction cancelled for throttling with 503 and Retry-After, and changes nothing', async () => {
    // Prepare
    const before = await h.snapshot();
    const mock = mockClient(h.db);
    mock.on(GetCommand).callsFake((input) => passThrough.send(new GetCommand(input)));
    mock.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'None' }, { Code: 'ThrottlingError' }],
      }),
    );
    try {
      // Act
      const res = await h.call('POST', '/employers', { as: 'lia', body: employerBody({ name: 'Throttled Bakery' }) });
      // Assess
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('1');
      expect(await res.text()).not.toContain('ThrottlingError');
    } finally {
      mock.restore();
    }
    expect(await h.snapshot()).toBe(before);
  });

  it('answers a conflict that outlives every retry with 409, not 500', async () => {
    const v = await body(await h.call('POST', '/employers', { as: 'lia', body: employerBody({ name: 'Contended Ltd' }) }));
    const mock = mockClient(h.db);
    mock.on(GetCommand).callsFake((input) => passThrough.send(new GetCommand(input)));
    // Every write loses its race: someone else's transaction is always in the way.
    mock
      .on(TransactWriteCommand)
      .rejects(
        new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: [{ Code: 'TransactionConflict' }] }),
      );
    try {
      const res = await h.call('PATCH', `/employers/${v.id}`, { as: 'lia', body: { stage: 'contacted' } });
      expect(res.status).toBe(409);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    } finally {
      mock.restore();
    }
  });
});

describe('request logging', () => {
  it('echoes the caller’s correlation id, or makes one', async () => {
    const given = await h.call('GET', '/health', { headers: { 'x-correlation-id': 'abc-123' } });
    expect(given.headers.get('x-correlation-id')).toBe('abc-123');
    const made = await h.call('GET', '/health');
    expect(made.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs one structured line per request with the correlation id, never the token or participant data, and resets keys', async () => {
    const lines: string[] = [];
    logger.setLogLevel('INFO');
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    const res = await h.call('POST', '/participants', {
      as: 'adv',
      body: participantBody({ firstName: 'Zainab', lastName: 'Okonkwo-Unique' }),
      headers: { 'x-correlation-id': 'log-test-1' },
    });
    expect(res.status).toBe(201);
    logger.setLogLevel('SILENT');
    vi.restoreAllMocks();
    const serialised = lines.join('');
    const entry = JSON.parse(lines.find((l) => l.includes('"request"'))!) as Record<string, unknown>;
    expect(entry).toMatchObject({
      level: 'INFO',
      message: 'request',
      service: 'routeway',
      correlationId: 'log-test-1',
      method: 'POST',
      status: 201,
    });
    expect(serialised).not.toContain('Okonkwo-Unique');
    expect(serialised).not.toMatch(/eyJ[A-Za-z0-9_-]+\./);
    // Nothing from this request lingers for the next one.
    logger.setLogLevel('INFO');
    const after: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      after.push(String(chunk));
      return true;
    });
    logger.info('unrelated');
    logger.setLogLevel('SILENT');
    vi.restoreAllMocks();
    expect(after.join('')).not.toContain('log-test-1');
  });
});
