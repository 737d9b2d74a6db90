import { beforeAll, describe, expect, it } from 'vitest';
import { body, createHarness, type Harness } from '../support/harness.js';
import { cohortBody, employerBody, participantBody, vacancyBody } from '../support/fixtures.js';
import { localWebApp, webClient } from '../support/web.js';

/** The ranked list keeps the promises the vacancy page makes: must-haves rule out, and training counts. */
let h: Harness;
let employerId: string;

interface Matches {
  candidates: { participantId: string }[];
  couldQualify: { participantId: string; missingSkill: string; training: { cohortId: string; title: string }[]; gaps: string[] }[];
  excluded: Record<string, number>;
}

async function person(first: string, over: Record<string, unknown> = {}) {
  const res = await h.call('POST', '/participants', {
    as: 'adv',
    body: participantBody({
      firstName: first,
      consent: { matching: true, shareWithEmployers: [] },
      preferences: { occupations: [], sectors: [], maxTravelKm: 30 },
      ...over,
    }),
  });
  expect(res.status).toBe(201);
  return (await body(res)).id as string;
}

beforeAll(async () => {
  h = await createHarness({ now: '2026-11-25T10:00:00Z' });
  await h.signIn('lia', 'liaison', { sub: 'u-liaison-1' });
  await h.signIn('adv', 'adviser', { sub: 'u-adviser-1' });
  employerId = (await body(await h.call('POST', '/employers', { as: 'lia', body: employerBody() }))).id as string;
});

describe('must-haves', () => {
  it('rule out; one short comes back as "could qualify", the skill named, with the training that teaches it', async () => {
    // Prepare: a packing course starting soon, and three people with two, one and none of the must-haves.
    const course = await body<{ id: string; title: string }>(
      await h.call('POST', '/cohorts', {
        as: 'lia',
        body: cohortBody({ title: 'Forklift and packing, January', modules: ['forklift', 'manual-handling'] }),
      }),
    );
    const v = await body<{ id: string }>(
      await h.call('POST', '/vacancies', {
        as: 'lia',
        body: vacancyBody(employerId, { status: 'open', essentialSkills: ['picking', 'forklift'], workDemands: [] }),
      }),
    );
    const both = await person('Both', { skills: ['picking', 'forklift'] });
    const one = await person('One', { skills: ['picking'] });
    const none = await person('None', { skills: ['cleaning'] });
    // Act
    const m = await body<Matches>(await h.call('GET', `/vacancies/${v.id}/matches?limit=50`, { as: 'lia' }));
    // Assess
    expect(m.candidates.map((c) => c.participantId)).toContain(both);
    expect(m.candidates.map((c) => c.participantId)).not.toContain(one);
    expect(m.candidates.map((c) => c.participantId)).not.toContain(none);
    const short = m.couldQualify.find((c) => c.participantId === one)!;
    expect(short).toMatchObject({ missingSkill: 'forklift', training: [{ cohortId: course.id, title: course.title }] });
    expect(short.gaps[0]).toMatch(/^Missing one must-have skill: forklift/);
    expect(m.couldQualify.map((c) => c.participantId)).not.toContain(none);
    expect(m.excluded['missing-essential-skills']).toBeGreaterThanOrEqual(1);
    // The same from the adviser's side: the vacancy is one skill away for "One".
    const theirs = await body<{ vacancies: { vacancyId: string }[]; couldQualify: { vacancyId: string; missingSkill: string }[] }>(
      await h.call('GET', `/participants/${one}/matches`, { as: 'adv' }),
    );
    expect(theirs.vacancies.map((x) => x.vacancyId)).not.toContain(v.id);
    expect(theirs.couldQualify).toContainEqual(expect.objectContaining({ vacancyId: v.id, missingSkill: 'forklift' }));
    // And on their page, for the adviser to talk through, with the course that teaches it.
    const web = localWebApp(h, [{ sub: 'u-adviser-1', role: 'adviser', name: 'Ada Viser' }]);
    const browser = webClient(() => web);
    const { status, html } = await browser.get(await browser.signInAs('adviser', 'u-adviser-1'), `/app/participants/${one}`);
    expect(status).toBe(200);
    expect(html).toContain('One skill away');
    expect(html).toMatch(/needs forklift/);
    expect(html).toContain(`href="/app/cohorts/${course.id}"`);
  });
});

describe('training counts', () => {
  it('completing a cohort awards its certificates (dated, with their usual expiry), so a job that needs them now finds the completer', async () => {
    // Prepare: a vacancy that needs food hygiene, and a cohort that awards it.
    const cohort = await body<{ id: string }>(
      await h.call('POST', '/cohorts', {
        as: 'lia',
        body: cohortBody({
          title: 'Kitchen routeway',
          sector: 'hospitality',
          modules: ['food-hygiene'],
          certificationsAwarded: ['food hygiene level 2'],
          startDate: '2026-11-16',
          endDate: '2026-11-27',
        }),
      }),
    );
    const v = await body<{ id: string }>(
      await h.call('POST', '/vacancies', {
        as: 'lia',
        body: vacancyBody(employerId, {
          status: 'open',
          title: 'Kitchen porter',
          sector: 'hospitality',
          essentialSkills: [],
          essentialCertifications: ['food hygiene level 2'],
          workDemands: [],
        }),
      }),
    );
    const p = await person('Trainee', { skills: ['cleaning'] });
    expect((await h.call('POST', `/cohorts/${cohort.id}/enrolments`, { as: 'adv', body: { participantId: p } })).status).toBe(201);
    const before = await body<Matches>(await h.call('GET', `/vacancies/${v.id}/matches?limit=50`, { as: 'lia' }));
    expect(before.candidates.map((c) => c.participantId)).not.toContain(p);
    // Act
    expect((await h.call('PATCH', `/cohorts/${cohort.id}/enrolments/${p}`, { as: 'adv', body: { status: 'completed' } })).status).toBe(200);
    // Assess
    const record = await body<{ certifications: { name: string; awardedOn?: string; expiresOn?: string; awardedByCohortId?: string }[] }>(
      await h.call('GET', `/participants/${p}`, { as: 'adv' }),
    );
    expect(record.certifications).toContainEqual({
      name: 'food hygiene level 2',
      awardedOn: '2026-11-25',
      expiresOn: '2029-11-25',
      awardedByCohortId: cohort.id,
    });
    const after = await body<Matches>(await h.call('GET', `/vacancies/${v.id}/matches?limit=50`, { as: 'lia' }));
    expect(after.candidates.map((c) => c.participantId)).toContain(p);
  });
});
