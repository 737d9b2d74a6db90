import { describe, expect, it } from 'vitest';
import { dynamoRepositories } from '../../shared/adapters/dynamodb/index.js';
import { ulidGenerator } from '../../shared/ids.js';
import { generateDemoData, type DemoData } from '../../scripts/seed/generate.js';
import { loadDemoData } from '../../scripts/seed/load.js';
import { seedLivePipeline } from '../../scripts/seed/live-pipeline.js';
import { seedMatchAlerts } from '../../scripts/seed/match-alerts.js';
import { seedEmployerPostings } from '../../scripts/seed/postings.js';
import { matchAlertsFor } from '../../shared/use-cases/match-alerts.js';
import { openCheckins } from '../../shared/use-cases/placements.js';
import { openSupportContacts } from '../../shared/use-cases/in-work-support.js';
import { body, createHarness, ORG } from '../support/harness.js';

const NOW = new Date('2026-11-25T10:00:00Z');

/** The district without its contact record and action plans: a transaction each, and not what the pipeline tests are about. */
const withoutContacts = (d: DemoData): DemoData => ({ ...d, caseContacts: [], caseworkAudit: [], actionPlans: [] });

describe('loading the demo data', () => {
  it('puts work in flight through the use cases, and match alerts waiting, for the demo personas to find', async () => {
    const h = await createHarness();
    const data: DemoData = generateDemoData({ seed: 8, now: new Date(h.clock.now()), orgId: ORG, scale: 0.05 });
    await loadDemoData(h.deps.repos, withoutContacts(data), { concurrency: 8 });
    // Match alerts waiting: a few vacancies' requirements change now. Before the proposals below, since
    // this small district's vacancies suit few people; and every adviser is asked for.
    const advisers = [...new Set(data.participants.map((p) => p.adviserId))].sort();
    const changed = await seedMatchAlerts(h.deps, ORG, { advisers, skipVacancyIds: [] });
    expect(changed.length).toBeGreaterThan(0);
    // What the notifier makes of each change's event: an alert for one of those advisers, every time
    const at = h.clock.now().toISOString();
    for (const vacancyId of changed) {
      const e = { id: `e-${vacancyId}`, orgId: ORG, type: 'vacancy.requirements-changed' as const, at, actorSub: 'u-liaison-1', vacancyId };
      const heard = (await matchAlertsFor(h.deps, e)).deliveries.map((d) => d.notification.userId);
      expect(heard.some((a) => advisers.includes(a))).toBe(true);
    }
    const withOpen = [...new Set(data.vacancies.filter((v) => v.status === 'open').map((v) => v.employerId))].slice(0, 2);
    const employerUsers = new Map(withOpen.map((id, i) => [id, `u-employer-${i + 1}`]));
    const counts = await seedLivePipeline(h.deps, ORG, { employerIds: withOpen, employerUsers, vacancies: 4 });
    // The employers' own postings: each opened a callback; two made in time, one late, one waiting today
    const postings = await seedEmployerPostings(h.deps, ORG, { employerUsers });
    expect(postings).toMatchObject({ posted: 4, onTime: 2, late: 1, waiting: 1 });
    const callbacks = await Promise.all(postings.vacancyIds.map((id) => h.deps.repos.vacancies.getCallback(ORG, id)));
    expect(callbacks.map((c) => (c?.made ? (c.made.onTime ? 'on time' : 'late') : 'waiting'))).toEqual([
      'on time',
      'late',
      'on time',
      'waiting',
    ]);
    const waiting = callbacks[3]!;
    const manager = (await h.deps.repos.employers.get(ORG, waiting.employerId))!.accountManagerId;
    await h.signIn('am', 'liaison', { sub: manager });
    const due = await body<{ items: { callback: { vacancyId: string }; overdue: boolean }[] }>(
      await h.call('GET', '/callbacks', { as: 'am' }),
    );
    expect(due.items.filter((c) => !c.overdue).map((c) => c.callback.vacancyId)).toContain(waiting.vacancyId);
    expect(counts.vacancies).toBeGreaterThan(0);
    expect(counts.proposed).toBeGreaterThanOrEqual(counts.agreed);
    expect(counts.invited + counts.rejected).toBeGreaterThan(0);
    // What the employer user of the first demo employer sees through the API: only agreed candidates, by reference.
    const employerId = data.vacancies.find((v) => v.id === counts.vacancyIds[0])!.employerId;
    await h.signIn('emp', 'employer', { sub: 'u-employer-1', employerId });
    const theirs = data.vacancies.filter((v) => v.employerId === employerId && counts.vacancyIds.includes(v.id));
    let seen = 0;
    for (const v of theirs) {
      const res = await h.call('GET', `/vacancies/${v.id}/submissions`, { as: 'emp' });
      expect(res.status).toBe(200);
      const items = (await body<{ items: { state: string; candidateRef: string }[] }>(res)).items;
      for (const s of items) expect(['submitted', 'interview', 'trial', 'offered', 'rejected']).toContain(s.state);
      seen += items.length;
    }
    expect(seen).toBeGreaterThan(0);
    // Every step is a real submission in the state the counts say, with its deadlines.
    const states: string[] = [];
    for (const id of counts.vacancyIds) {
      for (const s of (await h.deps.repos.submissions.listByVacancy(ORG, id, { limit: 20 })).items) {
        states.push(s.state);
        expect(s.agreeBy).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
    expect(states.length).toBe(counts.proposed);
    expect(states.filter((x) => x === 'proposed').length).toBe(counts.proposed - counts.agreed);
    expect(states.filter((x) => x === 'interview').length).toBe(counts.invited - counts.offered - counts.trials);
    expect(states.filter((x) => x === 'offered').length).toBe(counts.offered);
    expect(states.filter((x) => x === 'trial').length).toBe(counts.trials);
    expect(states.filter((x) => x === 'rejected').length).toBe(counts.rejected);
    // The hires from three months back: in work, their 13-week check-in open on their adviser's caseload.
    expect(counts.hired).toBeGreaterThan(0);
    expect(counts.offered + counts.trials).toBeGreaterThan(0);
    let overdue = 0;
    for (const id of counts.placementIds) {
      const pl = (await h.deps.repos.placements.get(ORG, id))!;
      const person = (await h.deps.repos.participants.get(ORG, pl.participantId))!;
      expect(person.status).toBe('placed');
      const open = await openCheckins(h.deps, { sub: pl.adviserId, role: 'adviser', orgId: ORG }, [person]);
      expect(open.map((c) => [c.placement.id, c.milestone])).toEqual([[id, 13]]);
      expect(open[0]!.dueOn > new Date(h.clock.now()).toISOString().slice(0, 10)).toBe(true); // coming up, not yet overdue
      // Their in-work support so far: every contact that has come made, but for one hire's latest, left overdue.
      // (Someone who said no to contact in work has no schedule: nothing to make.)
      const support = pl.support!;
      expect(support.status).toBe(person.consent.inWorkContact ? 'active' : 'declined');
      if (support.status === 'active') expect(support.contacts.filter((c) => c.contactId).length).toBeGreaterThan(3);
      overdue += (await openSupportContacts(h.deps, { sub: pl.adviserId, role: 'adviser', orgId: ORG }, [person])).filter(
        (c) => c.state === 'overdue',
      ).length;
    }
    expect(overdue).toBeGreaterThan(0);
  }, 300_000);

  it('writes a small district through the repositories and reads it back as generated', async () => {
    const h = await createHarness();
    const repos = dynamoRepositories(h.db, h.tableName, ulidGenerator());
    // Small (about 60 participants): DynamoDB Local manages a few hundred transactions a second at best.
    const data: DemoData = generateDemoData({ seed: 5, now: NOW, orgId: ORG, scale: 0.02 });
    expect(data.interactions.length).toBeGreaterThan(0);
    expect(data.enrolments.length).toBeGreaterThan(0);
    expect(data.sensitive.length).toBeGreaterThan(0);
    const progress: string[] = [];
    const { counts, ms } = await loadDemoData(repos, data, { concurrency: 8, onProgress: (m) => progress.push(m) });
    expect(counts).toMatchObject({
      employers: data.employers.length,
      participants: data.participants.length,
      vacancies: data.vacancies.length,
    });
    expect(ms).toBeGreaterThan(0);
    expect(progress.length).toBeGreaterThanOrEqual(5);

    const e = data.employers[0]!;
    expect(await repos.employers.get(ORG, e.id)).toEqual(e);
    const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(await repos.employers.listContacts(ORG, e.id))).toEqual(byId(data.contacts.filter((c) => c.employerId === e.id)));
    const withHistory = data.employers.find((x) => data.interactions.some((i) => i.employerId === x.id))!;
    const page = await repos.employers.listInteractions(ORG, withHistory.id, { limit: 100 });
    expect(byId(page.items)).toEqual(byId(data.interactions.filter((i) => i.employerId === withHistory.id)));

    for (const v of data.vacancies.slice(0, 5)) expect(await repos.vacancies.get(ORG, v.id)).toEqual(v);

    for (const c of data.cohorts) {
      expect(await repos.cohorts.get(ORG, c.id)).toEqual(c);
      const stored = await repos.cohorts.enrolments(ORG, c.id);
      const key = (x: { participantId: string }) => x.participantId;
      expect([...stored].sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
        data.enrolments.filter((x) => x.cohortId === c.id).sort((a, b) => key(a).localeCompare(key(b))),
      );
    }

    const adviser = data.participants[0]!.adviserId;
    const mine = data.participants.filter((p) => p.adviserId === adviser);
    const listed = await repos.participants.listByAdviser(ORG, adviser, { limit: 100 });
    expect(listed.items.map((p) => p.id).sort()).toEqual(mine.map((p) => p.id).sort());
    for (const p of mine.slice(0, 10)) {
      expect(await repos.participants.get(ORG, p.id)).toEqual(p);
      expect(await repos.participants.readinessHistory(ORG, p.id)).toEqual(data.readinessHistory[p.id]);
    }
    const s = data.sensitive[0]!;
    expect(await repos.participants.getSensitive(ORG, s.participantId)).toEqual(s);
    const audit = await repos.participants.listAudit(ORG, s.participantId, { limit: 100 });
    const expected = [...data.audit, ...data.caseworkAudit].filter((a) => a.subjectId === s.participantId);
    expect(byId(audit.items)).toEqual(byId(expected));
    const seen = data.participants.find((p) => p.status === 'active' && p.casework)!;
    expect(byId(await repos.casework.allContacts(ORG, seen.id))).toEqual(
      byId(data.caseContacts.filter((c) => c.participantId === seen.id)),
    );
  }, 300_000);
});
