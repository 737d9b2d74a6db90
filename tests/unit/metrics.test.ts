import { marshall } from '@aws-sdk/util-dynamodb';
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../functions/api/app.js';
import { requestMetrics, routeLabel } from '../../functions/api/middleware/metrics.js';
import { processStreamRecords, type StreamRecord } from '../../functions/notifier/process.js';
import { runSweep } from '../../functions/sweeper/sweep.js';
import { localMetricsEnv } from '../../scripts/lib/local-config.js';
import { MemoryEmailSender } from '../../shared/adapters/email/local-outbox.js';
import { ContactCreate } from '../../shared/domain/employer.js';
import type { OutboxEvent } from '../../shared/domain/events.js';
import type { AppLogger } from '../../shared/logger.js';
import {
  createMetrics,
  METRIC,
  METRICS_NAMESPACE,
  metricsDisabled,
  publishMetrics,
  type MetricsSink,
  type MetricUnitName,
} from '../../shared/metrics.js';
import { addContact } from '../../shared/use-cases/employers.js';
import { fakeDeps } from '../support/fakes/fake-deps.js';
import { adviserOf, liaison, scenario } from '../support/fakes/scenario.js';

/** One published EMF line, as the fake sink saw it: the dimensions and metrics added since the last flush. */
interface Flush {
  dimensions: Record<string, string>;
  metrics: Record<string, { unit: MetricUnitName; value: number }>;
}

/** A metrics sink that records what each flush would have published (Powertools clears both after a flush). */
function fakeSink() {
  const flushes: Flush[] = [];
  let current: Flush = { dimensions: {}, metrics: {} };
  const sink: MetricsSink = {
    addDimension: (name, value) => void (current.dimensions[name] = value),
    addMetric: (name, unit, value) => void (current.metrics[name] = { unit, value }),
    publishStoredMetrics: () => {
      flushes.push(current);
      current = { dimensions: {}, metrics: {} };
    },
  };
  const named = (name: string) => flushes.filter((f) => name in f.metrics);
  return { sink, flushes, named, pending: () => current };
}

const silent: AppLogger = {
  info: () => {},
  warn: () => {},
  error: () => {},
  debug: () => {},
  appendKeys: () => {},
  resetKeys: () => {},
  addContext: () => {},
};

afterEach(() => {
  vi.restoreAllMocks();
});

/** An app shaped like ours: a sub-app whose middleware turns some requests away, OpenAPI `{id}` routes, a catch-all, an error handler. */
function shapedApp(sink: MetricsSink) {
  const app = new Hono();
  app.use('*', requestMetrics(sink));
  const api = new OpenAPIHono();
  api.use('*', async (c, next) => (c.req.header('authorization') ? next() : c.json({ title: 'Unauthorized' }, 401)));
  const matches = (path: string) => createRoute({ method: 'get', path, responses: { 200: { description: 'matches' } } });
  api.openapi(matches('/vacancies/{id}/matches'), (c) => c.json({ items: [] }, 200));
  api.openapi(matches('/participants/{id}/matches'), (c) => c.json({ items: [] }, 200));
  api.openapi(createRoute({ method: 'get', path: '/vacancies/{id}', responses: { 200: { description: 'v' } } }), () => {
    throw new Error('boom');
  });
  api.post('/vacancies/:id/submissions', (c) => c.json({}, 201));
  const web = new Hono();
  web.get('/app/vacancies/:id', (c) => c.html('<p>page</p>'));
  web.all('/app/*', (c) => c.html('<p>not found</p>', 404));
  app.route('/', web).route('/', api);
  app.onError((_e, c) => c.json({ title: 'Internal' }, 500));
  app.notFound((c) => c.json({ title: 'Not found' }, 404));
  return app;
}

