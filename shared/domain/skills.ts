import { z } from 'zod';
import data from '../../data/skills.json' with { type: 'json' };
import { IsoDateTime, OrgId, Sector, SECTORS, Tag, UserId, Version } from './common.js';

/*
 * The skills vocabulary: one controlled list of canonical skill tags, each with its synonyms and the
 * sectors that use it. What people type is mapped onto it at write time (`canonicalSkills`), so
 * "Picking & Packing" is stored as "picking and packing" and meets the vacancy that needs it; text that
 * matches no entry is kept as typed and flagged. The list ships as data (data/skills.json, generated
 * from the demo's sector skill tags) and an organisation's admins add to it (their copy is in the table).
 */

/** A skill or synonym as stored: a tag (trimmed, lower case) that names something and has no comma (forms split lists on commas). */
export const SkillTag = Tag.refine((s) => !s.includes(','), { message: 'must not contain a comma' }).refine((s) => skillKey(s) !== '', {
  message: 'must contain a letter or a digit',
});

type SectorName = (typeof SECTORS)[number];

export const SkillEntry = z
  .object({
    /** The canonical tag: what records store and matching compares. */
    skill: SkillTag,
    /** The sectors whose jobs or people use it; none means any job. */
    sectors: z.array(Sector).max(SECTORS.length),
    /** Other ways people write it; each maps to `skill`. */
    synonyms: z.array(SkillTag).max(100),
    /** Set on entries (or the last synonyms) an admin added. */
    addedBy: UserId.optional(),
    addedAt: IsoDateTime.optional(),
  })
  .meta({ id: 'SkillEntry' });
export type SkillEntry = z.infer<typeof SkillEntry>;

/** An organisation's copy of the vocabulary, once an admin has added to it. */
export const SkillVocabularyRecord = z.object({
  orgId: OrgId,
  entries: z.array(SkillEntry),
  version: Version,
  updatedAt: IsoDateTime,
  updatedBy: UserId,
});
export type SkillVocabularyRecord = z.infer<typeof SkillVocabularyRecord>;

/** What an admin adds: a new skill, or synonyms (and sectors) for one already in the list. */
/** The most synonyms one addition may bring. */
export const MAX_SYNONYMS_ADDED = 20;

export const SkillAddition = z
  .strictObject({
    skill: SkillTag.meta({
      description: 'The skill; when it is already in the list (as a skill or a synonym), the synonyms and sectors are added to that entry',
    }),
    synonyms: z.array(SkillTag).max(MAX_SYNONYMS_ADDED).default([]),
    sectors: z.array(Sector).max(SECTORS.length).default([]),
  })
  .meta({ id: 'SkillAddition' });
export type SkillAddition = z.infer<typeof SkillAddition>;

/** The shipped vocabulary (data/skills.json), checked when the module loads: a bad file fails at start-up. */
export const SHIPPED_SKILLS: readonly SkillEntry[] = z.array(SkillEntry).parse(data.skills);

/** At most this many entries, and this much stored text, in one organisation's vocabulary (it is one table item). */
export const VOCABULARY_LIMITS = { entries: 3000, bytes: 300_000 };

/** "boxes" → "box", "skills" → "skill", "duties" → "duty"; short words and -ss/-us/-is words stay. */
function singular(w: string): string {
  if (w.length <= 3 || /(ss|us|is)$/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (/(ch|sh|x|z|ss)es$/.test(w)) return w.slice(0, -2);
  return w.endsWith('s') ? w.slice(0, -1) : w;
}

/**
 * What two spellings of a skill have in common when they mean the same: accents folded, case and
 * punctuation gone, "&", "+" and "n" said as "and" and "and" left out, plurals made singular.
 * "Picking & Packing", "picking/packing" and "picking and packing" all give "picking packing".
 */
export function skillKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[&+]/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter((w) => w && w !== 'and' && w !== 'n')
    .map(singular)
    .join(' ');
}

/** Spelling key → canonical skill, for every skill and synonym of a vocabulary. */
export type SkillIndex = ReadonlyMap<string, string>;

/** The index of a vocabulary; where two entries claim one key, the first keeps it (`addSkill` never lets that happen). */
export function skillIndex(entries: readonly SkillEntry[]): SkillIndex {
  const index = new Map<string, string>();
  for (const e of entries) if (!index.has(skillKey(e.skill))) index.set(skillKey(e.skill), e.skill);
  for (const e of entries) for (const s of e.synonyms) if (!index.has(skillKey(s))) index.set(skillKey(s), e.skill);
  return index;
}

/** Typed skills as stored: each a canonical skill where one matches, else kept as typed and listed in `unrecognised`. */
export interface CanonicalSkills {
  skills: string[];
  unrecognised: string[];
}

/**
 * Maps typed skills onto the vocabulary: case, spacing, punctuation, "&"/"and", plurals and synonyms do
 * not matter. Text that matches nothing is kept as it was given (never dropped) and listed in
 * `unrecognised`. Each skill appears once, in the order first given. Idempotent: mapping the result again
 * changes nothing.
 */
