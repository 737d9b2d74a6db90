import type { Hono } from 'hono';
import type { AppDeps } from '../../app.js';
import * as employers from '../../../../shared/use-cases/employers.js';
import * as participants from '../../../../shared/use-cases/participants.js';
import * as placements from '../../../../shared/use-cases/placements.js';
import * as vacancies from '../../../../shared/use-cases/vacancies.js';
import { page, type WebEnv } from '../index.js';
import { fmtDate, words } from './vacancies.js';

/** How far ahead the start page looks for promised follow-ups. */
const FOLLOW_UP_DAYS = 14;

/** Each role's start page: liaison officers their employers, advisers their caseload, employers their vacancies. */
export function homePages(web: Hono<WebEnv>, deps: AppDeps): void {
  web.get('/app', async (c) => {
    const actor = c.get('actor');
    if (actor.role === 'adviser') {
      const caseload = await participants.listParticipants(deps, actor, { limit: 100, cursor: c.req.query('cursor') });
      const checkins = await placements.openCheckins(deps, actor, caseload.items);
      const names = new Map(caseload.items.map((p) => [p.id, `${p.firstName} ${p.lastName}`]));
      return page(
        c,
        { title: 'My caseload', current: '/app' },
        <>
          <h1 class="govuk-heading-l">My caseload</h1>
          <h2 class="govuk-heading-m">Check-ins due</h2>
          {checkins.length ? (
            <table class="govuk-table">
              <caption class="govuk-table__caption govuk-table__caption--s">People in work whose check-in can be recorded now</caption>
              <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                  <th scope="col" class="govuk-table__header">Name</th>
                  <th scope="col" class="govuk-table__header">Job</th>
                  <th scope="col" class="govuk-table__header">Check-in</th>
                  <th scope="col" class="govuk-table__header">Due</th>
                </tr>
              </thead>
              <tbody class="govuk-table__body">
                {checkins.map((x) => (
                  <tr class="govuk-table__row">
                    <td class="govuk-table__cell">
                      <a class="govuk-link" href={`/app/participants/${x.placement.participantId}`}>
                        {names.get(x.placement.participantId)}
                      </a>
                    </td>
                    <td class="govuk-table__cell">{x.placement.vacancyTitle}</td>
                    <td class="govuk-table__cell">{x.milestone} weeks</td>
                    <td class="govuk-table__cell">
                      {fmtDate(x.dueOn)}
                      {x.state === 'overdue' ? (
                        <>
                          {' '}
                          <strong class="govuk-tag govuk-tag--red">Overdue</strong>
                        </>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p class="govuk-body">No check-ins to record on this page of your caseload.</p>
          )}
          <h2 class="govuk-heading-m">Participants</h2>
          <table class="govuk-table">
            <caption class="govuk-table__caption govuk-visually-hidden">Participants on your caseload</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">Name</th>
                <th scope="col" class="govuk-table__header">Readiness</th>
                <th scope="col" class="govuk-table__header">Status</th>
                <th scope="col" class="govuk-table__header govuk-table__header--numeric">Live submissions</th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {caseload.items.map((p) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">
                    <a class="govuk-link" href={`/app/participants/${p.id}`}>
                      {p.firstName} {p.lastName}
                    </a>
                  </td>
                  <td class="govuk-table__cell">
                    <strong class={`govuk-tag govuk-tag--${p.readiness === 'green' ? 'green' : p.readiness === 'amber' ? 'yellow' : 'red'}`}>{p.readiness}</strong>
                  </td>
                  <td class="govuk-table__cell">{p.status}</td>
                  <td class="govuk-table__cell govuk-table__cell--numeric">{'liveSubmissions' in p ? (p.liveSubmissions ?? 0) : 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {caseload.nextCursor ? (
            <nav class="govuk-pagination" aria-label="Pagination">
              <div class="govuk-pagination__next">
                <a class="govuk-link govuk-pagination__link" href={`/app?cursor=${encodeURIComponent(caseload.nextCursor)}`} rel="next">
                  <span class="govuk-pagination__link-title">Next page</span>
                </a>
              </div>
            </nav>
          ) : null}
        </>,
      );
    }
    if (actor.role === 'employer') {
      const mine = await vacancies.listVacancies(deps, actor, { limit: 100, status: 'open' });
      return page(
        c,
        { title: 'My vacancies', current: '/app' },
        <>
          <h1 class="govuk-heading-l">My vacancies</h1>
          <ul class="govuk-list">
            {mine.items.map((v) => (
              <li>
                <a class="govuk-link" href={`/app/vacancies/${v.id}`}>
                  {v.title}
                </a>{' '}
                – closes {v.closingDate}
              </li>
            ))}
          </ul>
          {mine.items.length === 0 ? <p class="govuk-body">No open vacancies.</p> : null}
        </>,
      );
    }
    const stage = c.req.query('stage');
    const [list, followUps] = await Promise.all([
      employers.listEmployers(deps, actor, {
        limit: 50,
        cursor: c.req.query('cursor'),
        ...(stage ? { stage: stage as never } : { accountManagerId: actor.sub }),
      }),
      stage || c.req.query('cursor') ? undefined : employers.listFollowUpsDue(deps, actor, { days: FOLLOW_UP_DAYS }),
    ]);
    return page(
      c,
      { title: 'My employers', current: '/app' },
      <>
        <h1 class="govuk-heading-l">{stage ? `Employers: ${stage}` : 'My employers'}</h1>
        <p class="govuk-body">
          <a class="govuk-link" href="/app/vacancies/new">Take a new vacancy</a>
        </p>
        {followUps ? (
          <>
            <h2 class="govuk-heading-m">Follow-ups due</h2>
            {followUps.length ? (
              <table class="govuk-table">
                <caption class="govuk-table__caption govuk-table__caption--s">Promised in the next {FOLLOW_UP_DAYS} days, soonest first</caption>
                <thead class="govuk-table__head">
                  <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">Due</th>
                    <th scope="col" class="govuk-table__header">Employer</th>
                    <th scope="col" class="govuk-table__header">Promised after</th>
                  </tr>
                </thead>
                <tbody class="govuk-table__body">
                  {followUps.map((f) => (
                    <tr class="govuk-table__row">
                      <td class="govuk-table__cell">{fmtDate(f.dueOn)}</td>
                      <td class="govuk-table__cell">
                        <a class="govuk-link" href={`/app/employers/${f.employer.id}#interactions`}>
                          {f.employer.name}
                        </a>
                      </td>
                      <td class="govuk-table__cell">
                        {words(f.interaction.kind)} on {fmtDate(f.interaction.occurredAt)}: {f.interaction.summary}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p class="govuk-body">No follow-ups promised for the next {FOLLOW_UP_DAYS} days.</p>
            )}
            <p class="govuk-body">
              Follow-ups that have fallen due are in your <a class="govuk-link" href="/app/notifications">notifications</a>.
            </p>
          </>
        ) : null}
        <h2 class="govuk-heading-m">{stage ? 'Employers' : 'Employers you manage'}</h2>
        <p class="govuk-body">
          By stage:{' '}
          {['prospect', 'contacted', 'engaged', 'active', 'lapsed'].map((s) => (
            <>
              <a class="govuk-link" href={`/app?stage=${s}`}>
                {s}
              </a>{' '}
            </>
          ))}
        </p>
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-visually-hidden">Employers</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">Employer</th>
              <th scope="col" class="govuk-table__header">Sector</th>
              <th scope="col" class="govuk-table__header">Stage</th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {list.items.map((e) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">
                  <a class="govuk-link" href={`/app/employers/${e.id}`}>
                    {e.name}
                  </a>
                </td>
                <td class="govuk-table__cell">{e.sector}</td>
                <td class="govuk-table__cell">
                  <strong class="govuk-tag">{e.stage}</strong>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {list.nextCursor ? (
          <nav class="govuk-pagination" aria-label="Pagination">
            <div class="govuk-pagination__next">
              <a class="govuk-link govuk-pagination__link" href={`/app?${stage ? `stage=${stage}&` : ''}cursor=${encodeURIComponent(list.nextCursor)}`} rel="next">
                <span class="govuk-pagination__link-title">Next page</span>
              </a>
            </div>
          </nav>
        ) : null}
      </>,
    );
  });
}
