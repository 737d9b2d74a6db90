import { createRoute, z } from '@hono/zod-openapi';
import { Int, MAX_VERSION, Version } from '../../../shared/domain/common.js';
import {
  MAX_SYNONYMS_ADDED,
  SHIPPED_SKILLS,
  SkillAddition,
  SkillEntry,
  SkillTag,
  VOCABULARY_LIMITS,
} from '../../../shared/domain/skills.js';
import type { Deps } from '../../../shared/use-cases/deps.js';
import * as skills from '../../../shared/use-cases/skills.js';
import type { App } from '../env.js';
import { IdempotencyHeader, actorOf, errorResponses, etag, etagHeader, json, jsonBody, security, writeErrorResponses } from './common.js';

const tags = ['Skills'];

const SkillList = z
  .object({
    version: Int(0, MAX_VERSION).meta({ description: "The version of the organisation's own copy (0: the shipped list, unchanged)" }),
    /** The organisation's own entries (within VOCABULARY_LIMITS) with any shipped ones they lack merged in. */
    skills: z.array(SkillEntry).max(VOCABULARY_LIMITS.entries + SHIPPED_SKILLS.length),
  })
  .meta({ id: 'SkillList' });

const SkillAdded = z
  .object({
    skill: SkillEntry,
    created: z.boolean().meta({ description: 'A new skill (else synonyms or sectors were added to one already listed)' }),
    synonymsAdded: z.array(SkillTag).max(MAX_SYNONYMS_ADDED),
    version: Version,
  })
  .meta({ id: 'SkillAdded' });

/** The controlled skills vocabulary: everyone who records skills reads it; admins add to it. */
export function skillRoutes(app: App, deps: Deps): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/skills',
      tags,
      summary: 'The skills list',
      description:
        'The canonical skills, with their synonyms and sectors. Skills given to participants and vacancies are stored as these names ' +
        '(case, punctuation, "&"/"and", plurals and synonyms do not matter); anything else is kept as given and listed in the record’s `skillsUnrecognised`.',
      security,
      responses: { 200: json(SkillList, 'The skills list', etagHeader), ...errorResponses },
    }),
    async (c) => {
      const list = await skills.listSkills(deps, actorOf(c));
      return c.json(list, 200, { ETag: etag(list.version) });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/skills',
      tags,
      summary: 'Add a skill, or synonyms for one (admins)',
      description:
        'A new skill, or, when `skill` is already listed (as a skill or a synonym), its new synonyms and sectors. A synonym that ' +
        'already means another skill is a 409 naming it. Records already stored are mapped anew when next saved.',
      security,
      request: { headers: IdempotencyHeader, ...jsonBody(SkillAddition) },
      responses: {
        201: json(SkillAdded, 'The new skill', etagHeader),
        200: json(SkillAdded, 'The skill with what was added', etagHeader),
        ...writeErrorResponses,
      },
    }),
    async (c) => {
      const added = await skills.addSkill(deps, actorOf(c), c.req.valid('json'));
      return c.json(added, added.created ? 201 : 200, { ETag: etag(added.version) });
    },
  );
}
