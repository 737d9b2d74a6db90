import type { Hono } from 'hono';
import type { AppDeps } from '../../deps.js';
import * as employers from '../../../../shared/use-cases/employers.js';
import { liaisonToday } from '../../../../shared/use-cases/today.js';
import { page, type WebEnv } from '../context.js';
import { DoneBanner, fmtDate, NextPage, PostForm, Table, Tag, words } from '../components.js';
import { renderCaseload } from './caseload.js';
import { LiaisonVacanciesToday, renderEmployerToday } from './today.js';
import { MarkFollowUpDone } from './follow-ups.js';
import { adminStartPage } from './admin/start.js';
import { withQuery } from '../search-form.js';
import { aftercareToDo, type AftercareToDo } from '../../../../shared/use-cases/in-work-support.js';
import type { WebContext } from '../context.js';

/**
 * The employer's aftercare after a hire (week 1 and week 4, Employment Zones 000 §3.1.41): call the
 * employer about how the new starter is getting on, then mark it done. Names the job, never the person.
 */
function EmployerAftercare({ c, items }: { c: WebContext; items: AftercareToDo[] }) {
  return (
    <>
      <h2 class="govuk-heading-m">Employer aftercare</h2>
      {items.length ? (
        <Table
          caption="New starters’ employers to call: how is it going, and is anything needed?"
          showCaption
          head={['Job', 'Started', 'Aftercare', 'Action']}
        >
          {items.map((a) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">
                <a class="govuk-link" href={`/app/vacancies/${a.vacancyId}`}>
                  {a.vacancyTitle}
                </a>
              </td>
              <td class="govuk-table__cell">{fmtDate(a.startDate)}</td>
              <td class="govuk-table__cell">
                After week {a.week}, due {fmtDate(a.dueOn)}
              </td>
              <td class="govuk-table__cell">
                <PostForm c={c} action={`/app/placements/${a.placementId}/aftercare/${a.week}`}>
                  <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
                    Mark as done
                    <span class="govuk-visually-hidden">
                      {' '}
                      (week {a.week}, {a.vacancyTitle})
                    </span>
                  </button>
                </PostForm>
              </td>
            </tr>
          ))}
        </Table>
      ) : (
        <p class="govuk-body">No employer aftercare due.</p>
      )}
    </>
  );
}

/** How far ahead the start page looks for promised follow-ups. */
const FOLLOW_UP_DAYS = 14;

