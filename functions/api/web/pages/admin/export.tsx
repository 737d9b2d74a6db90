import type { AppDeps } from '../../../deps.js';
import * as subjectRights from '../../../../../shared/use-cases/subject-rights.js';
import { page, type WebContext } from '../../context.js';
import { WarningText } from '../../patterns.js';
import { adminOrAdviser, participantRef, rightsBase, rightsNav } from './admin-gate.js';
import { adminParticipant, fullName, ParticipantCard } from './participant-hub.js';

/*
 * A subject access request: what the export holds, and the download itself (JSON, never cached). For
 * admins, and for the participant's own adviser (GET /participants/{id}/export lets both).
 */

const HOLDS = [
  'their profile, contact details and consent choices',
  'their sensitive information',
  'their readiness history',
  'their cohort enrolments',
  'every submission for a vacancy, with its history, and every placement with its check-ins',
  'the notifications sent about them',
  'their audit trail, including this export',
];

export async function exportPage(c: WebContext, deps: AppDeps, id: string) {
  const p = await adminParticipant(c, deps, id, true);
  const actor = c.get('actor');
  const base = rightsBase(actor, p.id);
  return page(
    c,
    { title: `Export everything held about ${fullName(p)}`, current: rightsNav(actor) },
    <>
      <a class="govuk-back-link" href={base}>
        Back to {fullName(p)}
      </a>
      <span class="govuk-caption-l">Subject access request</span>
      <h1 class="govuk-heading-l">Export everything held about {fullName(p)}</h1>
      <ParticipantCard p={p} admin={actor.role === 'admin'} />
      <p class="govuk-body">One file, in JSON, with:</p>
      <ul class="govuk-list govuk-list--bullet">
        {HOLDS.map((x) => (
          <li>{x}</li>
        ))}
      </ul>
      <WarningText>
        It holds their sensitive information. Each download is recorded in their audit trail. Keep the file only as long as the request
        needs, and send it to them securely.
      </WarningText>
      <p class="govuk-body">
        <a class="govuk-link" href={`${base}/export.json`} download={`participant-${p.id}.json`}>
          Download everything held about {fullName(p)} (JSON)
        </a>
      </p>
    </>,
  );
}

/** The download: the export use case's document, as an attachment that no cache keeps. */
export async function exportDownload(c: WebContext, deps: AppDeps, id: string) {
  const actor = c.get('actor');
  adminOrAdviser(actor);
  const ref = participantRef(id);
  const doc = await subjectRights.exportParticipant(deps, actor, ref);
  return c.body(`${JSON.stringify(doc, null, 2)}\n`, 200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Disposition': `attachment; filename="participant-${ref}.json"`,
    'Cache-Control': 'no-store',
  });
}
