import { createRoute, z } from '@hono/zod-openapi';
import { Count, Id, Int, IsoDate, Said, Tag, Text, UserId } from '../../../shared/domain/common.js';
import { Readiness } from '../../../shared/domain/participant.js';
import { EXCLUSION_REASONS, FACTORS } from '../../../shared/matching/types.js';
import type { Deps } from '../../../shared/use-cases/deps.js';
import * as matching from '../../../shared/use-cases/matching.js';
import type { App } from '../env.js';
import { IdParam, actorOf, errorResponses, json, security } from './common.js';

/** A sentence Routeway writes about a candidate or a vacancy (factor details, gaps, reasons). */
const Sentence = Said(4000);
const Rank = Int(1, matching.MAX_CANDIDATES);
const Score = z.number().min(0).max(100);
const Cell = z
  .string()
  .max(8)
  .regex(/^(?:area:[A-Z]{1,2}|[0-9b-hjkmnp-z]{4})$/)
  .meta({ description: 'A geohash of precision 4, or `area:` and a postcode area for the unlocated' });
/** The precision-4 cells a catchment of up to 200 km reaches (about 20 × 39 km each). */
const Cells = z.array(Cell).max(500);
const Factors = z
  .array(z.object({ factor: z.enum(FACTORS), contribution: z.number().min(-100).max(100), detail: Sentence }).meta({ id: 'MatchFactor' }))
  .max(FACTORS.length);
const Gaps = z.array(Sentence).max(60);
const Excluded = z.partialRecord(z.enum(EXCLUSION_REASONS), Count).meta({
  id: 'MatchExclusions',
  description: 'How many people each hard constraint excluded (each counted under the first it failed)',
});
const Candidate = z
  .object({
    participantId: Id,
    rank: Rank,
    score: Score.meta({ description: '0–100; the sum of the factor contributions' }),
    guaranteedInterview: z.boolean(),
    longTermUnemployed: z.boolean(),
    distanceKm: z.number().min(0).max(2000).nullable(),
    factors: Factors,
    gaps: Gaps,
    summary: z.object({
      name: Said(110).meta({ description: 'First name and last initial' }),
      adviserId: UserId,
      skills: z.array(Tag).max(50),
      certifications: z.array(Tag).max(30),
      drivingLicence: z.boolean(),
    }),
  })
  .meta({ id: 'MatchCandidate' });

const Training = z
  .array(
    z
      .object({ cohortId: Id, title: Text(200), startDate: IsoDate })
      .meta({ id: 'TrainingOffer', description: 'A PET cohort not yet started, with places, that teaches the missing skill' }),
  )
  .max(3);
const Listed = <T extends z.ZodType>(item: T) => z.array(item).max(100);

const VacancyMatches = z
  .object({
    vacancyId: Id,
    candidates: z
      .array(Candidate)
      .max(matching.MAX_CANDIDATES)
      .meta({
        description: `At most \`limit\`, except that every guaranteed-interview PET completer is listed (first), up to ${matching.MAX_CANDIDATES}`,
      }),
    nearlyReady: Listed(Candidate).meta({
      description: 'Amber candidates who pass every other constraint: check their rating with the adviser',
    }),
    couldQualify: Listed(
      Candidate.extend({
        missingSkill: Tag.optional().meta({ description: 'The one must-have skill they lack' }),
        askAboutHours: Int(0, 84).optional().meta({
          description: "The hours a week to ask the employer about: the job's minimum is a little over what they may work",
        }),
        because: Sentence.meta({ description: 'Why they could qualify, in plain words' }),
        training: Training,
      }),
    ).meta({
      description:
        'Job-ready candidates who pass everything but one thing: one must-have skill (named, with training that teaches it), or the hours (ask the employer about fewer)',
    }),
    excluded: Excluded,
    fairness: z.object({
      eligible: Count,
      longTermUnemployedShareOfEligible: z.number().min(0).max(1),
      longTermUnemployedShareOfList: z.number().min(0).max(1),
    }),
    pool: z.object({
      cells: Cells.meta({
        description: 'The pool partitions read: area cells (geohash precision 4), plus the unlocated entries of the postcode area',
      }),
      ranges: Count.meta({ description: 'Key ranges queried: runs of the sub-cells the catchment reaches inside those cells' }),
      profilesRead: Count,
    }),
  })
  .meta({ id: 'VacancyMatches' });

const SuggestedVacancy = {
  vacancyId: Id,
  rank: Int(1, 100),
  score: Score,
  title: Text(200),
  employerName: Text(200),
  closingDate: IsoDate,
};

const ParticipantMatches = z
  .object({
    participantId: Id,
    readiness: Readiness,
    vacancies: Listed(z.object({ ...SuggestedVacancy, guaranteedInterview: z.boolean(), factors: Factors, gaps: Gaps })),
    couldQualify: Listed(
      z.object({
        ...SuggestedVacancy,
        missingSkill: Tag.optional(),
        askAboutHours: Int(0, 84).optional(),
        because: Sentence,
        training: Training,
        factors: Factors,
        gaps: Gaps,
      }),
    ).meta({
      description:
        'Vacancies they meet but for one thing: one must-have skill (named, with training that teaches it), or a few hours over what they may work (ask the employer)',
    }),
    ruledOut: Listed(
      z.object({
        vacancyId: Id,
        title: Text(200),
        employerName: Text(200),
        closingDate: IsoDate,
        reasons: z.array(Sentence).max(20),
      }),
    ).meta({
      description:
        "Vacancies they would otherwise suit that the employer's conditions on convictions rule out, and which condition: for their own adviser only",
    }),
    excluded: Excluded,
    pool: z.object({ cells: Cells, vacanciesRead: Count }),
  })
  .meta({ id: 'ParticipantMatches' });

const Limit = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20).meta({ format: 'int32' }) });

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
