import type { Child } from 'hono/jsx';
import type { Hono } from 'hono';
import { ContractEnd, ContractRecord, ShareRequest, type SharedVacancy } from '../../../../shared/domain/supply-chain.js';
import type { FieldError } from '../../../../shared/errors.js';
import * as chain from '../../../../shared/use-cases/supply-chain.js';
import * as proposals from '../../../../shared/use-cases/supply-chain-proposals.js';
import { AgreementInput } from '../../../../shared/domain/submission.js';
import {
  CHAIN_CONTACT_DAYS,
  ChainProposalRequest,
  type ChainCandidate,
  type ChainContact,
} from '../../../../shared/domain/supply-chain.js';
import * as vacancies from '../../../../shared/use-cases/vacancies.js';
import type { AppDeps } from '../../deps.js';
import {
  Button,
  Choices,
  DateParts,
  DoneBanner,
  fieldsFor,
  fmtDate,
  fmtDateTime,
  NextPage,
  PostForm,
  SummaryList,
  Table,
  Tag,
  TextInput,
  words,
} from '../components.js';
import { page, type WebContext, type WebEnv } from '../context.js';
import { formErrors, friendly, parseForm, typedValues, type RawForm, type Values } from '../forms.js';
import { VACANCY_STATUS_TAG } from '../labels.js';
import { CheckAnswersForm, Panel } from '../patterns.js';
import { CandidateDetails } from './vacancies/candidate-details.js';
import { jobRows } from './vacancies/job-rows.js';

/*
 * Supply chains on the pages: the organisation and its contracts (`/app/supply-chain`, admins record and
 * end contracts there), a prime's "Share with your supply chain" task on its vacancy, and for a
 * subcontractor's staff the vacancies shared with them, each showing only what crosses the boundary.
 */

const KIND_WORDS = { standalone: 'A standalone provider', prime: 'A prime provider', subcontractor: 'A subcontractor' } as const;

const CHAIN_DONE = { recorded: 'Contract recorded', ended: 'Contract ended' };

async function chainPage(c: WebContext, deps: AppDeps, form?: { errors: FieldError[]; values: Values; status: number }) {
  const actor = c.get('actor');
  const view = await chain.supplyChainOf(deps, actor);
  const asPrime = view.organisation.kind !== 'subcontractor';
  const f = fieldsFor(form?.values, form?.errors);
  return page(
    c,
    { title: 'Supply chain', current: '/app/supply-chain', errors: form?.errors, status: form?.status },
    <>
      <DoneBanner c={c} messages={CHAIN_DONE} />
      <span class="govuk-caption-l">{view.organisation.name}</span>
      <h1 class="govuk-heading-l">Supply chain</h1>
      <p class="govuk-body">{KIND_WORDS[view.organisation.kind]}.</p>
      {view.contracts.length ? (
        <Table
          caption={asPrime ? 'Our subcontractors' : 'The primes we serve'}
          head={[asPrime ? 'Subcontractor' : 'Prime', 'Starts', 'Ends', 'Status', ...(asPrime && actor.role === 'admin' ? [''] : [])]}
        >
          {view.contracts.map((k) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">{k.otherName}</td>
              <td class="govuk-table__cell">{fmtDate(k.startDate)}</td>
              <td class="govuk-table__cell">{k.endDate ? fmtDate(k.endDate) : 'No end date'}</td>
              <td class="govuk-table__cell">{k.live ? <Tag colour="green">Live</Tag> : <Tag colour="grey">Not live</Tag>}</td>
              {asPrime && actor.role === 'admin' ? (
                <td class="govuk-table__cell">
                  <a class="govuk-link" href={`/app/supply-chain/contracts/${k.subcontractorOrgId}/end`}>
                    End<span class="govuk-visually-hidden"> the contract with {k.otherName}</span>
                  </a>
                </td>
              ) : null}
            </tr>
          ))}
        </Table>
      ) : (
        <p class="govuk-body">No contracts are recorded.</p>
      )}
      {view.organisation.kind === 'subcontractor' ? (
        <p class="govuk-body">
          <a class="govuk-link" href="/app/shared-vacancies">
            Vacancies shared with us
          </a>
        </p>
      ) : null}
      {asPrime && actor.role === 'admin' ? (
        <>
          <h2 class="govuk-heading-m">Record a contract with a subcontractor</h2>
          <PostForm c={c} action="/app/supply-chain/contracts">
            <TextInput
              {...f.field('subcontractorOrgId')}
              label="The subcontractor’s organisation id"
              hint="As Routeway knows it: the organisation its staff sign in to"
              width="20"
            />
            <TextInput {...f.field('subcontractorName')} label="The subcontractor’s name" />
            <DateParts id="startDate" name="startDate" legend="Start date" values={form?.values} error={f.field('startDate').error} />
            <DateParts
              id="endDate"
              name="endDate"
              legend="End date (optional)"
              hint="The last day of the contract. For example, 31 3 2027"
              values={form?.values}
              error={f.field('endDate').error}
            />
            <Button>Record the contract</Button>
          </PostForm>
        </>
      ) : null}
    </>,
  );
}

