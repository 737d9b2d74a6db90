import { beforeEach, describe, expect, it } from 'vitest';
import { SkillAddition, SHIPPED_SKILLS } from '../../../shared/domain/skills.js';
import { ConflictError, ForbiddenError } from '../../../shared/errors.js';
import { updateParticipant } from '../../../shared/use-cases/participants.js';
import { addSkill, listSkills, VOCABULARY_TTL_MS } from '../../../shared/use-cases/skills.js';
import { updateVacancy } from '../../../shared/use-cases/vacancies.js';
import type { Deps } from '../../../shared/use-cases/deps.js';
import { fakeDeps, type FakeDeps } from '../../support/fakes/fake-deps.js';
import { MemorySkillVocabularyRepository, type MemoryRepositories } from '../../support/fakes/memory-repositories.js';
import { admin, adviser, employerUser, failureOf, liaison, ORG, scenario } from '../../support/fakes/scenario.js';

/** Skills stored as the skills list names them (participants and vacancies), and the list admins keep: shared/use-cases/skills.ts. */
let deps: FakeDeps;
let w: ReturnType<typeof scenario>;
const addition = (input: Record<string, unknown>) => SkillAddition.parse(input);

beforeEach(() => {
  deps = fakeDeps({ now: '2026-11-25T10:00:00Z' });
  w = scenario(deps);
});

describe('participants’ skills', () => {
  it('are stored canonical when created; text the list does not know is kept and flagged', async () => {
    // Act
    const p = await w.participant({ skills: ['Picking & Packing', 'customer care', 'forklift'] });
    // Assess
    expect(p.skills).toEqual(['picking and packing', 'customer service', 'forklift']);
    expect(p.skillsUnrecognised).toEqual(['forklift']);
    expect(await deps.repos.participants.get(ORG, p.id)).toEqual(p);
  });

  it('are mapped again on every save: the flag goes when the text is recognised, and with it', async () => {
    // Prepare
    const p = await w.participant({ skills: ['forklift'] });
    // Act
    const changed = await updateParticipant(deps, adviser, p.id, { skills: ['Handheld Scanners', 'welding'] });
    const cleared = await updateParticipant(deps, adviser, p.id, { skills: ['teamwork'] });
    // Assess
    expect(changed).toMatchObject({ skills: ['handheld scanner', 'welding'], skillsUnrecognised: ['welding'] });
    expect(cleared.skills).toEqual(['teamwork']);
    expect(cleared).not.toHaveProperty('skillsUnrecognised');
  });

  it('a skill an admin adds afterwards is recognised when the record is next saved, whatever was changed', async () => {
    // Prepare
    const p = await w.participant({ skills: ['forklift', 'customer service'] });
    await addSkill(deps, admin, addition({ skill: 'forklift operation', synonyms: ['forklift'] }));
    // Act
    const next = await updateParticipant(deps, adviser, p.id, { firstName: 'Dean' });
    // Assess
    expect(next.skills).toEqual(['forklift operation', 'customer service']);
    expect(next).not.toHaveProperty('skillsUnrecognised');
  });
});

describe('vacancies’ skills', () => {
  it('are stored canonical on create and update; a nice-to-have that is also a must-have stays a must-have', async () => {
    // Prepare, Act
    const { vacancy } = await w.openVacancy({
      essentialSkills: ['Pick and Pack', 'reach truck'],
      desirableSkills: ['picking/packing', 'Shelf Stacking', 'reach truck'],
    });
    // Assess
    expect(vacancy).toMatchObject({
      essentialSkills: ['picking and packing', 'reach truck'],
      desirableSkills: ['stock replenishment'],
      skillsUnrecognised: ['reach truck'],
    });
    // Act: an employer user changes them.
    const updated = await updateVacancy(deps, employerUser(vacancy.employerId), vacancy.id, { desirableSkills: ['TYPING'] });
    // Assess
    expect(updated).toMatchObject({ essentialSkills: ['picking and packing', 'reach truck'], desirableSkills: ['keyboard skills'] });
    expect(updated.skillsUnrecognised).toEqual(['reach truck']);
  });
});

