import { beforeAll, describe, expect, it } from 'vitest';
import { employerBody, participantBody, vacancyBody } from '../support/fixtures.js';
import { body, createHarness, ORG, type Harness } from '../support/harness.js';
import { expandGetRoutes, type OpenApiDoc } from '../support/leak-crawl.js';

/**
 * The leak scan across organisations (docs/privacy.md, "What crosses an organisation boundary"): a prime
 * (ORG), its subcontractor (sub-one) and an organisation outside the chain. Each organisation's private
 * records hold canaries; the prime shares one vacancy, the subcontractor proposes its own participant for
 * it and their adviser agrees. Then every caller asks for every GET route in /openapi.json with every id of
 * either organisation. A subcontractor may see the shared vacancy and nothing else of the prime's; the prime
 * may see the consented first name of the agreed candidate and nothing else of the subcontractor's; the
 * outsider sees nothing of either. Every canary found where it may not be is reported together.
 */
let h: Harness;
const SUB = 'sub-one';
const PRIME_CANARIES = [
  'CANARYPRIMEEMPNOTE',
  'CANARYPRIMECONTACT',
  'CANARYPRIMEINTERACTION',
  'CANARYPRIMEUNSHARED',
  'Canaryprimeperson',
  'CANARYPRIMESENSITIVE',
  'u-prime-liaison',
];
const SUB_CANARIES = [
  'CANARYSUBEMPNOTE',
  'CANARYSUBINTERACTION',
  'Canarysublast',
  'sub.canary@example.com',
  'CANARYSUBSENSITIVE',
  'u-sub-adviser',
];
const ids = { employers: [] as string[], vacancies: [] as string[], participants: [] as string[], proposals: [] as string[] };

beforeAll(async () => {
  h = await createHarness({ now: '2026-11-25T10:00:00Z' });
  await h.signIn('p-admin', 'admin', { sub: 'u-prime-admin' });
  await h.signIn('p-liaison', 'liaison', { sub: 'u-prime-liaison' });
  await h.signIn('p-adviser', 'adviser', { sub: 'u-prime-adviser' });
  await h.signIn('s-admin', 'admin', { sub: 'u-sub-admin', org: SUB });
  await h.signIn('s-liaison', 'liaison', { sub: 'u-sub-liaison', org: SUB });
  await h.signIn('s-adviser', 'adviser', { sub: 'u-sub-adviser', org: SUB });
  await h.signIn('outsider', 'liaison', { sub: 'u-out-liaison', org: 'outside-org' });
  const ok = async (res: Response, status = 201) => {
    expect(res.status, await res.clone().text()).toBe(status);
    return (await body(res)).id as string;
  };
  await ok(
    await h.call('POST', '/supply-chain/contracts', {
      as: 'p-admin',
      body: { subcontractorOrgId: SUB, subcontractorName: 'Hunslet Works', startDate: '2026-01-01' },
    }),
  );
  // The prime's own records.
  const e = await ok(
    await h.call('POST', '/employers', { as: 'p-liaison', body: employerBody({ name: 'Hartley Logistics', notes: 'CANARYPRIMEEMPNOTE' }) }),
  );
  await ok(
    await h.call('POST', `/employers/${e}/contacts`, {
      as: 'p-liaison',
      body: { name: 'Ann CANARYPRIMECONTACT', email: 'ann@hartley.example' },
    }),
  );
  await ok(
    await h.call('POST', `/employers/${e}/interactions`, {
      as: 'p-liaison',
      body: { kind: 'call', occurredAt: '2026-11-24T09:00:00Z', summary: 'CANARYPRIMEINTERACTION', outcome: 'positive' },
    }),
  );
  const v = await ok(await h.call('POST', '/vacancies', { as: 'p-liaison', body: vacancyBody(e, { status: 'open' }) }));
  const v2 = await ok(
    await h.call('POST', '/vacancies', { as: 'p-liaison', body: vacancyBody(e, { status: 'open', title: 'CANARYPRIMEUNSHARED' }) }),
  );
  const consent = { matching: true, shareWithEmployers: ['firstName'] };
  const p = await ok(
    await h.call('POST', '/participants', { as: 'p-adviser', body: participantBody({ firstName: 'Canaryprimeperson', consent }) }),
  );
  await h.call('PUT', `/participants/${p}/sensitive`, { as: 'p-adviser', body: { caring: 'CANARYPRIMESENSITIVE' } });
  expect((await h.call('PUT', `/vacancies/${v}/share`, { as: 'p-liaison', body: { with: 'chain' } })).status).toBe(200);

  // The subcontractor's own records: its participant, its own record of the same company.
  const s = await ok(
    await h.call('POST', '/participants', {
      as: 's-adviser',
      body: participantBody({ firstName: 'Sally', lastName: 'Canarysublast', email: 'sub.canary@example.com', consent }),
    }),
  );
  await h.call('PUT', `/participants/${s}/sensitive`, { as: 's-adviser', body: { caring: 'CANARYSUBSENSITIVE' } });
  const se = await ok(
    await h.call('POST', '/employers', { as: 's-liaison', body: employerBody({ name: 'Hartley Logistics', notes: 'CANARYSUBEMPNOTE' }) }),
  );
  await ok(
    await h.call('POST', `/employers/${se}/interactions`, {
      as: 's-liaison',
      body: { kind: 'visit', occurredAt: '2026-11-24T11:00:00Z', summary: 'CANARYSUBINTERACTION', outcome: 'positive' },
    }),
  );
  const prop = await ok(await h.call('POST', `/shared-vacancies/${ORG}/${v}/proposals`, { as: 's-liaison', body: { participantId: s } }));
  await ok(
    await h.call('POST', `/shared-vacancies/${ORG}/${v}/proposals/${prop}/agreement`, { as: 's-adviser', body: { agreed: true } }),
    200,
  );
  Object.assign(ids, { employers: [e, se], vacancies: [v, v2], participants: [p, s], proposals: [prop] });
});

