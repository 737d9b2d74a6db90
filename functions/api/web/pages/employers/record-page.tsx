import type { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import type { AppDeps } from '../../../deps.js';
import { ADJUSTMENT_LABELS } from '../../../../../shared/domain/adjustments.js';
import { OFFENCE_LABELS } from '../../../../../shared/domain/convictions.js';
import { InteractionCreate, type Employer } from '../../../../../shared/domain/employer.js';
import { PreconditionFailedError } from '../../../../../shared/errors.js';
import type { FieldError } from '../../../../../shared/errors.js';
import { employerRecord } from '../../../../../shared/use-cases/employer-record.js';
import * as chain from '../../../../../shared/use-cases/supply-chain.js';
import { ChainContacts } from '../supply-chain.js';
import * as employers from '../../../../../shared/use-cases/employers.js';
import * as vacancies from '../../../../../shared/use-cases/vacancies.js';
import { DoneBanner, fmtDate, fmtDateTime, NextPage, SummaryList, Table, Tag, words, yesNo } from '../../components.js';
import { formErrors, friendly, parseForm, typedValues, type Values } from '../../forms.js';
import { page, type WebContext, type WebEnv } from '../../context.js';
import { CONTACT_ROLE_LABELS, INTERACTION_KIND_LABELS, INTERACTION_OUTCOME_LABELS, STAGE_TAG, VACANCY_STATUS_TAG } from '../../labels.js';
import { peopleFor, type People } from '../../people.js';
import { isStaff, staffOnly } from '../../session.js';
import { MarkFollowUpDone } from '../follow-ups.js';
import { SummaryCard } from '../../patterns.js';
import { ConditionsForm, ConditionsInput } from './conditions.js';
import { callbackFor, InteractionForm } from './interaction-form.js';

/* The employer record page: summary, contacts, the interaction log with follow-ups, pledges, vacancies, and its forms' routes. */

const EMPLOYER_DONE = {
  interaction: 'Interaction added',
  conditions: 'Conditions and adjustments saved',
  details: 'Its details are saved',
  'contact-added': 'Contact added',
  'contact-changed': 'Contact’s details saved',
  pledge: 'Pledge recorded',
};

function EmployerSummary({ e, people }: { e: Employer; people: People }) {
  const c = e.commitments;
  const rows: [string, Child][] = [
    ['Sector', words(e.sector)],
    ['Size', words(e.sizeBand)],
    ['Stage', <Tag colour={STAGE_TAG[e.stage]}>{e.stage}</Tag>],
    ['Account manager', people.said(e.accountManagerId)],
    [
      'Address',
      [e.address.line1, e.address.line2, e.address.town, e.address.postcode].filter(Boolean).map((l) => (
        <>
          {l}
          <br />
        </>
      )),
    ],
  ];
  if (e.companyNumber) rows.push(['Company number', e.companyNumber]);
  if (e.website) rows.push(['Website', e.website]);
  rows.push(
    ['Guaranteed interviews', yesNo(c.guaranteedInterviews)],
    ['Work trials', yesNo(c.workTrials)],
    ['Disability Confident', c.disabilityConfident === 'none' ? 'Not signed up' : words(c.disabilityConfident)],
    [
      'Considers people with convictions',
      c.openToConvictions
        ? `Yes${c.convictionExclusions.length ? `, except: ${c.convictionExclusions.map((o) => OFFENCE_LABELS[o]).join(', ')}` : ''}`
        : 'No',
    ],
    [
      'Adjustments offered',
      [...(c.adjustmentTypesOffered ?? []).map((a) => ADJUSTMENT_LABELS[a]), ...c.adjustmentsOffered].join(', ') || 'None recorded',
    ],
  );
  if (e.notes) rows.push(['Notes', e.notes]);
  return <SummaryList rows={rows} />;
}

async function renderEmployer(
  c: WebContext,
  deps: AppDeps,
  id: string,
  opts: { errors?: FieldError[]; values?: Values; status?: number; form?: 'interaction' | 'conditions' } = {},
) {
  const actor = c.get('actor');
  const engages = actor.role === 'liaison' || actor.role === 'admin';
  const [record, vacs, others] = await Promise.all([
    employerRecord(deps, actor, id, { limit: 50, cursor: c.req.query('from') }),
    vacancies.listVacancies(deps, actor, { employerId: id, limit: 50, cursor: c.req.query('vacanciesFrom') }),
    engages ? chain.chainContactsFor(deps, actor, id) : [],
  ]);
  const { employer: e, contacts, engagement } = record;
  const interactions = engagement?.interactions;
  const pledges = engagement?.pledges;
  const now = deps.clock.now();
  const today = deps.clock.today();
  const log = [...(interactions?.items ?? [])].sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : a.occurredAt > b.occurredAt ? -1 : 0));
  const contactName = new Map(contacts.map((x) => [x.id, x.name]));
  const vacancyTitle = new Map(vacs.items.map((v) => [v.id, v.title]));
  const people = await peopleFor(c, deps, [e.accountManagerId]);
  return page(
    c,
    { title: e.name, current: '/app', errors: opts.errors, status: opts.status },
    <>
      <DoneBanner c={c} messages={EMPLOYER_DONE} />
      <span class="govuk-caption-l">Employer</span>
      <h1 class="govuk-heading-l">{e.name}</h1>
      <EmployerSummary e={e} people={people} />
      {isStaff(actor) ? (
        <p class="govuk-body">
          <a class="govuk-link" href={`/app/employers/${e.id}/edit`}>
            Change its details<span class="govuk-visually-hidden"> ({e.name})</span>
          </a>
        </p>
      ) : null}
      {isStaff(actor) ? (
        <details class="govuk-details" id="conditions" open={opts.form === 'conditions'}>
          <summary class="govuk-details__summary">
            <span class="govuk-details__summary-text">Change its conditions on convictions and the adjustments it offers</span>
          </summary>
          <div class="govuk-details__text">
            <ConditionsForm
              c={c}
              e={e}
              values={opts.form === 'conditions' ? opts.values : undefined}
              errors={opts.form === 'conditions' ? opts.errors : undefined}
            />
          </div>
        </details>
      ) : null}

      <h2 class="govuk-heading-m" id="contacts">
        Contacts
      </h2>
      {isStaff(actor) ? (
        <p class="govuk-body">
          <a class="govuk-link" href={`/app/employers/${e.id}/contacts/new`}>
            Add a contact<span class="govuk-visually-hidden"> at {e.name}</span>
          </a>
        </p>
      ) : null}
      {contacts.length ? (
        contacts.map((x) => (
          <SummaryCard
            title={
              <>
                {x.name}
                {x.primary ? (
                  <>
                    {' '}
                    <Tag colour="blue">Main contact</Tag>
                  </>
                ) : null}
              </>
            }
            level={3}
            actions={
              isStaff(actor)
                ? [{ href: `/app/employers/${e.id}/contacts/${x.id}/edit`, text: 'Change', hidden: `the details of ${x.name}` }]
                : []
            }
          >
            <SummaryList
              rows={[
                ['Job title', x.jobTitle ?? 'Not recorded'],
                ['Role', CONTACT_ROLE_LABELS[x.role]],
                [
                  'Email address',
                  x.email ? (
                    <a class="govuk-link" href={`mailto:${x.email}`}>
                      {x.email}
                    </a>
                  ) : (
                    'Not recorded'
                  ),
                ],
                ['Phone number', x.phone ?? 'Not recorded'],
              ]}
            />
          </SummaryCard>
        ))
      ) : (
        <p class="govuk-body">No contacts recorded.</p>
      )}

      {engagement ? (
        <>
          <h2 class="govuk-heading-m" id="interactions">
            Interactions
          </h2>
          {log.length ? (
            <Table caption={`Interactions with ${e.name}, newest first`} head={['When', 'Kind', 'Summary', 'Outcome', 'Follow up by']}>
              {log.map((i) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">{fmtDateTime(i.occurredAt)}</td>
                  <td class="govuk-table__cell">{INTERACTION_KIND_LABELS[i.kind]}</td>
                  <td class="govuk-table__cell">
                    {i.summary}
                    {i.contactId && contactName.has(i.contactId) ? (
                      <span class="govuk-hint govuk-!-margin-bottom-0">With {contactName.get(i.contactId)}</span>
                    ) : null}
                    {i.vacancyId && vacancyTitle.has(i.vacancyId) ? (
                      <span class="govuk-hint govuk-!-margin-bottom-0">About {vacancyTitle.get(i.vacancyId)}</span>
                    ) : null}
                  </td>
                  <td class="govuk-table__cell">{INTERACTION_OUTCOME_LABELS[i.outcome]}</td>
                  <td class="govuk-table__cell">
                    {i.followUpOn ? (
                      <>
                        {fmtDate(i.followUpOn)}{' '}
                        {i.followUpDoneAt ? (
                          <Tag colour="green">Done</Tag>
                        ) : (
                          <>
                            {i.followUpOn < today ? (
                              <Tag colour="red">Overdue</Tag>
                            ) : i.followUpOn === today ? (
                              <Tag colour="yellow">Due today</Tag>
                            ) : null}
                            <MarkFollowUpDone c={c} employerId={e.id} interactionId={i.id} back="employer" label={fmtDate(i.followUpOn)} />
                          </>
                        )}
                      </>
                    ) : (
                      'None'
                    )}
                  </td>
                </tr>
              ))}
            </Table>
          ) : (
            <p class="govuk-body">No interactions recorded yet.</p>
          )}
          <NextPage
            href={
              interactions?.nextCursor ? `/app/employers/${id}?from=${encodeURIComponent(interactions.nextCursor)}#interactions` : undefined
            }
          />

          <ChainContacts items={others} />
          <h2 class="govuk-heading-m" id="add-interaction">
            Add an interaction
          </h2>
          <InteractionForm
            c={c}
            id={id}
            contacts={contacts}
            vacancies={vacs.items}
            values={(opts.form !== 'conditions' && opts.values) || { occurredAt: now.toISOString(), ...callbackFor(c) }}
            errors={opts.form !== 'conditions' ? opts.errors : undefined}
          />

          <h2 class="govuk-heading-m" id="pledges">
            Pledges
          </h2>
          <p class="govuk-body">
            <a class="govuk-link" href={`/app/employers/${e.id}/pledges/new`}>
              Record a pledge<span class="govuk-visually-hidden"> by {e.name}</span>
            </a>
          </p>
          {pledges?.length ? (
            <Table
              caption={`Jobs ${e.name} has pledged, and hires so far`}
              head={['Pledge', 'By', { numeric: 'Hires' }, { numeric: 'Still in work at 26 weeks' }, { numeric: 'Progress' }]}
            >
              {pledges.map((p) => (
                <tr class="govuk-table__row">
                  <th scope="row" class="govuk-table__header">
                    {p.description}
                    {p.sector ? <span class="govuk-hint govuk-!-margin-bottom-0">{words(p.sector)}</span> : null}
                  </th>
                  <td class="govuk-table__cell">{fmtDate(p.byDate)}</td>
                  <td class="govuk-table__cell govuk-table__cell--numeric">
                    {p.progress.hires} of {p.jobsPledged}
                  </td>
                  <td class="govuk-table__cell govuk-table__cell--numeric">{p.progress.sustained}</td>
                  <td class="govuk-table__cell govuk-table__cell--numeric">{p.progress.percent}%</td>
                </tr>
              ))}
            </Table>
          ) : (
            <p class="govuk-body">No pledges recorded.</p>
          )}
        </>
      ) : null}

      <h2 class="govuk-heading-m" id="vacancies">
        Vacancies
      </h2>
      {isStaff(actor) ? (
        <p class="govuk-body">
          <a class="govuk-link" href={`/app/vacancies/new?employerId=${id}`}>
            Take a new vacancy for {e.name}
          </a>
        </p>
      ) : null}
      {vacs.items.length ? (
        <Table caption={`Vacancies at ${e.name}`} head={['Vacancy', 'Status', { numeric: 'Positions' }, 'Closes']}>
          {vacs.items.map((v) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">
                <a class="govuk-link" href={`/app/vacancies/${v.id}`}>
                  {v.title}
                </a>
              </td>
              <td class="govuk-table__cell">
                <Tag colour={VACANCY_STATUS_TAG[v.status]}>{v.status}</Tag>
              </td>
              <td class="govuk-table__cell govuk-table__cell--numeric">
                {v.filledPositions} of {v.positions} filled
              </td>
              <td class="govuk-table__cell">{fmtDate(v.closingDate)}</td>
            </tr>
          ))}
        </Table>
      ) : (
        <p class="govuk-body">No vacancies yet.</p>
      )}
      <NextPage
        href={vacs.nextCursor ? `/app/employers/${id}?vacanciesFrom=${encodeURIComponent(vacs.nextCursor)}#vacancies` : undefined}
      />
    </>,
  );
}