describe('request metrics middleware (fake sink)', () => {
  it('publishes Requests (Count) and RequestLatency (Milliseconds) per request, by route template and status class', async () => {
    const { sink, flushes } = fakeSink();
    const app = shapedApp(sink);
    await app.request('/app/vacancies/01ABC');
    expect(flushes).toHaveLength(1);
    const [flush] = flushes;
    expect(flush!.dimensions).toEqual({ route: 'GET /app/vacancies/{id}', statusClass: '2xx' });
    expect(Object.keys(flush!.metrics)).toEqual([METRIC.requests, METRIC.requestLatency]);
    expect(flush!.metrics.Requests).toEqual({ unit: 'Count', value: 1 });
    expect(flush!.metrics.RequestLatency!.unit).toBe('Milliseconds');
    expect(flush!.metrics.RequestLatency!.value).toBeGreaterThanOrEqual(0);
  });

  it('names the route a request asked for, whatever answered it, and never a raw path', async () => {
    const { sink, named } = fakeSink();
    const app = shapedApp(sink);
    const auth = { authorization: 'Bearer x' };
    const cases: [string, RequestInit, string, string][] = [
      ['/vacancies/01ABC/matches', { headers: auth }, 'GET /vacancies/{id}/matches', '2xx'],
      // Turned away by the sub-app's middleware: still the route it asked for.
      ['/vacancies/01ABC/matches', {}, 'GET /vacancies/{id}/matches', '4xx'],
      // The handler threw; the error handler answered 500.
      ['/vacancies/01XYZ', { headers: auth }, 'GET /vacancies/{id}', '5xx'],
      ['/vacancies/01ABC/submissions', { method: 'POST', headers: auth }, 'POST /vacancies/{id}/submissions', '2xx'],
      // Only a catch-all answered: its pattern.
      ['/app/no/such/page', {}, 'GET /app/*', '4xx'],
      // Nothing did: one value for every unknown path (ids would make a metric each).
      ['/no-such-thing/01ABC', {}, 'unmatched', '4xx'],
    ];
    for (const [path, init, route, statusClass] of cases) {
      await app.request(path, init);
      expect(named(METRIC.requests).at(-1)!.dimensions, path).toEqual({ route, statusClass });
    }
  });

  it('counts MatchesServed only for 2xx answers to the two matching routes, in a flush of its own with no per-request dimensions', async () => {
    const { sink, named, flushes } = fakeSink();
    const app = shapedApp(sink);
    const auth = { authorization: 'Bearer x' };
    await app.request('/vacancies/01ABC/matches', { headers: auth });
    await app.request('/participants/01DEF/matches', { headers: auth });
    await app.request('/vacancies/01ABC/matches'); // 401
    await app.request('/vacancies/01ABC/submissions', { method: 'POST', headers: auth });
    await app.request('/vacancies/01XYZ', { headers: auth }); // 500
    expect(named(METRIC.matchesServed)).toEqual([
      { dimensions: {}, metrics: { MatchesServed: { unit: 'Count', value: 1 } } },
      expect.anything(),
    ]);
    expect(named(METRIC.matchesServed)).toHaveLength(2);
    expect(named(METRIC.requests)).toHaveLength(5);
    expect(flushes).toHaveLength(7);
  });

  it('leaves nothing pending between requests (each request adds and flushes in one step)', async () => {
    const { sink, pending } = fakeSink();
    const app = shapedApp(sink);
    await Promise.all(['/app/vacancies/1', '/app/vacancies/2', '/vacancies/3/matches'].map((p) => app.request(p)));
    expect(pending()).toEqual({ dimensions: {}, metrics: {} });
  });

  it("gives the real app's routes their OpenAPI templates: matches (401 without a token, 2xx with one), a page, an unknown path", async () => {
    const deps = fakeDeps();
    const { vacancy } = await scenario(deps).openVacancy();
    const inner = createApp({ ...deps, logger: silent, verifier: { verify: async () => liaison } });
    const { sink, flushes, named } = fakeSink();
    const app = new Hono();
    app.use('*', requestMetrics(sink));
    app.route('/', inner);

    await app.request(`/vacancies/${vacancy.id}/matches`);
    expect(flushes.at(-1)!.dimensions).toEqual({ route: 'GET /vacancies/{id}/matches', statusClass: '4xx' });
    const ok = await app.request(`/vacancies/${vacancy.id}/matches`, { headers: { authorization: 'Bearer anything' } });
    expect(ok.status).toBe(200);
    expect(flushes.at(-2)!.dimensions).toEqual({ route: 'GET /vacancies/{id}/matches', statusClass: '2xx' });
    expect(named(METRIC.matchesServed)).toHaveLength(1);
    await app.request(`/app/vacancies/${vacancy.id}`);
    expect(flushes.at(-1)!.dimensions.route).toBe('GET /app/vacancies/{id}');
    await app.request(`/definitely/not/${vacancy.id}`);
    expect(flushes.at(-1)!.dimensions).toEqual({ route: 'unmatched', statusClass: '4xx' });
  });

  it('routeLabel writes Hono parameters as OpenAPI ones, dropping regex constraints', async () => {
    const app = new Hono();
    let label = '';
    app.get('/a/:id{[0-9]+}/b/:other', (c) => {
      label = routeLabel(c);
      return c.text('ok');
    });
    await app.request('/a/12/b/x');
    expect(label).toBe('GET /a/{id}/b/{other}');
  });
});