/** Empty optional dates posted by the date input are left out, as if not given. */
function withoutEmptyDates(form: RawForm, ...names: string[]): RawForm {
  const out: RawForm = { ...form };
  for (const n of names)
    if (['day', 'month', 'year'].every((p) => !String(out[`${n}.${p}`] ?? '').trim()))
      for (const p of ['day', 'month', 'year']) delete out[`${n}.${p}`];
  return out;
}

async function endPage(c: WebContext, deps: AppDeps, orgId: string, form?: { errors: FieldError[]; values: Values; status: number }) {
  const view = await chain.supplyChainOf(deps, c.get('actor'));
  const k = view.contracts.find((x) => x.subcontractorOrgId === orgId && x.primeOrgId === view.organisation.id);
  if (!k) return chainPage(c, deps);
  return page(
    c,
    { title: `End the contract with ${k.otherName}`, current: '/app/supply-chain', errors: form?.errors, status: form?.status },
    <>
      <a class="govuk-back-link" href="/app/supply-chain">
        Back to the supply chain
      </a>
      <PostForm c={c} action={`/app/supply-chain/contracts/${orgId}/end`}>
        <h1 class="govuk-heading-l">End the contract with {k.otherName}</h1>
        <p class="govuk-body">
          From the day after its last day, {k.otherName} no longer sees the vacancies you shared with it. It started on{' '}
          {fmtDate(k.startDate)}.
        </p>
        <DateParts
          id="endDate"
          name="endDate"
          legend="Last day of the contract"
          values={form?.values ?? (k.endDate ? { endDate: k.endDate } : undefined)}
          error={form?.errors.find((e) => e.path === 'endDate')?.message}
        />
        <Button>End the contract</Button>
      </PostForm>
    </>,
  );
}

/* Sharing a vacancy ------------------------------------------------------------------------------ */

const SHARE_WORDING: Record<string, string> = {
  with: 'Choose whom to share the vacancy with',
  orgIds: 'Choose at least one subcontractor',
};

/** The share form as the schema takes it: the subcontractors ticked count only when sharing with those chosen. */
function shareAnswers(form: RawForm): RawForm {
  const { step: _s, csrf: _c, ...rest } = form;
  return rest.with === 'chain' ? { with: 'chain' } : rest;
}

/** The wording for a field of the share form; a posted name like `valueOf` is not one of them (no prototype lookup). */
const shareWording = (path: string): string | undefined => {
  const field = path.split('.')[0]!;
  return Object.hasOwn(SHARE_WORDING, field) ? SHARE_WORDING[field] : undefined;
};

