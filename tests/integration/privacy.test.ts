import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { body, createHarness, type Harness } from '../support/harness.js';
import { cohortBody, employerBody, participantBody, vacancyBody } from '../support/fixtures.js';
import { logger } from '../../shared/logger.js';
import { sweepRetention } from '../../shared/use-cases/subject-rights.js';

/**
 * Privacy by construction: sensitive data reaches only the own adviser and admins, never a log line;
 * consent, caseload moves, exports and erasures leave an audit trail; erasure leaves no personal data.
 */
const SECRET = {
  health: 'SECRET-HEALTH-Crohns-disease',
  disability: 'SECRET-DISABILITY-partial-sight',
  convictions: 'SECRET-CONVICTION-theft-2019',
  housing: 'SECRET-HOUSING-hostel-Beeston',
  caring: 'SECRET-CARING-mother-dementia',
  substance: 'SECRET-SUBSTANCE-alcohol-recovery',
  adjustment: 'SECRET-ADJUST-seated-role',
};
const PERSONAL = { lastName: 'Zyxwvut-Personal', email: 'zyx.personal@example.com', phone: '07700 900999' };

let h: Harness;
let pid: string;
let employerId: string;

async function sensitiveParticipant(adviser = 'adv'): Promise<string> {
  const p = await body(
    await h.call('POST', '/participants', {
      as: adviser,
      body: participantBody({
        ...PERSONAL,
        paymentGroup: 'esa-ex-ib',
        consent: { matching: true, shareWithEmployers: ['firstName', 'skills'] },
      }),
    }),
  );
  const put = await h.call('PUT', `/participants/${p.id}/sensitive`, {
    as: adviser,
    body: {
      health: SECRET.health,
      disability: SECRET.disability,
      convictions: { unspent: true, details: SECRET.convictions },
      housing: SECRET.housing,
      caring: SECRET.caring,
      substanceMisuse: SECRET.substance,
      adjustments: [SECRET.adjustment],
      benefitConstraints: { permittedWork: true, maxHoursPerWeek: 16 },
      workLimits: ['heavy-lifting'],
    },
  });
  expect(put.status).toBe(200);
  return p.id as string;
}

beforeAll(async () => {
  h = await createHarness({ now: '2026-11-25T10:00:00Z' });
  await h.signIn('adv', 'adviser', { sub: 'u-adviser-own' });
  await h.signIn('adv-other', 'adviser', { sub: 'u-adviser-other' });
  await h.signIn('lia', 'liaison');
  await h.signIn('adm', 'admin');
  // Open to people with convictions, so the participants here (with unspent ones) are matched to its vacancies.
  employerId = (
    await body(await h.call('POST', '/employers', { as: 'lia', body: employerBody({ commitments: { openToConvictions: true } }) }))
  ).id as string;
  await h.signIn('emp', 'employer', { employerId });
  pid = await sensitiveParticipant();
});

afterEach(() => {
  vi.restoreAllMocks();
  logger.setLogLevel('SILENT');
});

function secretsIn(text: string): string[] {
  return Object.values(SECRET).filter((s) => text.includes(s));
}

describe('sensitive data reaches only the own adviser and admins', () => {
  it('appears in no response to liaison, another adviser or an employer, on any participant route', async () => {
    const routes = [
      `/participants/${pid}`,
      `/participants?adviserId=u-adviser-own`,
      `/participants/${pid}/readiness`,
      `/participants/${pid}/sensitive`,
      `/participants/${pid}/audit`,
      `/participants/${pid}/export`,
    ];
    for (const caller of ['lia', 'adv-other', 'emp']) {
      for (const path of routes) {
        const text = await (await h.call('GET', path, { as: caller })).text();
        expect({ caller, path, leaked: secretsIn(text) }).toEqual({ caller, path, leaked: [] });
      }
    }
    // Liaison officers get derived, minimal facts instead.
    const view = await body(await h.call('GET', `/participants/${pid}`, { as: 'lia' }));
    expect(view).toMatchObject({ adjustmentsNeeded: true, maxHoursPerWeek: 16 });
    expect(view).not.toHaveProperty('email');
    expect(view).not.toHaveProperty('paymentGroup');
  });

  it('is there for the own adviser and admins', async () => {
    for (const caller of ['adv', 'adm']) {
      const text = await (await h.call('GET', `/participants/${pid}/sensitive`, { as: caller })).text();
      expect(secretsIn(text).length).toBe(Object.keys(SECRET).length);
    }
  });

  it('never reaches a log line, even at DEBUG', async () => {
    const lines: string[] = [];
    logger.setLogLevel('DEBUG');
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    const fresh = await sensitiveParticipant();
    await h.call('GET', `/participants/${fresh}/sensitive`, { as: 'adv' });
    await h.call('GET', `/participants/${fresh}/export`, { as: 'adv' });
    await h.call('PUT', `/participants/${fresh}/sensitive`, { as: 'adv', body: { health: 42 } });
    logger.setLogLevel('SILENT');
    vi.restoreAllMocks();
    const all = lines.join('');
    expect(all.length).toBeGreaterThan(0);
    expect(secretsIn(all)).toEqual([]);
    expect(all).not.toContain(PERSONAL.lastName);
    expect(all).not.toContain(PERSONAL.email);
  });
});

