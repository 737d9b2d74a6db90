import { dynamoEndpoint } from './dynamo-endpoint.js';
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient, PATIENT_DB_TIMEOUTS, type DbTimeouts } from '../../shared/adapters/dynamodb/client.js';
import { ensureTable } from '../../shared/adapters/dynamodb/create-table.js';
import { dynamoRepositories, dynamoStaffDirectory } from '../../shared/adapters/dynamodb/index.js';
import { generateLocalKeys, LOCAL_AUDIENCE, LOCAL_ISSUER, signLocalToken, type LocalKeys } from '../../shared/auth/local-keys.js';
import { createTokenVerifier } from '../../shared/auth/verifier.js';
import { clockFrom, type Clock } from '../../shared/clock.js';
import type { Actor, Role } from '../../shared/domain/actor.js';
import { EmployerCreate } from '../../shared/domain/employer.js';
import { ParticipantCreate } from '../../shared/domain/participant.js';
import { VacancyCreate } from '../../shared/domain/vacancy.js';
import { createEmployers } from '../../shared/use-cases/employers.js';
import { createParticipants } from '../../shared/use-cases/participants.js';
import { createVacancies } from '../../shared/use-cases/vacancies.js';
import { ulidGenerator } from '../../shared/ids.js';
import { logger } from '../../shared/logger.js';
import { createApp } from '../../functions/api/app.js';
import type { Deps } from '../../shared/use-cases/deps.js';
import { registerTable } from './tables.js';
import { MemoryEmailSender } from '../../shared/adapters/email/local-outbox.js';
import { startStreamPoller } from '../../scripts/lib/stream-poller.js';
import { MemoryRateLimiter } from '../../shared/adapters/memory/rate-limiter.js';
import { DistrictGeocoder } from '../../shared/adapters/geo/district-geocoder.js';
import type { Geocoder } from '../../shared/ports/geocoder.js';
import { POSTCODE_DISTRICTS } from '../../scripts/lib/local-paths.js';
import { processStreamRecords, type StreamRecord } from '../../functions/notifier/process.js';

export const ORG = 'test-org';

export interface Harness {
  app: ReturnType<typeof createApp>;
  /** The use cases' ports, for driving scheduled work (sweeps) the way its handler does. */
  deps: Deps;
  tableName: string;
  keys: LocalKeys;
  clock: Clock & { set(d: Date | string): void };
  db: ReturnType<typeof createDocumentClient>;
  token(role: Role, sub?: string, extra?: { employerId?: string; org?: string }): Promise<string>;
  /** Registers a named caller: `await h.signIn('lia', 'liaison')`, then `h.call('GET', '/x', { as: 'lia' })`. */
  signIn(name: string, role: Role, extra?: { sub?: string; employerId?: string; org?: string }): Promise<string>;
  /** A request as a signed-in caller (or anonymous); JSON body when given. */
  call(method: string, path: string, opts?: { as?: string; body?: unknown; headers?: Record<string, string> }): Promise<Response>;
  /** Emails the notifier has sent (kept in memory). */
  email: MemoryEmailSender;
  /** Runs the notifier on this table's stream, as `npm start` does, until `stop()`. */
  /**
   * Match alerts are off unless asked for: each costs a match of the vacancy, which on a busy machine
   * holds back every notification behind it (tests/integration/match-alerts.test.ts asks for them).
   */
  startNotifier(opts?: { matchAlerts?: boolean }): { stop(): Promise<void> };
  /** Retries an assertion until it passes or the time runs out (for what the notifier does asynchronously). */
  eventually<T>(check: () => Promise<T>, timeoutMs?: number): Promise<T>;
  /** Every item in this file's table: tests use it to prove a rejected request changed nothing. */
  snapshot(): Promise<string>;
  /** Waits until the notifier has delivered every event written so far (the outbox is empty), so a snapshot is not taken mid-delivery. */
  settled(): Promise<void>;
  /**
   * Every write that succeeded through `db` (the client the app's repositories, directory and any geocoder
   * cache are built on) since the last call, oldest first: the fuzzers judge a refused request by what it wrote.
   * Recording starts at the first call (the first answer is empty), so files that never ask keep nothing.
   */
  takeWrites(): DbWrite[];
  /** Commands sent through `db` so far, by name (`PutItem`, `Query`, `Scan`…): a count that does not swing with load. */
  dbCalls: Map<string, number>;
}

/** One item a successful write command touched: `PK|SK`, the command, and the item when it was put whole. */
export interface DbWrite {
  command: string;
  key: string;
  item?: Record<string, unknown>;
}

/** Commands that change no item; every other command is recorded as a write (an unknown one with the key `?`). */
const NOT_ITEM_WRITES = new Set([
  'GetItem',
  'BatchGetItem',
  'Query',
  'Scan',
  'TransactGetItems',
  'DescribeTable',
  'DescribeTimeToLive',
  'ListTables',
  'CreateTable',
  'UpdateTimeToLive',
  'DeleteTable',
]);

