import type { AppDeps } from '../../../deps.js';
import { UserId } from '../../../../../shared/domain/common.js';
import { CaseloadTransfer } from '../../../../../shared/domain/participant.js';
import { NotFoundError, type FieldError } from '../../../../../shared/errors.js';
import * as subjectRights from '../../../../../shared/use-cases/subject-rights.js';
import { Button, fieldsFor, PostForm, Select, SummaryList, TextArea } from '../../components.js';
import { page, type WebContext } from '../../context.js';
import { formErrors, friendly, parseForm, typedValues, type RawForm, type Values } from '../../forms.js';
import { HiddenFields, Panel, ConfirmOrChange } from '../../patterns.js';
import { peopleFor, staffOptions } from '../../people.js';
import { rightsBase, rightsNav } from './admin-gate.js';
import { adminParticipant, fullName, ParticipantCard, type AdminParticipant } from './participant-hub.js';

/*
 * Moving a participant to another adviser's caseload: the question page, check your answers, the
 * confirmation. For an admin under administration; for their own adviser under the participant's page
 * (POST /participants/{id}/transfer lets both).
 */

const MISSING: Record<string, string> = {
  toAdviserId: 'Select the adviser taking them on',
  reason: 'Enter why they are moving',
};

function say(errors: FieldError[], values: Values): FieldError[] {
  return friendly(errors, values).map((e) => ({
    path: e.path,
    message: MISSING[e.path] && !(values as Record<string, unknown> | undefined)?.[e.path] ? MISSING[e.path]! : e.message,
  }));
}

async function renderForm(c: WebContext, deps: AppDeps, p: AdminParticipant, values: Values, errors?: FieldError[], status?: number) {
  const f = fieldsFor(values, errors);
  const [people, advisers] = await Promise.all([peopleFor(c, deps, [p.adviserId]), staffOptions(c, deps, ['adviser', 'admin'])]);
  const actor = c.get('actor');
  const base = rightsBase(actor, p.id);
  return page(
    c,
    { title: `Transfer ${fullName(p)} to another adviser`, current: rightsNav(actor), errors, status },
    <>
      <a class="govuk-back-link" href={base}>
        Back to {fullName(p)}
      </a>
      <span class="govuk-caption-l">Transfer to another adviser</span>
      <h1 class="govuk-heading-l">Who takes {fullName(p)} on?</h1>
      <ParticipantCard p={p} admin={actor.role === 'admin'} />
      <PostForm c={c} action={`${base}/transfer`}>
        <Select
          {...f.field('toAdviserId')}
          label="Adviser taking them on"
          hint={`They are now on ${people.name(p.adviserId)}’s caseload.`}
          options={[['', 'Choose an adviser'], ...advisers.filter(([id]) => id !== p.adviserId)]}
        />
        <TextArea
          {...f.field('reason')}
          label="Why they are moving"
          hint="For example, they moved to the Hunslet office. Do not include health or other sensitive details."
          rows={3}
        />
        <Button>Continue</Button>
      </PostForm>
    </>,
  );
}

async function renderCheck(c: WebContext, deps: AppDeps, p: AdminParticipant, answers: RawForm, toAdviserId: string, reason: string) {
  const people = await peopleFor(c, deps, [p.adviserId, toAdviserId]);
  const [from, to] = [people.name(p.adviserId), people.name(toAdviserId)];
  const actor = c.get('actor');
  return page(
    c,
    { title: 'Check the transfer before it is made', current: rightsNav(actor) },
    <>
      <span class="govuk-caption-l">Transfer to another adviser</span>
      <h1 class="govuk-heading-l">Check the transfer before it is made</h1>
      <SummaryList
        rows={[
          ['Participant', `${fullName(p)} (${p.id})`],
          ['From', from],
          ['To', to],
          ['Why', reason],
        ]}
      />
      <p class="govuk-body">
        Their submissions and placements move with them: {to} hears about them from now on, and{' '}
        {actor.role === 'adviser' ? 'you no longer see them' : `${from} no longer sees them`}.
      </p>
      <PostForm c={c} action={`${rightsBase(actor, p.id)}/transfer`}>
        <HiddenFields form={answers} />
        <ConfirmOrChange step="confirm" change="Change the transfer">
          Transfer {fullName(p)}
        </ConfirmOrChange>
      </PostForm>
    </>,
  );
}

