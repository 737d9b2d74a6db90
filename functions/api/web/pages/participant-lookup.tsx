import type { Hono } from 'hono';
import { z } from 'zod';
import { Text, UserId } from '../../../../shared/domain/common.js';
import { Readiness } from '../../../../shared/domain/participant.js';
import { ForbiddenError, type FieldError } from '../../../../shared/errors.js';
import { listParticipants } from '../../../../shared/use-cases/participants.js';
import type { AppDeps } from '../../deps.js';
import { fieldsFor, NextPage, Select, Table, ReadinessStatusCells } from '../components.js';
import { page, type WebEnv } from '../context.js';
import { parseForm } from '../forms.js';
import { staffOptions } from '../people.js';
import { askedFor, CaseloadSearchFields, FilterForm, refusedSearch, resultCount, withQuery } from '../search-form.js';

/*
 * "Find a participant" (`/app/participants`): a liaison officer (or an admin) looks someone up on a named
 * adviser's caseload, by name, reference and readiness, through `GET /participants`' use case, so they see
 * what the liaison view allows (name, reference, readiness, status: no contact details, no casework, and
 * no "needs action", which is worked out from casework).
 */

const FILTERS = ['adviserId', 'text', 'readiness'] as const;
const PAGE_SIZE = 25;
/** The API's query parameters, under the names the form gives them (`text` is the API's `q`). */
const LookupQuery = z.object({ adviserId: UserId.optional(), text: Text(100).optional(), readiness: Readiness.optional() });

export function participantLookupPages(web: Hono<WebEnv>, deps: AppDeps): void {
  web.get('/app/participants', async (c) => {
    const actor = c.get('actor');
    if (actor.role !== 'liaison' && actor.role !== 'admin') {
      throw new ForbiddenError('Advisers find people on their own caseload on their start page');
    }
    const asked = askedFor(c, FILTERS);
    const cursor = c.req.query('cursor');
    const advisers = await staffOptions(c, deps, ['adviser']);
    const parsed = parseForm(LookupQuery, asked);
    let errors: FieldError[] | undefined = parsed.ok ? undefined : parsed.errors;
    let found: Awaited<ReturnType<typeof listParticipants>> | undefined;
    // Nothing asked yet: the form alone. Asked without an adviser: the use case says to choose one.
    if (parsed.ok && Object.keys(asked).length) {
      const { text, ...rest } = parsed.value;
      try {
        found = await listParticipants(deps, actor, { ...rest, q: text, limit: PAGE_SIZE, cursor });
      } catch (err) {
        errors = refusedSearch(err).map((e) => (e.path === 'q' ? { ...e, path: 'text' } : e));
      }
    }
    const f = fieldsFor(asked, errors);
    const adviserName = advisers.find(([id]) => id === asked.adviserId)?.[1];
    return page(
      c,
      { title: 'Find a participant', current: '/app/participants', errors, status: errors ? 400 : 200 },
      <>
        <h1 class="govuk-heading-l">Find a participant</h1>
        <p class="govuk-body">
          Look someone up on an adviser’s caseload to put them forward or enrol them. You see their name, reference, readiness and status;
          their adviser holds the rest.
        </p>
        <FilterForm action="/app/participants" label="Find a participant" clear={Object.keys(asked).length > 0}>
          <Select {...f.field('adviserId')} label="Adviser" options={[['', 'Choose an adviser'], ...advisers]} />
          <CaseloadSearchFields f={f} />
        </FilterForm>
        {found ? (
          <>
            <p class="govuk-body" role="status">
              {resultCount(found.items.length, Boolean(cursor || found.nextCursor), 'person', 'people')}
            </p>
            {found.items.length ? (
              <Table caption={`People on ${adviserName ?? 'the adviser'}’s caseload`} head={['Name', 'Reference', 'Readiness', 'Status']}>
                {found.items.map((p) => (
                  <tr class="govuk-table__row">
                    <td class="govuk-table__cell">
                      <a class="govuk-link" href={`/app/participants/${p.id}`}>
                        {p.firstName} {p.lastName}
                      </a>
                    </td>
                    <td class="govuk-table__cell">{p.id}</td>
                    <ReadinessStatusCells p={p} />
                  </tr>
                ))}
              </Table>
            ) : null}
            <NextPage href={found.nextCursor ? withQuery('/app/participants', { ...asked, cursor: found.nextCursor }) : undefined} />
          </>
        ) : errors ? (
          <p class="govuk-body">Check the search.</p>
        ) : null}
      </>,
    );
  });
}