type Input = Record<string, unknown>;
/** A key attribute as text, whether the command was a document one (`'EMP#1'`) or a raw one (`{ S: 'EMP#1' }`). */
const keyPart = (v: unknown) =>
  typeof v === 'string' ? v : typeof (v as { S?: unknown })?.S === 'string' ? (v as { S: string }).S : JSON.stringify(v);
const keyOf = (k: unknown) => (k && typeof k === 'object' ? `${keyPart((k as Input).PK)}|${keyPart((k as Input).SK)}` : '?');

function writesOf(command: string, input: Input): DbWrite[] {
  const put = (item: unknown): DbWrite => ({ command, key: keyOf(item), item: item as Input });
  const keyed = (key: unknown): DbWrite => ({ command, key: keyOf(key) });
  switch (command) {
    case 'PutItem':
      return [put(input.Item)];
    case 'UpdateItem':
    case 'DeleteItem':
      return [keyed(input.Key)];
    case 'TransactWriteItems':
      return ((input.TransactItems ?? []) as Input[]).flatMap((t) =>
        t.Put ? [put((t.Put as Input).Item)] : t.Update || t.Delete ? [keyed(((t.Update ?? t.Delete) as Input).Key)] : [],
      );
    case 'BatchWriteItem':
      return Object.values((input.RequestItems ?? {}) as Record<string, Input[]>).flatMap((reqs) =>
        reqs.map((r) => (r.PutRequest ? put((r.PutRequest as Input).Item) : keyed((r.DeleteRequest as Input | undefined)?.Key))),
      );
    default:
      return [{ command, key: '?' }];
  }
}

let counter = 0;

let geocoder: DistrictGeocoder | undefined;
/** The offline geocoder over the project's district table, loaded once per test file. */
export const districtGeocoder = () => (geocoder ??= new DistrictGeocoder(POSTCODE_DISTRICTS));

/** Per-caller limits no ordinary test reaches, counted in memory by the harness's clock. */
export const generousRateLimiting = (clock: Clock) => ({
  limiter: new MemoryRateLimiter(60),
  limits: { userPerWindow: 1_000_000, signInPerWindow: 1_000_000, badTokensPerWindow: 1_000_000, windowSeconds: 60 },
  clock,
});

/**
 * A real app against a fresh table in the shared in-memory DynamoDB Local. Tokens are signed with a
 * key generated for the file, exactly as `npm run token` signs them locally.
 */
