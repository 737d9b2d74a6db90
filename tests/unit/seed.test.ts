import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { AuditEntry } from '../../shared/domain/audit.js';
import { Cohort, Enrolment } from '../../shared/domain/cohort.js';
import { Contact, Employer, Interaction, Pledge } from '../../shared/domain/employer.js';
import {
  ActionPlan,
  CaseContact,
  planJobs,
  reviewReasons,
  summaryAfterContact,
  type CaseworkSummary,
} from '../../shared/domain/casework.js';
import { occupationsWithPlanJobs, Participant, ReadinessHistoryEntry, Sensitive } from '../../shared/domain/participant.js';
import { Vacancy, canTransition } from '../../shared/domain/vacancy.js';
import { DEMO_EMPLOYER_IDS, DEMO_USERS, generateDemoData } from '../../scripts/seed/generate.js';
import { Rng, ulidTime } from '../../scripts/seed/random.js';

const NOW = new Date('2026-11-25T10:00:00Z');
const TODAY = NOW.toISOString().slice(0, 10);
const DAY = 86_400_000;

const full = generateDemoData({ now: NOW, orgId: 'demo-org' });

const share = <T>(items: readonly T[], pred: (t: T) => boolean) => items.filter(pred).length / items.length;
const countBy = <T>(items: readonly T[], key: (t: T) => string) => {
  const m = new Map<string, number>();
  for (const it of items) m.set(key(it), (m.get(key(it)) ?? 0) + 1);
  return m;
};

