import type { AppDeps } from '../../../deps.js';
import type { Actor } from '../../../../../shared/domain/actor.js';
import type { Participant, Sensitive } from '../../../../../shared/domain/participant.js';
import { ForbiddenError, NotFoundError } from '../../../../../shared/errors.js';
import { ownsParticipant } from '../../../../../shared/policy.js';
import * as casework from '../../../../../shared/use-cases/casework.js';
import * as matching from '../../../../../shared/use-cases/matching.js';
import * as participants from '../../../../../shared/use-cases/participants.js';
import * as skills from '../../../../../shared/use-cases/skills.js';
import { DoneBanner, LinkList, skillChoiceGroups } from '../../components.js';
import { page, type WebContext } from '../../context.js';
import { peopleFor } from '../../people.js';
import { ADMIN_TASK_LABELS, READINESS_LABELS } from '../../labels.js';
import { CaseworkSummaryBlock, Submissions } from './casework.js';
import { ConsentForm, ConsentSummary } from './consent.js';
import type { Failed } from './failed-forms.js';
import { Profile, ReadinessForm, ReadinessHistory, ReadinessTag, ReferralForm, SkillsForm } from './profile.js';
import { SensitiveForm, SensitiveSummary } from './sensitive.js';
import { Suggestions } from './suggestions.js';

/* The participant page: one person's profile, readiness, sensitive information, consent and casework, each section as far as the reader may see it. */

const DONE: Record<string, string> = {
  readiness: 'Readiness changed',
  sensitive: 'Sensitive information saved',
  consent: 'Consent choices recorded',
  agreed: 'Answer recorded: they agree to be put forward. The employer now sees only what they chose to share.',
  declined: 'Answer recorded: they decline. Declining never counts against them.',
  checkin: 'Check-in recorded',
  'offer-answered': 'Their answer to the job offer is recorded. The employer and the liaison officer have been told.',
  skills: 'Skills saved',
  referral: 'Who referred them saved',
  details: 'Their details saved',
};

/** The participant, or a 404 for anyone who may not see them (employers included). */
async function load(deps: AppDeps, actor: Actor, id: string) {
  try {
    return await participants.getParticipant(deps, actor, id);
  } catch (err) {
    if (err instanceof ForbiddenError) throw new NotFoundError('participant', id);
    throw err;
  }
}

async function sensitiveOf(deps: AppDeps, actor: Actor, id: string): Promise<Sensitive | undefined> {
  try {
    return await participants.getSensitive(deps, actor, id);
  } catch (err) {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  }
}