export async function transferPage(c: WebContext, deps: AppDeps, id: string) {
  return renderForm(c, deps, await adminParticipant(c, deps, id, true), undefined);
}

/** One form route, by step: none checks and shows the answers; `change` asks again; `confirm` makes the transfer. */
export async function postTransfer(c: WebContext, deps: AppDeps, id: string) {
  const p = await adminParticipant(c, deps, id, true);
  const raw = await c.req.parseBody({ all: true });
  const { step, ...answers } = raw;
  const values = typedValues(answers);
  if (step === 'change') return renderForm(c, deps, p, values);
  const parsed = parseForm(CaseloadTransfer, answers);
  if (!parsed.ok) return renderForm(c, deps, p, values, say(parsed.errors, values), 400);
  const { toAdviserId, reason } = parsed.value;
  if (toAdviserId === p.adviserId)
    return renderForm(
      c,
      deps,
      p,
      values,
      [{ path: 'toAdviserId', message: 'They are already on that adviser’s caseload: choose another' }],
      400,
    );
  if (step !== 'confirm') return renderCheck(c, deps, p, answers, toAdviserId, reason);
  try {
    await subjectRights.transferCaseload(deps, c.get('actor'), p.id, parsed.value);
    // Their adviser no longer sees them once moved, so no page can read them back for the confirmation: it is the answer itself.
    if (c.get('actor').role === 'adviser') return transferred(c, deps, p, p.adviserId, toAdviserId);
    return c.redirect(`/app/admin/participants/${p.id}/transferred?from=${encodeURIComponent(p.adviserId)}`, 303);
  } catch (err) {
    const f = formErrors(err, 'toAdviserId');
    if (!f) throw err;
    return renderForm(c, deps, p, values, say(f.errors, values), f.status);
  }
}

/** The confirmation: where they are now, and who sees what from here on. */
export async function transferredPage(c: WebContext, deps: AppDeps, id: string) {
  const p = await adminParticipant(c, deps, id);
  const asked = c.req.query('from');
  // Said only after a transfer: the adviser they came from, who is not the one they are with now.
  if (!asked || !UserId.safeParse(asked).success || asked === p.adviserId) throw new NotFoundError('transfer');
  return transferred(c, deps, p, asked, p.adviserId);
}

/** The confirmation panel, what happens next and who was told; for the adviser who handed them on, said to them. */
async function transferred(c: WebContext, deps: AppDeps, p: AdminParticipant, fromId: string, toId: string) {
  const people = await peopleFor(c, deps, [fromId, toId]);
  const byAdviser = c.get('actor').role === 'adviser';
  const from = byAdviser ? 'You' : people.name(fromId);
  const now = people.name(toId);
  return page(
    c,
    { title: 'Transfer made', current: rightsNav(c.get('actor')) },
    <>
      <Panel title="Transfer made">
        {fullName(p)} is now on {now}’s caseload
      </Panel>
      <h2 class="govuk-heading-m">What happens next</h2>
      <p class="govuk-body">
        {now} now sees {fullName(p)} on their caseload, with their submissions and placements, and is told about everything that happens to
        them from now on.
        {byAdviser
          ? ' You no longer see them, and hear nothing more about them.'
          : ` ${from} no longer sees them, and hears nothing more about them.`}
      </p>
      <p class="govuk-body">
        The transfer is recorded in their audit trail, with who made it. Routeway does not send {byAdviser ? now : 'either adviser'} a
        notification about the move itself: tell {byAdviser ? 'them' : `${now} and ${from}`}.
      </p>
      {byAdviser ? (
        <p class="govuk-body">
          <a class="govuk-link" href="/app">
            Back to your caseload
          </a>
        </p>
      ) : (
        <>
          <p class="govuk-body">
            <a class="govuk-link" href={`/app/admin/participants/${p.id}/audit`}>
              See their audit trail
            </a>
          </p>
          <p class="govuk-body">
            <a class="govuk-link" href="/app/admin">
              Back to administration
            </a>
          </p>
        </>
      )}
    </>,
  );
}
