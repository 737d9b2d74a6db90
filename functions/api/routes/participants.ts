import { createRoute, z } from '@hono/zod-openapi';
import { Int, IsoDateTime, ListQuery, pageOf, Text, UserId } from '../../../shared/domain/common.js';
import { Enrolment } from '../../../shared/domain/cohort.js';
import { Notification, Placement, Submission } from '../../../shared/domain/submission.js';
import { AuditEntry } from '../../../shared/domain/audit.js';
import { ActionPlan, Appointment, CaseContact } from '../../../shared/domain/casework.js';
import {
  CaseloadTransfer,
  Consent,
  Participant,
  ParticipantCreate,
  ParticipantPatch,
  Readiness,
  ReadinessChange,
  ReadinessHistoryEntry,
  Sensitive,
  SensitiveInput,
} from '../../../shared/domain/participant.js';
import type { Deps } from '../../../shared/use-cases/deps.js';
import * as participants from '../../../shared/use-cases/participants.js';
import * as rights from '../../../shared/use-cases/subject-rights.js';
import type { App } from '../env.js';
import {
  IdParam,
  IdempotencyHeader,
  IfMatchHeader,
  actorOf,
  errorResponses,
  etag,
  etagHeader,
  ifMatchVersion,
  json,
  jsonBody,
  noBody,
  security,
  updateErrorResponses,
  writeErrorResponses,
} from './common.js';

const tags = ['Participants'];

/** What liaison officers get: no contact details or benefit labels; derived facts instead of the sensitive part. */
const ParticipantView = z
  .union([
    Participant,
    Participant.omit({ email: true, phone: true, paymentGroup: true, referralSource: true, casework: true }).extend({
      adjustmentsNeeded: z.boolean().optional(),
      maxHoursPerWeek: Int(0, 48).optional(),
    }),
  ])
  .meta({ id: 'ParticipantView' });

