import type { AppDeps } from '../../../deps.js';
import { UserId } from '../../../../../shared/domain/common.js';
import { ValidationError, type FieldError } from '../../../../../shared/errors.js';
import { findParticipants } from '../../../../../shared/use-cases/participant-search.js';
import * as participants from '../../../../../shared/use-cases/participants.js';
import { Button, fieldsFor, NextPage, Select, Table, TextInput, ReadinessStatusCells } from '../../components.js';
import { page, type WebContext } from '../../context.js';
import { peopleFor, type People, staffOptions } from '../../people.js';
import { ADMIN_TASK_LABELS, type PARTICIPANT_STATUS_LABELS, type READINESS_LABELS } from '../../labels.js';
import { adminOnly, taskOf, type ParticipantTask } from './admin-gate.js';

/* Finding the participant an admin job is about (by reference, or by name on an adviser's caseload), and an adviser's caseload. */

const hubOr = (id: string, task: ParticipantTask | undefined) => `/app/admin/participants/${id}${task ? `/${task}` : ''}`;
const caseloadOf = (adviserId: string) => `/app/admin/caseloads?adviserId=${encodeURIComponent(adviserId)}`;

type Row = {
  id: string;
  firstName: string;
  lastName: string;
  adviserId: string;
  status: keyof typeof PARTICIPANT_STATUS_LABELS;
  readiness: keyof typeof READINESS_LABELS;
};

function Found({
  rows,
  task,
  caption,
  people,
  showAdviser = true,
}: {
  rows: Row[];
  task?: ParticipantTask;
  caption: string;
  people: People;
  showAdviser?: boolean;
}) {
  return (
    <Table caption={caption} showCaption head={['Name', 'Reference', ...(showAdviser ? ['Adviser'] : []), 'Readiness', 'Status']}>
      {rows.map((p) => (
        <tr class="govuk-table__row">
          <th scope="row" class="govuk-table__header">
            <a class="govuk-link" href={hubOr(p.id, task)}>
              {p.firstName} {p.lastName}
              {task ? <span class="govuk-visually-hidden">: {ADMIN_TASK_LABELS[task].toLowerCase()}</span> : null}
            </a>
          </th>
          <td class="govuk-table__cell">{p.id}</td>
          {showAdviser ? (
            <td class="govuk-table__cell">
              <a class="govuk-link" href={caseloadOf(p.adviserId)}>
                {people.name(p.adviserId)}
              </a>
            </td>
          ) : null}
          <ReadinessStatusCells p={p} />
        </tr>
      ))}
    </Table>
  );
}

/** Find a participant: by reference, or by name on an adviser's caseload; each found links to the task in hand (or their page). */
export async function findPage(c: WebContext, deps: AppDeps) {
  const actor = c.get('actor');
  adminOnly(actor);
  const task = taskOf(c.req.query('task'));
  const text = c.req.query('participant') ?? '';
  const adviserId = c.req.query('adviserId') ?? '';
  let errors: FieldError[] | undefined;
  let found: Awaited<ReturnType<typeof findParticipants>> | undefined;
  if (text.trim()) {
    try {
      found = await findParticipants(deps, actor, { text, adviserId: adviserId || undefined });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      errors = err.errors;
    }
  }
  const f = fieldsFor({ participant: text, adviserId }, errors);
  const [people, advisers] = await Promise.all([
    peopleFor(
      c,
      deps,
      (found?.items ?? []).map((p) => p.adviserId),
    ),
    staffOptions(c, deps, ['adviser', 'admin']),
  ]);
  const heading = task ? `${ADMIN_TASK_LABELS[task]}: find the participant` : 'Find a participant';
  return page(
    c,
    { title: heading, current: '/app/admin', errors, status: errors ? 400 : 200 },
    <>
      <a class="govuk-back-link" href="/app/admin">
        Back to administration
      </a>
      <span class="govuk-caption-l">{task ? ADMIN_TASK_LABELS[task] : 'Administration'}</span>
      <h1 class="govuk-heading-l">Find the participant</h1>
      <form method="get" action="/app/admin/participants" novalidate>
        {task ? <input type="hidden" name="task" value={task} /> : null}
        <TextInput
          {...f.field('participant')}
          label="Participant reference or name"
          hint="The reference is the last part of the participant page’s web address. To search by name, choose their adviser too."
          spellcheck={false}
        />
        <Select {...f.field('adviserId')} label="Their adviser (to search by name)" options={[['', 'Choose their adviser'], ...advisers]} />
        <Button secondary>Find</Button>
      </form>
      {found ? (
        found.items.length ? (
          <>
            <Found people={people} rows={found.items} task={task} caption={`${found.items.length}${found.more ? '+' : ''} found`} />
            {found.more ? <p class="govuk-body">There are more: add more of their name to narrow it down.</p> : null}
          </>
        ) : (
          <p class="govuk-body">Nobody found. Check the reference, or the spelling and their adviser.</p>
        )
      ) : null}
    </>,
  );
}

/** An adviser's caseload, 50 at a time, chosen by name. */
export async function caseloadsPage(c: WebContext, deps: AppDeps) {
  const actor = c.get('actor');
  adminOnly(actor);
  const adviserId = (c.req.query('adviserId') ?? '').trim();
  const valid = adviserId === '' || UserId.safeParse(adviserId).success;
  const errors: FieldError[] | undefined = valid ? undefined : [{ path: 'adviserId', message: 'must be a user id, such as u-adviser-1' }];
  const list =
    adviserId && valid
      ? await participants.listParticipants(deps, actor, { adviserId, limit: 50, cursor: c.req.query('cursor') })
      : undefined;
  const f = fieldsFor({ adviserId }, errors);
  const [people, advisers] = await Promise.all([
    peopleFor(c, deps, valid ? [adviserId] : []),
    staffOptions(c, deps, ['adviser', 'admin'], adviserId && valid ? { id: adviserId, name: adviserId } : undefined),
  ]);
  const whose = people.name(adviserId);
  return page(
    c,
    {
      title: adviserId && valid ? `Caseload of ${whose}` : 'Users and their caseloads',
      current: '/app/admin',
      errors,
      status: valid ? 200 : 400,
    },
    <>
      <a class="govuk-back-link" href="/app/admin">
        Back to administration
      </a>
      <span class="govuk-caption-l">Administration</span>
      <h1 class="govuk-heading-l">{adviserId && valid ? `Caseload of ${whose}` : 'Users and their caseloads'}</h1>
      <p class="govuk-body">
        Here you see who is on an adviser’s caseload. Users, their roles and teams are on the{' '}
        <a class="govuk-link" href="/app/admin/staff">
          staff pages
        </a>
        .
      </p>
      <form method="get" action="/app/admin/caseloads" novalidate>
        <Select {...f.field('adviserId')} label="Adviser" options={[['', 'Choose an adviser'], ...advisers]} />
        <Button secondary>Show caseload</Button>
      </form>
      {list ? (
        list.items.length ? (
          <>
            <Found people={people} rows={list.items} caption={`On ${whose}’s caseload`} showAdviser={false} />
            <NextPage href={list.nextCursor ? `${caseloadOf(adviserId)}&cursor=${encodeURIComponent(list.nextCursor)}` : undefined} />
          </>
        ) : (
          <p class="govuk-body">Nobody is on {whose}’s caseload.</p>
        )
      ) : null}
    </>,
  );
}
