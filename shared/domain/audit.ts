import { z } from 'zod';
import { Id, Int, INT32_MAX, IsoDateTime, Said, UserId } from './common.js';
import { ROLES } from './actor.js';

/**
 * What gets an audit entry: every sensitive read or write, consent change, caseload move, export and
 * erasure, and every read or write of casework that holds the adviser's words (contacts, appointments).
 */
export const AUDIT_ACTIONS = [
  'sensitive.read',
  'sensitive.write',
  'consent.change',
  'caseload.transfer',
  'participant.export',
  'participant.erasure',
  'retention.erasure',
  'casework.read',
  'casework.write',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Details are facts about the change, never personal data (field names, adviser ids, switches). */
/** The request's correlation id as kept (`X-Correlation-Id`). */
export const CorrelationId = z
  .string()
  .max(128)
  .regex(/^[A-Za-z0-9._:-]{1,128}$/);

export const AuditDetail = z.record(
  z.string().max(40),
  z.union([Said(200), Int(-INT32_MAX, INT32_MAX), z.boolean(), z.array(Said(200)).max(50), z.null()]),
);

export const AuditEntry = z
  .object({
    id: Id,
    subjectType: z.literal('participant'),
    subjectId: Id,
    action: z.enum(AUDIT_ACTIONS),
    actorSub: UserId,
    actorRole: z.enum([...ROLES, 'system']),
    at: IsoDateTime,
    /** The request's correlation id (`X-Correlation-Id`), for finding it in the logs. */
    correlationId: CorrelationId.optional(),
    detail: AuditDetail.optional(),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntry>;
