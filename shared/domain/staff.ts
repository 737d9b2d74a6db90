import { z } from 'zod';
import { ROLES } from './actor.js';
import { AuditDetail, CorrelationId } from './audit.js';
import { Id, IsoDateTime, OrgId, Text, UserId } from './common.js';

/** An employer's id as a staff record keeps it. */
const EmployerRef = z
  .string()
  .max(64)
  .regex(/^[A-Za-z0-9-]{1,64}$/, { message: 'must be an employer id' });

/**
 * The people who use Routeway: staff (admins, liaison officers, advisers) and employers' users. The
 * directory is the source of their names, addresses, role and team (in AWS the Cognito user pool; locally
 * a table the demo data fills). Records elsewhere hold only their ids; pages, notifications, reports and
 * CSV say their names.
 */

/** UK numbers as people type them (`0113 496 0000`, `+44 113…`), stored as E.164 (`+441134960000`), as Cognito keeps them. */
export const Phone = z
  .string()
  .trim()
  .max(30)
  .regex(/^[+0-9 ()-]*$/, { message: 'must be a phone number, such as 0113 496 0000' })
  .transform((s) => s.replace(/[\s()-]/g, ''))
  .transform((s) => (s.startsWith('0') ? `+44${s.slice(1)}` : s))
  .pipe(z.string().regex(/^\+[1-9]\d{7,14}$/, { message: 'must be a phone number, such as 0113 496 0000' }))
  .meta({ description: 'Phone number; UK numbers may be given as dialled (0113 496 0000), stored as E.164', example: '+441134960000' });

/** Email addresses are compared and stored in lower case (Cognito signs in case-insensitively). */
export const StaffEmail = z
  .string()
  .trim()
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+$/, { message: 'must be an email address, such as name@example.org' })
  .toLowerCase()
  .pipe(z.email({ message: 'must be an email address, such as name@example.org' }));

export const Team = Text(80).meta({ description: 'Office or team, e.g. "Leeds Hunslet"' });

export const StaffMember = z
  .object({
    /** The token subject (Cognito `sub`). */
    id: UserId,
    orgId: OrgId,
    name: Text(120),
    email: z.email().max(254),
    role: z.enum(ROLES),
    team: Team.optional(),
    phone: z
      .string()
      .max(16)
      .regex(/^\+[1-9]\d{7,14}$/)
      .optional(),
    /** Employer users only: the employer they act for. */
    employerId: EmployerRef.optional(),
    /** False once deactivated: they cannot sign in, and their sessions and tokens are refused within a minute. */
    active: z.boolean(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'StaffMember' });
export type StaffMember = z.infer<typeof StaffMember>;

/** Adding a user (admins): an invitation goes to the address (Cognito's, in AWS). */
export const NewStaffMember = z
  .strictObject({
    name: Text(120),
    email: StaffEmail,
    role: z.enum(ROLES),
    team: Team.optional(),
    phone: Phone.optional(),
    employerId: EmployerRef.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.role === 'employer' && !v.employerId)
      ctx.addIssue({ code: 'custom', path: ['employerId'], message: 'is required for an employer user' });
    if (v.role !== 'employer' && v.employerId)
      ctx.addIssue({ code: 'custom', path: ['employerId'], message: 'is only for employer users' });
  })
  .meta({ id: 'NewStaffMember' });
export type NewStaffMember = z.infer<typeof NewStaffMember>;

/** Changing a user (admins): name, role, team, phone; `null` clears team or phone. */
export const StaffChange = z
  .strictObject({
    name: Text(120).optional(),
    role: z.enum(ROLES).optional(),
    team: Team.nullable().optional(),
    phone: Phone.nullable().optional(),
  })
  .meta({ id: 'StaffChange' });
export type StaffChange = z.infer<typeof StaffChange>;

export const Deactivation = z.strictObject({ reason: Text(500) }).meta({ id: 'Deactivation' });
export type Deactivation = z.infer<typeof Deactivation>;

/**
 * Handing a leaver's work on, in one action: their caseload shared out among `caseloadTo` (advisers) and
 * their employer accounts among `accountsTo` (liaison officers), in turn, alphabetically by name.
 */
export const Handover = z
  .strictObject({
    caseloadTo: z.array(UserId).max(20).optional(),
    accountsTo: z.array(UserId).max(20).optional(),
    reason: Text(500),
  })
  .superRefine((v, ctx) => {
    if (!v.caseloadTo?.length && !v.accountsTo?.length)
      ctx.addIssue({ code: 'custom', path: ['caseloadTo'], message: 'name who takes the caseload on, or who takes the employer accounts' });
  })
  .meta({ id: 'Handover' });
export type Handover = z.infer<typeof Handover>;

/** What an admin did to a user, kept with them (no personal data beyond ids and counts). */
export const STAFF_AUDIT_ACTIONS = ['staff.create', 'staff.change', 'staff.deactivate', 'staff.reactivate', 'staff.handover'] as const;
export const StaffAuditEntry = z
  .object({
    id: Id,
    staffId: UserId,
    action: z.enum(STAFF_AUDIT_ACTIONS),
    actorSub: UserId,
    at: IsoDateTime,
    correlationId: CorrelationId.optional(),
    detail: AuditDetail.optional(),
  })
  .meta({ id: 'StaffAuditEntry' });
export type StaffAuditEntry = z.infer<typeof StaffAuditEntry>;

/**
 * Whether a user's tokens still count: none issued before `notBefore` (epoch seconds) does, and none at
 * all while `disabled`. Written when a user is deactivated or their role changes; read (cached briefly)
 * on every request.
 */
export const SessionAccess = z.object({ notBefore: z.number().int().min(0), disabled: z.boolean(), at: IsoDateTime });
export type SessionAccess = z.infer<typeof SessionAccess>;

/** A token issued at `issuedAt` (epoch seconds) is refused when access says so. */
export function tokenRevoked(access: SessionAccess | undefined, issuedAt: number | undefined): boolean {
  if (!access) return false;
  if (access.disabled) return true;
  return issuedAt === undefined || issuedAt < access.notBefore;
}

/** The sort key of the directory: name, then id (so two people of one name keep an order). */
export const staffOrder = (a: Pick<StaffMember, 'name' | 'id'>, b: Pick<StaffMember, 'name' | 'id'>) =>
  a.name.localeCompare(b.name, 'en-GB') || a.id.localeCompare(b.id);

/** Does the member match a search: every word of `q` starts a word of their name, or `q` starts their email. */
export function matchesSearch(m: Pick<StaffMember, 'name' | 'email'>, q: string): boolean {
  const query = q.trim().toLowerCase();
  if (!query) return true;
  if (m.email.startsWith(query)) return true;
  const words = m.name.toLowerCase().split(/[\s'-]+/);
  return query.split(/\s+/).every((w) => words.some((n) => n.startsWith(w)));
}
