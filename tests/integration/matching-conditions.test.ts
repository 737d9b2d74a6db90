import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepDue } from '../../shared/use-cases/sweep.js';
import { body, createHarness, ORG, type Harness } from '../support/harness.js';
import { employerBody, participantBody, vacancyBody } from '../support/fixtures.js';
import { expectSound, localWebApp, webClient, type Session } from '../support/web.js';

/**
 * Matching keeps its promises on convictions, permitted work and adjustments, through the API and the
 * pages, as a liaison officer and an adviser use them: the employer's conditions rule people out without
 * anyone seeing both sides (the liaison officer gets a count, the participant's own adviser which
 * condition and why); permitted work's cap, end date and earnings limit are rules, a job a little over
 * comes back as "ask the employer", and the adviser hears four weeks before it ends; adjustments are a
 * factor and a gap only the adviser sees named.
 */
let h: Harness;
let web: ReturnType<typeof localWebApp>;
let browser: ReturnType<typeof webClient>;
let asAdviser: Session;
let asLiaison: Session;
let notifier: { stop(): Promise<void> };

interface VacancyMatches {
  candidates: {
    participantId: string;
    score: number;
    factors: { factor: string; contribution: number; detail: string }[];
    gaps: string[];
  }[];
  couldQualify: { participantId: string; askAboutHours?: number; missingSkill?: string; because: string; gaps: string[] }[];
  excluded: Record<string, number>;
}
interface ParticipantMatches {
  vacancies: { vacancyId: string; score: number; factors: { factor: string; contribution: number; detail: string }[]; gaps: string[] }[];
  couldQualify: { vacancyId: string; askAboutHours?: number; because: string; gaps: string[] }[];
  ruledOut: { vacancyId: string; title: string; reasons: string[] }[];
  excluded: Record<string, number>;
}

const ids = { employers: {} as Record<string, string>, vacancies: {} as Record<string, string>, people: {} as Record<string, string> };

async function employer(key: string, commitments: Record<string, unknown>) {
  const res = await h.call('POST', '/employers', { as: 'lia', body: employerBody({ name: `Employer ${key} Ltd`, commitments }) });
  expect(res.status).toBe(201);
  ids.employers[key] = (await body(res)).id as string;
}

async function vacancy(key: string, employerKey: string, over: Record<string, unknown> = {}) {
  const res = await h.call('POST', '/vacancies', {
    as: 'lia',
    body: vacancyBody(ids.employers[employerKey]!, {
      status: 'open',
      title: `Job ${key}`,
      essentialSkills: [],
      desirableSkills: [],
      workDemands: [],
      closingDate: '2027-03-31',
      ...over,
    }),
  });
  expect(res.status).toBe(201);
  ids.vacancies[key] = (await body(res)).id as string;
}

async function person(key: string, sensitive?: Record<string, unknown>) {
  const res = await h.call('POST', '/participants', {
    as: 'adv',
    body: participantBody({ firstName: key, consent: { matching: true, shareWithEmployers: ['firstName', 'skills'] } }),
  });
  expect(res.status).toBe(201);
  const id = (await body(res)).id as string;
  ids.people[key] = id;
  if (sensitive) expect((await h.call('PUT', `/participants/${id}/sensitive`, { as: 'adv', body: sensitive })).status).toBe(200);
  return id;
}

const forVacancy = async (key: string) =>
  body<VacancyMatches>(await h.call('GET', `/vacancies/${ids.vacancies[key]}/matches?limit=50`, { as: 'lia' }));
const forPerson = async (key: string) =>
  body<ParticipantMatches>(await h.call('GET', `/participants/${ids.people[key]}/matches?limit=50`, { as: 'adv' }));
const listed = (m: VacancyMatches) => m.candidates.map((c) => c.participantId);

