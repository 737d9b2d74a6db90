import type { Child } from 'hono/jsx';
import type { AppDeps } from '../../../deps.js';
import * as participants from '../../../../../shared/use-cases/participants.js';
import { fmtDate, LabelTag } from '../../components.js';
import { page, type WebContext } from '../../context.js';
import { peopleFor } from '../../people.js';
import { ADMIN_TASK_LABELS, PARTICIPANT_STATUS_LABELS, READINESS_LABELS } from '../../labels.js';
import { adminOnly, adminOrAdviser, participantRef, type ParticipantTask } from './admin-gate.js';

/* One participant as the administration pages show them: a summary card, and the jobs an admin can do for them. */

/** With their adviser's name from the staff directory, as every admin page about them says it. */
export type AdminParticipant = Awaited<ReturnType<typeof participants.getParticipant>> & { adviserName: string };

/**
 * The participant an admin page is about (admins only; a reference that is not one, or nobody, is a 404);
 * `ownAdviser` lets their own adviser in too (another adviser's participant is not found by the use case).
 */
export async function adminParticipant(c: WebContext, deps: AppDeps, id: string, ownAdviser = false): Promise<AdminParticipant> {
  const actor = c.get('actor');
  if (ownAdviser) adminOrAdviser(actor);
  else adminOnly(actor);
  const p = await participants.getParticipant(deps, actor, participantRef(id));
  return { ...p, adviserName: (await peopleFor(c, deps, [p.adviserId])).name(p.adviserId) };
}

export const fullName = (p: AdminParticipant) => `${p.firstName} ${p.lastName}`;

/** The GOV.UK summary card of who the job is about. */
export function ParticipantCard({ p, children, admin = true }: { p: AdminParticipant; children?: Child; admin?: boolean }) {
  return (
    <div class="govuk-summary-card">
      <div class="govuk-summary-card__title-wrapper">
        <h2 class="govuk-summary-card__title">{fullName(p)}</h2>
        {children ? (
          <ul class="govuk-summary-card__actions">
            <li class="govuk-summary-card__action">{children}</li>
          </ul>
        ) : null}
      </div>
      <div class="govuk-summary-card__content">
        <dl class="govuk-summary-list">
          {(
            [
              ['Participant reference', p.id],
              [
                'Adviser',
                admin ? (
                  <a class="govuk-link" href={`/app/admin/caseloads?adviserId=${encodeURIComponent(p.adviserId)}`}>
                    {p.adviserName}
                  </a>
                ) : (
                  p.adviserName
                ),
              ],
              ['Status', <LabelTag labels={PARTICIPANT_STATUS_LABELS} value={p.status} />],
              ['Readiness', <LabelTag labels={READINESS_LABELS} value={p.readiness} />],
              ['On record since', fmtDate(p.createdAt)],
            ] as [string, Child][]
          ).map(([k, v]) => (
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">{k}</dt>
              <dd class="govuk-summary-list__value">{v}</dd>
            </div>
          ))}
        </dl>
      </div>
    </div>
  );
}

const TASKS: ParticipantTask[] = ['transfer', 'export', 'audit', 'erase'];

export async function participantHubPage(c: WebContext, deps: AppDeps, id: string) {
  const p = await adminParticipant(c, deps, id);
  return page(
    c,
    { title: fullName(p), current: '/app/admin' },
    <>
      <a class="govuk-back-link" href="/app/admin">
        Back to administration
      </a>
      <span class="govuk-caption-l">Administration: participant</span>
      <h1 class="govuk-heading-l">{fullName(p)}</h1>
      <ParticipantCard p={p}>
        <a class="govuk-link" href={`/app/participants/${p.id}`}>
          Their page<span class="govuk-visually-hidden"> ({fullName(p)})</span>
        </a>
      </ParticipantCard>
      <h2 class="govuk-heading-m">What you can do</h2>
      <ul class="govuk-list">
        {TASKS.map((t) => (
          <li>
            <a class="govuk-link" href={`/app/admin/participants/${p.id}/${t}`}>
              {ADMIN_TASK_LABELS[t]}
            </a>
          </li>
        ))}
      </ul>
    </>,
  );
}