/** The employer record: summary, contacts, the interaction log with follow-ups, pledges and vacancies. */
export function employerPages(web: Hono<WebEnv>, deps: AppDeps): void {
  web.get('/app/employers/:id', (c) => renderEmployer(c, deps, c.req.param('id')));
  // An employer user's own record ("Our details" in their menu); staff have their employers' lists.
  web.get('/app/organisation', (c) => {
    const { employerId } = c.get('actor');
    return employerId ? c.redirect(`/app/employers/${employerId}`, 303) : c.redirect('/app', 303);
  });

  web.post('/app/employers/:id/conditions', async (c) => {
    const actor = c.get('actor');
    staffOnly(actor);
    const id = c.req.param('id');
    const raw = await c.req.parseBody({ all: true });
    // An unticked box sends nothing: the whole form is always posted, so it is a "no".
    const form = { 'commitments.openToConvictions:boolean': 'false', ...raw };
    const parsed = parseForm(ConditionsInput, form);
    const again = (errors: FieldError[], status: number) =>
      renderEmployer(c, deps, id, { form: 'conditions', errors, values: typedValues(form), status });
    if (!parsed.ok) return again(friendly(parsed.errors, parsed.values), 400);
    try {
      const current = await employers.getEmployer(deps, actor, id);
      const { version, commitments } = parsed.value;
      await employers.updateEmployer(deps, actor, id, { commitments: { ...current.commitments, ...commitments } }, version);
      return c.redirect(`/app/employers/${id}?done=conditions`, 303);
    } catch (err) {
      if (err instanceof PreconditionFailedError)
        return again(
          [
            {
              path: 'commitments.openToConvictions',
              message: 'someone changed this employer while you had the page open: check and save again',
            },
          ],
          409,
        );
      const f = formErrors(err, 'commitments.openToConvictions');
      if (!f) throw err;
      return again(f.errors, f.status);
    }
  });

  web.post('/app/employers/:id/interactions', async (c) => {
    const actor = c.get('actor');
    staffOnly(actor);
    const id = c.req.param('id');
    const raw = await c.req.parseBody({ all: true });
    const parsed = parseForm(InteractionCreate, raw);
    // Refilled as typed: the date and time in UK time, not the UTC instant it became.
    if (!parsed.ok)
      return renderEmployer(c, deps, id, { errors: friendly(parsed.errors, parsed.values), values: typedValues(raw), status: 400 });
    try {
      await employers.logInteraction(deps, actor, id, parsed.value);
      return c.redirect(`/app/employers/${id}?done=interaction`, 303);
    } catch (err) {
      const f = formErrors(err, 'summary');
      if (!f) throw err;
      return renderEmployer(c, deps, id, { errors: f.errors, values: typedValues(raw), status: f.status });
    }
  });
}