describe('the skills list', () => {
  it('is the shipped list until an admin adds to it; everyone who records skills may read it', async () => {
    for (const actor of [admin, liaison, adviser, employerUser('01KTEST0000000000000000000')]) {
      const list = await listSkills(deps, actor);
      expect(list.version).toBe(0);
      expect(list.skills.map((s) => s.skill)).toEqual(SHIPPED_SKILLS.map((s) => s.skill).sort());
    }
    expect(deps.repos.tables.skillVocabularies.size).toBe(0);
  });

  it('the first addition copies the shipped list into the table (version 1); the next adds to that copy', async () => {
    // Act
    const first = await addSkill(
      deps,
      admin,
      addition({ skill: 'Reach Truck Operation', synonyms: ['reach truck'], sectors: ['warehousing-logistics'] }),
    );
    const second = await addSkill(deps, admin, addition({ skill: 'pick and pack', synonyms: ['picking'] }));
    // Assess
    expect(first).toMatchObject({ created: true, version: 1, skill: { skill: 'reach truck operation', addedBy: 'u-admin-1' } });
    expect(second).toMatchObject({ created: false, version: 2, synonymsAdded: ['picking'], skill: { skill: 'picking and packing' } });
    const stored = deps.repos.tables.skillVocabularies.get(ORG)!;
    expect(stored).toMatchObject({ orgId: ORG, version: 2, updatedBy: 'u-admin-1' });
    expect(stored.entries).toHaveLength(SHIPPED_SKILLS.length + 1);
    const p = await w.participant({ skills: ['Reach Trucks', 'picking'] });
    expect(p.skills).toEqual(['reach truck operation', 'picking and packing']);
    expect(p).not.toHaveProperty('skillsUnrecognised');
  });

  it('only admins add to it; a refused addition changes nothing', async () => {
    // Prepare
    const before = deps.snapshot();
    // Act
    const byLiaison = await failureOf(addSkill(deps, liaison, addition({ skill: 'welding' })));
    const clash = await failureOf(addSkill(deps, admin, addition({ skill: 'welding', synonyms: ['typing'] })));
    const again = await failureOf(addSkill(deps, admin, addition({ skill: 'Customer Services' })));
    // Assess
    expect(byLiaison).toBeInstanceOf(ForbiddenError);
    expect(clash).toBeInstanceOf(ConflictError);
    expect((clash as ConflictError).errors).toEqual([
      { path: 'synonyms.0', message: 'already means ‘keyboard skills’ in the skills list' },
    ]);
    expect(again).toBeInstanceOf(ConflictError);
    expect(deps.snapshot()).toBe(before);
  });

  it('two additions at once both land (the second is retried on the first’s version)', async () => {
    // Act
    const [a, b] = await Promise.all([
      addSkill(deps, admin, addition({ skill: 'welding' })),
      addSkill(deps, { ...admin, sub: 'u-admin-2' }, addition({ skill: 'scaffolding' })),
    ]);
    // Assess
    expect([a.version, b.version].sort()).toEqual([1, 2]);
    const names = (await listSkills(deps, liaison)).skills.map((s) => s.skill);
    expect(names).toEqual(expect.arrayContaining(['welding', 'scaffolding']));
  });

  it('is read from the table once per organisation per half minute, and an addition is seen at once by the process that made it', async () => {
    // Prepare
    const reads = () => deps.repos.skills.reads;
    await w.participant();
    const afterFirst = reads();
    // Act
    await w.participant();
    await w.openVacancy();
    // Assess: no more reads inside the time.
    expect(reads()).toBe(afterFirst);
    await addSkill(deps, admin, addition({ skill: 'welding' }));
    const added = reads();
    expect((await w.participant({ skills: ['Welding'] })).skillsUnrecognised).toBeUndefined();
    expect(reads()).toBe(added);
    // After the time (or with the clock moved back) it is read again.
    deps.clock.set(new Date(deps.clock.now().getTime() + VOCABULARY_TTL_MS));
    await w.participant();
    expect(reads()).toBe(added + 1);
    deps.clock.set('2026-11-01T00:00:00Z');
    await w.participant();
    expect(reads()).toBe(added + 2);
  });

  it('sees another process’s addition once its time is up', async () => {
    // Prepare: another process (its own repository, so its own cache, over the same table) adds a skill after this one read the list.
    await w.participant();
    const repos: MemoryRepositories = Object.assign(Object.create(Object.getPrototypeOf(deps.repos)), deps.repos, {
      skills: new MemorySkillVocabularyRepository(deps.repos.tables),
    });
    const otherProcess: Deps = { ...deps, repos };
    await addSkill(otherProcess, admin, addition({ skill: 'welding' }));
    // Act, Assess: still the list it read, until the time is up.
    expect((await w.participant({ skills: ['welding'] })).skillsUnrecognised).toEqual(['welding']);
    deps.clock.set(new Date(deps.clock.now().getTime() + VOCABULARY_TTL_MS));
    expect((await w.participant({ skills: ['welding'] })).skillsUnrecognised).toBeUndefined();
  });
});
