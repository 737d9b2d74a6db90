import { beforeAll, describe, expect, it } from 'vitest';
import type { createApp } from '../../functions/api/app.js';
import type { LocalSignIn } from '../../functions/api/web/sign-in.js';
import { employerBody, participantBody, vacancyBody } from '../support/fixtures.js';
import { body, createHarness, ORG, type Harness } from '../support/harness.js';
import { datePairs, expectSound, hiddenFields, localWebApp, webClient } from '../support/web.js';

/**
 * Supply chains on the pages: the prime's admin records contracts; its liaison officer shares a vacancy
 * (question page, check answers, confirmation panel) and withdraws it; the subcontractor's staff see the
 * vacancy shared with them, showing only what crosses the boundary; an unrelated organisation sees nothing.
 */
let h: Harness;
let web: ReturnType<typeof createApp>;
let vacancyId: string;
let employerOf: string;
const USERS: LocalSignIn['users'] = [
  { sub: 'u-admin-1', role: 'admin', name: 'Ruth Ackroyd' },
  { sub: 'u-liaison-1', role: 'liaison', name: 'Lia Son' },
  { sub: 'u-sub-liaison', role: 'liaison', name: 'Sam Hunslet', org: 'sub-one' },
  { sub: 'u-sub-adviser', role: 'adviser', name: 'Ada Hunslet', org: 'sub-one' },
  { sub: 'u-out-liaison', role: 'liaison', name: 'Olu Outside', org: 'outside-org' },
];

beforeAll(async () => {
  h = await createHarness({ now: '2026-11-25T10:00:00Z' });
  await h.signIn('lia', 'liaison', { sub: 'u-liaison-1' });
  const employerId = (
    await body(
      await h.call('POST', '/employers', { as: 'lia', body: employerBody({ name: 'Hartley Logistics', notes: 'PRIME-ONLY-NOTE' }) }),
    )
  ).id as string;
  employerOf = employerId;
  vacancyId = (await body(await h.call('POST', '/vacancies', { as: 'lia', body: vacancyBody(employerId, { status: 'open' }) })))
    .id as string;
  web = localWebApp(h, USERS);
});

const { signInAs, get, post } = webClient(() => web);