describe('matches and submissions carry no sensitive data either', () => {
  it('keeps the sensitive part out of match results, submissions and employer views, for every role', async () => {
    const id = await sensitiveParticipant();
    await h.call('PUT', `/participants/${id}/sensitive`, {
      as: 'adv',
      body: {
        health: SECRET.health,
        housing: SECRET.housing,
        convictions: { unspent: true, details: SECRET.convictions },
        adjustments: [SECRET.adjustment],
      },
    });
    const v = await body(
      await h.call('POST', '/vacancies', {
        as: 'lia',
        body: vacancyBody(employerId, {
          status: 'open',
          site: { postcode: 'LS10 1AB', location: { lat: 53.77, lng: -1.53 } },
          workDemands: [],
          essentialCertifications: [],
        }),
      }),
    );
    const matches = await h.call('GET', `/vacancies/${v.id}/matches`, { as: 'lia' });
    const matchText = await matches.text();
    expect(matchText).toContain(id);
    expect(secretsIn(matchText)).toEqual([]);
    expect(matchText).not.toContain('esa-ex-ib');

    const sub = (
      await body<{ items: { id: string }[] }>(
        await h.call('POST', `/vacancies/${v.id}/submissions`, { as: 'lia', body: { participantIds: [id] } }),
      )
    ).items[0]!;
    await h.call('POST', `/submissions/${sub.id}/agreement`, { as: 'adv', body: { agreed: true } });
    for (const [caller, path] of [
      ['lia', `/submissions/${sub.id}`],
      ['lia', `/vacancies/${v.id}/submissions`],
      ['emp', `/submissions/${sub.id}`],
      ['emp', `/vacancies/${v.id}/submissions`],
      ['adv', `/participants/${id}/matches`],
    ] as const) {
      const res = await h.call('GET', path, { as: caller });
      expect(res.status).toBe(200);
      const text = await res.text();
      expect({ caller, path, leaked: secretsIn(text) }).toEqual({ caller, path, leaked: [] });
    }
    // The employer never learns who the person is beyond what was shared.
    const employerText = await (await h.call('GET', `/vacancies/${v.id}/submissions`, { as: 'emp' })).text();
    for (const v2 of [id, PERSONAL.lastName, PERSONAL.email, PERSONAL.phone, 'esa-ex-ib', 'u-adviser-own'])
      expect(employerText).not.toContain(v2);
  });
});

