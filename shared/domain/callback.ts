import { z } from 'zod';
import { Id, IsoDate, IsoDateTime, OrgId, Text, UserId } from './common.js';
import type { Interaction } from './employer.js';
import type { VacancyStatus } from './vacancy.js';

/** Why a callback closed without being made: the vacancy's new status. */
export const CALLBACK_CLOSE_REASONS = ['vacancy-withdrawn', 'vacancy-closed', 'vacancy-filled'] as const;

/**
 * The 48-hour callback (Local Employment Partnerships, RR 742 §2.3.3): an employer who posts a vacancy
 * themselves is called back by their account manager within two working days, to get what is missing
 * before it goes to advisers. Opened with the vacancy, reminded by the sweeper on the day it falls due,
 * closed by the interaction that records the call (`vacancyId` on the interaction).
 */
export const VacancyCallback = z
  .object({
    orgId: OrgId,
    vacancyId: Id,
    employerId: Id,
    vacancyTitle: Text(200),
    /** When the employer posted the vacancy, and which of its users. */
    openedAt: IsoDateTime,
    openedBy: UserId,
    /** The end of the second working day after it was posted (bank holidays skipped). */
    dueOn: IsoDate,
    /** The sweeper told the account manager it is due today. */
    remindedAt: IsoDateTime.optional(),
    /** The call: the interaction that recorded it, when it happened, who recorded it, and whether it was in time. */
    made: z.object({ interactionId: Id, at: IsoDateTime, by: UserId, onTime: z.boolean() }).optional(),
    /** Closed unmade because the vacancy ended (withdrawn, closed or filled): nobody is to call about it any more. */
    closed: z.object({ reason: z.enum(CALLBACK_CLOSE_REASONS), at: IsoDateTime, by: UserId }).optional(),
  })
  .meta({ id: 'VacancyCallback' });
export type VacancyCallback = z.infer<typeof VacancyCallback>;

/** The kinds of contact that make a callback (a jobs fair, an `event`, is not one). */
export const CALLBACK_KINDS: readonly Interaction['kind'][] = ['call', 'visit', 'meeting', 'email'];

/** Neither made nor closed: still waiting for the account manager's call. */
export const callbackOpen = (cb: VacancyCallback): boolean => !cb.made && !cb.closed;

/** Whether an interaction linked to the vacancy is the callback: a direct contact, after the vacancy was posted, while still open. */
export function closesCallback(cb: VacancyCallback, i: Pick<Interaction, 'kind' | 'occurredAt'>): boolean {
  return callbackOpen(cb) && CALLBACK_KINDS.includes(i.kind) && i.occurredAt >= cb.openedAt;
}

type CloseReason = (typeof CALLBACK_CLOSE_REASONS)[number];
const CLOSED_BY: Partial<Record<VacancyStatus, CloseReason>> = {
  withdrawn: 'vacancy-withdrawn',
  closed: 'vacancy-closed',
  filled: 'vacancy-filled',
};

/** Whether a vacancy becoming `status` ends its callback (withdrawn, closed or filled). */
export const endsCallback = (status: VacancyStatus): boolean => CLOSED_BY[status] !== undefined;

/**
 * The callback as its vacancy becoming `status` leaves it: closed, with the reason, when the vacancy is
 * withdrawn, closed or filled before anyone called; undefined when nothing changes.
 */
export function callbackClosedBy(cb: VacancyCallback, status: VacancyStatus, at: string, by: string): VacancyCallback | undefined {
  const reason = CLOSED_BY[status];
  return reason && callbackOpen(cb) ? { ...cb, closed: { reason, at, by } } : undefined;
}

/** The callback closed by this interaction: on time when the contact happened on or before the day it was due. */
export function callbackMade(cb: VacancyCallback, i: Pick<Interaction, 'id' | 'occurredAt' | 'recordedBy'>): VacancyCallback {
  return { ...cb, made: { interactionId: i.id, at: i.occurredAt, by: i.recordedBy, onTime: i.occurredAt.slice(0, 10) <= cb.dueOn } };
}