async function shareQuestion(c: WebContext, deps: AppDeps, id: string, form?: { errors: FieldError[]; values: Values; status: number }) {
  const actor = c.get('actor');
  const [state, v] = await Promise.all([chain.shareOf(deps, actor, id), vacancies.getVacancy(deps, actor, id)]);
  const values = form?.values ?? (state.share ? { with: state.share.with, orgIds: state.share.orgIds } : undefined);
  const chosen = Array.isArray((values as { orgIds?: unknown })?.orgIds) ? ((values as { orgIds: string[] }).orgIds ?? []) : [];
  const errorOf = (p: string) => form?.errors.find((e) => e.path === p || e.path.startsWith(`${p}.`))?.message;
  return page(
    c,
    { title: `Share ${v.title} with your supply chain`, current: '/app/vacancies', errors: form?.errors, status: form?.status },
    <>
      <a class="govuk-back-link" href={`/app/vacancies/${id}`}>
        Back to {v.title}
      </a>
      <span class="govuk-caption-l">{v.title}</span>
      <h1 class="govuk-heading-l">Share with your supply chain</h1>
      <p class="govuk-body">
        Their staff will see the job, the employer’s name and the place of work. They will not see your candidates, your notes or your
        records of the employer.
      </p>
      {state.subcontractors.length === 0 ? (
        <p class="govuk-body">You have no subcontractor with a live contract to share with.</p>
      ) : (
        <PostForm c={c} action={`/app/vacancies/${id}/share`}>
          <input type="hidden" name="step" value="check" />
          <Choices
            kind="radios"
            id="with"
            name="with"
            legend="Who should see this vacancy?"
            options={[
              ['chain', `All our subcontractors (${state.subcontractors.length})`, 'Those with a live contract today'],
              ['chosen', 'Only the subcontractors I choose'],
            ]}
            checked={[String((values as { with?: string })?.with ?? '')]}
            error={errorOf('with')}
          />
          <Choices
            kind="checkboxes"
            id="orgIds"
            name="orgIds[]"
            legend="Which subcontractors?"
            hint="Only if you chose “Only the subcontractors I choose”"
            options={state.subcontractors.map((s) => [s.id, s.name] as const)}
            checked={chosen}
            error={errorOf('orgIds')}
          />
          <Button>Continue</Button>
        </PostForm>
      )}
    </>,
  );
}

const namesOf = (ids: readonly string[], subs: readonly { id: string; name: string }[]) =>
  ids.map((o) => subs.find((s) => s.id === o)?.name ?? o);

async function postShare(c: WebContext, deps: AppDeps, id: string) {
  const actor = c.get('actor');
  const posted = (await c.req.parseBody({ all: true })) as RawForm;
  const answers = shareAnswers(posted);
  const parsed = parseForm(ShareRequest, answers);
  const refused = (errors: FieldError[], status = 400) =>
    shareQuestion(c, deps, id, {
      errors: friendly(errors, typedValues(answers)).map((e) => ({ ...e, message: shareWording(e.path) ?? e.message })),
      values: typedValues(answers),
      status,
    });
  if (posted.step === 'change') return shareQuestion(c, deps, id, { errors: [], values: typedValues(answers), status: 200 });
  if (!parsed.ok) return refused(parsed.errors);
  const state = await chain.shareOf(deps, actor, id);
  if (posted.step !== 'confirm') {
    const v = await vacancies.getVacancy(deps, actor, id);
    const reach = parsed.value.with === 'chain' ? state.subcontractors.map((s) => s.id) : (parsed.value.orgIds ?? []);
    return page(
      c,
      { title: `Check before you share ${v.title}`, current: '/app/vacancies' },
      <>
        <span class="govuk-caption-l">{v.title}</span>
        <h1 class="govuk-heading-l">Check before you share</h1>
        <SummaryList
          rows={[
            ['Vacancy', v.title],
            ['Shared with', parsed.value.with === 'chain' ? 'All our subcontractors' : 'The subcontractors chosen'],
            ['Who can see it', namesOf(reach, state.subcontractors).join(', ')],
          ]}
        />
        <CheckAnswersForm c={c} action={`/app/vacancies/${id}/share`} answers={answers} confirm="Share the vacancy" />
      </>,
    );
  }
  try {
    await chain.shareVacancy(deps, actor, id, parsed.value);
  } catch (err) {
    const f = formErrors(err, 'with');
    if (!f) throw err;
    return refused(f.errors, f.status);
  }
  return c.redirect(`/app/vacancies/${id}/share/done`, 303);
}