/** Each role's start page, what needs them today first: liaison officers their employers, advisers their caseload, employers their vacancies, admins the administration page. */
export function homePages(web: Hono<WebEnv>, deps: AppDeps): void {
  web.get('/app', async (c) => {
    const actor = c.get('actor');
    if (actor.role === 'adviser') return renderCaseload(c, deps);
    if (actor.role === 'employer') return renderEmployerToday(c, deps);
    // Searches moved to the employer search page; an old bookmark of one goes there.
    if (c.req.query('q') !== undefined || c.req.query('stage') !== undefined)
      return c.redirect(withQuery('/app/employers', { q: c.req.query('q'), stage: c.req.query('stage') }), 303);
    // An admin starts where their work is (leavers holding work, transfers, people's rights), unless they
    // manage employer accounts themselves (handed over to them, say): then the liaison officer's day below,
    // with Administration first in their navigation.
    if (actor.role === 'admin') {
      const own = await employers.listEmployers(deps, actor, { limit: 1, accountManagerId: actor.sub });
      if (!own.items.length) return adminStartPage(c, deps);
    }
    // The first page answers what needs the officer today; later pages only list their employers.
    const first = !c.req.query('cursor');
    const [list, followUps, callbacks, today, aftercare] = await Promise.all([
      employers.listEmployers(deps, actor, { limit: 50, cursor: c.req.query('cursor'), accountManagerId: actor.sub }),
      first ? employers.listFollowUpsDue(deps, actor, { days: FOLLOW_UP_DAYS }) : undefined,
      first ? employers.listCallbacksDue(deps, actor) : undefined,
      first ? liaisonToday(deps, actor) : undefined,
      first ? aftercareToDo(deps, actor) : undefined,
    ]);
    return page(
      c,
      { title: 'My employers', current: '/app' },
      <>
        <DoneBanner c={c} messages={{ 'follow-up': 'Follow-up marked done', aftercare: 'Employer aftercare marked done' }} />
        <h1 class="govuk-heading-l">My employers</h1>
        <form method="get" action="/app/employers" class="govuk-!-margin-bottom-6">
          <div class="govuk-form-group govuk-!-margin-bottom-2">
            <label class="govuk-label govuk-label--s" for="employer-search">
              Find an employer
            </label>
            <div class="govuk-hint" id="employer-search-hint">
              Any words of its name. You can also filter by stage, account manager and area.
            </div>
            <input
              class="govuk-input govuk-!-width-one-half"
              id="employer-search"
              name="q"
              type="search"
              aria-describedby="employer-search-hint"
            />
          </div>
          <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
            Search
          </button>
        </form>
        <ul class="govuk-list">
          <li>
            <a class="govuk-link" href="/app/employers/new">
              Record an employer
            </a>
          </li>
          <li>
            <a class="govuk-link" href="/app/vacancies/new">
              Take a new vacancy
            </a>
          </li>
        </ul>
        {callbacks ? (
          <>
            <h2 class="govuk-heading-m">Callbacks due</h2>
            {callbacks.length ? (
              <Table
                caption="Vacancies employers posted themselves: call them back within two working days to get what is missing"
                showCaption
                head={['Call by', 'Employer', 'Vacancy', 'Action']}
              >
                {callbacks.map((x) => (
                  <tr class="govuk-table__row">
                    <td class="govuk-table__cell">
                      {fmtDate(x.callback.dueOn)}
                      {x.overdue ? (
                        <>
                          {' '}
                          <Tag colour="red">Overdue</Tag>
                        </>
                      ) : null}
                    </td>
                    <td class="govuk-table__cell">{x.employer.name}</td>
                    <td class="govuk-table__cell">
                      <a class="govuk-link" href={`/app/vacancies/${x.callback.vacancyId}`}>
                        {x.callback.vacancyTitle}
                      </a>
                      <span class="govuk-hint govuk-!-margin-bottom-0">Posted {fmtDate(x.callback.openedAt)}</span>
                    </td>
                    <td class="govuk-table__cell">
                      <a class="govuk-link" href={`/app/employers/${x.employer.id}?vacancy=${x.callback.vacancyId}#add-interaction`}>
                        Log the call<span class="govuk-visually-hidden"> to {x.employer.name}</span>
                      </a>
                    </td>
                  </tr>
                ))}
              </Table>
            ) : (
              <p class="govuk-body">No callbacks waiting.</p>
            )}
          </>
        ) : null}
        {followUps ? (
          <>
            <h2 class="govuk-heading-m">Follow-ups due</h2>
            {followUps.length ? (
              <Table
                caption={`Promised in the next ${FOLLOW_UP_DAYS} days, soonest first`}
                showCaption
                head={['Due', 'Employer', 'Promised after', 'Action']}
              >
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
                    <td class="govuk-table__cell">
                      <MarkFollowUpDone
                        c={c}
                        employerId={f.employer.id}
                        interactionId={f.interaction.id}
                        back="home"
                        label={f.employer.name}
                      />
                    </td>
                  </tr>
                ))}
              </Table>
            ) : (
              <p class="govuk-body">No follow-ups promised for the next {FOLLOW_UP_DAYS} days.</p>
            )}
            <p class="govuk-body">
              Follow-ups that have fallen due are in your{' '}
              <a class="govuk-link" href="/app/notifications">
                notifications
              </a>
              .
            </p>
          </>
        ) : null}
        {today ? <LiaisonVacanciesToday today={today} /> : null}
        {aftercare ? <EmployerAftercare c={c} items={aftercare} /> : null}
        <h2 class="govuk-heading-m">Employers you manage</h2>
        <p class="govuk-body">
          By stage:{' '}
          {['prospect', 'contacted', 'engaged', 'active', 'lapsed'].map((s) => (
            <>
              <a class="govuk-link" href={`/app/employers?stage=${s}`}>
                {s}
              </a>{' '}
            </>
          ))}
        </p>
        <Table caption="Employers" head={['Employer', 'Sector', 'Stage']}>
          {list.items.map((e) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">
                <a class="govuk-link" href={`/app/employers/${e.id}`}>
                  {e.name}
                </a>
              </td>
              <td class="govuk-table__cell">{e.sector}</td>
              <td class="govuk-table__cell">
                <Tag>{e.stage}</Tag>
              </td>
            </tr>
          ))}
        </Table>
        <NextPage href={list.nextCursor ? `/app?cursor=${encodeURIComponent(list.nextCursor)}` : undefined} />
      </>,
    );
  });
}