export function canonicalSkills(index: SkillIndex, typed: readonly string[]): CanonicalSkills {
  const skills: string[] = [];
  const unrecognised: string[] = [];
  for (const t of typed) {
    const canonical = index.get(skillKey(t));
    const kept = canonical ?? t;
    if (!skills.includes(kept)) skills.push(kept);
    if (!canonical && !unrecognised.includes(t)) unrecognised.push(t);
  }
  return { skills, unrecognised };
}

/**
 * The shipped list merged into an organisation's copy: entries the copy lacks are added, and shipped
 * synonyms and sectors joined to entries it has, unless an admin's entry already claims the spelling.
 * So a newer data file reaches organisations that have their own copy, and nothing an admin added is lost.
 */
export function mergeVocabularies(own: readonly SkillEntry[], shipped: readonly SkillEntry[]): SkillEntry[] {
  const out = own.map((e) => ({ ...e, synonyms: [...e.synonyms], sectors: [...e.sectors] }));
  const index = new Map(skillIndex(out));
  for (const s of shipped) {
    const at = index.get(skillKey(s.skill));
    const entry = at ? out.find((e) => e.skill === at)! : undefined;
    if (!entry) {
      const free = s.synonyms.filter((x) => !index.has(skillKey(x)));
      const added = { skill: s.skill, sectors: [...s.sectors], synonyms: free };
      out.push(added);
      for (const k of [s.skill, ...free]) index.set(skillKey(k), s.skill);
      continue;
    }
    for (const x of s.synonyms) {
      if (index.has(skillKey(x))) continue;
      entry.synonyms.push(x);
      index.set(skillKey(x), entry.skill);
    }
    entry.sectors = SECTORS.filter((sec) => entry.sectors.includes(sec) || s.sectors.includes(sec));
  }
  return out;
}

export type AdditionResult =
  | { ok: true; entries: SkillEntry[]; entry: SkillEntry; created: boolean; synonymsAdded: string[] }
  | { ok: false; conflict: string; errors: { path: string; message: string }[] };

/**
 * An admin's addition applied to a vocabulary: a new entry, or synonyms and sectors added to the entry
 * the skill already names. A synonym that already means another skill is refused, naming that skill;
 * an addition that adds nothing is refused too (it is already there).
 */
export function addSkill(entries: readonly SkillEntry[], input: SkillAddition, by: string, at: string): AdditionResult {
  const index = new Map(skillIndex(entries));
  const existing = index.get(skillKey(input.skill));
  const base = existing ? entries.find((e) => e.skill === existing)! : { skill: input.skill, sectors: [], synonyms: [] };
  const skill = base.skill;
  if (!existing) index.set(skillKey(skill), skill);
  const synonymsAdded: string[] = [];
  const errors: { path: string; message: string }[] = [];
  input.synonyms.forEach((s, i) => {
    const means = index.get(skillKey(s));
    if (means === undefined) {
      synonymsAdded.push(s);
      index.set(skillKey(s), skill);
    } else if (means !== skill) {
      errors.push({ path: `synonyms.${i}`, message: `already means ‘${means}’ in the skills list` });
    }
  });
  if (errors.length) return { ok: false, conflict: 'A synonym already means another skill', errors };
  const sectors = SECTORS.filter((s) => base.sectors.includes(s) || input.sectors.includes(s));
  if (existing && !synonymsAdded.length && sectors.length === base.sectors.length) {
    const as = existing === input.skill ? '' : ` (as ‘${existing}’)`;
    return {
      ok: false,
      conflict: `‘${input.skill}’ is already in the skills list${as}, with those synonyms and sectors`,
      errors: [{ path: 'skill', message: `is already in the skills list${as}` }],
    };
  }
  const entry: SkillEntry = { ...base, sectors, synonyms: [...base.synonyms, ...synonymsAdded], addedBy: by, addedAt: at };
  const next = existing ? entries.map((e) => (e.skill === existing ? entry : e)) : [...entries, entry];
  return { ok: true, entries: next, entry, created: !existing, synonymsAdded };
}

/** Whether a vocabulary still fits in its one table item. */
export function withinLimits(entries: readonly SkillEntry[]): boolean {
  return entries.length <= VOCABULARY_LIMITS.entries && JSON.stringify(entries).length <= VOCABULARY_LIMITS.bytes;
}

/** The form's groups: skills of one sector under that sector, those of several (or any) first. */
export function skillGroups(entries: readonly SkillEntry[]): { sector?: SectorName; skills: string[] }[] {
  const byName = [...entries].sort((a, b) => (a.skill < b.skill ? -1 : a.skill > b.skill ? 1 : 0));
  const many = byName.filter((e) => e.sectors.length !== 1).map((e) => e.skill);
  const groups: { sector?: SectorName; skills: string[] }[] = many.length ? [{ skills: many }] : [];
  for (const sector of SECTORS) {
    const skills = byName.filter((e) => e.sectors.length === 1 && e.sectors[0] === sector).map((e) => e.skill);
    if (skills.length) groups.push({ sector, skills });
  }
  return groups;
}

/** What the pages and the API say about a skill that was kept but is not in the list. */
export const unrecognisedMessage = (skill: string) =>
  `We kept ‘${skill}’ but it is not in the skills list, so matching cannot use it until an admin adds it`;