async function sharedPanel(c: WebContext, deps: AppDeps, id: string) {
  const actor = c.get('actor');
  const [state, v] = await Promise.all([chain.shareOf(deps, actor, id), vacancies.getVacancy(deps, actor, id)]);
  const names = state.share ? namesOf(state.share.orgIds, state.subcontractors) : [];
  return page(
    c,
    { title: state.share ? 'Vacancy shared' : 'Vacancy not shared', current: '/app/vacancies' },
    <>
      {state.share ? (
        <Panel title="Vacancy shared">
          {v.title} can now be seen by {names.join(', ')}
        </Panel>
      ) : (
        <Panel title="Vacancy no longer shared">No one outside your organisation can see {v.title}</Panel>
      )}
      <p class="govuk-body">
        <a class="govuk-link" href={`/app/vacancies/${id}`}>
          Back to {v.title}
        </a>
      </p>
    </>,
  );
}

/** On the prime's vacancy page (liaison officers and admins): with whom it is shared, and the task to share or withdraw it. */
export function ShareTask({ c, vacancyId, open, state }: { c: WebContext; vacancyId: string; open: boolean; state: chain.ShareState }) {
  if (!state.share && (!open || !state.subcontractors.length)) return null;
  const names = state.share ? namesOf(state.share.orgIds, state.subcontractors) : [];
  return (
    <>
      <h2 class="govuk-heading-m" id="supply-chain">
        Your supply chain
      </h2>
      {state.share ? (
        <p class="govuk-body">
          Shared with {names.join(', ')} on {fmtDateTime(state.share.sharedAt)}.
        </p>
      ) : (
        <p class="govuk-body">Not shared: only your organisation can see this vacancy.</p>
      )}
      <div class="govuk-button-group">
        {open && state.subcontractors.length ? (
          <a class="govuk-button govuk-button--secondary" href={`/app/vacancies/${vacancyId}/share`} data-module="govuk-button">
            {state.share ? 'Change who it is shared with' : 'Share with your supply chain'}
          </a>
        ) : null}
      </div>
      {state.share ? (
        <PostForm c={c} action={`/app/vacancies/${vacancyId}/share/withdraw`}>
          <Button secondary id="withdraw-share">
            Stop sharing
          </Button>
        </PostForm>
      ) : null}
    </>
  );
}

/* Shared with us --------------------------------------------------------------------------------- */

async function sharedList(c: WebContext, deps: AppDeps) {
  const list = await chain.listSharedWithMe(deps, c.get('actor'), { limit: 50, cursor: c.req.query('cursor') });
  return page(
    c,
    { title: 'Vacancies shared with us', current: '/app/shared-vacancies' },
    <>
      <h1 class="govuk-heading-l">Vacancies shared with us</h1>
      <p class="govuk-body">Vacancies the primes we work for have shared with our organisation.</p>
      {list.items.length ? (
        <Table caption="Shared vacancies" head={['Vacancy', 'Employer', 'Place of work', 'Shared by', 'Closing date']}>
          {list.items.map((v) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">
                <a class="govuk-link" href={`/app/shared-vacancies/${v.primeOrgId}/${v.id}`}>
                  {v.title}
                </a>
              </td>
              <td class="govuk-table__cell">{v.employerName}</td>
              <td class="govuk-table__cell">{[v.site.town, v.site.postcode].filter(Boolean).join(', ')}</td>
              <td class="govuk-table__cell">{v.primeName}</td>
              <td class="govuk-table__cell">{fmtDate(v.closingDate)}</td>
            </tr>
          ))}
        </Table>
      ) : (
        <p class="govuk-body">No vacancies are shared with your organisation at the moment.</p>
      )}
      <NextPage href={list.nextCursor ? `/app/shared-vacancies?cursor=${encodeURIComponent(list.nextCursor)}` : undefined} />
    </>,
  );
}

