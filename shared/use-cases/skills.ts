import type { Actor } from '../domain/actor.js';
import {
  addSkill as applyAddition,
  canonicalSkills,
  mergeVocabularies,
  SHIPPED_SKILLS,
  skillIndex,
  withinLimits,
  type CanonicalSkills,
  type SkillAddition,
  type SkillEntry,
  type SkillIndex,
} from '../domain/skills.js';
import { BusinessRuleError, ConflictError } from '../errors.js';
import { requireRole } from '../policy.js';
import type { SkillVocabularyRepository } from '../ports/repositories.js';
import { withVersionRetry, type Deps } from './deps.js';

/** The vocabulary in force for an organisation: its entries, their index, and the version of its own copy (0: none yet). */
export interface Vocabulary {
  version: number;
  entries: readonly SkillEntry[];
  index: SkillIndex;
}

/**
 * How long a process trusts the vocabulary it read. Every participant and vacancy write maps skills
 * through it, so it is read once per organisation per half minute, not once per request; an admin's
 * addition is seen at once by the process that made it, and by every other within this time.
 */
export const VOCABULARY_TTL_MS = 30_000;

/** Per repository (so two tables in one process, as in the tests, never share entries), per organisation. */
const cache = new WeakMap<SkillVocabularyRepository, Map<string, { at: number; vocabulary: Promise<Vocabulary> }>>();

function vocabularyFrom(version: number, own: readonly SkillEntry[] | undefined): Vocabulary {
  // The shipped list always joins in, so a newer data file reaches organisations with their own copy.
  const entries = own ? mergeVocabularies(own, SHIPPED_SKILLS) : SHIPPED_SKILLS;
  return { version, entries, index: skillIndex(entries) };
}

/**
 * The organisation's vocabulary: its own copy when an admin has added to it, else the shipped list.
 * Reading never writes: the copy is made ("seeded") from the shipped list by the first addition.
 */
export async function vocabularyOf(deps: Deps, orgId: string): Promise<Vocabulary> {
  const repo = deps.repos.skills;
  let orgs = cache.get(repo);
  if (!orgs) cache.set(repo, (orgs = new Map()));
  const now = deps.clock.now().getTime();
  const hit = orgs.get(orgId);
  // A clock moved back (tests do) counts as stale.
  if (hit && now >= hit.at && now - hit.at < VOCABULARY_TTL_MS) return hit.vocabulary;
  const vocabulary = repo.get(orgId).then((r) => vocabularyFrom(r?.version ?? 0, r?.entries));
  orgs.set(orgId, { at: now, vocabulary });
  // A failed read is not remembered: the next request tries again.
  vocabulary.catch(() => orgs.get(orgId)?.vocabulary === vocabulary && orgs.delete(orgId));
  return vocabulary;
}

/** Typed skills mapped onto the organisation's vocabulary (see `canonicalSkills`). */
export async function skillsAsStored(deps: Deps, orgId: string, typed: readonly string[]): Promise<CanonicalSkills> {
  return canonicalSkills((await vocabularyOf(deps, orgId)).index, typed);
}

/** The skills list, for the forms that offer it and for `GET /skills`. */
export async function listSkills(deps: Deps, actor: Actor): Promise<{ version: number; skills: SkillEntry[] }> {
  requireRole(actor, 'skill:read');
  const v = await vocabularyOf(deps, actor.orgId);
  const skills = [...v.entries].sort((a, b) => (a.skill < b.skill ? -1 : a.skill > b.skill ? 1 : 0));
  return { version: v.version, skills };
}

/**
 * An admin adds a skill, or synonyms and sectors to one already listed. The first addition copies the
 * shipped list into the table; each one is version-checked (a concurrent addition is retried on fresh data).
 * Records already stored keep their skills as they are: a record saved again afterwards is mapped anew.
 */
export async function addSkill(
  deps: Deps,
  actor: Actor,
  input: SkillAddition,
): Promise<{ skill: SkillEntry; created: boolean; synonymsAdded: string[]; version: number }> {
  requireRole(actor, 'skill:write');
  const done = await withVersionRetry(async () => {
    const stored = await deps.repos.skills.get(actor.orgId);
    const current = vocabularyFrom(stored?.version ?? 0, stored?.entries);
    const now = deps.clock.now().toISOString();
    const r = applyAddition(current.entries, input, actor.sub, now);
    if (!r.ok) throw new ConflictError(r.conflict, { errors: r.errors });
    if (!withinLimits(r.entries)) {
      throw new BusinessRuleError('The skills list is full', {
        errors: [{ path: 'skill', message: 'the skills list cannot hold more; ask for it to be tidied first' }],
      });
    }
    const version = current.version + 1;
    await deps.repos.skills.save(
      { orgId: actor.orgId, entries: r.entries, version, updatedAt: now, updatedBy: actor.sub },
      current.version,
    );
    return { r, version, entries: r.entries };
  });
  // This process sees the addition at once.
  cache.get(deps.repos.skills)?.set(actor.orgId, {
    at: deps.clock.now().getTime(),
    vocabulary: Promise.resolve(vocabularyFrom(done.version, done.entries)),
  });
  return { skill: done.r.entry, created: done.r.created, synonymsAdded: done.r.synonymsAdded, version: done.version };
}

/** `skillsUnrecognised` set to what was kept but not recognised, or left out when there is none. */
function flagged<T extends { skillsUnrecognised?: string[] }>(record: T, unrecognised: readonly string[]): T {
  const out = { ...record };
  if (unrecognised.length) out.skillsUnrecognised = [...unrecognised];
  else delete out.skillsUnrecognised;
  return out;
}

/** A participant with their skills as stored: canonical where the list knows them, the rest kept and flagged. */
export function withParticipantSkills<T extends { skills: string[]; skillsUnrecognised?: string[] }>(p: T, index: SkillIndex): T {
  const mapped = canonicalSkills(index, p.skills);
  return flagged({ ...p, skills: mapped.skills }, mapped.unrecognised);
}

/** A vacancy with its skills as stored; a nice-to-have that is also a must-have stays a must-have only. */
export function withVacancySkills<T extends { essentialSkills: string[]; desirableSkills: string[]; skillsUnrecognised?: string[] }>(
  v: T,
  index: SkillIndex,
): T {
  const essential = canonicalSkills(index, v.essentialSkills);
  const desirable = canonicalSkills(index, v.desirableSkills);
  return flagged(
    { ...v, essentialSkills: essential.skills, desirableSkills: desirable.skills.filter((s) => !essential.skills.includes(s)) },
    [...new Set([...essential.unrecognised, ...desirable.unrecognised])],
  );
}
