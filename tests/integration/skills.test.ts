import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../shared/adapters/dynamodb/keys.js';
import { employerBody, participantBody, vacancyBody } from '../support/fixtures.js';
import { body, createHarness, ORG, type Harness } from '../support/harness.js';

/**
 * Skills from one vocabulary, through the API against DynamoDB Local: what people type is stored as the
 * skills list names it, so the same skill typed two ways matches; text the list does not know is kept and
 * flagged; admins add skills and synonyms (`/skills`), and a record picks them up when next saved.
 */
let h: Harness;
let employerId: string;

interface Matches {
  candidates: { participantId: string }[];
}

beforeAll(async () => {
  h = await createHarness({ now: '2026-11-25T10:00:00Z' });
  await h.signIn('adm', 'admin', { sub: 'u-admin-1' });
  await h.signIn('lia', 'liaison', { sub: 'u-liaison-1' });
  await h.signIn('adv', 'adviser', { sub: 'u-adviser-1' });
  employerId = (await body(await h.call('POST', '/employers', { as: 'lia', body: employerBody() }))).id as string;
  await h.signIn('emp', 'employer', { sub: 'u-employer-1', employerId });
});

const person = async (skills: string[]) => {
  const res = await h.call('POST', '/participants', {
    as: 'adv',
    body: participantBody({ skills, consent: { matching: true, shareWithEmployers: ['firstName', 'skills'] } }),
  });
  expect(res.status).toBe(201);
  return body<{ id: string; skills: string[]; skillsUnrecognised?: string[]; version: number }>(res);
};

describe('skills as stored', () => {
  it('an adviser types "Picking & Packing": the participant matches a vacancy needing "picking and packing"', async () => {
    // Prepare: the vacancy as a liaison officer wrote it, in the list's words.
    const v = await body<{ id: string; essentialSkills: string[] }>(
      await h.call('POST', '/vacancies', {
        as: 'lia',
        body: vacancyBody(employerId, { status: 'open', essentialSkills: ['picking and packing'], desirableSkills: [] }),
      }),
    );
    // Act
    const p = await person(['Picking & Packing', 'Customer Care']);
    // Assess
    expect(p.skills).toEqual(['picking and packing', 'customer service']);
    expect(p).not.toHaveProperty('skillsUnrecognised');
    const m = await body<Matches>(await h.call('GET', `/vacancies/${v.id}/matches?limit=50`, { as: 'lia' }));
    expect(m.candidates.map((c) => c.participantId)).toContain(p.id);
    const theirs = await body<{ vacancies: { vacancyId: string }[] }>(await h.call('GET', `/participants/${p.id}/matches`, { as: 'adv' }));
    expect(theirs.vacancies.map((x) => x.vacancyId)).toContain(v.id);
  });

  it('the vacancy side too: "pick and pack" and "Picking/Packing" are the same must-have', async () => {
    const v = await body<{ id: string; essentialSkills: string[]; desirableSkills: string[] }>(
      await h.call('POST', '/vacancies', {
        as: 'lia',
        body: vacancyBody(employerId, {
          status: 'open',
          essentialSkills: ['pick and pack'],
          desirableSkills: ['Picking/Packing', 'Typing'],
        }),
      }),
    );
    expect(v).toMatchObject({ essentialSkills: ['picking and packing'], desirableSkills: ['keyboard skills'] });
    const p = await person(['picking and packing']);
    const m = await body<Matches>(await h.call('GET', `/vacancies/${v.id}/matches?limit=50`, { as: 'lia' }));
    expect(m.candidates.map((c) => c.participantId)).toContain(p.id);
  });

  it('keeps text the list does not know as typed, and flags it on the record (create and update)', async () => {
    // Act
    const p = await person(['forklift', 'customer service']);
    const v = await body<{ id: string; skillsUnrecognised?: string[]; essentialSkills: string[] }>(
      await h.call('POST', '/vacancies', {
        as: 'lia',
        body: vacancyBody(employerId, { essentialSkills: ['Reach Truck'], desirableSkills: [] }),
      }),
    );
    // Assess
    expect(p).toMatchObject({ skills: ['forklift', 'customer service'], skillsUnrecognised: ['forklift'] });
    expect(v).toMatchObject({ essentialSkills: ['reach truck'], skillsUnrecognised: ['reach truck'] });
    const read = await body(await h.call('GET', `/participants/${p.id}`, { as: 'lia' }));
    expect(read.skillsUnrecognised).toEqual(['forklift']);
    // An update maps them again: recognised text clears the flag.
    const fixed = await body(await h.call('PATCH', `/vacancies/${v.id}`, { as: 'lia', body: { essentialSkills: ['forklift driving'] } }));
    expect(fixed.essentialSkills).toEqual(['forklift operation']);
    expect(fixed).not.toHaveProperty('skillsUnrecognised');
  });
});