/** The shared vacancy's rows: only the fields of `SharedVacancy`, what crosses the organisation boundary. */
export function sharedRows(v: SharedVacancy): [string, Child][] {
  return [
    ['Employer', v.employerName],
    ['Shared by', `${v.primeName} on ${fmtDateTime(v.sharedAt)}`],
    ['Status', <Tag colour={VACANCY_STATUS_TAG[v.status]}>{v.status}</Tag>],
    ['Occupation', v.occupation.title],
    ['Sector', words(v.sector)],
    ['Place of work', [v.site.town, v.site.postcode].filter(Boolean).join(', ')],
    ['Positions', `${v.positions}`],
    ...jobRows(v),
  ];
}

const PROPOSAL_DONE = {
  proposed: 'Proposed: their adviser is asked to agree',
  agreed: 'Agreed: the prime can now see what they consented to share',
  declined: 'Declined',
};
const PROPOSAL_TAG = {
  proposed: ['Waiting for their adviser', 'blue'],
  agreed: ['Agreed', 'green'],
  declined: ['Declined', 'grey'],
} as const;

async function sharedVacancyPage(c: WebContext, deps: AppDeps, primeOrgId: string, id: string, errors?: FieldError[], status?: number) {
  const actor = c.get('actor');
  const v = await chain.getSharedVacancy(deps, actor, primeOrgId, id);
  const [m, mine] = await Promise.all([
    proposals.sharedVacancyMatches(deps, actor, primeOrgId, id),
    proposals.listSharedProposals(deps, actor, primeOrgId, id),
  ]);
  const base = `/app/shared-vacancies/${primeOrgId}/${id}`;
  return page(
    c,
    { title: v.title, current: '/app/shared-vacancies', errors, status },
    <>
      <a class="govuk-back-link" href="/app/shared-vacancies">
        Back to vacancies shared with us
      </a>
      <DoneBanner c={c} messages={PROPOSAL_DONE} />
      <span class="govuk-caption-l">Shared by {v.primeName}</span>
      <h1 class="govuk-heading-l">{v.title}</h1>
      {v.description ? <p class="govuk-body">{v.description}</p> : null}
      <SummaryList rows={sharedRows(v)} />
      <h2 class="govuk-heading-m" id="matches">
        From our caseload
      </h2>
      <p class="govuk-body">
        Our own participants who could suit the job. {v.primeName} sees nobody until their adviser agrees, and then only what they consented
        to share.
      </p>
      {m.candidates.length ? (
        <Table caption="Best matches from our caseload" head={['Name', { numeric: 'Score' }, '']}>
          {m.candidates.map((x) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">{x.name}</td>
              <td class="govuk-table__cell govuk-table__cell--numeric">{x.score}</td>
              <td class="govuk-table__cell">
                <PostForm c={c} action={`${base}/proposals`}>
                  <input type="hidden" name="participantId" value={x.participantId} />
                  <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
                    Propose<span class="govuk-visually-hidden"> {x.name}</span>
                  </button>
                </PostForm>
              </td>
            </tr>
          ))}
        </Table>
      ) : (
        <p class="govuk-body">Nobody on our caseload nearby meets the must-haves of this job right now.</p>
      )}
      <h2 class="govuk-heading-m" id="proposed">
        Proposed
      </h2>
      {mine.length ? (
        <Table caption="Our participants proposed for this vacancy" head={['Name', 'Reference', 'Proposed', 'Status', '']}>
          {mine.map((p) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">{p.participantName}</td>
              <td class="govuk-table__cell">{p.candidateRef}</td>
              <td class="govuk-table__cell">{fmtDateTime(p.proposedAt)}</td>
              <td class="govuk-table__cell">
                <Tag colour={PROPOSAL_TAG[p.state][1]}>{PROPOSAL_TAG[p.state][0]}</Tag>
              </td>
              <td class="govuk-table__cell">
                {p.state === 'proposed' && (p.adviserId === actor.sub || actor.role === 'admin') ? (
                  <PostForm c={c} action={`${base}/proposals/${p.id}/agreement`}>
                    <div class="govuk-button-group govuk-!-margin-bottom-0">
                      <button
                        type="submit"
                        name="agreed:boolean"
                        value="true"
                        class="govuk-button govuk-!-margin-bottom-0"
                        data-module="govuk-button"
                      >
                        Agree<span class="govuk-visually-hidden"> for {p.participantName}</span>
                      </button>
                      <button
                        type="submit"
                        name="agreed:boolean"
                        value="false"
                        class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                        data-module="govuk-button"
                      >
                        Decline<span class="govuk-visually-hidden"> for {p.participantName}</span>
                      </button>
                    </div>
                  </PostForm>
                ) : null}
              </td>
            </tr>
          ))}
        </Table>
      ) : (
        <p class="govuk-body">Nobody from our caseload has been proposed yet.</p>
      )}
    </>,
  );
}

