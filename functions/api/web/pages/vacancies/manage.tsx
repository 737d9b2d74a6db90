import type { Child } from 'hono/jsx';
import type { AppDeps } from '../../../deps.js';
import { VacancyReopen, type Vacancy } from '../../../../../shared/domain/vacancy.js';
import { PreconditionFailedError, type FieldError } from '../../../../../shared/errors.js';
import * as submissions from '../../../../../shared/use-cases/submissions.js';
import * as vacancies from '../../../../../shared/use-cases/vacancies.js';
import { DateParts, fieldsFor, fmtDate, PostForm, SummaryList, TextArea, TextInput } from '../../components.js';
import { page, type WebContext } from '../../context.js';
import { formErrors, parseForm, plainly, said, typedValues, valueAt, type RawForm, type Values, type Wording } from '../../forms.js';
import { HiddenFields, Panel, StepButton, WarningText, ConfirmOrChange, postedVersion } from '../../patterns.js';
import { staffOnly } from '../../session.js';
import { isFull } from './candidate-details.js';

/*
 * Closing, withdrawing and reopening a vacancy (liaison officers and admins, and an employer user their
 * own employer's, as the API lets them): a page that says what will
 * happen and asks to go ahead (reopening asks why, until when and for how many, then checks the answers),
 * then a confirmation panel saying what happens next and who was told. Each calls the use case the API
 * calls (PATCH /vacancies/{id} with a status, POST /vacancies/{id}/reopen), at the version the page was
 * read at, so a change made in between is shown rather than overridden.
 */

const base = (v: Vacancy) => `/app/vacancies/${v.id}`;

/** What the vacancy may become from the pages, by where it is now (the use case has the last word). */
export function managing(v: Vacancy) {
  return {
    edit: v.status === 'draft' || v.status === 'open' || v.status === 'closed',
    close: v.status === 'open',
    withdraw: v.status === 'draft' || v.status === 'open' || v.status === 'closed',
    reopen: v.status === 'closed' || v.status === 'filled',
  };
}

