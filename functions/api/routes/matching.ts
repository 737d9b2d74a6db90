import { createRoute, z } from '@hono/zod-openapi';
import { EXCLUSION_REASONS, FACTORS } from '../../../shared/matching/types.js';
import type { Deps } from '../../../shared/use-cases/deps.js';
import * as matching from '../../../shared/use-cases/matching.js';
import type { App } from '../env.js';
import { IdParam, actorOf, errorResponses, json, security } from './common.js';

const Factor = z.object({ factor: z.enum(FACTORS), contribution: z.number(), detail: z.string() }).meta({ id: 'MatchFactor' });
const Excluded = z.partialRecord(z.enum(EXCLUSION_REASONS), z.number().int()).meta({
  id: 'MatchExclusions',
  description: 'How many people each hard constraint excluded (each counted under the first it failed)',
});
const Candidate = z
  .object({
    participantId: z.string(),
    rank: z.number().int(),
    score: z.number().meta({ description: '0–100; the sum of the factor contributions' }),
    guaranteedInterview: z.boolean(),
    longTermUnemployed: z.boolean(),
    distanceKm: z.number().nullable(),
    factors: z.array(Factor),
    gaps: z.array(z.string()),
    summary: z.object({
      name: z.string(),
      adviserId: z.string(),
      skills: z.array(z.string()),
      certifications: z.array(z.string()),
      drivingLicence: z.boolean(),
    }),
  })
  .meta({ id: 'MatchCandidate' });

const Training = z
  .object({ cohortId: z.string(), title: z.string(), startDate: z.string() })
  .meta({ id: 'TrainingOffer', description: 'A PET cohort not yet started, with places, that teaches the missing skill' });

const VacancyMatches = z
  .object({
    vacancyId: z.string(),
    candidates: z.array(Candidate),
    nearlyReady: z
      .array(Candidate)
      .meta({ description: 'Amber candidates who pass every other constraint: check their rating with the adviser' }),
    couldQualify: z
      .array(
        Candidate.extend({
          missingSkill: z.string().optional().meta({ description: 'The one must-have skill they lack' }),
          askAboutHours: z.number().int().optional().meta({
            description: "The hours a week to ask the employer about: the job's minimum is a little over what they may work",
          }),
          because: z.string().meta({ description: 'Why they could qualify, in plain words' }),
          training: z.array(Training),
        }),
      )
      .meta({
        description:
          'Job-ready candidates who pass everything but one thing: one must-have skill (named, with training that teaches it), or the hours (ask the employer about fewer)',
      }),
    excluded: Excluded,
    fairness: z.object({
      eligible: z.number().int(),
      longTermUnemployedShareOfEligible: z.number(),
      longTermUnemployedShareOfList: z.number(),
    }),
    pool: z.object({
      cells: z.array(z.string()).meta({
        description: 'The pool partitions read: area cells (geohash precision 4), plus the unlocated entries of the postcode area',
      }),
      ranges: z.number().int().meta({ description: 'Key ranges queried: runs of the sub-cells the catchment reaches inside those cells' }),
      profilesRead: z.number().int(),
    }),
  })
  .meta({ id: 'VacancyMatches' });

const ParticipantMatches = z
  .object({
    participantId: z.string(),
    readiness: z.string(),
    vacancies: z.array(
      z.object({
        vacancyId: z.string(),
        rank: z.number().int(),
        score: z.number(),
        title: z.string(),
        employerName: z.string(),
        closingDate: z.string(),
        guaranteedInterview: z.boolean(),
        factors: z.array(Factor),
        gaps: z.array(z.string()),
      }),
    ),
    couldQualify: z
      .array(
        z.object({
          vacancyId: z.string(),
          rank: z.number().int(),
          score: z.number(),
          title: z.string(),
          employerName: z.string(),
          closingDate: z.string(),
          missingSkill: z.string().optional(),
          askAboutHours: z.number().int().optional(),
          because: z.string(),
          training: z.array(Training),
          factors: z.array(Factor),
          gaps: z.array(z.string()),
        }),
      )
      .meta({
        description:
          'Vacancies they meet but for one thing: one must-have skill (named, with training that teaches it), or a few hours over what they may work (ask the employer)',
      }),
    ruledOut: z
      .array(
        z.object({
          vacancyId: z.string(),
          title: z.string(),
          employerName: z.string(),
          closingDate: z.string(),
          reasons: z.array(z.string()),
        }),
      )
      .meta({
        description:
          "Vacancies they would otherwise suit that the employer's conditions on convictions rule out, and which condition: for their own adviser only",
      }),
    excluded: Excluded,
    pool: z.object({ cells: z.array(z.string()), vacanciesRead: z.number().int() }),
  })
  .meta({ id: 'ParticipantMatches' });

const Limit = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });

export function matchingRoutes(app: App, deps: Deps): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/vacancies/{id}/matches',
      tags: ['Matching'],
      summary: 'Ranked, explained candidates for a vacancy (liaison, admin)',
      description:
        'Recommendations only: nothing is submitted. Guaranteed-interview PET completers are always listed first. ' +
        'Amber candidates come back apart as `nearlyReady`. `fairness` shows the long-term unemployed share of the eligible pool and of the list.',
      security,
      request: { params: IdParam, query: Limit },
      responses: { 200: json(VacancyMatches, 'The candidates'), ...errorResponses },
    }),
    async (c) => c.json(await matching.matchesForVacancy(deps, actorOf(c), c.req.valid('param').id, c.req.valid('query').limit), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/participants/{id}/matches',
      tags: ['Matching'],
      summary: 'Open vacancies that suit one participant (their adviser, admin)',
      description: "The client-first view. The participant's stated preferences and limits are never overridden.",
      security,
      request: { params: IdParam, query: Limit },
      responses: { 200: json(ParticipantMatches, 'The suggested vacancies'), ...errorResponses },
    }),
    async (c) => c.json(await matching.matchesForParticipant(deps, actorOf(c), c.req.valid('param').id, c.req.valid('query').limit), 200),
  );
}