/** On the prime's vacancy page: candidates its supply chain proposed, a reference until their adviser agrees. */
export function ChainCandidates({ items }: { items: readonly ChainCandidate[] }) {
  if (!items.length) return null;
  return (
    <>
      <h2 class="govuk-heading-m" id="chain-candidates">
        Candidates from your supply chain
      </h2>
      <p class="govuk-body">
        Proposed by your subcontractors from their own caseloads. You see each person only as they consented, once their adviser agrees;
        talk to the subcontractor about next steps.
      </p>
      {items.map((k) => (
        <div class="govuk-summary-card">
          <div class="govuk-summary-card__title-wrapper">
            <h3 class="govuk-summary-card__title">
              Candidate {k.candidateRef} from {k.fromOrgName}
            </h3>
          </div>
          <div class="govuk-summary-card__content">
            {k.view ? (
              <CandidateDetails candidate={k.view} />
            ) : (
              <SummaryList
                rows={[
                  ['Reference', k.candidateRef],
                  ['Status', <Tag colour={PROPOSAL_TAG[k.state][1]}>{PROPOSAL_TAG[k.state][0]}</Tag>],
                  ['Proposed', fmtDateTime(k.proposedAt)],
                ]}
              />
            )}
          </div>
        </div>
      ))}
    </>
  );
}

/**
 * On an employer's page, just before the form that logs a new interaction: who else in the supply chain
 * has been in touch lately (organisation, officer, when, how; never what was said), so nobody calls twice.
 */
export function ChainContacts({ items }: { items: readonly ChainContact[] }) {
  if (!items.length) return null;
  return (
    <div class="govuk-inset-text" id="chain-contacts">
      <h2 class="govuk-heading-s">Others in your supply chain in touch lately</h2>
      <p class="govuk-body">In the last {CHAIN_CONTACT_DAYS} days. Check with them before you get in touch.</p>
      <ul class="govuk-list govuk-list--bullet">
        {items.slice(0, 10).map((k) => (
          <li>
            {k.orgName}: {k.officerName}, {words(k.kind).toLowerCase()} on {fmtDate(k.occurredAt.slice(0, 10))}
          </li>
        ))}
      </ul>
    </div>
  );
}

/* Routes ----------------------------------------------------------------------------------------- */