describe('seeded random numbers', () => {
  it('repeat for the same seed and differ for another', () => {
    const draw = (seed: number) => {
      const r = new Rng(seed);
      return Array.from({ length: 20 }, () => r.nextUint32());
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    const r = new Rng(1);
    const xs = Array.from({ length: 5000 }, () => r.int(1, 6));
    expect(Math.min(...xs)).toBe(1);
    expect(Math.max(...xs)).toBe(6);
    expect(new Set(r.sample([1, 2, 3, 4, 5, 6, 7], 7)).size).toBe(7);
    expect(r.shuffle([1, 2, 3, 4]).sort()).toEqual([1, 2, 3, 4]);
  });
});

describe('demo data generation', () => {
  it('is deterministic: the same seed gives the same data, another seed different data', () => {
    const a = generateDemoData({ seed: 42, now: NOW, orgId: 'o', scale: 0.1 });
    const b = generateDemoData({ seed: 42, now: NOW, orgId: 'o', scale: 0.1 });
    const c = generateDemoData({ seed: 43, now: NOW, orgId: 'o', scale: 0.1 });
    expect(a).toEqual(b);
    expect(c.employers.map((e) => e.name)).not.toEqual(a.employers.map((e) => e.name));
    expect(c.participants.map((p) => p.lastName)).not.toEqual(a.participants.map((p) => p.lastName));
  });

  it('makes a district of the requested size at scale 1', () => {
    expect(full.employers.length).toBeGreaterThanOrEqual(180);
    expect(full.employers.length).toBeLessThanOrEqual(220);
    expect(full.vacancies.length).toBeGreaterThanOrEqual(270);
    expect(full.vacancies.length).toBeLessThanOrEqual(330);
    expect(full.cohorts.length).toBeGreaterThanOrEqual(8);
    expect(full.cohorts.length).toBeLessThanOrEqual(12);
    expect(full.participants.length).toBeGreaterThanOrEqual(2700);
    expect(full.participants.length).toBeLessThanOrEqual(3300);
    expect(new Set(full.participants.map((p) => p.adviserId)).size).toBe(50);
    expect(new Set(full.employers.map((e) => e.accountManagerId)).size).toBe(8);
    expect(full.contacts.length).toBeGreaterThanOrEqual(full.employers.length);
    expect(full.interactions.length).toBeGreaterThan(full.employers.length * 3);
    expect(full.pledges.length).toBeGreaterThan(0);
  });

  it('scales the counts down for tests', () => {
    const small = generateDemoData({ now: NOW, orgId: 'o', scale: 0.05 });
    expect(small.employers.length).toBe(10);
    expect(small.participants.length).toBe(150);
    expect(small.vacancies.length).toBe(15);
    expect(small.cohorts.length).toBeGreaterThanOrEqual(2);
  });

  it('gives objects that parse, unchanged, with their domain schemas', () => {
    const check = <S extends z.ZodType>(schema: S, items: readonly unknown[]) => {
      for (const item of items) {
        const parsed = schema.safeParse(item);
        if (!parsed.success) throw new Error(`${JSON.stringify(item).slice(0, 300)}: ${parsed.error.message}`);
        // No keys the schema does not know (z.object would strip them silently).
        expect(parsed.data).toEqual(item);
      }
    };
    check(Employer, full.employers);
    check(Contact, full.contacts);
    check(Interaction, full.interactions);
    check(Pledge, full.pledges);
    check(Vacancy, full.vacancies);
    check(Cohort, full.cohorts);
    check(Enrolment, full.enrolments);
    check(Participant, full.participants);
    check(ReadinessHistoryEntry, Object.values(full.readinessHistory).flat());
    check(Sensitive, full.sensitive);
    check(AuditEntry, full.audit);
    check(CaseContact, full.caseContacts);
    check(AuditEntry, full.caseworkAudit);
  });

  it('uses unique ULIDs whose time is when the record was made', () => {
    const all = [
      ...full.employers,
      ...full.contacts,
      ...full.interactions,
      ...full.pledges,
      ...full.vacancies,
      ...full.cohorts,
      ...full.participants,
      ...full.audit,
      ...full.caseContacts,
      ...full.caseworkAudit,
    ];
    expect(new Set(all.map((x) => x.id)).size).toBe(all.length);
    for (const x of [...full.employers, ...full.contacts, ...full.vacancies, ...full.cohorts, ...full.participants]) {
      expect(ulidTime(x.id)).toBe(Date.parse(x.createdAt));
    }
    for (const i of full.interactions) expect(ulidTime(i.id)).toBe(Date.parse(i.recordedAt));
  });

  it('keeps every timestamp in the past', () => {
    const now = NOW.toISOString();
    const stamps =
      JSON.stringify(full).match(
        /"(createdAt|updatedAt|occurredAt|recordedAt|madeAt|changedAt|enrolledAt|statusChangedAt|publishedAt|exitedAt|readySince|at)":"[^"]+"/g,
      ) ?? [];
    expect(stamps.length).toBeGreaterThan(10_000);
    for (const s of stamps) expect(s.split('":"')[1]!.slice(0, -1) <= now).toBe(true);
    for (const x of [...full.employers, ...full.vacancies, ...full.participants, ...full.cohorts])
      expect(x.updatedAt >= x.createdAt).toBe(true);
  });

  it('spreads employers across stages and entry-level sectors, with plausible engagement', () => {
    const stages = countBy(full.employers, (e) => e.stage);
    const n = full.employers.length;
    expect(stages.get('prospect')! / n).toBeCloseTo(0.25, 1);
    expect(stages.get('active')! / n).toBeCloseTo(0.25, 1);
    expect(stages.get('lapsed')! / n).toBeCloseTo(0.05, 1);
    const entry = [
      'retail',
      'hospitality',
      'care',
      'security',
      'contact-centre',
      'warehousing-logistics',
      'construction',
      'cleaning-facilities',
    ];
    expect(share(full.employers, (e) => entry.includes(e.sector))).toBeGreaterThan(0.7);
    const employerIds = new Set(full.employers.map((e) => e.id));
    const numbers = full.employers.flatMap((e) => (e.companyNumber ? [e.companyNumber] : []));
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(new Set(full.employers.map((e) => e.name.toLowerCase())).size).toBe(n);
    // Children belong to real employers; contacts of the same employer as the interaction.
    const contactEmployer = new Map(full.contacts.map((c) => [c.id, c.employerId]));
    for (const c of full.contacts) expect(employerIds.has(c.employerId)).toBe(true);
    for (const i of full.interactions) {
      expect(employerIds.has(i.employerId)).toBe(true);
      if (i.contactId) expect(contactEmployer.get(i.contactId)).toBe(i.employerId);
      if (i.followUpOn) expect(i.followUpOn >= i.occurredAt.slice(0, 10)).toBe(true);
    }
    // Active employers have the longest histories; some follow-ups are overdue and some still to come.
    const perEmployer = countBy(full.interactions, (i) => i.employerId);
    const avg = (stage: string) => {
      const es = full.employers.filter((e) => e.stage === stage);
      return es.reduce((s, e) => s + (perEmployer.get(e.id) ?? 0), 0) / es.length;
    };
    expect(avg('active')).toBeGreaterThan(avg('contacted'));
    expect(avg('prospect')).toBeLessThan(2);
    const followUps = full.interactions.flatMap((i) => (i.followUpOn ? [i.followUpOn] : []));
    expect(followUps.some((f) => f < TODAY)).toBe(true);
    expect(followUps.some((f) => f > TODAY)).toBe(true);
    for (const p of full.pledges) {
      expect(employerIds.has(p.employerId)).toBe(true);
      expect(p.byDate > TODAY).toBe(true);
      expect(p.progress).toEqual({ hires: 0, sustained: 0, percent: 0 });
    }
  });

  it('gives vacancies to engaged and active employers, mostly open, with consistent histories', () => {
    const employers = new Map(full.employers.map((e) => [e.id, e]));
    const pastFills = new Set(full.pastFills.map((f) => f.vacancyId));
    for (const v of full.vacancies) {
      const e = employers.get(v.employerId);
      expect(e).toBeDefined();
      expect(v.employerName).toBe(e!.name);
      expect(['engaged', 'active', 'lapsed']).toContain(e!.stage);
      expect(v.createdAt >= e!.createdAt).toBe(true);
      const h = v.statusHistory;
      expect(h[0]!.from).toBeNull();
      expect(h.at(-1)!.to).toBe(v.status);
      for (let i = 1; i < h.length; i++) {
        expect(h[i]!.from).toBe(h[i - 1]!.to);
        expect(canTransition(h[i - 1]!.to, h[i]!.to)).toBe(true);
        expect(h[i]!.at >= h[i - 1]!.at).toBe(true);
      }
      expect(v.version).toBe(h.length);
      expect(v.publishedAt !== undefined).toBe(v.status !== 'draft');
      // An open vacancy past its closing date is one the district filled: the history step fills it with real hires.
      if (v.status === 'open') expect(v.closingDate >= TODAY || pastFills.has(v.id)).toBe(true);
      if (pastFills.has(v.id)) expect([v.status, v.filledPositions, v.liveSubmissions ?? 0]).toEqual(['open', 0, 0]);
      expect(v.status).not.toBe('filled');
      if (v.backgroundCheck === 'bs7858') expect(v.sector).toBe('security');
      if (v.sector === 'care') expect(v.backgroundCheck).toBe('enhanced-dbs');
      if (v.wage.period === 'hour') {
        expect(v.wage.amount).toBeGreaterThanOrEqual(12.21);
        expect(v.wage.amount).toBeLessThanOrEqual(14);
      }
    }
    expect(share(full.vacancies, (v) => v.status === 'open')).toBeGreaterThan(0.6);
    expect(full.vacancies.some((v) => v.status === 'draft')).toBe(true);
    // About one in nine was filled in the past, after it opened and by a day before now.
    expect(full.pastFills.length / full.vacancies.length).toBeGreaterThan(0.05);
    for (const f of full.pastFills) {
      const v = full.vacancies.find((x) => x.id === f.vacancyId)!;
      expect(v.publishedAt! < f.filledAt && f.filledAt < NOW.toISOString()).toBe(true);
    }
    expect(
      full.vacancies.some(
        (v) => v.essentialCertifications.includes('sia security guard') || v.essentialCertifications.includes('sia door supervisor'),
      ),
    ).toBe(true);
    // Repeat business: the top 15% of the employers holding vacancies hold about a third of them.
    const counts = [...countBy(full.vacancies, (v) => v.employerId).values()].sort((a, b) => b - a);
    const top = counts.slice(0, Math.round(counts.length * 0.15)).reduce((s, x) => s + x, 0) / full.vacancies.length;
    expect(top).toBeGreaterThan(0.25);
    expect(top).toBeLessThan(0.5);
  });

  it('runs PET cohorts within capacity, linked both ways to real vacancies', () => {
    const vacancies = new Map(full.vacancies.map((v) => [v.id, v]));
    const participants = new Map(full.participants.map((p) => [p.id, p]));
    const timings = new Set<string>();
    for (const c of full.cohorts) {
      const es = full.enrolments.filter((e) => e.cohortId === c.id);
      const placesTaken = es.filter((e) => e.status !== 'withdrawn').length;
      expect(c.enrolledCount).toBe(placesTaken);
      expect(c.enrolledCount).toBeLessThanOrEqual(c.capacity);
      expect(c.capacity).toBeGreaterThanOrEqual(10);
      expect(c.capacity).toBeLessThanOrEqual(20);
      expect(c.version).toBe(1 + es.length + es.filter((e) => e.status === 'withdrawn').length);
      expect(new Set(es.map((e) => e.participantId)).size).toBe(es.length);
      for (const e of es) {
        const p = participants.get(e.participantId);
        expect(p).toBeDefined();
        expect(['active', 'placed']).toContain(p!.status);
        expect(e.enrolledAt >= p!.createdAt).toBe(true);
      }
      for (const id of c.linkedVacancyIds) expect(vacancies.get(id)?.linkedCohortIds).toContain(c.id);
      if (c.kind === 'bespoke') {
        expect(c.guaranteedInterview).toBe(true);
        expect(c.linkedEmployerIds).toHaveLength(1);
      }
      const end = Date.parse(`${c.endDate}T23:59:59Z`);
      const start = Date.parse(`${c.startDate}T00:00:00Z`);
      timings.add(end < NOW.getTime() ? 'past' : start > NOW.getTime() ? 'upcoming' : 'running');
      if (end < NOW.getTime()) expect(es.every((e) => e.status !== 'enrolled')).toBe(true);
      else expect(es.every((e) => e.status !== 'completed')).toBe(true);
    }
    expect([...timings].sort()).toEqual(['past', 'running', 'upcoming']);
    for (const v of full.vacancies)
      for (const id of v.linkedCohortIds) expect(full.cohorts.find((c) => c.id === id)?.linkedVacancyIds).toContain(v.id);
  });

  it('spreads participants over advisers’ caseloads with realistic readiness and circumstances', () => {
    const loads = [...countBy(full.participants, (p) => p.adviserId).values()];
    expect(share(loads, (n) => n >= 30 && n <= 100)).toBeGreaterThanOrEqual(0.9);
    const sorted = [...loads].sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeGreaterThanOrEqual(45);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThanOrEqual(65);
    const ps = full.participants;
    expect(share(ps, (p) => p.readiness === 'green')).toBeCloseTo(0.35, 1);
    expect(share(ps, (p) => p.readiness === 'amber')).toBeCloseTo(0.4, 1);
    expect(share(ps, (p) => p.readiness === 'red')).toBeCloseTo(0.25, 1);
    expect(share(ps, (p) => NOW.getTime() - Date.parse(p.unemployedSince) >= 365 * DAY)).toBeCloseTo(0.4, 1);
    expect(share(ps, (p) => p.drivingLicence)).toBeCloseTo(0.35, 1);
    expect(share(ps, (p) => p.consent.matching)).toBeCloseTo(0.85, 1);
    expect(share(ps, (p) => !p.home.location)).toBeLessThan(0.06);
    expect(share(ps, (p) => p.workHistory.length === 0)).toBeGreaterThan(0.05);
    expect(share(ps, (p) => p.status === 'active')).toBeGreaterThan(0.85);
    const sens = full.sensitive;
    expect(sens.length / ps.length).toBeCloseTo(0.4, 1);
    expect(sens.filter((s) => s.disability).length / ps.length).toBeCloseTo(0.15, 1);
    expect(sens.filter((s) => s.convictions).length / ps.length).toBeCloseTo(0.1, 1);
    expect(sens.some((s) => s.benefitConstraints?.permittedWork && s.benefitConstraints.maxHoursPerWeek === 16)).toBe(true);
    expect(full.audit.map((a) => a.subjectId).sort()).toEqual(sens.map((s) => s.participantId).sort());
    for (const p of ps) {
      expect(p.unemployedSince <= p.createdAt.slice(0, 10)).toBe(true);
      expect(p.consent.recordedBy).toBe(p.adviserId);
      expect(p.exitedAt !== undefined).toBe(p.status === 'exited');
      const h = full.readinessHistory[p.id]!;
      expect(h.length).toBeGreaterThanOrEqual(1);
      expect(h.length).toBeLessThanOrEqual(3);
      expect(h[0]!.from).toBeNull();
      expect(h[0]!.changedAt).toBe(p.createdAt);
      for (let i = 1; i < h.length; i++) {
        expect(h[i]!.from).toBe(h[i - 1]!.to);
        expect(h[i]!.to).not.toBe(h[i]!.from);
        expect(h[i]!.changedAt >= h[i - 1]!.changedAt).toBe(true);
      }
      expect(h.at(-1)!.to).toBe(p.readiness);
      expect(p.version === h.length || p.version === h.length + 1).toBe(true);
    }
  });

  it('keeps in touch with most people, so the advisers\' "Needs a review" lists hold a handful, not everyone', () => {
    // Each summary is what the contacts add up to, by the rule logging a contact applies.
    const contactsOf = new Map<string, CaseContact[]>();
    for (const c of full.caseContacts) contactsOf.set(c.participantId, [...(contactsOf.get(c.participantId) ?? []), c]);
    for (const p of full.participants) {
      const list = [...(contactsOf.get(p.id) ?? [])].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
      expect(p.casework, p.id).toEqual(list.length ? list.reduce<CaseworkSummary | undefined>(summaryAfterContact, undefined) : undefined);
      if (p.status !== 'active') expect(list).toEqual([]);
      for (const c of list) {
        expect(c.recordedBy).toBe(p.adviserId);
        expect(c.occurredAt >= p.createdAt).toBe(true);
        expect(!c.review || c.attended).toBe(true);
      }
    }
    const active = full.participants.filter((p) => p.status === 'active');
    expect(share(active, (p) => (p.casework?.contactsLogged ?? 0) >= 3)).toBeGreaterThan(0.75);
    const due = active.filter((p) => reviewReasons(p, TODAY).length);
    expect(due.length / active.length).toBeGreaterThan(0.04);
    expect(due.length / active.length).toBeLessThan(0.15);
    const perAdviser = [...countBy(due, (p) => p.adviserId).values()].sort((a, b) => a - b);
    expect(perAdviser[Math.floor(perAdviser.length / 2)]).toBeGreaterThanOrEqual(2);
    expect(perAdviser.at(-1)).toBeLessThanOrEqual(15);
    // The hardest to help are the ones left alone most often.
    const dueShare = (r: string) =>
      share(
        active.filter((p) => p.readiness === r),
        (p) => reviewReasons(p, TODAY).some((x) => x.reason === 'no-contact'),
      );
    expect(dueShare('red')).toBeGreaterThan(dueShare('green'));
    expect(
      full.caseworkAudit
        .filter((a) => a.detail?.record === 'contact')
        .map((a) => a.detail?.id)
        .sort(),
    ).toEqual(full.caseContacts.map((c) => c.id).sort());
  });

  it('gives most people still looking for work an action plan, its jobs among their preferred occupations and its history in order', () => {
    const byId = new Map(full.participants.map((p) => [p.id, p]));
    const active = full.participants.filter((p) => p.status === 'active');
    const plans = full.actionPlans;
    expect(plans.length / active.length).toBeGreaterThan(0.6);
    expect(plans.length / active.length).toBeLessThan(0.9);
    for (const plan of plans) {
      ActionPlan.parse(plan);
      const p = byId.get(plan.participantId)!;
      expect(p.status).toBe('active');
      // What setting the jobs through the use case would leave: the occupations as they are.
      expect(occupationsWithPlanJobs(p.preferences.occupations, [], planJobs(plan))).toEqual(p.preferences.occupations);
      expect(plan.history.map((h) => h.at)).toEqual([...plan.history.map((h) => h.at)].sort());
      expect(plan.history.filter((h) => h.change === 'step-added')).toHaveLength(plan.steps.length);
      expect(plan.history.every((h) => h.by === p.adviserId && h.at >= p.createdAt)).toBe(true);
    }
    expect(share(plans, (x) => x.barriers.length > 0)).toBeGreaterThan(0.5);
    expect(share(plans, (x) => x.steps.some((s) => s.done))).toBeGreaterThan(0.3);
    expect(full.caseworkAudit.filter((a) => a.detail?.record === 'plan')).toHaveLength(plans.length);
  });

  it('places nobody itself: those drawn as placed are active, for the history step to hire through the use cases', () => {
    expect(full.participants.filter((p) => p.status === 'placed')).toEqual([]);
    const byId = new Map(full.participants.map((p) => [p.id, p]));
    expect(full.hireHints.length).toBeGreaterThan(full.pastFills.length);
    for (const id of full.hireHints) expect(byId.get(id)?.status).toBe('active');
  });

  it('binds the demo users to the data', () => {
    expect(DEMO_USERS.filter((u) => u.role === 'admin').map((u) => u.sub)).toEqual(['u-admin-1']);
    expect(DEMO_USERS.filter((u) => u.role === 'liaison')).toHaveLength(8);
    expect(DEMO_USERS.filter((u) => u.role === 'adviser')).toHaveLength(50);
    expect(new Set(DEMO_USERS.map((u) => u.sub)).size).toBe(DEMO_USERS.length);
    const subs = new Set(DEMO_USERS.map((u) => u.sub));
    for (const p of full.participants) expect(subs.has(p.adviserId)).toBe(true);
    for (const e of full.employers) expect(subs.has(e.accountManagerId)).toBe(true);
    const employerUsers = DEMO_USERS.filter((u) => u.role === 'employer');
    expect(employerUsers.map((u) => u.employerId)).toEqual(DEMO_EMPLOYER_IDS);
    expect(full.users).toEqual(DEMO_USERS);
    for (const u of employerUsers) {
      const e = full.employers.find((x) => x.id === u.employerId);
      expect(e?.stage).toBe('active');
      expect(full.vacancies.some((v) => v.employerId === u.employerId && v.status === 'open')).toBe(true);
    }
    // The same fixed employers whatever the seed.
    const other = generateDemoData({ seed: 7, now: NOW, orgId: 'o', scale: 0.3 });
    expect(other.users.filter((u) => u.role === 'employer').map((u) => u.employerId)).toEqual(DEMO_EMPLOYER_IDS);
  });

  it('still makes valid data for a `now` before the demo employers signed up', () => {
    const early = generateDemoData({ now: new Date('2025-02-01T12:00:00Z'), orgId: 'o-early', scale: 0.1 });
    for (const p of early.participants) expect(Participant.safeParse(p).success).toBe(true);
    for (const v of early.vacancies) expect(Vacancy.safeParse(v).success).toBe(true);
    const ids = new Set(early.employers.map((e) => e.id));
    for (const id of DEMO_EMPLOYER_IDS) expect(ids.has(id)).toBe(false);
    expect(early.employers.every((e) => e.createdAt <= '2025-02-01T12:00:00Z')).toBe(true);
  });
});
