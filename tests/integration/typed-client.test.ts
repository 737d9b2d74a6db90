import { beforeAll, describe, expect, it } from 'vitest';
import { routewayClient, type components, type RoutewayClient } from '../../client/index.js';
import { createHarness, type Harness } from '../support/harness.js';
import { employerBody, vacancyBody } from '../support/fixtures.js';

/**
 * The contract as a consumer meets it: the typed client (client/, generated from the OpenAPI document
 * with openapi-typescript, called with openapi-fetch) against the real app and DynamoDB Local. What it
 * sends type-checks against the document, and what comes back is what the document says it is.
 */
let h: Harness;
let liaison: RoutewayClient;
let employerUser: RoutewayClient;
let doc: { components: { schemas: Record<string, { properties: Record<string, { maxLength?: number }> }> } };

const client = async (token: string) =>
  routewayClient({ baseUrl: 'http://routeway.test', token, fetch: async (req: Request) => h.app.request(req) });

beforeAll(async () => {
  h = await createHarness();
  liaison = await client(await h.token('liaison', 'u-liaison-1'));
  doc = (await (await h.app.request('/openapi.json')).json()) as typeof doc;
});

describe('the typed client', () => {
  it('creates, reads, pages and updates an employer, and a stale If-Match is the 412 problem the document declares', async () => {
    const body = employerBody({ name: 'Kirkgate Bakery' }) as components['schemas']['EmployerCreate'];
    const created = await liaison.POST('/employers', { body, params: { header: { 'idempotency-key': crypto.randomUUID() } } });
    expect(created.response.status).toBe(201);
    const id = created.data!.id;
    expect(created.data!.stage).toBe('prospect'); // the document's default, applied by the runtime

    const read = await liaison.GET('/employers/{id}', { params: { path: { id } } });
    expect(read.data?.name).toBe('Kirkgate Bakery');
    const etag = read.response.headers.get('etag');
    expect(etag).toBeTruthy();

    await liaison.POST('/employers', { body: { ...body, name: 'Kirkgate Butchers' } });
    const first = await liaison.GET('/employers', { params: { query: { limit: 1 } } });
    expect(first.data?.items).toHaveLength(1);
    const next = await liaison.GET('/employers', { params: { query: { limit: 1, cursor: first.data!.nextCursor! } } });
    expect(next.data?.items[0]?.id).not.toBe(first.data!.items[0]!.id);

    const changed = await liaison.PATCH('/employers/{id}', {
      params: { path: { id }, header: { 'if-match': etag! } },
      body: { stage: 'contacted' },
    });
    expect(changed.data?.stage).toBe('contacted');
    const stale = await liaison.PATCH('/employers/{id}', {
      params: { path: { id }, header: { 'if-match': etag! } },
      body: { stage: 'engaged' },
    });
    expect(stale.response.status).toBe(412);
    expect(stale.error?.status).toBe(412);
    expect(stale.response.headers.get('content-type')).toContain('application/problem+json');
  });

  it("refuses what breaks the document's limits with the 400 problem naming each field, and a gated role with 403", async () => {
    const max = doc.components.schemas.EmployerCreate!.properties.name!.maxLength!;
    expect(max).toBeGreaterThan(0);
    const body = employerBody({ name: 'x'.repeat(max + 1), accountManagerId: '' }) as components['schemas']['EmployerCreate'];
    const bad = await liaison.POST('/employers', { body });
    expect(bad.response.status).toBe(400);
    expect([...new Set(bad.error?.errors?.map((e) => e.path))].sort()).toEqual(['accountManagerId', 'name']);

    const employer = (await liaison.POST('/employers', { body: employerBody() as components['schemas']['EmployerCreate'] })).data!;
    employerUser = await client(await h.token('employer', 'u-employer-9', { employerId: employer.id }));
    const refused = await employerUser.GET('/reports/funnel', {});
    expect(refused.response.status).toBe(403);
    expect(refused.error?.title).toBeTruthy();
  });

  it('takes a vacancy and asks for its matches, each answer in the shape the document gives it', async () => {
    const employer = (
      await liaison.POST('/employers', { body: employerBody({ name: 'Canal Wharf Stores' }) as components['schemas']['EmployerCreate'] })
    ).data!;
    const vacancy = await liaison.POST('/vacancies', {
      body: vacancyBody(employer.id) as components['schemas']['VacancyCreate'],
    });
    expect(vacancy.response.status).toBe(201);
    const matches = await liaison.GET('/vacancies/{id}/matches', { params: { path: { id: vacancy.data!.id }, query: { limit: 5 } } });
    expect(matches.response.status).toBe(200);
    expect(matches.data?.vacancyId).toBe(vacancy.data!.id);
    expect(Array.isArray(matches.data?.candidates)).toBe(true);
  });
});
