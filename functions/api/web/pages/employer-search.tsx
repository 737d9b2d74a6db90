import type { Hono } from 'hono';
import type { AppDeps } from '../../deps.js';
import { ENGAGEMENT_STAGES, type Employer } from '../../../../shared/domain/employer.js';
import type { FieldError } from '../../../../shared/errors.js';
import { searchEmployers } from '../../../../shared/use-cases/search.js';
import { fieldsFor, NextPage, Select, Table, Tag, TextInput, words } from '../components.js';
import { page, type WebEnv } from '../context.js';
import { STAGE_TAG } from '../labels.js';
import { askedFor, FilterForm, refusedSearch, resultCount, withQuery } from '../search-form.js';
import { peopleFor, staffOptions } from '../people.js';
import { staffOnly } from '../session.js';

/* Finding an employer: by name, stage, account manager and area, any number of them, 25 to a page. */

const FILTERS = ['q', 'stage', 'accountManagerId', 'area'] as const;
const PAGE_SIZE = 25;

export function employerSearchPages(web: Hono<WebEnv>, deps: AppDeps): void {
  web.get('/app/employers', async (c) => {
    const actor = c.get('actor');
    staffOnly(actor);
    const asked = askedFor(c, FILTERS);
    // "Mine" is a shortcut for the officer's own user id.
    const filters = { ...asked, ...(asked.accountManagerId === 'me' ? { accountManagerId: actor.sub } : {}) };
    const cursor = c.req.query('cursor');
    let errors: FieldError[] | undefined;
    let found: { items: Employer[]; nextCursor: string | null } = { items: [], nextCursor: null };
    try {
      found = await searchEmployers(deps, actor, { ...filters, limit: PAGE_SIZE, cursor });
    } catch (err) {
      errors = refusedSearch(err);
    }
    const [people, officers] = await Promise.all([
      peopleFor(
        c,
        deps,
        found.items.map((e) => e.accountManagerId),
      ),
      staffOptions(c, deps, ['liaison', 'admin']),
    ]);
    const f = fieldsFor(asked, errors);
    const filtered = FILTERS.some((k) => asked[k]);
    return page(
      c,
      { title: 'Find an employer', current: '/app/employers', errors, status: errors ? 400 : 200 },
      <>
        <h1 class="govuk-heading-l">Find an employer</h1>
        <FilterForm action="/app/employers" label="Filter employers" clear={filtered}>
          <TextInput {...f.field('q')} label="Name" hint="Any words of its name, or the start of them" type="search" spellcheck={false} />
          <Select
            {...f.field('stage')}
            label="Engagement stage"
            options={[['', 'Any stage'], ...ENGAGEMENT_STAGES.map((s) => [s, words(s)] as const)]}
          />
          <Select
            {...f.field('accountManagerId')}
            label="Account manager"
            options={[['', 'Anyone'], ['me', 'You'], ...officers.filter(([id]) => id !== actor.sub)]}
          />
          <TextInput {...f.field('area')} label="Area" hint="A town, or a postcode area or district, for example LS or LS11" width="20" />
        </FilterForm>
        <p class="govuk-body" role="status">
          {errors ? 'Check the filters' : resultCount(found.items.length, Boolean(cursor || found.nextCursor), 'employer', 'employers')}
        </p>
        {found.items.length ? (
          <Table caption="Employers found, by name" head={['Employer', 'Town', 'Sector', 'Stage', 'Account manager']}>
            {found.items.map((e) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">
                  <a class="govuk-link" href={`/app/employers/${e.id}`}>
                    {e.name}
                  </a>
                </td>
                <td class="govuk-table__cell">
                  {e.address.town} {e.address.postcode.split(' ')[0]}
                </td>
                <td class="govuk-table__cell">{words(e.sector)}</td>
                <td class="govuk-table__cell">
                  <Tag colour={STAGE_TAG[e.stage]}>{e.stage}</Tag>
                </td>
                <td class="govuk-table__cell">{e.accountManagerId === actor.sub ? 'You' : people.name(e.accountManagerId)}</td>
              </tr>
            ))}
          </Table>
        ) : null}
        <NextPage href={found.nextCursor ? withQuery('/app/employers', { ...asked, cursor: found.nextCursor }) : undefined} />
      </>,
    );
  });
}
