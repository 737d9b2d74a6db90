import type { AppDeps } from '../../../deps.js';
import { NotFoundError, type FieldError } from '../../../../../shared/errors.js';
import * as participants from '../../../../../shared/use-cases/participants.js';
import * as subjectRights from '../../../../../shared/use-cases/subject-rights.js';
import { fieldsFor, fmtDateTime, PostForm, TextInput } from '../../components.js';
import { page, type WebContext } from '../../context.js';
import { ERASURE_TEXT } from '../../labels.js';
import { peopleFor } from '../../people.js';
import { Panel, StepButton, WarningText } from '../../patterns.js';
import { adminOnly, participantRef } from './admin-gate.js';
import { adminParticipant, fullName, ParticipantCard, type AdminParticipant } from './participant-hub.js';

/* Erasing a participant's personal data on their request: what goes and what stays, their reference typed to confirm, the panel. */

function WhatHappens() {
  return (
    <>
      <h2 class="govuk-heading-m">What is erased</h2>
      <ul class="govuk-list govuk-list--bullet" id="erased">
        {ERASURE_TEXT.erased.map((x) => (
          <li>{x}</li>
        ))}
      </ul>
      <h2 class="govuk-heading-m">What is kept</h2>
      <ul class="govuk-list govuk-list--bullet" id="kept">
        {ERASURE_TEXT.kept.map((x) => (
          <li>{x}</li>
        ))}
      </ul>
    </>
  );
}

function renderErase(c: WebContext, p: AdminParticipant, typed: string, errors?: FieldError[], status?: number) {
  const f = fieldsFor({ confirm: typed }, errors);
  return page(
    c,
    { title: `Erase ${fullName(p)}’s personal data`, current: '/app/admin', errors, status },
    <>
      <a class="govuk-back-link" href={`/app/admin/participants/${p.id}`}>
        Back to {fullName(p)}
      </a>
      <span class="govuk-caption-l">Erase their personal data</span>
      <h1 class="govuk-heading-l">Erase {fullName(p)}’s personal data</h1>
      <ParticipantCard p={p} />
      <WarningText>
        This cannot be undone. Their personal data is erased everywhere Routeway holds it, and anything of theirs still in progress (a
        submission not yet decided, an interview) is withdrawn first.
      </WarningText>
      <WhatHappens />
      <PostForm c={c} action={`/app/admin/participants/${p.id}/erase`}>
        <TextInput
          {...f.field('confirm')}
          label="To confirm, type their participant reference"
          hint={`Their reference is ${p.id}`}
          spellcheck={false}
          autocomplete="off"
        />
        <StepButton step="erase" warning>
          Erase their personal data
        </StepButton>
      </PostForm>
    </>,
  );
}

export async function erasePage(c: WebContext, deps: AppDeps, id: string) {
  return renderErase(c, await adminParticipant(c, deps, id), '');
}

/** Erases only when the reference typed is theirs (spaces and case aside); otherwise the page again, with the error. */
export async function postErase(c: WebContext, deps: AppDeps, id: string) {
  const p = await adminParticipant(c, deps, id);
  const form = await c.req.parseBody({ all: true });
  const typed = typeof form.confirm === 'string' ? form.confirm : '';
  const given = typed.replace(/\s+/g, '').toUpperCase();
  if (given !== p.id) {
    const message = given ? `the reference typed is not ${fullName(p)}’s: type ${p.id}` : 'type their participant reference to confirm';
    return renderErase(c, p, typed.slice(0, 100), [{ path: 'confirm', message }], 400);
  }
  await subjectRights.eraseParticipant(deps, c.get('actor'), p.id);
  return c.redirect(`/app/admin/participants/${p.id}/erased`, 303);
}

/** The panel, once the erasure is on record (the participant gone, their trail kept); any other reference is a 404. */
export async function erasedPage(c: WebContext, deps: AppDeps, id: string) {
  const actor = c.get('actor');
  adminOnly(actor);
  const ref = participantRef(id);
  const still = await participants.getParticipant(deps, actor, ref).catch((err: unknown) => {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  });
  if (still) throw new NotFoundError('erasure', ref);
  // The trail outlives the erasure (admins only): its last entry says when it happened.
  const trail = await subjectRights.listAudit(deps, actor, ref, { limit: 100 });
  const erasure = trail.items.findLast((e) => e.action === 'participant.erasure' || e.action === 'retention.erasure');
  const people = await peopleFor(c, deps, [erasure?.actorSub]);
  return page(
    c,
    { title: 'Personal data erased', current: '/app/admin' },
    <>
      <Panel title="Personal data erased">
        Participant reference
        <br />
        <strong>{ref}</strong>
      </Panel>
      {erasure ? (
        <p class="govuk-body">
          Erased {fmtDateTime(erasure.at)} by {people.name(erasure.actorSub)}.
        </p>
      ) : null}
      <WhatHappens />
      <h2 class="govuk-heading-m">Who was told</h2>
      <p class="govuk-body">
        Where something of theirs was still in progress it was withdrawn: their adviser and the liaison officer who put them forward were
        told it was withdrawn, and an employer who had seen the candidate that the candidate was withdrawn, without a name. Notifications
        already sent about them now read “About a participant whose data was erased”. Nobody else is sent anything.
      </p>
      <p class="govuk-body">
        <a class="govuk-link" href={`/app/admin/participants/${ref}/audit`}>
          See their audit trail
        </a>
      </p>
      <p class="govuk-body">
        <a class="govuk-link" href="/app/admin">
          Back to administration
        </a>
      </p>
    </>,
  );
}