export function supplyChainPages(web: Hono<WebEnv>, deps: AppDeps): void {
  web.get('/app/supply-chain', (c) => chainPage(c, deps));
  web.post('/app/supply-chain/contracts', async (c) => {
    const form = withoutEmptyDates((await c.req.parseBody({ all: true })) as RawForm, 'endDate');
    const parsed = parseForm(ContractRecord, form);
    const values = typedValues(form);
    if (!parsed.ok) return chainPage(c, deps, { errors: friendly(parsed.errors, values), values, status: 400 });
    try {
      await chain.recordContract(deps, c.get('actor'), parsed.value);
    } catch (err) {
      const f = formErrors(err, 'subcontractorOrgId');
      if (!f) throw err;
      return chainPage(c, deps, { ...f, values });
    }
    return c.redirect('/app/supply-chain?done=recorded', 303);
  });
  web.get('/app/supply-chain/contracts/:org/end', (c) => endPage(c, deps, c.req.param('org')));
  web.post('/app/supply-chain/contracts/:org/end', async (c) => {
    const org = c.req.param('org');
    const form = (await c.req.parseBody({ all: true })) as RawForm;
    const parsed = parseForm(ContractEnd, form);
    const values = typedValues(form);
    if (!parsed.ok) return endPage(c, deps, org, { errors: friendly(parsed.errors, values), values, status: 400 });
    try {
      await chain.endContract(deps, c.get('actor'), org, parsed.value);
    } catch (err) {
      const f = formErrors(err, 'endDate');
      if (!f) throw err;
      return endPage(c, deps, org, { ...f, values });
    }
    return c.redirect('/app/supply-chain?done=ended', 303);
  });

  web.get('/app/vacancies/:id/share', (c) => shareQuestion(c, deps, c.req.param('id')));
  web.post('/app/vacancies/:id/share', (c) => postShare(c, deps, c.req.param('id')));
  web.get('/app/vacancies/:id/share/done', (c) => sharedPanel(c, deps, c.req.param('id')));
  web.post('/app/vacancies/:id/share/withdraw', async (c) => {
    await chain.withdrawShare(deps, c.get('actor'), c.req.param('id'));
    return c.redirect(`/app/vacancies/${c.req.param('id')}/share/done`, 303);
  });

  web.get('/app/shared-vacancies', (c) => sharedList(c, deps));
  web.get('/app/shared-vacancies/:org/:id', (c) => sharedVacancyPage(c, deps, c.req.param('org'), c.req.param('id')));
  web.post('/app/shared-vacancies/:org/:id/proposals', async (c) => {
    const [org, id] = [c.req.param('org'), c.req.param('id')];
    const parsed = parseForm(ChainProposalRequest, (await c.req.parseBody({ all: true })) as RawForm);
    if (!parsed.ok) return sharedVacancyPage(c, deps, org, id, parsed.errors, 400);
    try {
      await proposals.proposeForShared(deps, c.get('actor'), org, id, parsed.value);
    } catch (err) {
      const f = formErrors(err, 'participantId');
      if (!f) throw err;
      return sharedVacancyPage(c, deps, org, id, f.errors, f.status);
    }
    return c.redirect(`/app/shared-vacancies/${org}/${id}?done=proposed#proposed`, 303);
  });
  web.post('/app/shared-vacancies/:org/:id/proposals/:pid/agreement', async (c) => {
    const [org, id] = [c.req.param('org'), c.req.param('id')];
    const parsed = parseForm(AgreementInput, (await c.req.parseBody({ all: true })) as RawForm);
    if (!parsed.ok) return sharedVacancyPage(c, deps, org, id, parsed.errors, 400);
    const done = await proposals.answerSharedProposal(deps, c.get('actor'), org, id, c.req.param('pid'), parsed.value);
    return c.redirect(`/app/shared-vacancies/${org}/${id}?done=${done.state}#proposed`, 303);
  });
}