export function participantRoutes(app: App, deps: Deps): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/participants',
      tags,
      summary: 'Record a participant',
      description: 'Advisers add to their own caseload (admins name `adviserId`). The first readiness rating starts the readiness history.',
      security,
      request: { headers: IdempotencyHeader, ...jsonBody(ParticipantCreate) },
      responses: { 201: json(Participant, 'The participant', etagHeader), ...writeErrorResponses },
    }),
    async (c) => {
      const p = await participants.createParticipant(deps, actorOf(c), c.req.valid('json'));
      return c.json(p, 201, { ETag: etag(p.version), Location: `/participants/${p.id}` });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/participants',
      tags,
      summary: "List an adviser's caseload",
      description:
        'Advisers see their own caseload; admins and liaison officers name `adviserId`. With `q`, `readiness` or `needsAction=true` ' +
        'it is the search the caseload page offers: every filter given holds, in surname order, with cursors of its own ' +
        '(`needsAction` is for advisers and admins: liaison officers do not see casework, so it is 403 for them).',
      security,
      request: {
        query: ListQuery.extend({
          adviserId: UserId.optional(),
          q: Text(100)
            .optional()
            .meta({ description: 'Words of their name (each word typed starts a word of it), or their participant reference' }),
          readiness: Readiness.optional(),
          needsAction: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional()
            .meta({
              description:
                'Only people something is waiting on their adviser for: a proposal to answer, a check-in or a passed appointment to record, a review',
            }),
        }),
      },
      responses: {
        200: json(pageOf(ParticipantView, 'ParticipantPage'), 'A page of participants'),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await participants.listParticipants(deps, actorOf(c), c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/participants/{id}',
      tags,
      summary: 'Read a participant',
      security,
      request: { params: IdParam },
      responses: { 200: json(ParticipantView, 'The participant (as your role may see it)', etagHeader), ...errorResponses },
    }),
    async (c) => {
      const p = await participants.getParticipant(deps, actorOf(c), c.req.valid('param').id);
      return c.json(p, 200, { ETag: etag(p.version) });
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/participants/{id}',
      tags,
      summary: 'Change a participant',
      description: 'Readiness changes go through `POST /participants/{id}/readiness` with a reason.',
      security,
      request: { params: IdParam, headers: IfMatchHeader, ...jsonBody(ParticipantPatch) },
      responses: { 200: json(Participant, 'The participant as changed', etagHeader), ...updateErrorResponses },
    }),
    async (c) => {
      const p = await participants.updateParticipant(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json'), ifMatchVersion(c));
      return c.json(p, 200, { ETag: etag(p.version) });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/participants/{id}/readiness',
      tags,
      summary: 'Change job readiness, with a reason',
      security,
      request: { params: IdParam, headers: IfMatchHeader, ...jsonBody(ReadinessChange) },
      responses: {
        200: json(
          z.object({ participant: Participant, change: ReadinessHistoryEntry }),
          'The participant and the recorded change',
          etagHeader,
        ),
        ...updateErrorResponses,
      },
    }),
    async (c) => {
      const out = await participants.changeReadiness(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json'), ifMatchVersion(c));
      return c.json(out, 200, { ETag: etag(out.participant.version) });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/participants/{id}/readiness',
      tags,
      summary: 'Readiness history: who changed it, when, from, to and why',
      security,
      request: { params: IdParam },
      responses: { 200: json(z.object({ items: z.array(ReadinessHistoryEntry) }), 'Oldest first'), ...errorResponses },
    }),
    async (c) => c.json({ items: await participants.readinessHistory(deps, actorOf(c), c.req.valid('param').id) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/participants/{id}/sensitive',
      tags,
      summary: 'Read the sensitive part (own adviser and admins only)',
      security,
      request: { params: IdParam },
      responses: { 200: json(Sensitive, 'The sensitive part', etagHeader), ...errorResponses },
    }),
    async (c) => {
      const s = await participants.getSensitive(deps, actorOf(c), c.req.valid('param').id);
      return c.json(s, 200, { ETag: etag(s.version) });
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/participants/{id}/sensitive',
      tags,
      summary: 'Write the sensitive part (own adviser and admins only)',
      security,
      request: { params: IdParam, headers: IfMatchHeader, ...jsonBody(SensitiveInput) },
      responses: { 200: json(Sensitive, 'The sensitive part as stored', etagHeader), ...updateErrorResponses },
    }),
    async (c) => {
      const s = await participants.putSensitive(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json'), ifMatchVersion(c));
      return c.json(s, 200, { ETag: etag(s.version) });
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/participants/{id}/consent',
      tags,
      summary: "Record the participant's consent choices (own adviser, admin)",
      description:
        'Whether they may be matched at all, which profile fields employers may see when they are put forward, and in-work contact. ' +
        "Health or conviction disclosures are shared only if chosen, in the participant's own words. Audited.",
      security,
      request: { params: IdParam, headers: IfMatchHeader, ...jsonBody(Consent) },
      responses: { 200: json(Participant, 'The participant with the consent as recorded', etagHeader), ...updateErrorResponses },
    }),
    async (c) => {
      const p = await rights.recordConsent(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json'), ifMatchVersion(c));
      return c.json(p, 200, { ETag: etag(p.version) });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/participants/{id}/transfer',
      tags,
      summary: "Move a participant to another adviser's caseload (own adviser, admin)",
      description: 'An explicit, audited action.',
      security,
      request: { params: IdParam, headers: IfMatchHeader, ...jsonBody(CaseloadTransfer) },
      responses: { 200: json(Participant, 'The participant on the new caseload', etagHeader), ...updateErrorResponses },
    }),
    async (c) => {
      const p = await rights.transferCaseload(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json'), ifMatchVersion(c));
      return c.json(p, 200, { ETag: etag(p.version) });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/participants/{id}/audit',
      tags,
      summary: 'The audit trail of a participant (own adviser, admin)',
      description:
        'Every read and write of the sensitive part, consent change, caseload transfer, export and erasure: who, role, what, when, correlation id. Oldest first.',
      security,
      request: { params: IdParam, query: ListQuery },
      responses: {
        200: json(pageOf(AuditEntry, 'AuditPage'), 'A page of entries'),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await rights.listAudit(deps, actorOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/participants/{id}/export',
      tags,
      summary: 'Everything held about the participant, as JSON (own adviser, admin)',
      description:
        'A subject access export: profile, sensitive part, readiness history, enrolments, submissions, placements, notifications, the audit trail, and their contacts, appointments and action plan with their adviser. Audited.',
      security,
      request: { params: IdParam },
      responses: {
        200: json(
          z
            .object({
              exportedAt: IsoDateTime,
              exportedBy: UserId,
              participant: Participant,
              sensitive: Sensitive.nullable(),
              readinessHistory: z.array(ReadinessHistoryEntry),
              enrolments: z.array(Enrolment),
              submissions: z.array(Submission),
              placements: z.array(Placement),
              notifications: z.array(Notification),
              audit: z.array(AuditEntry),
              contacts: z.array(CaseContact),
              appointments: z.array(Appointment),
              actionPlan: ActionPlan.nullable(),
            })
            .meta({ id: 'ParticipantExport' }),
          'The export',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const out = await rights.exportParticipant(deps, actorOf(c), c.req.valid('param').id);
      return c.json(out, 200, { 'Content-Disposition': `attachment; filename="participant-${out.participant.id}.json"` });
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/participants/{id}',
      tags,
      summary: "Erase the participant's personal data everywhere it is held (admin)",
      description: 'Keeps anonymous counts for reporting and records that an erasure happened (the audit trail stays).',
      security,
      request: { params: IdParam, ...noBody },
      responses: { 204: { description: 'Erased' }, ...errorResponses },
    }),
    async (c) => {
      await rights.eraseParticipant(deps, actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
}
