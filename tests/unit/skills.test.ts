import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addSkill,
  canonicalSkills,
  mergeVocabularies,
  SHIPPED_SKILLS,
  SkillAddition,
  skillGroups,
  skillIndex,
  skillKey,
  SkillTag,
  withinLimits,
  type SkillEntry,
} from '../../shared/domain/skills.js';
import { regenerate, seedSkillTags, serialise, SKILLS_FILE } from '../../scripts/seed/skill-vocabulary.js';

/** The skills vocabulary and the one mapping from typed text to canonical skills: shared/domain/skills.ts. */
const index = skillIndex(SHIPPED_SKILLS);
const map = (...typed: string[]) => canonicalSkills(index, typed);
const every = SHIPPED_SKILLS.flatMap((e) => [e.skill, ...e.synonyms].map((spelling) => ({ spelling, skill: e.skill })));
const RUNS = { numRuns: 300 };

/** A spelling from the list written another way: case changed, spaces and punctuation moved about. */
const respelt = fc
  .tuple(
    fc.constantFrom(...every),
    fc.array(fc.constantFrom('upper', 'title', 'spaces', 'hyphens', 'dots', 'ampersand', 'edges'), { maxLength: 4 }),
  )
  .map(([{ spelling, skill }, moves]) => {
    let s = spelling;
    for (const m of moves) {
      if (m === 'upper') s = s.toUpperCase();
      if (m === 'title') s = s.replace(/\b[a-z]/g, (ch) => ch.toUpperCase());
      if (m === 'spaces') s = s.replace(/ /g, '   ');
      if (m === 'hyphens') s = s.replace(/ /g, ' - ');
      if (m === 'dots') s = `${s}.`;
      if (m === 'ampersand') s = s.replace(/ and /g, ' & ');
      if (m === 'edges') s = `  ${s}\t`;
    }
    return { typed: s, skill };
  });

/** Text a person might type: the list's spellings, respelt, and anything else. */
const typedText = fc.oneof(
  respelt.map((r) => r.typed),
  fc.string({ maxLength: 30 }),
  fc.constantFrom('forklift', 'picking', 'welding', 'Pick & Pack', 'pick n pack', 'HANDHELD SCANNERS', 'customer-services'),
);

describe('skillKey: what two spellings of one skill have in common', () => {
  it('folds case, spacing, punctuation, "&"/"and"/"n", accents and plurals', () => {
    expect(skillKey('Picking & Packing')).toBe(skillKey('picking and packing'));
    expect(skillKey('picking/packing')).toBe(skillKey('picking and packing'));
    expect(skillKey("Pick 'n' Pack")).toBe(skillKey('pick and pack'));
    expect(skillKey('Handheld Scanners')).toBe(skillKey('handheld scanner'));
    expect(skillKey('Customer-Services')).toBe(skillKey('customer service'));
    expect(skillKey('duties')).toBe(skillKey('duty'));
    expect(skillKey('Café work')).toBe(skillKey('cafe work'));
    expect(skillKey("plasterer's labouring")).toBe(skillKey('plasterers labouring'));
    // -ss words and short words keep their s: "glass" is not "glas", "ms office" not "m office".
    expect(skillKey('glass')).toBe('glass');
    expect(skillKey('MS Office')).toBe('ms office');
    expect(skillKey('!!!')).toBe('');
  });

  it('is idempotent, and blind to case and to spaces and punctuation between words (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const k = skillKey(s);
        expect(skillKey(k)).toBe(k);
        expect(skillKey(s.toUpperCase())).toBe(skillKey(s.toLowerCase()));
        expect(skillKey(` ${s.replace(/ /g, ' ,  ')}  `)).toBe(k);
      }),
      RUNS,
    );
  });
});

describe('canonicalSkills: typed skills as stored', () => {
  it('"Picking & Packing", "pick and pack" and "picking/packing" are all stored as "picking and packing"', () => {
    expect(map('picking & packing', 'Pick and Pack', 'picking/packing')).toEqual({ skills: ['picking and packing'], unrecognised: [] });
    expect(map('handheld scanners', 'shelf stacking', 'typing').skills).toEqual([
      'handheld scanner',
      'stock replenishment',
      'keyboard skills',
    ]);
  });

  it('keeps text that matches nothing as it was given, flagged, in the order given; each skill once', () => {
    expect(map('forklift', 'Customer Care', 'welding', 'customer service', 'forklift')).toEqual({
      skills: ['forklift', 'customer service', 'welding'],
      unrecognised: ['forklift', 'welding'],
    });
    expect(map()).toEqual({ skills: [], unrecognised: [] });
  });

  it('maps any respelling of a skill or synonym in the list to its skill (property)', () => {
    fc.assert(
      fc.property(respelt, ({ typed, skill }) => {
        expect(map(typed)).toEqual({ skills: [skill], unrecognised: [] });
      }),
      RUNS,
    );
  });

  it('is idempotent: what it stores maps to itself, and nothing typed is ever lost (property)', () => {
    fc.assert(
      fc.property(fc.array(typedText, { maxLength: 12 }), (typed) => {
        const once = canonicalSkills(index, typed);
        expect(canonicalSkills(index, once.skills)).toEqual({ skills: once.skills, unrecognised: once.unrecognised });
        for (const t of typed) expect(once.skills.includes(t) || once.skills.includes(index.get(skillKey(t))!)).toBe(true);
        for (const u of once.unrecognised) expect(index.has(skillKey(u))).toBe(false);
        expect(new Set(once.skills).size).toBe(once.skills.length);
      }),
      RUNS,
    );
  });

  it('recognises a skill whatever its case or spacing (property)', () => {
    fc.assert(
      fc.property(typedText, (t) => {
        const known = index.get(skillKey(t));
        expect(index.get(skillKey(`  ${t.toUpperCase().replace(/ /g, '  ')} `))).toBe(known);
      }),
      RUNS,
    );
  });
});

