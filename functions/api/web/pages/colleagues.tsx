import type { Hono } from 'hono';
import { ROLES } from '../../../../shared/domain/actor.js';
import { ForbiddenError } from '../../../../shared/errors.js';
import * as staff from '../../../../shared/use-cases/staff.js';
import type { AppDeps } from '../../deps.js';
import { Button, NextPage, Table } from '../components.js';
import { page, type WebEnv } from '../context.js';
import { ROLE_LABELS } from '../labels.js';
import { StaffSearchFields } from '../search-form.js';

/** The roles a colleague can be found by (employers' users are not staff: the directory never lists them here). */
const STAFF_ROLES = ROLES.filter((r) => r !== 'employer');

/**
 * Colleagues (`/app/staff`, `GET /staff`): every member of staff finds whom to talk to — an adviser about
 * their participant, the liaison officer who manages an employer — by name or email and role, with their
 * work email, phone and team. Read only; admins change people on `/app/admin/staff`.
 */
export function colleaguePages(web: Hono<WebEnv>, deps: AppDeps): void {
  web.get('/app/staff', async (c) => {
    const actor = c.get('actor');
    if (actor.role === 'employer') throw new ForbiddenError('The staff directory is for staff');
    const q = (c.req.query('q') ?? '').slice(0, 100);
    const role = STAFF_ROLES.find((r) => r === c.req.query('role'));
    const list = await staff.listStaff(deps, actor, { q: q || undefined, role, staffOnly: true, limit: 50, cursor: c.req.query('cursor') });
    const more = new URLSearchParams({ q, role: role ?? '', cursor: list.nextCursor ?? '' });
    const people = list.items;
    return page(
      c,
      { title: 'Colleagues', current: '/app/staff' },
      <>
        <h1 class="govuk-heading-l">Colleagues</h1>
        <p class="govuk-body">
          Find whom to talk to: an adviser about someone on their caseload, or the officer who looks after an employer.
        </p>
        <form method="get" action="/app/staff" novalidate>
          <StaffSearchFields q={q} role={role} roles={STAFF_ROLES} />
          <Button secondary>Search</Button>
        </form>
        {people.length ? (
          <Table caption="Colleagues" head={['Name', 'Role', 'Team', 'Email', 'Phone']}>
            {people.map((m) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">{m.name}</td>
                <td class="govuk-table__cell">{ROLE_LABELS[m.role]}</td>
                <td class="govuk-table__cell">{m.team ?? ''}</td>
                <td class="govuk-table__cell">
                  <a class="govuk-link" href={`mailto:${m.email}`}>
                    {m.email}
                  </a>
                </td>
                <td class="govuk-table__cell">{m.phone ?? ''}</td>
              </tr>
            ))}
          </Table>
        ) : (
          <p class="govuk-body">Nobody matches that search.</p>
        )}
        <NextPage href={list.nextCursor ? `/app/staff?${more}` : undefined} />
      </>,
    );
  });
}