/** The outbox events the fakes hold, as the table stream would carry their inserts. */
const streamRecords = (events: OutboxEvent[]): StreamRecord[] =>
  events.map((event, i) => ({
    eventName: 'INSERT',
    dynamodb: {
      SequenceNumber: String(i + 1),
      NewImage: marshall({ PK: `OUTBOX#${event.id}`, SK: 'EVENT', type: 'Outbox', event }, { removeUndefinedValues: true }),
    },
  }));

describe('notifier metrics (fake sink)', () => {
  it('publishes, once per batch, events delivered, emails sent, failures, and the proposals and hires among them', async () => {
    const deps = fakeDeps();
    const s = scenario(deps);
    const { employer, vacancy } = await s.openVacancy();
    await addContact(deps, liaison, employer.id, ContactCreate.parse({ name: 'Pat Lee', email: 'pat@hartley.example', primary: true }));
    const hired = await s.participant();
    await s.hired(vacancy.id, hired);
    await s.proposed(vacancy.id, await s.participant({ firstName: 'Amy' }));
    const events = deps.repos.pendingEvents();
    const email = new MemoryEmailSender();
    const { sink, flushes } = fakeSink();

    const records = streamRecords(events);
    const result = await processStreamRecords({ ...deps, email }, silent, records, sink);
    expect(result.batchItemFailures).toEqual([]);
    expect(flushes).toHaveLength(1);
    const outboxEvents = events.length;
    expect(flushes[0]).toEqual({
      dimensions: {},
      metrics: {
        NotificationsDelivered: { unit: 'Count', value: outboxEvents },
        EmailsSent: { unit: 'Count', value: email.sent.length },
        DeliveryFailures: { unit: 'Count', value: 0 },
        SubmissionsProposed: { unit: 'Count', value: 2 },
        Hires: { unit: 'Count', value: 1 },
      },
    });
    expect(email.sent.length).toBeGreaterThan(0);

    // Redelivered: nothing is delivered twice, so nothing is counted twice.
    await processStreamRecords({ ...deps, email }, silent, records, sink);
    expect(flushes[1]!.metrics).toMatchObject({
      NotificationsDelivered: { value: 0 },
      EmailsSent: { value: 0 },
      SubmissionsProposed: { value: 0 },
    });
  });

  it('counts a failed delivery and an unreadable outbox event as DeliveryFailures, and a batch with no outbox record not at all', async () => {
    const deps = fakeDeps();
    const s = scenario(deps);
    const { employer, vacancy } = await s.openVacancy();
    await addContact(deps, liaison, employer.id, ContactCreate.parse({ name: 'Pat Lee', email: 'pat@hartley.example', primary: true }));
    const p = await s.participant();
    const sub = await s.proposed(vacancy.id, p);
    const { recordAgreement } = await import('../../shared/use-cases/submissions.js');
    await recordAgreement(deps, adviserOf(p), sub.id, { agreed: true }); // submission.submitted: emails the employer
    const failing = { send: async () => Promise.reject(new Error('SES is down')) };
    const { sink, flushes } = fakeSink();
    const events = deps.repos.pendingEvents();
    const submitted = events.findIndex((e) => e.type === 'submission.submitted');
    expect(submitted).toBeGreaterThanOrEqual(0);
    const records = [
      ...streamRecords(events),
      { eventName: 'INSERT', dynamodb: { SequenceNumber: '99', NewImage: marshall({ type: 'Outbox', event: { nonsense: true } }) } },
    ];
    const result = await processStreamRecords({ ...deps, email: failing }, silent, records, sink);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: String(submitted + 1) }]);
    expect(flushes[0]!.metrics).toMatchObject({
      NotificationsDelivered: { value: events.length - 1 },
      EmailsSent: { value: 0 },
      DeliveryFailures: { value: 2 },
      SubmissionsProposed: { value: 1 },
    });

    await processStreamRecords({ ...deps, email: failing }, silent, [{ eventName: 'MODIFY', dynamodb: {} }], sink);
    expect(flushes).toHaveLength(1);
  });
});

