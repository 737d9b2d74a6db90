import type { Hono } from 'hono';
import type { z } from 'zod';
import type { AppDeps } from '../../../deps.js';
import type { Actor } from '../../../../../shared/domain/actor.js';
import {
  DecisionInput,
  GuaranteeOverrideInput,
  InterviewInput,
  OfferInput,
  OfferResponseInput,
  OutcomeInput,
  SubmissionCreate,
  TrialInput,
  TrialResultInput,
  type SubmissionState,
} from '../../../../../shared/domain/submission.js';
import { VacancyCreate } from '../../../../../shared/domain/vacancy.js';
import * as offers from '../../../../../shared/use-cases/offers.js';
import * as submissions from '../../../../../shared/use-cases/submissions.js';
import { repeatVacancies } from '../../../../../shared/use-cases/search.js';
import * as vacancies from '../../../../../shared/use-cases/vacancies.js';
import type { WebEnv } from '../../context.js';
import { formErrors, friendly, listAt, parseForm, splitLists, typedValues } from '../../forms.js';
import { sayError } from '../../wording.js';
import { staffOnly } from '../../session.js';
import { renderAction, type Action } from './employer-actions.js';
import { employerNewVacancyPage, postEmployerVacancy, vacancyPostedPage } from './employer-post.js';
import { renderOverride } from './guarantee.js';
import { renderVacancyList } from './list-page.js';
import { vacancyManagePages } from './manage-routes.js';
import { renderNewVacancy, VACANCY_GROUPS } from './vacancy-form.js';
import { answerDone, answerTold, renderVacancy } from './vacancy-page.js';