describe('audit trail', () => {
  it('records sensitive reads and writes, consent changes, transfers and exports: who, role, what, when, correlation id', async () => {
    const id = await sensitiveParticipant();
    await h.call('GET', `/participants/${id}/sensitive`, { as: 'adm', headers: { 'x-correlation-id': 'corr-read-1' } });
    await h.call('PUT', `/participants/${id}/consent`, {
      as: 'adv',
      body: { matching: false, shareWithEmployers: ['firstName'] },
      headers: { 'x-correlation-id': 'corr-consent-1' },
    });
    await h.call('GET', `/participants/${id}/export`, { as: 'adv' });
    await h.call('POST', `/participants/${id}/transfer`, { as: 'adv', body: { toAdviserId: 'u-adviser-other', reason: 'Office move' } });
    // After the move the trail belongs to the new adviser (and admins); the old adviser loses sight of it.
    expect((await h.call('GET', `/participants/${id}/audit`, { as: 'adv' })).status).toBe(404);
    const trail = await body<{ items: Record<string, unknown>[] }>(await h.call('GET', `/participants/${id}/audit`, { as: 'adv-other' }));
    expect(trail.items.map((e) => [e.action, e.actorSub, e.actorRole])).toEqual([
      ['sensitive.write', 'u-adviser-own', 'adviser'],
      ['sensitive.read', 'adm', 'admin'],
      ['consent.change', 'u-adviser-own', 'adviser'],
      ['participant.export', 'u-adviser-own', 'adviser'],
      ['caseload.transfer', 'u-adviser-own', 'adviser'],
    ]);
    expect(trail.items[1]).toMatchObject({ subjectId: id, correlationId: 'corr-read-1', at: '2026-11-25T10:00:00.000Z' });
    expect(trail.items[2]).toMatchObject({ correlationId: 'corr-consent-1', detail: { matchingBefore: true, matching: false } });
    expect(trail.items[4]).toMatchObject({ detail: { fromAdviserId: 'u-adviser-own', toAdviserId: 'u-adviser-other' } });
    // The trail itself holds no sensitive values.
    expect(secretsIn(JSON.stringify(trail))).toEqual([]);
  });

  it('writes the audit entry in the same transaction as the change: a refused change leaves neither', async () => {
    const id = await sensitiveParticipant();
    const before = await h.snapshot();
    const stale = await h.call('PUT', `/participants/${id}/sensitive`, {
      as: 'adv',
      body: { housing: 'x' },
      headers: { 'if-match': '"7"' },
    });
    expect(stale.status).toBe(412);
    const badConsent = await h.call('PUT', `/participants/${id}/consent`, {
      as: 'adv',
      body: { matching: true, shareWithEmployers: ['healthDisclosure'] },
    });
    expect(badConsent.status).toBe(400);
    expect((await body(badConsent)).errors).toEqual([{ path: 'healthDisclosureText', message: expect.stringContaining('own words') }]);
    expect(await h.snapshot()).toBe(before);
  });
});

describe('consent', () => {
  it('is recorded with date and who recorded it; disclosures only in the participant’s own words', async () => {
    const res = await h.call('PUT', `/participants/${pid}/consent`, {
      as: 'adv',
      body: {
        matching: true,
        shareWithEmployers: ['firstName', 'skills', 'healthDisclosure'],
        healthDisclosureText: 'I have a long-term condition; I may need the odd day for appointments.',
        convictionDisclosureText: 'Should not be kept: not chosen',
      },
    });
    expect(res.status).toBe(200);
    const p = await body<{ consent: Record<string, unknown> }>(res);
    expect(p.consent).toEqual({
      matching: true,
      shareWithEmployers: ['firstName', 'skills', 'healthDisclosure'],
      inWorkContact: true,
      healthDisclosureText: 'I have a long-term condition; I may need the odd day for appointments.',
      recordedAt: '2026-11-25T10:00:00.000Z',
      recordedBy: 'u-adviser-own',
    });
  });
});

async function everyItemOf(id: string) {
  const own = await h.db.send(
    new QueryCommand({
      TableName: h.tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': `O#test-org#PAR#${id}` },
    }),
  );
  const enrolments = await h.db.send(
    new QueryCommand({
      TableName: h.tableName,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': `O#test-org#PARENR#${id}` },
    }),
  );
  return [...(own.Items ?? []), ...(enrolments.Items ?? [])];
}