describe('supply chain pages', () => {
  it('lets the prime’s admin record contracts (refusing bad dates in words) and end one; the subcontractor sees them', async () => {
    const admin = await signInAs('admin', 'u-admin-1');
    const empty = await get(admin, '/app/supply-chain');
    expect(empty.html).toContain('No contracts are recorded');
    expectSound(empty.html);

    const bad = await post(admin, '/app/supply-chain/contracts', [
      ['subcontractorOrgId', 'sub-one'],
      ['subcontractorName', 'Hunslet Works'],
      ...datePairs('startDate', '2026-01-01'),
      ...datePairs('endDate', '2025-12-31'),
    ]);
    expect(bad.status).toBe(400);
    expect(bad.html).toMatch(/href="#endDate"/);
    const unnamed = await post(admin, '/app/supply-chain/contracts', [
      ['subcontractorOrgId', 'sub-one'],
      ['subcontractorName', ''],
      ...datePairs('startDate', '2026-01-01'),
    ]);
    expect(unnamed.status).toBe(400);
    expect(unnamed.html).toMatch(/href="#subcontractorName"/);
    expectSound(bad.html);
    expect((await get(admin, '/app/supply-chain')).html).toContain('No contracts are recorded');

    for (const [org, name] of [
      ['sub-one', 'Hunslet Works'],
      ['sub-two', 'Calder Futures'],
    ]) {
      const ok = await post(admin, '/app/supply-chain/contracts', [
        ['subcontractorOrgId', org!],
        ['subcontractorName', name!],
        ...datePairs('startDate', '2026-01-01'),
        ['endDate.day', ''],
        ['endDate.month', ''],
        ['endDate.year', ''],
      ]);
      expect(ok.status).toBe(303);
    }
    const ended = await post(admin, '/app/supply-chain/contracts/sub-two/end', datePairs('endDate', '2026-11-24'));
    expect(ended).toMatchObject({ status: 303, location: '/app/supply-chain?done=ended' });
    const listed = (await get(admin, '/app/supply-chain?done=ended')).html;
    expect(listed).toContain('A prime provider');
    expect(listed).toContain('Hunslet Works');
    expect(listed).toContain('24 November 2026');
    expect(listed).toContain('Not live');

    const sub = await signInAs('liaison', 'u-sub-liaison');
    const theirs = (await get(sub, '/app/supply-chain')).html;
    expect(theirs).toContain('A subcontractor');
    expect(theirs).toContain('The primes we serve');
    expect(theirs).not.toContain('Record a contract');
    expectSound(theirs);
  });

  it('shares a vacancy through question, check and confirmation; the subcontractor sees only the job; withdrawing hides it', async () => {
    const lia = await signInAs('liaison', 'u-liaison-1');
    const vacancyPage = (await get(lia, `/app/vacancies/${vacancyId}`)).html;
    expect(vacancyPage).toContain('Share with your supply chain');

    const question = await get(lia, `/app/vacancies/${vacancyId}/share`);
    expectSound(question.html, { describedBy: true });
    // Only live subcontractors are offered: sub-two's contract has ended.
    expect(question.html).toContain('Hunslet Works');
    expect(question.html).not.toContain('Calder Futures');

    const none = await post(lia, `/app/vacancies/${vacancyId}/share`, [
      ['step', 'check'],
      ['with', 'chosen'],
    ]);
    expect(none.status).toBe(400);
    expect(none.html).toContain('Choose at least one subcontractor');
    expectSound(none.html);
    // A field named after a built-in (the form fuzzer's find) is refused by name, not looked up on Object.prototype.
    const builtin = await post(lia, `/app/vacancies/${vacancyId}/share`, [
      ['step', 'check'],
      ['valueOf[]:number', 'NaN'],
    ]);
    expect(builtin.status).toBe(400);
    expect(builtin.html).toContain('There is a problem');

    const check = await post(lia, `/app/vacancies/${vacancyId}/share`, [
      ['step', 'check'],
      ['with', 'chosen'],
      ['orgIds[]', 'sub-one'],
    ]);
    expect(check.status).toBe(200);
    expect(check.html).toContain('Check before you share');
    expect(check.html).toContain('Hunslet Works');
    const sub = await signInAs('liaison', 'u-sub-liaison');
    expect((await get(sub, `/app/shared-vacancies/${ORG}/${vacancyId}`)).status).toBe(404);

    const done = await post(lia, `/app/vacancies/${vacancyId}/share`, [...hiddenFields(check.html), ['step', 'confirm']]);
    expect(done).toMatchObject({ status: 303, location: `/app/vacancies/${vacancyId}/share/done` });
    const panel = (await get(lia, done.location!)).html;
    expect(panel).toContain('govuk-panel--confirmation');
    expect(panel).toMatch(/can now be seen by Hunslet Works/);

    const list = await get(sub, '/app/shared-vacancies');
    expect(list.html).toContain(`/app/shared-vacancies/${ORG}/${vacancyId}`);
    expectSound(list.html, { headerScope: true });
    const seen = await get(sub, `/app/shared-vacancies/${ORG}/${vacancyId}`);
    expect(seen.status).toBe(200);
    expectSound(seen.html);
    expect(seen.html).toContain('Hartley Logistics');
    for (const hidden of ['PRIME-ONLY-NOTE', 'u-liaison-1', 'Lia Son', `/app/employers/`, 'Candidates in progress'])
      expect(seen.html).not.toContain(hidden);
    // The subcontractor's adviser sees it too; the prime's own vacancy page stays the prime's.
    const adv = await signInAs('adviser', 'u-sub-adviser');
    expect((await get(adv, `/app/shared-vacancies/${ORG}/${vacancyId}`)).status).toBe(200);
    expect((await get(sub, `/app/vacancies/${vacancyId}`)).status).toBe(404);
    const outsider = await signInAs('liaison', 'u-out-liaison');
    expect((await get(outsider, `/app/shared-vacancies/${ORG}/${vacancyId}`)).status).toBe(404);
    expect((await get(outsider, '/app/shared-vacancies')).html).toContain('No vacancies are shared');

    // The subcontractor's own participant: matched, proposed by its liaison officer, agreed by their adviser.
    await h.signIn('sub-adv', 'adviser', { sub: 'u-sub-adviser', org: 'sub-one' });
    await h.signIn('lia', 'liaison', { sub: 'u-liaison-1' });
    const consent = { matching: true, shareWithEmployers: ['firstName', 'skills'] };
    await h.call('POST', '/participants', { as: 'lia', body: participantBody({ firstName: 'Priya', lastName: 'Primeside', consent }) });
    const res = await h.call('POST', '/participants', {
      as: 'sub-adv',
      body: participantBody({ firstName: 'Sally', lastName: 'Okafor', consent }),
    });
    const sally = (await body(res)).id as string;
    const matched = (await get(sub, `/app/shared-vacancies/${ORG}/${vacancyId}`)).html;
    expect(matched).toContain('Sally O.');
    expect(matched).not.toContain('Priya');
    const proposed = await post(sub, `/app/shared-vacancies/${ORG}/${vacancyId}/proposals`, [['participantId', sally]]);
    expect(proposed.status).toBe(303);
    const waiting = (await get(lia, `/app/vacancies/${vacancyId}`)).html;
    expect(waiting).toContain('Candidates from your supply chain');
    expect(waiting).toContain('Waiting for their adviser');
    expect(waiting).not.toContain('Sally');
    const advPage = (await get(adv, `/app/shared-vacancies/${ORG}/${vacancyId}`)).html;
    expectSound(advPage);
    const pid = /proposals\/([0-9A-Z]{26})\/agreement/.exec(advPage)?.[1];
    expect(pid).toBeTruthy();
    const agreed = await post(adv, `/app/shared-vacancies/${ORG}/${vacancyId}/proposals/${pid}/agreement`, [['agreed:boolean', 'true']]);
    expect(agreed.status).toBe(303);
    const candidate = (await get(lia, `/app/vacancies/${vacancyId}`)).html;
    expect(candidate).toContain('Sally');
    expect(candidate).not.toContain('Okafor');
    expect(candidate).not.toContain(sally);

    // Contact coordination: the subcontractor's own record of the same company, and its call, on the prime's employer page.
    await h.signIn('sub-lia', 'liaison', { sub: 'u-sub-liaison', org: 'sub-one' });
    const theirs = (await body(await h.call('POST', '/employers', { as: 'sub-lia', body: employerBody({ name: 'HARTLEY LOGISTICS' }) })))
      .id as string;
    const logged = await h.call('POST', `/employers/${theirs}/interactions`, {
      as: 'sub-lia',
      body: { kind: 'visit', occurredAt: '2026-11-24T09:00:00Z', summary: 'SUB-ONLY-SUMMARY', outcome: 'positive' },
    });
    expect(logged.status).toBe(201);
    const employerPage = (await get(lia, `/app/employers/${employerOf}`)).html;
    expect(employerPage).toContain('Others in your supply chain in touch lately');
    // The test's directory does not know the subcontractor's officer by name.
    expect(employerPage).toContain('Hunslet Works: An officer, visit on 24 November 2026');
    expect(employerPage).not.toContain('SUB-ONLY-SUMMARY');

    const withdrawn = await post(lia, `/app/vacancies/${vacancyId}/share/withdraw`, []);
    expect(withdrawn.status).toBe(303);
    expect((await get(lia, withdrawn.location!)).html).toContain('Vacancy no longer shared');
    expect((await get(sub, `/app/shared-vacancies/${ORG}/${vacancyId}`)).status).toBe(404);
  });
});