describe('the skills list (/skills)', () => {
  it('everyone who records skills reads it: the shipped list, version 0, with synonyms and sectors', async () => {
    for (const as of ['adm', 'lia', 'adv', 'emp']) {
      const res = await h.call('GET', '/skills', { as });
      expect(res.status).toBe(200);
      expect(res.headers.get('etag')).toBe('"0"');
      const list = await body<{ version: number; skills: { skill: string; synonyms: string[]; sectors: string[] }[] }>(res);
      expect(list.version).toBe(0);
      expect(list.skills.find((s) => s.skill === 'picking and packing')).toMatchObject({
        sectors: ['warehousing-logistics'],
        synonyms: expect.arrayContaining(['pick and pack']),
      });
    }
    expect((await h.call('GET', '/skills')).status).toBe(401);
  });

  it('admins add a skill and synonyms; the first addition copies the list into the table; others may not', async () => {
    // Prepare: a participant whose "forklift" is kept but flagged.
    const p = await person(['forklift']);
    const before = await h.snapshot();
    // Act, Assess: only admins.
    const byLiaison = await h.call('POST', '/skills', { as: 'lia', body: { skill: 'welding' } });
    expect(byLiaison.status).toBe(403);
    expect(await h.snapshot()).toBe(before);
    // A new skill: 201.
    const created = await h.call('POST', '/skills', {
      as: 'adm',
      body: { skill: 'Reach Truck Operation', synonyms: ['reach truck'], sectors: ['warehousing-logistics'] },
    });
    expect(created.status).toBe(201);
    expect(await body(created)).toMatchObject({
      created: true,
      version: 1,
      skill: { skill: 'reach truck operation', addedBy: 'u-admin-1' },
    });
    const item = await h.db.send(new GetCommand({ TableName: h.tableName, Key: keys.skillVocabulary(ORG) }));
    expect(item.Item).toMatchObject({ version: 1, orgId: ORG });
    // A synonym for a skill already listed: 200.
    const synonym = await h.call('POST', '/skills', { as: 'adm', body: { skill: 'forklift operation', synonyms: ['forklift'] } });
    expect(synonym.status).toBe(200);
    expect(await body(synonym)).toMatchObject({ created: false, synonymsAdded: ['forklift'], version: 2 });
    expect((await h.call('GET', '/skills', { as: 'adv' })).headers.get('etag')).toBe('"2"');
    // The record picks it up when it is next saved, whatever the change.
    const saved = await body(await h.call('PATCH', `/participants/${p.id}`, { as: 'adv', body: { firstName: 'Dean' } }));
    expect(saved.skills).toEqual(['forklift operation']);
    expect(saved).not.toHaveProperty('skillsUnrecognised');
    expect((await person(['Reach Trucks'])).skills).toEqual(['reach truck operation']);
  });

  it('refuses a synonym that already means another skill (409, naming it) and bad input (400, naming the field), changing nothing', async () => {
    const before = await h.snapshot();
    const clash = await h.call('POST', '/skills', { as: 'adm', body: { skill: 'welding', synonyms: ['typing'] } });
    expect(clash.status).toBe(409);
    expect((await body(clash)).errors).toEqual([{ path: 'synonyms.0', message: 'already means ‘keyboard skills’ in the skills list' }]);
    const again = await h.call('POST', '/skills', { as: 'adm', body: { skill: 'Customer Services' } });
    expect(again.status).toBe(409);
    const comma = await h.call('POST', '/skills', { as: 'adm', body: { skill: 'picking, packing' } });
    expect(comma.status).toBe(400);
    expect((await body(comma)).errors).toEqual([expect.objectContaining({ path: 'skill' })]);
    expect(await h.snapshot()).toBe(before);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = await body<{ paths: Record<string, Record<string, { tags: string[] }>> }>(await h.call('GET', '/openapi.json'));
    expect(Object.keys(doc.paths['/skills']!).sort()).toEqual(['get', 'post']);
    expect(doc.paths['/skills']!.post!.tags).toEqual(['Skills']);
  });
});