describe('sweeper metrics (fake sink)', () => {
  it("publishes its report's counts at the end of the run", async () => {
    const deps = fakeDeps();
    const s = scenario(deps);
    const { vacancy } = await s.openVacancy();
    await s.proposed(vacancy.id, await s.participant());
    deps.clock.advanceDays(30); // the adviser never answered: the proposal lapses
    const { sink, flushes } = fakeSink();
    const result = await runSweep(deps, { retentionDays: 730, logger: silent, metrics: sink });
    expect(result.due.lapsed).toBe(1);
    expect(flushes).toHaveLength(1);
    const published = Object.fromEntries(Object.entries(flushes[0]!.metrics).map(([n, m]) => [n, m.value]));
    expect(published).toMatchObject({
      SweepDueRead: result.due.dueRead,
      SweepLapsed: 1,
      SweepFailed: 0,
      RetentionErased: 0,
      RetentionFailures: 0,
    });
    for (const [field, value] of Object.entries(result.due)) {
      const name = `Sweep${field.charAt(0).toUpperCase()}${field.slice(1)}`;
      expect(published[name], name).toBe(Array.isArray(value) ? value.length : value);
    }
    expect(Object.values(flushes[0]!.metrics).every((m) => m.unit === 'Count')).toBe(true);
  });
});

describe('Powertools Metrics: EMF lines on stdout, quiet in tests', () => {
  it('is off under vitest unless POWERTOOLS_METRICS_DISABLED says otherwise; on for npm start and in Lambda; off with POWERTOOLS_DEV', () => {
    expect(metricsDisabled({ VITEST: 'true' })).toBe(true);
    expect(metricsDisabled({ VITEST: 'true', POWERTOOLS_METRICS_DISABLED: 'false' })).toBe(false);
    expect(metricsDisabled({})).toBe(false);
    expect(metricsDisabled({ POWERTOOLS_DEV: 'true' })).toBe(true);
    expect(metricsDisabled({ POWERTOOLS_DEV: 'true', POWERTOOLS_METRICS_DISABLED: 'false' })).toBe(false);
    expect(metricsDisabled({ POWERTOOLS_METRICS_DISABLED: 'true' })).toBe(true);
    // This very test run:
    expect(metricsDisabled()).toBe(true);
  });

  it('npm start shows them only at log level INFO or DEBUG, or when POWERTOOLS_METRICS_DISABLED says so', () => {
    const after = (env: NodeJS.ProcessEnv) => {
      localMetricsEnv(env);
      return metricsDisabled(env);
    };
    expect(after({})).toBe(true);
    expect(after({ LOG_LEVEL: 'WARN' })).toBe(true);
    expect(after({ LOG_LEVEL: 'info' })).toBe(false);
    expect(after({ LOG_LEVEL: 'DEBUG' })).toBe(false);
    expect(after({ POWERTOOLS_METRICS_DISABLED: 'false' })).toBe(false);
    expect(after({ LOG_LEVEL: 'INFO', POWERTOOLS_METRICS_DISABLED: 'true' })).toBe(true);
  });

  it('writes one EMF line per request: namespace Routeway, dimensions service, route and statusClass, the two metrics', async () => {
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    const real = createMetrics({ POWERTOOLS_METRICS_DISABLED: 'false' });
    const app = shapedApp(real);
    await app.request('/vacancies/01ABC/matches', { headers: { authorization: 'Bearer x' } });
    vi.restoreAllMocks();
    const emf = lines.map((l) => JSON.parse(l) as Record<string, unknown> & { _aws: { CloudWatchMetrics: unknown[] } });
    expect(emf).toHaveLength(2);
    expect(emf[0]).toMatchObject({
      _aws: {
        Timestamp: expect.any(Number),
        CloudWatchMetrics: [
          {
            Namespace: METRICS_NAMESPACE,
            Dimensions: [['service', 'route', 'statusClass']],
            Metrics: [
              { Name: 'Requests', Unit: 'Count' },
              { Name: 'RequestLatency', Unit: 'Milliseconds' },
            ],
          },
        ],
      },
      service: 'routeway',
      route: 'GET /vacancies/{id}/matches',
      statusClass: '2xx',
      Requests: 1,
      RequestLatency: expect.any(Number),
    });
    expect(emf[1]).toMatchObject({
      _aws: {
        CloudWatchMetrics: [{ Namespace: 'Routeway', Dimensions: [['service']], Metrics: [{ Name: 'MatchesServed', Unit: 'Count' }] }],
      },
      service: 'routeway',
      MatchesServed: 1,
    });
  });

  it('publishes nothing when there is nothing to publish (no empty-metrics warning)', () => {
    const { sink, flushes } = fakeSink();
    publishMetrics(sink, []);
    expect(flushes).toEqual([]);
  });
});
