import type { AppDeps } from '../../../deps.js';
import type { AuditEntry } from '../../../../../shared/domain/audit.js';
import { NotFoundError } from '../../../../../shared/errors.js';
import * as participants from '../../../../../shared/use-cases/participants.js';
import * as subjectRights from '../../../../../shared/use-cases/subject-rights.js';
import { fmtDateTime, NextPage, Table, words } from '../../components.js';
import { page, type WebContext } from '../../context.js';
import { label } from '../../layout.js';
import { AUDIT_ACTION_LABELS } from '../../labels.js';
import { peopleFor, type People } from '../../people.js';
import { adminOrAdviser, participantRef, rightsBase, rightsNav } from './admin-gate.js';

/*
 * A participant's audit trail: who, in what role, did what, when, with the request's correlation id; 25 a
 * page, oldest first. For admins, and for the participant's own adviser (GET /participants/{id}/audit lets both).
 */

const PAGE = 25;

/** An entry's facts (adviser ids, field names, switches: never personal data), said briefly. */
function detailOf(e: AuditEntry, people: People): string {
  if (!e.detail) return '';
  if (e.action === 'caseload.transfer')
    return `From ${people.name(String(e.detail.fromAdviserId ?? '?'))} to ${people.name(String(e.detail.toAdviserId ?? '?'))}`;
  return Object.entries(e.detail)
    .map(([k, v]) => `${label(k)}: ${Array.isArray(v) ? v.join(', ') || 'none' : typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v)}`)
    .join('; ');
}

export async function auditPage(c: WebContext, deps: AppDeps, id: string) {
  const actor = c.get('actor');
  adminOrAdviser(actor);
  const ref = participantRef(id);
  const base = rightsBase(actor, ref);
  // The trail outlives an erasure: then there is no name to show, only the reference.
  const p = await participants.getParticipant(deps, actor, ref).catch((err: unknown) => {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  });
  const cursor = c.req.query('cursor') || undefined;
  const trail = await subjectRights.listAudit(deps, actor, ref, { limit: PAGE, cursor });
  const who = p ? `${p.firstName} ${p.lastName}` : `participant ${ref}`;
  const people = await peopleFor(
    c,
    deps,
    trail.items.flatMap((e) => [
      e.actorSub,
      ...(e.action === 'caseload.transfer' ? [e.detail?.fromAdviserId, e.detail?.toAdviserId].map(String) : []),
    ]),
  );
  return page(
    c,
    { title: `Audit trail of ${who}`, current: rightsNav(actor) },
    <>
      <a class="govuk-back-link" href={p ? base : '/app/admin'}>
        {p ? `Back to ${who}` : 'Back to administration'}
      </a>
      <span class="govuk-caption-l">Audit trail</span>
      <h1 class="govuk-heading-l">Audit trail of {who}</h1>
      {p ? null : <p class="govuk-body">Their personal data has been erased. The trail is kept, with no personal data in it.</p>}
      <p class="govuk-body">
        Every read and change of their sensitive information, every consent change, caseload transfer, export and erasure, oldest first.
      </p>
      {trail.items.length === 0 ? (
        <p class="govuk-body">Nothing recorded{cursor ? ' on this page' : ' yet'}.</p>
      ) : (
        <Table caption={`Audit trail of ${who}`} head={['When', 'Who', 'Role', 'What', 'Correlation id']}>
          {trail.items.map((e) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">{fmtDateTime(e.at)}</td>
              <td class="govuk-table__cell">{people.name(e.actorSub)}</td>
              <td class="govuk-table__cell">{words(e.actorRole)}</td>
              <td class="govuk-table__cell">
                {AUDIT_ACTION_LABELS[e.action]}
                {detailOf(e, people) ? (
                  <>
                    <br />
                    <span class="govuk-body-s">{detailOf(e, people)}</span>
                  </>
                ) : null}
              </td>
              <td class="govuk-table__cell">
                <code>{e.correlationId ?? 'none'}</code>
              </td>
            </tr>
          ))}
        </Table>
      )}
      <NextPage href={trail.nextCursor ? `${base}/audit?cursor=${encodeURIComponent(trail.nextCursor)}` : undefined} />
    </>,
  );
}
