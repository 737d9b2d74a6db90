import { page, type WebContext } from '../../context.js';
import { TaskList } from '../../patterns.js';
import { adminOnly } from './admin-gate.js';

/* The administrators' start page: their jobs as a GOV.UK task list, grouped. */

export function adminStartPage(c: WebContext) {
  adminOnly(c.get('actor'));
  return page(
    c,
    { title: 'Administration', current: '/app/admin' },
    <>
      <h1 class="govuk-heading-l">Administration</h1>
      <p class="govuk-body">
        Caseloads, and people’s rights over their data. Every transfer, export and erasure is recorded in the participant’s audit trail.
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