/** The participant page, or with `failed` the page again with that form refilled and the error summary. */
export async function renderParticipant(c: WebContext, deps: AppDeps, id: string, failed?: Failed, status?: number) {
  const actor = c.get('actor');
  const p = await load(deps, actor, id);
  const own = ownsParticipant(actor, p);
  const today = deps.clock.today();
  const [history, sensitive, work, matches, skillList] = await Promise.all([
    participants.readinessHistory(deps, actor, id),
    own ? sensitiveOf(deps, actor, id) : undefined,
    own ? casework.participantCasework(deps, actor, id) : undefined,
    own ? matching.matchesForParticipant(deps, actor, id, 10) : undefined,
    own ? skills.listSkills(deps, actor) : undefined,
  ]);
  const name = `${p.firstName} ${p.lastName}`;
  const people = await peopleFor(c, deps, [
    p.adviserId,
    p.consent.recordedBy,
    ...history.map((h) => h.changedBy),
    ...(work?.placements ?? []).flatMap((pl) => pl.checkins.map((x) => x.recorded?.by)),
  ]);
  const errorsFor = (form: Failed['form'], formId?: string) =>
    failed && failed.form === form && (!('id' in failed) || failed.id === formId) ? failed : undefined;
  return page(
    c,
    { title: name, current: actor.role === 'adviser' ? '/app' : undefined, errors: failed?.errors, status },
    <>
      {actor.role === 'adviser' ? (
        <a class="govuk-back-link" href="/app">
          Back to your caseload
        </a>
      ) : null}
      <DoneBanner c={c} messages={DONE} />
      <span class="govuk-caption-l">Participant</span>
      <h1 class="govuk-heading-l">{name}</h1>
      {!own ? (
        <div class="govuk-inset-text">
          You see what matching needs. Contact details, benefit details and sensitive information are for their adviser only: their adviser
          is {people.name(p.adviserId)}.
        </div>
      ) : null}
      {own ? (
        <nav aria-label="On this page" class="govuk-!-margin-bottom-6">
          <LinkList
            small
            links={[
              ['#readiness-heading', 'Readiness'],
              ['#sensitive', 'Sensitive information'],
              ['#consent', 'Consent'],
              ['#contacts', 'Contacts and appointments'],
              ['#proposals', 'Put forward and submissions'],
              ['#suggestions', 'Suggested vacancies'],
            ]}
          />
        </nav>
      ) : null}
      <Profile p={p} own={own} />
      {own ? (
        <>
          <p class="govuk-body">
            <a class="govuk-link" href={`/app/participants/${id}/edit`}>
              Change their details<span class="govuk-visually-hidden"> (name, home, contact details, what work they want)</span>
            </a>
          </p>
          {actor.role === 'adviser' ? <TheirRecord id={id} /> : null}
          <details class="govuk-details" id="referral-heading" open={errorsFor('referral') ? true : undefined}>
            <summary class="govuk-details__summary">
              <span class="govuk-details__summary-text">Change who referred them</span>
            </summary>
            <div class="govuk-details__text">
              <ReferralForm c={c} p={p as Participant} failed={errorsFor('referral')} />
            </div>
          </details>
        </>
      ) : null}
      {skillList ? (
        <details class="govuk-details" id="skills-heading" open={errorsFor('skills') ? true : undefined}>
          <summary class="govuk-details__summary">
            <span class="govuk-details__summary-text">Change their skills</span>
          </summary>
          <div class="govuk-details__text">
            <SkillsForm c={c} p={p} groups={skillChoiceGroups(skillList.skills)} failed={errorsFor('skills')} />
          </div>
        </details>
      ) : null}

      <h2 class="govuk-heading-m" id="readiness-heading">
        Readiness
      </h2>
      <p class="govuk-body">
        Now: <ReadinessTag readiness={p.readiness} /> {READINESS_LABELS[p.readiness][2]}.
      </p>
      <ReadinessHistory history={history} people={people} />
      {own ? <ReadinessForm c={c} id={id} failed={errorsFor('readiness')} /> : null}

      {own ? (
        <>
          <h2 class="govuk-heading-m" id="sensitive">
            Sensitive information
          </h2>
          <p class="govuk-body">
            Only their adviser and administrators can see this. Each time it is shown or changed, that is recorded in the audit trail.
          </p>
          <details class="govuk-details" open={errorsFor('sensitive') ? true : undefined}>
            <summary class="govuk-details__summary">
              <span class="govuk-details__summary-text">Show sensitive information</span>
            </summary>
            <div class="govuk-details__text">
              <SensitiveSummary s={sensitive} />
              <SensitiveForm c={c} id={id} s={sensitive} failed={errorsFor('sensitive')} />
            </div>
          </details>
        </>
      ) : null}

      <h2 class="govuk-heading-m" id="consent">
        Consent
      </h2>
      <ConsentSummary p={p} people={people} />
      {own ? <ConsentForm c={c} p={p} failed={errorsFor('consent')} /> : null}

      {/* Their own adviser and admins get the full record (ownsParticipant), casework dates included. */}
      {own ? <CaseworkSummaryBlock id={id} p={p as Participant} now={deps.clock.now().toISOString()} /> : null}

      {work ? (
        <Submissions
          c={c}
          p={p}
          subs={work.submissions}
          places={work.placements}
          today={today}
          people={people}
          failed={failed && (failed.form === 'agreement' || failed.form === 'checkin') ? failed : undefined}
        />
      ) : null}

      {matches ? <Suggestions m={matches} firstName={p.firstName} /> : null}
    </>,
  );
}

/** The jobs their own adviser does about their record as a whole: hand them to a colleague, give them everything held, see who did what. */
function TheirRecord({ id }: { id: string }) {
  return (
    <ul class="govuk-list" aria-label="Their record">
      {(['transfer', 'export', 'audit'] as const).map((t) => (
        <li>
          <a class="govuk-link" href={`/app/participants/${id}/${t}`}>
            {ADMIN_TASK_LABELS[t]}
          </a>
        </li>
      ))}
    </ul>
  );
}