describe('the shipped vocabulary (data/skills.json)', () => {
  it('has every skill the demo’s jobs and people use, with the sectors that use it', () => {
    const bySkill = new Map(SHIPPED_SKILLS.map((e) => [e.skill, e]));
    for (const [skill, sectors] of seedSkillTags()) {
      expect(bySkill.get(skill), skill).toBeDefined();
      expect(bySkill.get(skill)!.sectors, skill).toEqual(expect.arrayContaining([...sectors]));
    }
    expect(SHIPPED_SKILLS.length).toBeGreaterThanOrEqual(90);
  });

  it('is what the generator makes of it (npx tsx scripts/seed/skill-vocabulary.ts)', () => {
    const text = readFileSync(SKILLS_FILE, 'utf8');
    expect(serialise(regenerate(JSON.parse(text)))).toBe(text);
  });

  it('means one skill by each spelling: no skill or synonym collides with another entry’s, and every one is a valid tag', () => {
    for (const { spelling, skill } of every) {
      expect(index.get(skillKey(spelling)), spelling).toBe(skill);
      expect(SkillTag.parse(spelling)).toBe(spelling);
    }
    expect(withinLimits(SHIPPED_SKILLS)).toBe(true);
  });

  it('groups for the forms: skills of several sectors (or any) first, then one group per sector, every skill once', () => {
    const groups = skillGroups(SHIPPED_SKILLS);
    expect(groups[0]!.sector).toBeUndefined();
    expect(groups[0]!.skills).toContain('customer service');
    expect(groups.find((g) => g.sector === 'warehousing-logistics')!.skills).toContain('picking and packing');
    expect(groups.flatMap((g) => g.skills).sort()).toEqual(SHIPPED_SKILLS.map((e) => e.skill).sort());
  });
});

describe('adding to a vocabulary (admins)', () => {
  const AT = '2026-11-25T10:00:00.000Z';
  const add = (entries: readonly SkillEntry[], input: Record<string, unknown>) =>
    addSkill(entries, SkillAddition.parse(input), 'u-admin-1', AT);

  it('adds a new skill with its synonyms and sectors, stamped', () => {
    const r = add(SHIPPED_SKILLS, {
      skill: 'Reach Truck Operation',
      synonyms: ['reach truck', 'reach trucks'],
      sectors: ['warehousing-logistics'],
    });
    expect(r).toMatchObject({ ok: true, created: true, synonymsAdded: ['reach truck'] });
    if (!r.ok) return;
    expect(r.entry).toEqual({
      skill: 'reach truck operation',
      sectors: ['warehousing-logistics'],
      synonyms: ['reach truck'],
      addedBy: 'u-admin-1',
      addedAt: AT,
    });
    expect(r.entries).toHaveLength(SHIPPED_SKILLS.length + 1);
    expect(canonicalSkills(skillIndex(r.entries), ['Reach Trucks']).skills).toEqual(['reach truck operation']);
  });

  it('adds synonyms (and sectors) to the skill already listed, named by itself or by a synonym', () => {
    const ok = add(SHIPPED_SKILLS, { skill: 'Pick & Pack', synonyms: ['picking'], sectors: ['retail'] });
    expect(ok).toMatchObject({ ok: true, created: false, synonymsAdded: ['picking'] });
    if (!ok.ok) return;
    expect(ok.entry.skill).toBe('picking and packing');
    expect(ok.entry.sectors).toEqual(['retail', 'warehousing-logistics']);
    expect(canonicalSkills(skillIndex(ok.entries), ['picking']).skills).toEqual(['picking and packing']);
  });

  it('refuses a synonym that already means another skill, naming it; and an addition that adds nothing', () => {
    expect(add(SHIPPED_SKILLS, { skill: 'forklift operation', synonyms: ['forklift', 'typing'] })).toEqual({
      ok: false,
      conflict: 'A synonym already means another skill',
      errors: [{ path: 'synonyms.1', message: 'already means ‘keyboard skills’ in the skills list' }],
    });
    expect(add(SHIPPED_SKILLS, { skill: 'Customer Care' })).toMatchObject({
      ok: false,
      errors: [{ path: 'skill', message: 'is already in the skills list (as ‘customer service’)' }],
    });
  });

  it('refuses a skill with a comma or without a letter or digit (forms split lists on commas)', () => {
    expect(SkillAddition.safeParse({ skill: 'picking, packing' }).success).toBe(false);
    expect(SkillAddition.safeParse({ skill: '***' }).success).toBe(false);
    expect(SkillAddition.safeParse({ skill: 'ok', synonyms: ['a,b'] }).success).toBe(false);
  });

  it('a newer shipped list merges into an organisation’s copy without losing what its admins added', () => {
    const own = add(SHIPPED_SKILLS.slice(1), { skill: 'reach truck operation', synonyms: ['reach truck'] });
    if (!own.ok) throw new Error('setup');
    const shipped = [...SHIPPED_SKILLS, { skill: 'reach truck driving', sectors: [], synonyms: ['reach truck'] }];
    const merged = mergeVocabularies(own.entries, shipped);
    const mergedIndex = skillIndex(merged);
    // The shipped entry the copy lacked is back; the admin's synonym keeps its meaning; the clashing shipped synonym is left out.
    expect(merged.map((e) => e.skill)).toContain(SHIPPED_SKILLS[0]!.skill);
    expect(mergedIndex.get(skillKey('reach truck'))).toBe('reach truck operation');
    expect(merged.find((e) => e.skill === 'reach truck driving')!.synonyms).toEqual([]);
    expect(mergeVocabularies(merged, shipped)).toEqual(merged);
  });
});