beforeAll(async () => {
  h = await createHarness({ now: '2026-11-25T10:00:00Z' });
  await h.signIn('lia', 'liaison', { sub: 'u-liaison-1' });
  await h.signIn('adv', 'adviser', { sub: 'u-adviser-1' });
  web = localWebApp(h, [
    { sub: 'u-adviser-1', role: 'adviser', name: 'Ada Viser' },
    { sub: 'u-liaison-1', role: 'liaison', name: 'Lia Ison' },
  ]);
  browser = webClient(() => web);
  asAdviser = await browser.signInAs('adviser', 'u-adviser-1');
  asLiaison = await browser.signInAs('liaison', 'u-liaison-1');
  notifier = h.startNotifier();

  // Three employers: open but not to arson; not open to convictions at all; open to all.
  await employer('Arden', { openToConvictions: true, convictionExclusions: ['arson'], adjustmentTypesOffered: ['quiet-space'] });
  await employer('Birch', { openToConvictions: false });
  await employer('Cobb', { openToConvictions: true, adjustmentTypesOffered: ['quiet-space', 'step-free-access'] });
  await vacancy('A-basic', 'Arden', { backgroundCheck: 'basic-dbs' });
  await vacancy('A-standard', 'Arden', { backgroundCheck: 'standard-dbs' });
  await vacancy('B-none', 'Birch');
  await vacancy('C-enhanced', 'Cobb', { backgroundCheck: 'enhanced-dbs' });

  // Arlo's arson conviction is spent; Ben's theft one is not; Cara has none.
  await person('Arlo', { convictions: { unspent: false, spentOffences: ['arson'], releasedOn: '2019-05-02' } });
  await person('Ben', { convictions: { unspent: true, unspentOffences: ['theft'] } });
  await person('Cara');
});

afterAll(async () => {
  await notifier?.stop();
});

