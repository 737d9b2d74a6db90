import type { Actor } from '../domain/actor.js';
import { BETTER_OFF_PARAMETERS as P } from '../domain/better-off-parameters.js';
import {
  BETTER_OFF_ASSUMPTIONS,
  betterOffEstimate,
  beyondEstimate,
  weeklyPay,
  type BenefitCircumstances,
  type BenefitCircumstancesRecord,
} from '../domain/better-off.js';
import type { Sensitive } from '../domain/participant.js';
import { NotFoundError } from '../errors.js';
import { withVersionRetry, type Deps } from './deps.js';
import { auditEntry, ownParticipant } from './participants.js';

/*
 * The better-off estimate and the circumstances it needs (docs/privacy.md): the circumstances are part of
 * the sensitive part, so only the participant's own adviser and admins read or write them (another adviser
 * 404, liaison officers and employers 403), and every read and write is audited, a write in its own
 * transaction. Matching never reads them.
 */

/** Their circumstances as recorded (none yet: null). An audited read. */
export async function getBenefitCircumstances(deps: Deps, actor: Actor, id: string): Promise<BenefitCircumstancesRecord | null> {
  await ownParticipant(deps, actor, id);
  const s = await deps.repos.participants.getSensitive(actor.orgId, id);
  await deps.repos.participants.recordAudit(
    actor.orgId,
    auditEntry(deps, actor, id, 'sensitive.read', { record: 'benefit-circumstances' }),
  );
  return s?.benefitCircumstances ?? null;
}

/** Record their circumstances, the rest of the sensitive part as it is; audited in the same write. */
export async function putBenefitCircumstances(
  deps: Deps,
  actor: Actor,
  id: string,
  input: BenefitCircumstances,
): Promise<BenefitCircumstancesRecord> {
  await ownParticipant(deps, actor, id);
  return withVersionRetry(async () => {
    const current = await deps.repos.participants.getSensitive(actor.orgId, id);
    const now = deps.clock.now().toISOString();
    const record: BenefitCircumstancesRecord = { ...input, recordedAt: now, recordedBy: actor.sub };
    const version = (current?.version ?? 0) + 1;
    const next: Sensitive = {
      ...(current ?? { participantId: id, adjustments: [], adjustmentTypes: [], workLimits: [] }),
      benefitCircumstances: record,
      updatedAt: now,
      updatedBy: actor.sub,
      version,
    };
    await deps.repos.participants.putSensitive(
      actor.orgId,
      next,
      current?.version ?? 0,
      auditEntry(deps, actor, id, 'sensitive.write', { fields: ['benefitCircumstances'], version }),
    );
    return record;
  });
}

/** The official figures' tax year and sources, as every estimate states them. */
export const betterOffSources = () => ({
  taxYear: P.taxYear,
  sources: [P.incomeTax.source, P.nationalInsurance.source, P.universalCredit.source, P.universalCredit.earnings.source],
});

/**
 * The estimate for one vacancy the adviser is considering for them, at `hours` a week (the vacancy's most
 * hours unless said): from the circumstances recorded, or none until they are (`estimate` absent, saying
 * why). An audited read of the sensitive part, naming the vacancy.
 */
export async function estimateBetterOff(deps: Deps, actor: Actor, id: string, q: { vacancyId: string; hours?: number | undefined }) {
  await ownParticipant(deps, actor, id);
  const vacancy = await deps.repos.vacancies.get(actor.orgId, q.vacancyId);
  if (!vacancy) throw new NotFoundError('vacancy', q.vacancyId);
  const s = await deps.repos.participants.getSensitive(actor.orgId, id);
  await deps.repos.participants.recordAudit(
    actor.orgId,
    auditEntry(deps, actor, id, 'sensitive.read', { record: 'better-off', vacancyId: vacancy.id }),
  );
  const hours = q.hours ?? vacancy.hoursPerWeek.max;
  const grossWeekly = weeklyPay(vacancy.wage, hours);
  const c = s?.benefitCircumstances;
  const beyond = beyondEstimate(grossWeekly);
  return {
    participantId: id,
    vacancy: { id: vacancy.id, title: vacancy.title, wage: vacancy.wage, hoursPerWeek: vacancy.hoursPerWeek },
    hours,
    ...(c ? { circumstances: c } : {}),
    ...(c && !beyond ? { estimate: betterOffEstimate(grossWeekly, c) } : {}),
    ...(!c ? { noEstimate: 'Their circumstances are not recorded yet' } : beyond ? { noEstimate: beyond } : {}),
    assumptions: [...BETTER_OFF_ASSUMPTIONS],
    ...betterOffSources(),
  };
}

export type BetterOffView = Awaited<ReturnType<typeof estimateBetterOff>>;
