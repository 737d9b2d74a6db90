import type { AppDeps } from '../../../deps.js';
import { ROLES } from '../../../../../shared/domain/actor.js';
import { adminToday } from '../../../../../shared/use-cases/today.js';
import { fmtDate, Table } from '../../components.js';
import { page, type WebContext } from '../../context.js';
import { ROLE_LABELS } from '../../labels.js';
import { TaskList } from '../../patterns.js';
import { adminOnly } from './admin-gate.js';

/* The administrators' start page: what needs them today, then their jobs as a GOV.UK task list, grouped. */

type Today = Awaited<ReturnType<typeof adminToday>>;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Leavers still holding work, and callbacks past due: each with the link that deals with it. */
function NeedsYou({ today }: { today: Today }) {
  const { leaversWithWork: leavers, callbacksOverdue: callbacks } = today;
  if (!leavers.length && !callbacks.length)
    return <p class="govuk-inset-text">Nothing is waiting on you: no leaver holds any work and no employer callback is overdue.</p>;
  return (
    <>
      {leavers.length ? (
        <Table
          caption={`Leavers still holding work (${leavers.length})`}
          showCaption
          head={['Name', 'Role', { numeric: 'Participants' }, { numeric: 'Employer accounts' }, 'Action']}
        >
          {leavers.map((l) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">{l.member.name}</td>
              <td class="govuk-table__cell">{ROLE_LABELS[l.member.role]}</td>
              <td class="govuk-table__cell govuk-table__cell--numeric">{l.participants}</td>
              <td class="govuk-table__cell govuk-table__cell--numeric">{l.employers}</td>
              <td class="govuk-table__cell">
                <a class="govuk-link" href={`/app/admin/staff/${l.member.id}/handover`}>
                  Hand over<span class="govuk-visually-hidden"> the work of {l.member.name}</span>
                </a>
              </td>
            </tr>
          ))}
        </Table>
      ) : null}
      {callbacks.length ? (
        <Table caption={`Employer callbacks overdue (${callbacks.length})`} showCaption head={['Employer', 'Vacancy', 'Was due']}>
          {callbacks.map((cb) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">
                <a class="govuk-link" href={`/app/employers/${cb.employer.id}`}>
                  {cb.employer.name}
                </a>
              </td>
              <td class="govuk-table__cell">
                <a class="govuk-link" href={`/app/vacancies/${cb.callback.vacancyId}`}>
                  {cb.callback.vacancyTitle}
                </a>
              </td>
              <td class="govuk-table__cell">{fmtDate(cb.callback.dueOn)}</td>
            </tr>
          ))}
        </Table>
      ) : null}
    </>
  );
}

export async function adminStartPage(c: WebContext, deps: AppDeps) {
  const actor = c.get('actor');
  adminOnly(actor);
  const today = await adminToday(deps, actor);
  const users = ROLES.filter((r) => today.activeByRole[r] > 0)
    .map((r) => plural(today.activeByRole[r], ROLE_LABELS[r].toLowerCase(), `${ROLE_LABELS[r].toLowerCase()}s`))
    .join(', ');
  return page(
    c,
    { title: 'Administration', current: '/app/admin' },
    <>
      <h1 class="govuk-heading-l">Administration</h1>
      <p class="govuk-body">
        Caseloads, and people’s rights over their data. Every transfer, export and erasure is recorded in the participant’s audit trail.
      </p>

      <h2 class="govuk-heading-m">Waiting on you</h2>
      <NeedsYou today={today} />
      <p class="govuk-body">
        Using Routeway now: {users || 'nobody'}.{' '}
        <a class="govuk-link" href="/app/admin/staff">
          See everyone
        </a>
      </p>

      <h2 class="govuk-heading-m">Users and caseloads</h2>
      <TaskList
        tasks={[
          {
            id: 'staff',
            href: '/app/admin/staff',
            name: 'Staff',
            hint: 'Find people, add a user, change a role or team, deactivate a leaver and hand their work to others',
          },
          {
            id: 'caseloads',
            href: '/app/admin/caseloads',
            name: 'Users and their caseloads',
            hint: 'See who is on an adviser’s caseload, by the adviser’s user id',
          },
          {
            id: 'import',
            href: '/app/admin/import',
            name: 'Import records',
            hint: 'Bring employers, participants or vacancies in from a CSV file: check it first, then import; a second run skips what is recorded',
          },
          {
            id: 'add-participant',
            href: '/app/participants/new',
            name: 'Add a participant to an adviser’s caseload',
            hint: 'Their details, then check your answers; the adviser records their consent and sensitive information',
          },
          {
            id: 'transfers',
            href: '/app/admin/participants?task=transfer',
            name: 'Transfer a participant to another adviser',
            hint: 'Find them, choose the adviser who takes them on and say why; you check it before it is done',
          },
        ]}
      />

      <h2 class="govuk-heading-m">Their data</h2>
      <TaskList
        tasks={[
          {
            id: 'export',
            href: '/app/admin/participants?task=export',
            name: 'Export everything held about a participant',
            hint: 'A subject access request: one file with everything Routeway holds about them',
          },
          {
            id: 'erasure',
            href: '/app/admin/participants?task=erase',
            name: 'Erase a participant’s personal data',
            hint: 'On their request. It cannot be undone',
            status: <strong class="govuk-tag govuk-tag--red">Cannot be undone</strong>,
          },
          {
            id: 'retention',
            href: '/app/admin/retention',
            name: 'Retention',
            hint: 'How people who left the programme are erased automatically',
          },
          {
            id: 'audit',
            href: '/app/admin/participants?task=audit',
            name: 'Audit trail of a participant',
            hint: 'Who read or changed their sensitive information, consent or caseload, and when',
          },
        ]}
      />
    </>,
  );
}

/** How retention works: the sweeper erases people who left long enough ago; nothing to do here but know it. */
export function retentionPage(c: WebContext) {
  adminOnly(c.get('actor'));
  return page(
    c,
    { title: 'Retention', current: '/app/admin' },
    <>
      <a class="govuk-back-link" href="/app/admin">
        Back to administration
      </a>
      <span class="govuk-caption-l">Administration</span>
      <h1 class="govuk-heading-l">Retention</h1>
      <p class="govuk-body">
        When someone leaves the programme, the retention clock starts. Once it runs out (730 days unless the service is set up otherwise),
        the hourly sweep erases their personal data, exactly as an erasure on request does, and records it in their audit trail as a
        retention erasure.
      </p>
      <p class="govuk-body">
        If they come back to the programme before then, the clock stops. An erasure that fails is tried again on the next run.
      </p>
      <p class="govuk-body">
        To erase someone’s data sooner, because they asked,{' '}
        <a class="govuk-link" href="/app/admin/participants?task=erase">
          erase a participant’s personal data
        </a>
        .
      </p>
    </>,
  );
}