describe('erasure and retention', () => {
  it('erases personal data everywhere, keeps counts and the trail, and records the erasure', async () => {
    const id = await sensitiveParticipant();
    const cohort = await body(await h.call('POST', '/cohorts', { as: 'lia', body: cohortBody() }));
    await h.call('POST', `/cohorts/${cohort.id}/enrolments`, { as: 'adv', body: { participantId: id } });
    await h.call('PATCH', `/cohorts/${cohort.id}/enrolments/${id}`, {
      as: 'adv',
      body: { status: 'completed', note: `Did well, ${PERSONAL.lastName}` },
    });
    await h.call('POST', `/participants/${id}/readiness`, {
      as: 'adv',
      body: { readiness: 'amber', reason: `Housing crisis UNIQUE-REASON-${id}` },
    });
    expect((await h.call('DELETE', `/participants/${id}`, { as: 'adv' })).status).toBe(403);

    const res = await h.call('DELETE', `/participants/${id}`, { as: 'adm', headers: { 'x-correlation-id': 'corr-erase' } });
    expect(res.status).toBe(204);

    // Every key pattern that can hold the subject: its own partition and its enrolments.
    const items = await everyItemOf(id);
    const text = JSON.stringify(items);
    expect(secretsIn(text)).toEqual([]);
    for (const v of Object.values(PERSONAL)) expect(text).not.toContain(v);
    expect(text).not.toContain('Dean');
    expect(items.map((i) => String(i.SK).replace(/#.*/, '#')).sort()).toEqual(['AUDIT#', 'AUDIT#', 'ENR#', 'ERASED']);
    // Nothing else in the table mentions the subject's personal data either.
    const whole = JSON.stringify((await h.db.send(new ScanCommand({ TableName: h.tableName }))).Items);
    expect(whole).not.toContain(`UNIQUE-REASON-${id}`);
    expect(whole).not.toContain(`Did well, ${PERSONAL.lastName}`);

    // Counts survive: the cohort still counts the completer.
    const c = await body<{ enrolledCount: number; enrolments: { status: string }[] }>(
      await h.call('GET', `/cohorts/${cohort.id}`, { as: 'lia' }),
    );
    expect(c.enrolledCount).toBe(1);
    expect(c.enrolments.map((e) => e.status)).toEqual(['completed']);
    expect((await h.call('GET', `/participants/${id}`, { as: 'adm' })).status).toBe(404);
    const trail = await body<{ items: { action: string; correlationId?: string }[] }>(
      await h.call('GET', `/participants/${id}/audit`, { as: 'adm' }),
    );
    expect(trail.items.at(-1)).toMatchObject({ action: 'participant.erasure', correlationId: 'corr-erase' });
  });

  it('sweeps exited participants after the retention period, and only them', async () => {
    h.clock.set('2024-01-10T09:00:00Z');
    const old = (await body(await h.call('POST', '/participants', { as: 'adv', body: participantBody({ lastName: 'Longgone' }) })))
      .id as string;
    const recent = (await body(await h.call('POST', '/participants', { as: 'adv', body: participantBody({ lastName: 'Justleft' }) })))
      .id as string;
    const active = (await body(await h.call('POST', '/participants', { as: 'adv', body: participantBody({ lastName: 'Stillhere' }) })))
      .id as string;
    await h.call('PATCH', `/participants/${old}`, { as: 'adv', body: { status: 'exited' } });
    h.clock.set('2026-10-01T09:00:00Z');
    await h.call('PATCH', `/participants/${recent}`, { as: 'adv', body: { status: 'exited' } });
    h.clock.set('2026-11-25T10:00:00Z');

    const result = await sweepRetention(h.deps, 730);
    expect(result.erased).toBe(1);
    expect((await h.call('GET', `/participants/${old}`, { as: 'adm' })).status).toBe(404);
    expect((await h.call('GET', `/participants/${recent}`, { as: 'adm' })).status).toBe(200);
    expect((await h.call('GET', `/participants/${active}`, { as: 'adm' })).status).toBe(200);
    expect(JSON.stringify(await everyItemOf(old))).not.toContain('Longgone');
    const trail = await body<{ items: { action: string; actorRole: string }[] }>(
      await h.call('GET', `/participants/${old}/audit`, { as: 'adm' }),
    );
    expect(trail.items.at(-1)).toMatchObject({ action: 'retention.erasure', actorRole: 'system' });
    // A second sweep finds nothing more to do.
    expect((await sweepRetention(h.deps, 730)).erased).toBe(0);
  });
});

describe('employers see only their own', () => {
  it('cannot reach participants at all, nor another employer’s records', async () => {
    expect((await h.call('GET', `/participants/${pid}`, { as: 'emp' })).status).toBe(403);
    const other = await body(await h.call('POST', '/employers', { as: 'lia', body: employerBody({ name: 'Rival Ltd' }) }));
    const v = await body(await h.call('POST', '/vacancies', { as: 'lia', body: vacancyBody(other.id as string) }));
    expect((await h.call('GET', `/employers/${other.id}`, { as: 'emp' })).status).toBe(404);
    expect((await h.call('GET', `/vacancies/${v.id}`, { as: 'emp' })).status).toBe(404);
    const list = await body<{ items: { id: string }[] }>(await h.call('GET', '/employers', { as: 'emp' }));
    expect(list.items.map((e) => e.id)).toEqual([employerId]);
  });
});