describe('the leak scan across organisations', () => {
  it('shows a subcontractor only the shared vacancy, the prime only the consented candidate, an outsider nothing', async () => {
    const doc = (await body(await h.call('GET', '/openapi.json'))) as unknown as OpenApiDoc;
    const all = [...ids.employers, ...ids.vacancies, ...ids.participants, ...ids.proposals];
    const { requests } = expandGetRoutes(doc, {
      byCollection: { ...ids, 'shared-vacancies': ids.vacancies, orgs: [ORG, SUB], staff: [], '': all },
      byQueryParam: { employerId: ids.employers, adviserId: ['u-prime-adviser', 'u-sub-adviser'] },
    });
    // Routes of the API's own description hold no data. (Staff ids are each organisation's directory: not asked across.)
    const asked = requests.filter((r) => !['/openapi.json', '/docs'].includes(r.template));
    const leaks: string[] = [];
    const rules: [caller: string, forbidden: string[]][] = [
      ['s-admin', PRIME_CANARIES],
      ['s-adviser', PRIME_CANARIES],
      ['outsider', [...PRIME_CANARIES, ...SUB_CANARIES, 'Sally']],
      ['p-admin', SUB_CANARIES],
      ['p-adviser', [...SUB_CANARIES, 'Sally']],
    ];
    let answered = 0;
    for (const [caller, forbidden] of rules) {
      for (const r of asked) {
        const res = await h.call('GET', r.url, { as: caller, ...(r.headers ? { headers: r.headers } : {}) });
        const text = await res.text();
        if (res.status === 200) answered++;
        // A canary the caller put in the URL (an id echoed in a 404) is not a leak.
        for (const canary of forbidden)
          if (text.includes(canary) && !r.url.includes(canary)) leaks.push(`${caller} GET ${r.url} (${res.status}): ${canary}`);
      }
    }
    expect(leaks).toEqual([]);
    // The scan reached what may cross: the subcontractor's own view of the shared vacancy and the prime's candidate.
    const seen = await h.call('GET', `/shared-vacancies/${ORG}/${ids.vacancies[0]}`, { as: 's-liaison' });
    expect(seen.status).toBe(200);
    const candidates = await body<{ items: { view?: { firstName?: string } }[] }>(
      await h.call('GET', `/vacancies/${ids.vacancies[0]}/chain-candidates`, { as: 'p-liaison' }),
    );
    expect(candidates.items[0]?.view?.firstName).toBe('Sally');
    expect(answered).toBeGreaterThan(50);
  });
});
