import type { Hono } from 'hono';
import type { AppDeps } from '../../deps.js';
import { ENGAGEMENT_STAGES } from '../../../../shared/domain/employer.js';
import * as employers from '../../../../shared/use-cases/employers.js';
import * as participants from '../../../../shared/use-cases/participants.js';
import * as placements from '../../../../shared/use-cases/placements.js';
import * as vacancies from '../../../../shared/use-cases/vacancies.js';
import { page, type WebEnv } from '../context.js';
import { DoneBanner, fmtDate, fmtDateTime, NextPage, Table, Tag, words } from '../components.js';
import { MarkFollowUpDone } from './follow-ups.js';
import { READINESS_LABELS } from '../labels.js';
import type { Participant } from '../../../../shared/domain/participant.js';

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
      const now = deps.clock.now().toISOString();
      // An adviser lists their own caseload, which carries its casework dates (a liaison officer's view would not).
      const cw = (p: (typeof caseload.items)[number]) => ('casework' in p ? (p as Participant).casework : undefined);
      const toRecord = caseload.items
        .flatMap((p) => {
          const at = cw(p)?.nextAppointmentAt;
          return at && at < now ? [{ p, at }] : [];
        })
        .sort((a, b) => a.at.localeCompare(b.at));
      return page(
        c,
        { title: 'My caseload', current: '/app' },
        <>
          <h1 class="govuk-heading-l">My caseload</h1>
          <h2 class="govuk-heading-m">Check-ins due</h2>
          {checkins.length ? (
            <Table caption="People in work whose check-in can be recorded now" showCaption head={['Name', 'Job', 'Check-in', 'Due']}>
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
                        <Tag colour="red">Overdue</Tag>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </Table>
          ) : (
            <p class="govuk-body">No check-ins to record on this page of your caseload.</p>
          )}
          <h2 class="govuk-heading-m">Appointments to record</h2>
          {toRecord.length ? (
            <Table
              caption="Appointments that have passed without a record of how they went"
              showCaption
              head={['Name', 'Appointment', 'Action']}
            >
              {toRecord.map(({ p, at }) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">
                    <a class="govuk-link" href={`/app/participants/${p.id}`}>
                      {p.firstName} {p.lastName}
                    </a>
                  </td>
                  <td class="govuk-table__cell">{fmtDateTime(at)}</td>
                  <td class="govuk-table__cell">
                    <a class="govuk-link" href={`/app/participants/${p.id}/contacts`}>
                      Record it
                      <span class="govuk-visually-hidden">
                        {' '}
                        ({p.firstName} {p.lastName})
                      </span>
                    </a>
                  </td>
                </tr>
              ))}
            </Table>
          ) : (
            <p class="govuk-body">No appointments waiting to be recorded on this page of your caseload.</p>
          )}
          <h2 class="govuk-heading-m">Participants</h2>
          <Table
            caption="Participants on your caseload"
            head={['Name', 'Readiness', 'Status', 'Last contact', { numeric: 'Live submissions' }]}
          >
            {caseload.items.map((p) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">
                  <a class="govuk-link" href={`/app/participants/${p.id}`}>
                    {p.firstName} {p.lastName}
                  </a>
                </td>
                <td class="govuk-table__cell">
                  <Tag colour={READINESS_LABELS[p.readiness][1]}>{p.readiness}</Tag>
                </td>
                <td class="govuk-table__cell">{p.status}</td>
                <td class="govuk-table__cell">{cw(p)?.lastContactAt ? fmtDate(cw(p)?.lastContactAt) : 'None logged'}</td>
                <td class="govuk-table__cell govuk-table__cell--numeric">{'liveSubmissions' in p ? (p.liveSubmissions ?? 0) : 0}</td>
              </tr>
            ))}
          </Table>
          <NextPage href={caseload.nextCursor ? `/app?cursor=${encodeURIComponent(caseload.nextCursor)}` : undefined} />
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
                – closes {fmtDate(v.closingDate)}
              </li>
            ))}
          </ul>
          {mine.items.length === 0 ? <p class="govuk-body">No open vacancies.</p> : null}
        </>,
      );
    }
    // A stage typed into the address that is not one is ignored: the officer's own employers, as with none.
    const asked = c.req.query('stage');
    const stage = ENGAGEMENT_STAGES.find((s) => s === asked);
    // A search finds any employer of the organisation by the start of its name ("kirk" finds Kirkgate Bakery).
    const q = (c.req.query('q') ?? '').trim().slice(0, 100);
    const landing = !(q || stage || c.req.query('cursor'));
    const [list, followUps, callbacks] = await Promise.all([
      employers.listEmployers(deps, actor, {
        limit: 50,
        cursor: c.req.query('cursor'),
        ...(q ? { q } : stage ? { stage } : { accountManagerId: actor.sub }),
      }),
      landing ? employers.listFollowUpsDue(deps, actor, { days: FOLLOW_UP_DAYS }) : undefined,
      landing ? employers.listCallbacksDue(deps, actor) : undefined,
    ]);
    return page(
      c,
      { title: 'My employers', current: '/app' },
      <>
        <DoneBanner c={c} messages={{ 'follow-up': 'Follow-up marked done' }} />
        <h1 class="govuk-heading-l">{q ? `Employers named “${q}…”` : stage ? `Employers: ${stage}` : 'My employers'}</h1>
        <form method="get" action="/app" class="govuk-!-margin-bottom-6">
          <div class="govuk-form-group govuk-!-margin-bottom-2">
            <label class="govuk-label govuk-label--s" for="employer-search">
              Find an employer
            </label>
            <div class="govuk-hint" id="employer-search-hint">
              Type the start of its name
            </div>
            <input
              class="govuk-input govuk-!-width-one-half"
              id="employer-search"
              name="q"
              type="search"
              value={q}
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
        <h2 class="govuk-heading-m">{q ? 'Search results' : stage ? 'Employers' : 'Employers you manage'}</h2>
        {q && list.items.length === 0 ? <p class="govuk-body">No employer’s name starts with “{q}”.</p> : null}
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
        <NextPage
          href={list.nextCursor ? `/app?${stage ? `stage=${stage}&` : ''}cursor=${encodeURIComponent(list.nextCursor)}` : undefined}
        />
      </>,
    );
  });
}
