import { z } from 'zod';
import { Id, IsoDateTime, UserId } from './common.js';
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
const Detail = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]));

export const AuditEntry = z
  .object({
    id: Id,
    subjectType: z.literal('participant'),
    subjectId: Id,
    action: z.enum(AUDIT_ACTIONS),
    actorSub: UserId,
    actorRole: z.enum([...ROLES, 'system']),
    at: IsoDateTime,
    correlationId: z.string().optional(),
    detail: Detail.optional(),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntry>;