describe('convictions: the employer’s conditions, and nobody sees both sides', () => {
  it('a basic check ignores a spent conviction; a standard DBS check sees it, and the liaison officer only counts it', async () => {
    // Act
    const basic = await forVacancy('A-basic');
    const standard = await forVacancy('A-standard');
    // Assess
    expect(listed(basic)).toEqual(expect.arrayContaining([ids.people.Arlo, ids.people.Ben, ids.people.Cara]));
    expect(basic.excluded['employer-conditions']).toBeUndefined();
    expect(listed(standard)).not.toContain(ids.people.Arlo);
    expect(listed(standard)).toEqual(expect.arrayContaining([ids.people.Ben, ids.people.Cara]));
    expect(standard.excluded['employer-conditions']).toBe(1);
    // Counted, never which or why: nothing about offences, checks or convictions in what the officer gets.
    for (const m of [basic, standard]) expect(JSON.stringify(m)).not.toMatch(/arson|theft|spent|convict|offence|DBS/i);
  });

  it('an employer not open to convictions rules out unspent ones, not spent ones its check cannot see', async () => {
    const m = await forVacancy('B-none');
    expect(listed(m)).toEqual(expect.arrayContaining([ids.people.Arlo, ids.people.Cara]));
    expect(listed(m)).not.toContain(ids.people.Ben);
    expect(m.excluded['employer-conditions']).toBe(1);
  });

  it("the participant's own adviser sees which of the vacancies are ruled out and why, in plain words", async () => {
    // Act
    const arlo = await forPerson('Arlo');
    const ben = await forPerson('Ben');
    // Assess
    expect(arlo.ruledOut).toEqual([
      {
        vacancyId: ids.vacancies['A-standard'],
        title: 'Job A-standard',
        employerName: 'Employer Arden Ltd',
        closingDate: '2027-03-31',
        reasons: ['The employer does not consider arson convictions', 'A standard DBS check sees spent convictions'],
      },
    ]);
    expect(arlo.vacancies.map((v) => v.vacancyId)).toEqual(
      expect.arrayContaining([ids.vacancies['A-basic'], ids.vacancies['B-none'], ids.vacancies['C-enhanced']]),
    );
    expect(ben.ruledOut).toEqual([
      expect.objectContaining({ vacancyId: ids.vacancies['B-none'], reasons: ['The employer does not consider people with convictions'] }),
    ]);
    expect((await forPerson('Cara')).ruledOut).toEqual([]);
    // And on the participant's page, where the adviser talks it through.
    const page = await browser.get(asAdviser, `/app/participants/${ids.people.Arlo}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Ruled out by the employer');
    expect(page.html).toContain('The employer does not consider arson convictions. A standard DBS check sees spent convictions.');
  });

  it('the vacancy page tells the liaison officer how many do not meet the conditions, and nothing more', async () => {
    const page = await browser.get(asLiaison, `/app/vacancies/${ids.vacancies['A-standard']}`);
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/1 person do not meet the employer(&#39;|')s conditions/);
    expect(page.html).not.toMatch(/arson|spent conviction/i);
    expect(page.html).not.toContain(`value="${ids.people.Arlo}"`);
  });

  it('the employer page changes the conditions, and the pool entries of its open vacancies follow', async () => {
    // Prepare: Ben (unspent theft) is suggested the Arden vacancy with a basic check.
    expect((await forPerson('Ben')).vacancies.map((v) => v.vacancyId)).toContain(ids.vacancies['A-basic']);
    const page = await browser.get(asLiaison, `/app/employers/${ids.employers.Arden}`);
    expect(page.html).toContain('Change its conditions on convictions');
    expectSound(page.html, { describedBy: true });
    const version = /name="version:number" value="(\d+)"/.exec(page.html)?.[1];
    // Act: Arden will no longer consider theft either.
    const saved = await browser.post(asLiaison, `/app/employers/${ids.employers.Arden}/conditions`, [
      ['version:number', version!],
      ['commitments.openToConvictions:boolean', 'true'],
      ['commitments.convictionExclusions[]', 'arson'],
      ['commitments.convictionExclusions[]', 'theft'],
      ['commitments.adjustmentTypesOffered[]', 'quiet-space'],
    ]);
    // Assess
    expect(saved.status).toBe(303);
    const after = await browser.get(asLiaison, `/app/employers/${ids.employers.Arden}`);
    expect(after.html).toContain('Yes, except: arson, theft or burglary');
    const ben = await forPerson('Ben');
    expect(ben.vacancies.map((v) => v.vacancyId)).not.toContain(ids.vacancies['A-basic']);
    expect(ben.ruledOut.map((r) => r.vacancyId)).toEqual(expect.arrayContaining([ids.vacancies['A-basic'], ids.vacancies['A-standard']]));
    expect(ben.ruledOut.find((r) => r.vacancyId === ids.vacancies['A-basic'])!.reasons).toEqual([
      'The employer does not consider theft or burglary convictions',
    ]);
    expect(listed(await forVacancy('A-basic'))).not.toContain(ids.people.Ben);
    // A stale form (the version it showed has moved on) changes nothing and says so.
    const stale = await browser.post(asLiaison, `/app/employers/${ids.employers.Arden}/conditions`, [
      ['version:number', version!],
      ['commitments.openToConvictions:boolean', 'false'],
    ]);
    expect(stale.status).toBe(409);
    expect(stale.html).toMatch(/changed this employer while you had the page open/i);
  });

  it('a vacancy’s pool entry is never built from an employer version that has moved on', async () => {
    // Prepare: the vacancy and its employer as read, then the employer changes.
    const v = (await h.deps.repos.vacancies.get(ORG, ids.vacancies['C-enhanced']!))!;
    const e = (await h.deps.repos.employers.get(ORG, ids.employers.Cobb!))!;
    const moved = await h.call('PATCH', `/employers/${e.id}`, { as: 'lia', body: { notes: 'Called about the spring intake' } });
    expect(moved.status).toBe(200);
    // Act
    const write = h.deps.repos.vacancies.update(v, { ...v, title: 'Renamed', version: v.version + 1 }, [], e);
    // Assess
    await expect(write).rejects.toThrow(/changed/);
    expect((await h.deps.repos.vacancies.get(ORG, v.id))!.title).toBe(v.title);
  });

  it('the sensitive-part form records the facts, and refuses a licence still running on a conviction said to be spent', async () => {
    // Act: the adviser records Dev's conviction through the page.
    const id = await person('Dev');
    const refused = await browser.post(asAdviser, `/app/participants/${id}/sensitive`, [
      ['convictions.spentOffences[]', 'drugs'],
      ['convictions.releasedOn', '2026-06-01'],
      ['convictions.licenceEndsOn', '2027-06-01'],
    ]);
    const saved = await browser.post(asAdviser, `/app/participants/${id}/sensitive`, [
      ['convictions.unspent:boolean', 'true'],
      ['convictions.unspentOffences[]', 'drugs'],
      ['convictions.releasedOn', '2026-06-01'],
      ['convictions.licenceEndsOn', '2027-06-01'],
      ['adjustmentTypes[]', 'quiet-space'],
    ]);
    // Assess
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('A conviction is not spent while its licence runs');
    expect(saved.status).toBe(303);
    const s = await body(await h.call('GET', `/participants/${id}/sensitive`, { as: 'adv' }));
    expect(s).toMatchObject({
      convictions: { unspent: true, unspentOffences: ['drugs'], spentOffences: [], releasedOn: '2026-06-01', licenceEndsOn: '2027-06-01' },
      adjustmentTypes: ['quiet-space'],
    });
    const own = await browser.get(asAdviser, `/app/participants/${id}`);
    expect(own.html).toContain('Licence ends');
    expectSound(own.html, { describedBy: true });
    expectSound(refused.html, { describedBy: true });
    // The liaison officer's view of Dev carries none of it.
    const theirs = await h.call('GET', `/participants/${id}`, { as: 'lia' });
    expect(await theirs.text()).not.toMatch(/convict|drugs|2027-06-01|quiet-space/);
    expect(listed(await forVacancy('B-none'))).not.toContain(id);
  });
});

describe('permitted work: cap, end date and earnings limit are rules', () => {
  it('a job a little over the cap comes back as "could qualify: ask the employer about 16 hours", in both directions', async () => {
    // Prepare: Pat may work 16 hours a week until 10 January; one job asks 18–24 hours, another 30–40.
    await person('Pat', { benefitConstraints: { permittedWork: true, maxHoursPerWeek: 16, until: '2027-01-10' } });
    await vacancy('P-18', 'Cobb', { hoursPerWeek: { min: 18, max: 24 } });
    await vacancy('P-30', 'Cobb', { hoursPerWeek: { min: 30, max: 40 } });
    // Act
    const near = await forVacancy('P-18');
    const far = await forVacancy('P-30');
    const theirs = await forPerson('Pat');
    // Assess
    expect(listed(near)).not.toContain(ids.people.Pat);
    expect(near.couldQualify.find((c) => c.participantId === ids.people.Pat)).toMatchObject({
      askAboutHours: 16,
      because: 'Ask the employer about 16 hours a week (the job asks for at least 18)',
    });
    expect(JSON.stringify(near)).not.toMatch(/permitted|benefit/i);
    expect(listed(far)).not.toContain(ids.people.Pat);
    expect(far.couldQualify.map((c) => c.participantId)).not.toContain(ids.people.Pat);
    expect(theirs.couldQualify).toContainEqual(expect.objectContaining({ vacancyId: ids.vacancies['P-18'], askAboutHours: 16 }));
    const page = await browser.get(asAdviser, `/app/participants/${ids.people.Pat}`);
    expect(page.html).toContain('A few hours over what permitted work allows');
    expect(page.html).toContain('ask the employer about 16 hours a week');
    const vacancyPage = await browser.get(asLiaison, `/app/vacancies/${ids.vacancies['P-18']}`);
    expect(vacancyPage.html).toContain('Could qualify: ask the employer about 16 hours a week');
  });

  it('the earnings limit holds the hours to what it allows at the job’s pay', async () => {
    // £30 an hour: the weekly limit (£203.50) allows 6 hours; the job asks 8–12.
    await vacancy('P-pay', 'Cobb', { hoursPerWeek: { min: 8, max: 12 }, wage: { amount: 30, period: 'hour' } });
    const m = await forVacancy('P-pay');
    expect(m.couldQualify.find((c) => c.participantId === ids.people.Pat)).toMatchObject({ askAboutHours: 6 });
  });

  it('the adviser is told four weeks before it ends, once', async () => {
    // Act: the sweeper runs the day before the notice, on it, and again.
    h.clock.set('2026-12-12T09:00:00Z');
    const early = await sweepDue(h.deps);
    h.clock.set('2026-12-13T09:00:00Z');
    const due = await sweepDue(h.deps);
    const again = await sweepDue(h.deps);
    // Assess
    expect(early.permittedWorkEnding).toBe(0);
    expect(due.permittedWorkEnding).toBe(1);
    expect(again.permittedWorkEnding).toBe(0);
    const inbox = await h.eventually(async () => {
      const n = await body<{ items: { title: string; body: string; link?: string }[] }>(
        await h.call('GET', '/notifications?limit=100', { as: 'adv' }),
      );
      const told = n.items.filter((x) => x.title.startsWith('Permitted work ends within 4 weeks'));
      expect(told).toHaveLength(1);
      return told[0]!;
    });
    expect(inbox.title).toBe('Permitted work ends within 4 weeks: Pat Walsh');
    expect(inbox.body).not.toMatch(/2027|16 hours/);
    const liaisonInbox = await body<{ items: { title: string }[] }>(await h.call('GET', '/notifications?limit=100', { as: 'lia' }));
    expect(liaisonInbox.items.some((x) => x.title.includes('Permitted work'))).toBe(false);
    // Recorded against the sensitive part, by the system.
    const audit = await body<{ items: { action: string; actorSub: string; detail?: { fields?: string[] } }[] }>(
      await h.call('GET', `/participants/${ids.people.Pat}/audit?limit=100`, { as: 'adv' }),
    );
    expect(audit.items).toContainEqual(
      expect.objectContaining({
        action: 'sensitive.write',
        actorSub: 'system',
        detail: expect.objectContaining({ fields: ['permittedWorkNoticeFor'] }),
      }),
    );
  });

  it('after the end date the cap no longer applies: the 30-hour job suggests them, and the liaison view has no cap', async () => {
    h.clock.set('2027-01-11T09:00:00Z');
    try {
      expect(listed(await forVacancy('P-30'))).toContain(ids.people.Pat);
      const view = await body(await h.call('GET', `/participants/${ids.people.Pat}`, { as: 'lia' }));
      expect(view).not.toHaveProperty('maxHoursPerWeek');
    } finally {
      h.clock.set('2026-11-25T10:00:00Z');
    }
  });
});

describe('adjustments: a factor in the score and a gap for the adviser, never shown to the employer', () => {
  it('scores what the employer offers against what they need; the adviser is told which are missing, the officer only that some are', async () => {
    // Prepare: Eve needs step-free access and a quiet space; Arden offers a quiet space, Cobb both.
    await person('Eve', { adjustmentTypes: ['step-free-access', 'quiet-space'], adjustments: ['A desk near the door'] });
    // Act
    const arden = await forVacancy('A-basic');
    const cobb = await forVacancy('C-enhanced');
    const theirs = await forPerson('Eve');
    // Assess
    const at = (m: VacancyMatches) => m.candidates.find((c) => c.participantId === ids.people.Eve)!;
    const factor = (c: { factors: { factor: string; contribution: number; detail: string }[] }) =>
      c.factors.find((f) => f.factor === 'adjustments')!;
    expect(factor(at(cobb))).toMatchObject({ contribution: 5, detail: 'The employer offers the adjustments they need' });
    expect(factor(at(arden))).toMatchObject({ contribution: 2.5, detail: 'The employer does not list every adjustment they need' });
    expect(at(arden).gaps).toContain('Some adjustments they need are not among those the employer lists: their adviser knows which');
    expect(JSON.stringify(arden)).not.toMatch(/step-free|quiet|desk near/i);
    const mine = theirs.vacancies.find((v) => v.vacancyId === ids.vacancies['A-basic'])!;
    expect(factor(mine).detail).toBe('The employer offers 1 of the 2 adjustments they need');
    expect(mine.gaps).toContain(
      'Adjustments they need that the employer does not list: step-free access. Ask the employer: it may still make them',
    );
    // The liaison view says only that adjustments are needed.
    expect(await body(await h.call('GET', `/participants/${ids.people.Eve}`, { as: 'lia' }))).toMatchObject({ adjustmentsNeeded: true });
  });

  it('the employer of an agreed candidate sees only what the participant chose to share', async () => {
    // Prepare: Eve is put forward to Cobb and agrees.
    await h.signIn('emp', 'employer', { sub: 'u-employer-cobb', employerId: ids.employers.Cobb });
    const put = await body<{ items: { id: string }[] }>(
      await h.call('POST', `/vacancies/${ids.vacancies['C-enhanced']}/submissions`, {
        as: 'lia',
        body: { participantIds: [ids.people.Eve] },
      }),
    );
    expect((await h.call('POST', `/submissions/${put.items[0]!.id}/agreement`, { as: 'adv', body: { agreed: true } })).status).toBe(200);
    // Act
    const seen = await (await h.call('GET', `/vacancies/${ids.vacancies['C-enhanced']}/submissions`, { as: 'emp' })).text();
    // Assess
    expect(seen).toContain('Eve');
    expect(seen).not.toMatch(/step-free|quiet|adjustment|desk near|score|factors/i);
  });
});