export async function createHarness(
  opts: {
    now?: string;
    endpoint?: string;
    timeouts?: DbTimeouts;
    /** Another geocoder than the district table, built on the test's own table (for its cache). */
    geocoder?: (table: { db: DynamoDBDocumentClient; tableName: string }) => Geocoder;
  } = {},
): Promise<Harness> {
  // Fault tests pass a proxy in front of the run's DynamoDB Local, and the production timeouts.
  const endpoint = opts.endpoint ?? dynamoEndpoint();
  const tableName = `routeway-test-${process.pid}-${++counter}-${Date.now().toString(36)}`;
  // Generous timeouts: a busy two-core CI machine must not turn a slow answer into a 503 (the fault tests set their own).
  const lenient = PATIENT_DB_TIMEOUTS;
  const db = createDocumentClient({ endpoint, timeouts: opts.timeouts ?? lenient });
  // The table is the test's own setup, made leniently whatever the app's timeouts (a CreateTable that timed out but landed fails its retry).
  const setup = opts.timeouts ? createDocumentClient({ endpoint, timeouts: lenient }) : db;
  const dbCalls = new Map<string, number>();
  let writes: DbWrite[] | undefined;
  // Outermost step, so the input is the document one and a write is recorded only once it has succeeded (after retries).
  db.middlewareStack.add(
    (next, context) => async (args) => {
      const command = String(context.commandName ?? '?').replace(/Command$/, '');
      dbCalls.set(command, (dbCalls.get(command) ?? 0) + 1);
      const out = await next(args);
      if (writes && !NOT_ITEM_WRITES.has(command)) writes.push(...writesOf(command, args.input as Input));
      return out;
    },
    { step: 'initialize', name: 'harnessWriteRecorder', priority: 'low' },
  );
  registerTable(tableName);
  await ensureTable(setup, tableName);
  if (setup !== db) setup.destroy();
  const keys = await generateLocalKeys();
  let now = new Date(opts.now ?? '2026-11-25T10:00:00Z');
  const clock = {
    ...clockFrom(() => new Date(now)),
    set: (d: Date | string) => {
      now = new Date(d);
    },
  };
  const ids = ulidGenerator();
  const deps: Deps = {
    repos: dynamoRepositories(db, tableName, ids),
    clock,
    ids,
    geocoder: opts.geocoder ? opts.geocoder({ db, tableName }) : districtGeocoder(),
    directory: dynamoStaffDirectory(db, tableName),
  };
  const app = createApp({
    ...deps,
    logger,
    // Limits far above what any test sends, so only the rate-limit tests meet them (they build their own).
    rateLimiting: generousRateLimiting(clock),
    verifier: createTokenVerifier({
      issuer: LOCAL_ISSUER,
      audience: LOCAL_AUDIENCE,
      keys: { kind: 'local', jwks: keys.jwks },
      defaultOrg: ORG,
    }),
  });
  const tokens = new Map<string, string>();
  const token = async (role: Role, sub = `u-${role}-1`, extra: { employerId?: string; org?: string } = {}) =>
    signLocalToken(keys, { sub, role, org: extra.org ?? ORG, ...(extra.employerId ? { employerId: extra.employerId } : {}) });
  const email = new MemoryEmailSender();
  const harness: Harness = {
    app,
    deps,
    email,
    startNotifier(opts = {}) {
      const matchAlerts = opts.matchAlerts ?? false;
      return startStreamPoller({
        db,
        endpoint,
        tableName,
        intervalMs: 50,
        onRecords: (records) => processStreamRecords({ ...deps, email, matchAlerts }, logger, records as StreamRecord[]),
      });
    },
    async eventually(check, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        try {
          return await check();
        } catch (err) {
          if (Date.now() > deadline) throw err;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    },
    tableName,
    keys,
    clock,
    db,
    token,
    async signIn(name, role, extra = {}) {
      tokens.set(name, await token(role, extra.sub ?? name, extra));
      return name;
    },
    async call(method, path, o = {}) {
      const headers: Record<string, string> = { ...(o.headers ?? {}) };
      if (o.as) {
        if (!tokens.has(o.as)) throw new Error(`no caller signed in as ${o.as}`);
        headers.authorization = `Bearer ${tokens.get(o.as)}`;
      }
      let body: string | Uint8Array | undefined;
      if (o.body !== undefined) {
        body = typeof o.body === 'string' || o.body instanceof Uint8Array ? o.body : JSON.stringify(o.body);
        headers['content-type'] ??= 'application/json';
      }
      return app.request(path, { method, headers, body });
    },
    async settled() {
      await harness.eventually(async () => {
        const out = await db.send(
          new ScanCommand({
            TableName: tableName,
            ConsistentRead: true,
            FilterExpression: '#t = :o',
            ExpressionAttributeNames: { '#t': 'type' },
            ExpressionAttributeValues: { ':o': 'Outbox' },
          }),
        );
        if ((out.Items ?? []).length) throw new Error(`${out.Items!.length} events not yet delivered`);
      }, 60_000);
    },
    dbCalls,
    takeWrites() {
      const out = writes ?? [];
      writes = [];
      return out;
    },
    async snapshot() {
      // Test-only: a Scan of this file's own table to compare before/after, every page of it.
      const items: Record<string, unknown>[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const out = await db.send(new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: start }));
        items.push(...(out.Items ?? []).filter((i) => !String(i.PK).startsWith('IDEM#')));
        start = out.LastEvaluatedKey;
      } while (start);
      return JSON.stringify(items.map((i) => `${i.PK}|${i.SK}|${i.version ?? ''}|${JSON.stringify(i)}`).sort());
    },
  };
  return harness;
}

export async function body<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

/** Puts colleagues in the staff directory, so pages can say their names (each with an example.org address). */
export async function nameStaff(h: Harness, people: readonly (readonly [id: string, name: string, role: Role])[], orgId = ORG) {
  const at = h.deps.clock.now().toISOString();
  for (const [id, name, role] of people)
    await h.deps.directory.create({
      id,
      orgId,
      name,
      email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@provider.example.org`,
      role,
      active: true,
      createdAt: at,
      updatedAt: at,
    });
}

const bulkKinds = {
  participants: { schema: ParticipantCreate, create: createParticipants },
  employers: { schema: EmployerCreate, create: createEmployers },
  vacancies: { schema: VacancyCreate, create: createVacancies },
};

/**
 * Many records for a test's setup (more than a page holds): each body checked by its create route's own
 * schema and made by the use case the bulk import uses, exactly as the create request makes it, then
 * written several to a transaction (tests/integration/seed-fast-path.test.ts proves that writes what one
 * request at a time writes). A request each would cost a transaction each. Their ids, in the bodies' order.
 */
export async function createInBulk(
  h: Harness,
  kind: keyof typeof bulkKinds,
  as: { sub: string; role: Role; employerId?: string },
  bodies: readonly unknown[],
): Promise<string[]> {
  const { schema, create } = bulkKinds[kind];
  const inputs = bodies.map((b) => schema.parse(b));
  const made = await (create as (deps: Deps, actor: Actor, inputs: unknown[]) => Promise<({ id: string } | Error)[]>)(
    h.deps,
    { orgId: ORG, ...as },
    inputs,
  );
  return made.map((m) => {
    if (m instanceof Error) throw m;
    return m.id;
  });
}