export function vacancyPages(web: Hono<WebEnv>, deps: AppDeps): void {
  web.get('/app/vacancies', async (c) => {
    // Advisers look through vacancies too (drafts included), for anyone on their caseload they could suit.
    if (c.get('actor').role !== 'adviser') staffOnly(c.get('actor'));
    return renderVacancyList(c, deps);
  });

  web.get('/app/vacancies/new', async (c) => {
    // An employer user posts their own, as a draft for their account manager.
    if (c.get('actor').role === 'employer') return employerNewVacancyPage(c, deps);
    staffOnly(c.get('actor'));
    return renderNewVacancy(c, deps, { employerId: c.req.query('employerId') ?? '', status: 'draft', wage: { period: 'hour' } });
  });

  web.post('/app/vacancies', async (c) => {
    const actor = c.get('actor');
    if (actor.role === 'employer') return postEmployerVacancy(c, deps);
    staffOnly(actor);
    // The skills text boxes post with the skills list's checkboxes: each value may be "a, b".
    const { confirmRepeat, ...form } = splitLists(await c.req.parseBody({ all: true }), 'essentialSkills[]', 'desirableSkills[]');
    const parsed = parseForm(VacancyCreate, form);
    if (!parsed.ok) return renderNewVacancy(c, deps, typedValues(form), friendly(parsed.errors, parsed.values, VACANCY_GROUPS), 400);
    // The same title for the same employer is most likely the same job taken twice: asked once before it is saved.
    if (confirmRepeat !== 'true') {
      const repeats = await repeatVacancies(deps, actor, parsed.value.employerId, parsed.value.title);
      if (repeats.length) return renderNewVacancy(c, deps, typedValues(form), undefined, 200, repeats);
    }
    try {
      const v = await vacancies.createVacancy(deps, actor, parsed.value);
      return c.redirect(`/app/vacancies/${v.id}?done=created`, 303);
    } catch (err) {
      const f = formErrors(err, 'title');
      if (!f) throw err;
      return renderNewVacancy(c, deps, typedValues(form), f.errors, f.status);
    }
  });

  web.get('/app/vacancies/:id', (c) => renderVacancy(c, deps, c.req.param('id')));
  web.get('/app/vacancies/:id/posted', (c) => vacancyPostedPage(c, deps, c.req.param('id')));
  vacancyManagePages(web, deps);

  web.post('/app/vacancies/:id/publish', async (c) => {
    const actor = c.get('actor');
    staffOnly(actor);
    const id = c.req.param('id');
    try {
      await vacancies.updateVacancy(deps, actor, id, { status: 'open' });
      return c.redirect(`/app/vacancies/${id}?done=published`, 303);
    } catch (err) {
      const f = formErrors(err, 'publish');
      if (!f) throw err;
      // The summary links to the publish button: the fields it names are not on this page.
      const errors = f.errors.map((e) => ({ path: 'publish', message: e.path === 'publish' ? e.message : sayError(e) }));
      return renderVacancy(c, deps, id, { errors, status: f.status });
    }
  });

  web.post('/app/vacancies/:id/submissions', async (c) => {
    const actor = c.get('actor');
    staffOnly(actor);
    const id = c.req.param('id');
    const parsed = parseForm(SubmissionCreate, await c.req.parseBody({ all: true }));
    if (!parsed.ok) {
      const chosen = listAt(parsed.values, 'participantIds');
      const message = chosen.length ? 'choose each candidate once, from the list' : 'choose at least one candidate to put forward';
      return renderVacancy(c, deps, id, { errors: [{ path: 'candidates', message }], chosen, status: 400 });
    }
    try {
      const made = await submissions.propose(deps, actor, id, parsed.value);
      return c.redirect(`/app/vacancies/${id}?done=proposed&n=${made.length}`, 303);
    } catch (err) {
      const f = formErrors(err, 'candidates');
      if (!f) throw err;
      // Refusals name candidates by their position in the request: say who, from the names the page shows.
      const ids = parsed.value.participantIds;
      const errors = (names: Map<string, string>) =>
        f.errors.map((e) => {
          const i = /^participantIds\.(\d+)$/.exec(e.path)?.[1];
          const pid = i === undefined ? undefined : ids[Number(i)];
          return { path: 'candidates', message: pid ? `${names.get(pid) ?? 'One candidate'}: ${e.message}` : e.message };
        });
      return renderVacancy(c, deps, id, { errors, chosen: ids, status: f.status });
    }
  });

  /** The employer's answers (employer users, or liaison officers for them): each one form, one use case, then back to the vacancy. */
  const action = <S extends z.ZodType>(
    name: Action,
    schema: S,
    fallback: string,
    run: (
      actor: Actor,
      sid: string,
      input: z.infer<S>,
    ) => Promise<{ vacancyId: string; participantId?: string; state: SubmissionState; proposedBy?: string }>,
  ) =>
    web.post(`/app/submissions/:sid/${name}`, async (c) => {
      // Advisers never record an employer's answer: the use cases (and submissionToAnswer, for a form shown again) refuse them.
      const actor = c.get('actor');
      const sid = c.req.param('sid');
      const raw = await c.req.parseBody({ all: true });
      const parsed = parseForm(schema, raw);
      if (!parsed.ok) return renderAction(c, deps, sid, name, friendly(parsed.errors, parsed.values), typedValues(raw), 400);
      try {
        const done = await run(actor, sid, parsed.value);
        // An adviser (who records only the answer to an offer) goes back to their participant.
        if (actor.role === 'adviser' && done.participantId)
          return c.redirect(`/app/participants/${done.participantId}?done=offer-answered#submissions`, 303);
        // The banner says what was recorded, who was told and what comes next (vacancy-page.tsx).
        const told = answerTold(name, done.state, actor, done.proposedBy);
        return c.redirect(`/app/vacancies/${done.vacancyId}?done=${answerDone(name, done.state)}${told ? `&told=${told}` : ''}`, 303);
      } catch (err) {
        const f = formErrors(err, fallback);
        if (!f) throw err;
        return renderAction(c, deps, sid, name, f.errors, typedValues(raw), f.status);
      }
    });
  action('decision', DecisionInput, 'decision', (actor, sid, input) => submissions.recordDecision(deps, actor, sid, input));

  /** A liaison officer lifts a guaranteed interview, with a reason (the use case refuses anyone else). */
  web.post('/app/submissions/:sid/guarantee-override', async (c) => {
    const actor = c.get('actor');
    const sid = c.req.param('sid');
    const raw = await c.req.parseBody({ all: true });
    const parsed = parseForm(GuaranteeOverrideInput, raw);
    if (!parsed.ok) return renderOverride(c, deps, sid, friendly(parsed.errors, parsed.values), typedValues(raw), 400);
    try {
      const done = await submissions.overrideGuarantee(deps, actor, sid, parsed.value);
      return c.redirect(`/app/vacancies/${done.vacancyId}?done=lifted#submissions`, 303);
    } catch (err) {
      const f = formErrors(err, 'reason');
      if (!f) throw err;
      return renderOverride(c, deps, sid, f.errors, typedValues(raw), f.status);
    }
  });
  action('interview', InterviewInput, 'at', (actor, sid, input) => submissions.bookInterview(deps, actor, sid, input));
  action('trial', TrialInput, 'startsOn', (actor, sid, input) => offers.scheduleTrial(deps, actor, sid, input));
  action('trial-result', TrialResultInput, 'result', (actor, sid, input) => offers.recordTrialResult(deps, actor, sid, input));
  action('offer', OfferInput, 'startDate', (actor, sid, input) => offers.makeOffer(deps, actor, sid, input));
  action('offer-response', OfferResponseInput, 'accepted', (actor, sid, input) => offers.respondToOffer(deps, actor, sid, input));
  action(
    'outcome',
    OutcomeInput,
    'outcome',
    async (actor, sid, input) => (await submissions.recordOutcome(deps, actor, sid, input)).submission,
  );
}