/** The links to manage a vacancy, on its page. */
export function ManageVacancy({ v }: { v: Vacancy }) {
  const can = managing(v);
  const links = [
    can.edit && [`${base(v)}/edit`, 'Change its details'],
    can.close && [`${base(v)}/close`, 'Close it to new candidates'],
    can.reopen && [`${base(v)}/reopen`, 'Reopen it'],
    can.withdraw && [`${base(v)}/withdraw`, 'Withdraw it'],
  ].filter((x): x is [string, string] => !!x);
  if (!links.length) return null;
  return (
    <>
      <h2 class="govuk-heading-m" id="manage">
        Manage this vacancy
      </h2>
      <ul class="govuk-list">
        {links.map(([href, text]) => (
          <li>
            <a class="govuk-link" href={href}>
              {text}
              <span class="govuk-visually-hidden"> ({v.title})</span>
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}

const inProgress = (v: Vacancy) => v.liveSubmissions ?? 0;
const candidates = (n: number) => (n === 1 ? '1 candidate' : `${n} candidates`);
/** "The candidate in progress", or "The 3 candidates in progress", with the verb that goes with it. */
const theLive = (n: number, one: string, many: string) =>
  n === 1 ? `The candidate in progress ${one}` : `The ${n} candidates in progress ${many}`;

/** The version the page was read at, posted back; a missing or broken one is the version now. */
const versionOf = (raw: RawForm, v: Vacancy) => postedVersion(raw, v.version);

const Version = ({ v }: { v: Vacancy }) => <input type="hidden" name="version:number" value={String(v.version)} />;

const STALE = 'Someone changed this vacancy since you opened this page. Check it as it is now, then try again';

/** The vacancy, for staff or its own employer's user (another employer's is not found); advisers are refused. */
export async function vacancyFor(c: WebContext, deps: AppDeps, id: string) {
  const actor = c.get('actor');
  if (actor.role !== 'employer') staffOnly(actor);
  return vacancies.getVacancy(deps, actor, id);
}

/** The employer as the page speaks of them: "you" to their own user, by name to staff. */
const employerWords = (c: WebContext) =>
  c.get('actor').role === 'employer'
    ? { decide: 'you still decide', told: 'you are told about those you had been shown', theirRecord: 'your vacancies' }
    : {
        decide: 'the employer still decides',
        told: 'the employer is told about those they had been shown',
        theirRecord: 'the employer’s record',
      };

/** Who hears of the vacancy's change of status (the notifier's `vacancy.*` events): never whoever made it. */
const toldOfStatus = (c: WebContext, what: string) =>
  c.get('actor').role === 'employer'
    ? `Your account manager has been sent a notification that it is ${what}.`
    : `The employer has been sent a notification that it is ${what}, and so has its account manager unless that is you.`;

/**
 * A confirmation page, once the vacancy is in the state it confirms (an old link goes back to the
 * vacancy): the panel with the vacancy's title and one more line, what follows, and the way back.
 */
async function confirmation(
  c: WebContext,
  deps: AppDeps,
  id: string,
  status: Vacancy['status'],
  title: string,
  line: (v: Vacancy) => Child,
  rest: (v: Vacancy) => Child | Promise<Child>,
) {
  const v = await vacancyFor(c, deps, id);
  if (v.status !== status) return back(c, v);
  const after = await rest(v);
  return page(
    c,
    { title, current: '/app/vacancies' },
    <>
      <Panel title={title}>
        {v.title}
        <br />
        {line(v)}
      </Panel>
      {after}
      <p class="govuk-body">
        <a class="govuk-link" href={base(v)}>
          Go to the vacancy
        </a>
      </p>
    </>,
  );
}

/* Closing ---------------------------------------------------------------------------------------- */

function renderClose(c: WebContext, v: Vacancy, errors?: FieldError[], status?: number) {
  const n = inProgress(v);
  return page(
    c,
    { title: `Close ${v.title} to new candidates`, current: '/app/vacancies', errors, status },
    <>
      <a class="govuk-back-link" href={base(v)}>
        Back to the vacancy
      </a>
      <span class="govuk-caption-l">
        {v.title}, {v.employerName}
      </span>
      <h1 class="govuk-heading-l">Close this vacancy to new candidates?</h1>
      <p class="govuk-body">
        {c.get('actor').role === 'employer'
          ? 'Close it when you want no more candidates, for example once you have enough to interview.'
          : 'Close it when the employer wants no more candidates, for example once they have enough to interview.'}
      </p>
      <ul class="govuk-list govuk-list--bullet">
        <li>Advisers can no longer put anyone forward for it, and it leaves their participants’ suggested jobs.</li>
        <li>
          {n
            ? `${theLive(n, 'carries on', 'carry on')}: ${employerWords(c).decide} on them.`
            : 'Nobody is in progress for it, so nobody is affected.'}
        </li>
        <li>You can reopen it later, with a reason and a new closing date.</li>
      </ul>
      <PostForm c={c} action={`${base(v)}/close`}>
        <Version v={v} />
        <div class="govuk-button-group" id="close">
          <StepButton step="close">Close vacancy</StepButton>
          <a class="govuk-link" href={base(v)}>
            Cancel
          </a>
        </div>
      </PostForm>
    </>,
  );
}

/** A page for a change the vacancy cannot take now (an old link) goes back to the vacancy, which offers what it can. */
const back = (c: WebContext, v: Vacancy) => c.redirect(base(v), 303);

export const closedPage = (c: WebContext, deps: AppDeps, id: string) =>
  confirmation(
    c,
    deps,
    id,
    'closed',
    'Vacancy closed',
    (v) => v.employerName,
    (v) => {
      const n = inProgress(v);
      return (
        <>
          <h2 class="govuk-heading-m">What happens next</h2>
          <p class="govuk-body">
            Nobody new can be put forward for it.{' '}
            {n ? `${theLive(n, 'carries on', 'carry on')}, and ${employerWords(c).decide} on them.` : 'Nobody was in progress for it.'}
          </p>
          <p class="govuk-body">{toldOfStatus(c, 'closed')}</p>
        </>
      );
    },
  );

/* Withdrawing ------------------------------------------------------------------------------------ */

function renderWithdraw(c: WebContext, v: Vacancy, errors?: FieldError[], status?: number) {
  const n = inProgress(v);
  return page(
    c,
    { title: `Withdraw ${v.title}`, current: '/app/vacancies', errors, status },
    <>
      <a class="govuk-back-link" href={base(v)}>
        Back to the vacancy
      </a>
      <span class="govuk-caption-l">
        {v.title}, {v.employerName}
      </span>
      <h1 class="govuk-heading-l">Withdraw this vacancy?</h1>
      <p class="govuk-body">Withdraw it when the job is no longer there: the employer has cancelled it, or it was recorded by mistake.</p>
      <WarningText>A withdrawn vacancy cannot be reopened.</WarningText>
      <ul class="govuk-list govuk-list--bullet">
        <li>Nobody can be put forward for it again.</li>
        <li>
          {n
            ? `${theLive(n, 'is', 'are')} withdrawn. Their advisers and the liaison officers who put them forward are told, and ${employerWords(c).told}.`
            : 'Nobody is in progress for it.'}
        </li>
        <li>
          {c.get('actor').role === 'employer'
            ? 'Your account manager is told it is withdrawn.'
            : 'The employer and its account manager are told it is withdrawn (not you, if you manage its account).'}
        </li>
      </ul>
      <PostForm c={c} action={`${base(v)}/withdraw`}>
        <Version v={v} />
        <div class="govuk-button-group" id="withdraw">
          <StepButton step="withdraw" warning>
            Withdraw vacancy
          </StepButton>
          <a class="govuk-link" href={base(v)}>
            Cancel
          </a>
        </div>
      </PostForm>
    </>,
  );
}

/**
 * Closing and withdrawing ask the same way: a page when the vacancy can take the change (an old link goes
 * back to the vacancy), then the status at the version the page was read at; a change made in between
 * shows the page again as the vacancy is now, and a refusal says what it is.
 */
function statusChange(step: 'close' | 'withdraw', status: 'closed' | 'withdrawn', render: typeof renderClose) {
  return {
    page: async (c: WebContext, deps: AppDeps, id: string) => {
      const v = await vacancyFor(c, deps, id);
      return managing(v)[step] ? render(c, v) : back(c, v);
    },
    post: async (c: WebContext, deps: AppDeps, id: string) => {
      const v = await vacancyFor(c, deps, id);
      const raw = await c.req.parseBody({ all: true });
      try {
        await vacancies.updateVacancy(deps, c.get('actor'), id, { status }, versionOf(raw, v));
        return c.redirect(`${base(v)}/${status}`, 303);
      } catch (err) {
        if (err instanceof PreconditionFailedError) return render(c, await vacancyFor(c, deps, id), [said(step, STALE)], 409);
        const f = formErrors(err, step);
        if (!f) throw err;
        return render(c, v, [said(step, `You cannot ${step} it: it is ${v.status}`)], f.status);
      }
    },
  };
}

const closing = statusChange('close', 'closed', renderClose);
export const closePage = closing.page;
export const postClose = closing.post;
const withdrawing = statusChange('withdraw', 'withdrawn', renderWithdraw);
export const withdrawPage = withdrawing.page;
export const postWithdraw = withdrawing.post;

/** The candidates the withdrawal let go, read from the vacancy's submissions (at most its shortlist's size). */
async function withdrawnWithIt(c: WebContext, deps: AppDeps, v: Vacancy) {
  let n = 0;
  let cursor: string | undefined;
  do {
    const res = await submissions.listForVacancy(deps, c.get('actor'), v.id, { limit: 100, cursor });
    n += res.items.filter(isFull).filter((s) => s.state === 'withdrawn' && s.outcome?.reasonCode === 'vacancy-withdrawn').length;
    cursor = res.nextCursor ?? undefined;
  } while (cursor);
  return n;
}

export const withdrawnPage = (c: WebContext, deps: AppDeps, id: string) =>
  confirmation(
    c,
    deps,
    id,
    'withdrawn',
    'Vacancy withdrawn',
    (v) => v.employerName,
    async (v) => {
      // An employer user sees only the candidates put to them, so the page cannot count the others for them.
      const byEmployer = c.get('actor').role === 'employer';
      const n = byEmployer ? 0 : await withdrawnWithIt(c, deps, v);
      return (
        <>
          <h2 class="govuk-heading-m">Who was told</h2>
          <p class="govuk-body">
            {byEmployer
              ? 'Anyone in progress for it was withdrawn. Their advisers and the liaison officers who put them forward have been sent a notification, and you have been told about those you had been shown.'
              : n
                ? `${candidates(n)} in progress ${n === 1 ? 'was' : 'were'} withdrawn. Their advisers and the liaison officers who put them forward have been sent a notification, and the employer has been told about those they had been shown.`
                : 'Nobody was in progress for it.'}
          </p>
          <p class="govuk-body">{toldOfStatus(c, 'withdrawn')}</p>
          <h2 class="govuk-heading-m">What happens next</h2>
          <p class="govuk-body">
            It stays on {employerWords(c).theirRecord} as withdrawn. If the job comes back,{' '}
            {c.get('actor').role === 'employer' ? 'post it as a new vacancy.' : 'take it as a new vacancy.'}
          </p>
        </>
      );
    },
  );

/* Reopening -------------------------------------------------------------------------------------- */

const REOPEN_WORDING: Wording = {
  reason: { missing: 'Enter why it is being reopened' },
  closingDate: { missing: 'Enter the new closing date' },
  positions: {},
};

/** The reopen answers, checked as the API checks them; the date input's three boxes read as missing only when all are empty. */
function checkReopen(raw: RawForm) {
  const { step: _step, 'version:number': _version, ...answers } = raw;
  const values = typedValues(answers);
  // An empty number of positions is left out by the form's parsing: the vacancy keeps its own.
  const parsed = parseForm(VacancyReopen, answers);
  return { answers, values, value: parsed.ok ? parsed.value : undefined, errors: parsed.ok ? [] : sayReopen(parsed.errors, values) };
}

function sayReopen(errors: FieldError[], values: Values) {
  const flat: Values = Object.assign(Object.create(null), values, {
    closingDate: ['day', 'month', 'year'].map((p) => valueAt(values, `closingDate.${p}`)).join(''),
  });
  return plainly(errors, flat, REOPEN_WORDING);
}

function renderReopen(c: WebContext, v: Vacancy, values: Values, version: number, errors?: FieldError[], status?: number) {
  const f = fieldsFor(values, errors);
  return page(
    c,
    { title: `Reopen ${v.title}`, current: '/app/vacancies', errors, status },
    <>
      <a class="govuk-back-link" href={base(v)}>
        Back to the vacancy
      </a>
      <span class="govuk-caption-l">
        {v.title}, {v.employerName}
      </span>
      <h1 class="govuk-heading-l">Reopen this vacancy</h1>
      <p class="govuk-body">
        It is {v.status}, with {v.filledPositions} of {v.positions} positions filled. Reopened, it is open to candidates again until the new
        closing date.
      </p>
      <PostForm c={c} action={`${base(v)}/reopen`}>
        <input type="hidden" name="version:number" value={String(version)} />
        <TextArea
          {...f.field('reason')}
          label="Why is it being reopened?"
          hint="Kept in its history, for example: the employer needs two more people for the Christmas rush"
          rows={3}
        />
        <DateParts {...f.date('closingDate')} legend="New closing date" hint="For example, 31 1 2027" />
        <TextInput
          {...f.field('positions:number')}
          label="Number of positions (optional)"
          hint={
            v.status === 'filled'
              ? `All ${v.positions} are filled: give the new number in all, more than ${v.filledPositions}`
              : `Leave it empty to keep ${v.positions}`
          }
          width="4"
          inputmode="numeric"
        />
        <button type="submit" class="govuk-button" data-module="govuk-button">
          Continue
        </button>
      </PostForm>
    </>,
  );
}

export async function reopenPage(c: WebContext, deps: AppDeps, id: string) {
  const v = await vacancyFor(c, deps, id);
  return managing(v).reopen ? renderReopen(c, v, undefined, v.version) : back(c, v);
}

/** By the step its button names: none checks the answers; `change` shows them again; `reopen` reopens at the version first read. */
export async function postReopen(c: WebContext, deps: AppDeps, id: string) {
  const v = await vacancyFor(c, deps, id);
  const raw = await c.req.parseBody({ all: true });
  const version = versionOf(raw, v);
  const { answers, values, value, errors } = checkReopen(raw);
  if (raw.step === 'change') return renderReopen(c, v, values, version);
  if (!value) return renderReopen(c, v, values, version, errors, 400);
  if (raw.step !== 'reopen') {
    return page(
      c,
      { title: 'Check your answers before reopening the vacancy', current: '/app/vacancies' },
      <>
        <span class="govuk-caption-l">
          {v.title}, {v.employerName}
        </span>
        <h1 class="govuk-heading-l">Check your answers before reopening the vacancy</h1>
        <SummaryList
          rows={[
            ['Why', value.reason],
            ['New closing date', fmtDate(value.closingDate)],
            ['Positions', value.positions === undefined ? `${v.positions}, as now` : String(value.positions)],
          ]}
        />
        <PostForm c={c} action={`${base(v)}/reopen`}>
          <input type="hidden" name="version:number" value={String(version)} />
          <HiddenFields form={answers} />
          <p class="govuk-body">
            It opens to candidates at once: liaison officers can put people forward and it is back in participants’ suggested jobs.
          </p>
          <ConfirmOrChange step="reopen">Reopen vacancy</ConfirmOrChange>
        </PostForm>
      </>,
    );
  }
  try {
    await vacancies.reopenVacancy(deps, c.get('actor'), id, value, version);
    return c.redirect(`${base(v)}/reopened`, 303);
  } catch (err) {
    if (err instanceof PreconditionFailedError) {
      const now = await vacancyFor(c, deps, id);
      return renderReopen(c, now, values, now.version, [said('reason', STALE)], 409);
    }
    const f = formErrors(err, 'reason');
    if (!f) throw err;
    return renderReopen(c, v, values, version, reopenRefusal(v, f.errors, values), f.status);
  }
}

/** The use case's refusals in people's words: a vacancy not closed or filled (no field), a date gone by, too few positions. */
function reopenRefusal(v: Vacancy, errors: FieldError[], values: Values): FieldError[] {
  return sayReopen(
    errors.map((e) => {
      if (e.path === 'closingDate' && /past/.test(e.message))
        return said('closingDate', 'The new closing date must be today or in the future');
      if (e.path === 'positions') return said('positions', `Enter more than ${v.filledPositions}: that many positions are filled already`);
      if (e.path === 'reason' && /Only a closed or filled/.test(e.message))
        return said('reason', `You cannot reopen it: it is ${v.status}`);
      return e;
    }),
    values,
  );
}

export const reopenedPage = (c: WebContext, deps: AppDeps, id: string) =>
  confirmation(
    c,
    deps,
    id,
    'open',
    'Vacancy reopened',
    (v) => `Open until ${fmtDate(v.closingDate)}`,
    (v) => (
      <>
        <h2 class="govuk-heading-m">What happens next</h2>
        <p class="govuk-body">
          Liaison officers can put people forward for its {v.positions - v.filledPositions} open{' '}
          {v.positions - v.filledPositions === 1 ? 'position' : 'positions'}, and it is back in participants’ suggested jobs.
        </p>
        <p class="govuk-body">{toldOfStatus(c, 'open again')}</p>
      </>
    ),
  );
