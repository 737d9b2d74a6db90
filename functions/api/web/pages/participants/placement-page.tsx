import type { AppDeps } from '../../../deps.js';
import * as placements from '../../../../../shared/use-cases/placements.js';
import { DoneBanner, fmtDate } from '../../components.js';
import { page, type WebContext } from '../../context.js';
import { peopleFor } from '../../people.js';
import { PlacementBlock } from './casework.js';
import type { FailedOfRecord } from './failed-forms.js';

/*
 * A placement's own page, for staff who are not the participant's adviser: a liaison officer hears from the
 * employer whether the new starter is still in work at 13 and 26 weeks, and records it here (the adviser
 * records check-ins on the participant's page, with their in-work support).
 */

const DONE = { checkin: 'Check-in recorded. Their adviser can see it on their record.' };

export async function renderPlacement(c: WebContext, deps: AppDeps, pid: string, failed?: FailedOfRecord, status = 200) {
  const actor = c.get('actor');
  const pl = await placements.getPlacement(deps, actor, pid);
  const people = await peopleFor(
    c,
    deps,
    pl.checkins.map((x) => x.recorded?.by),
  );
  return page(
    c,
    { title: `Check-ins: ${pl.vacancyTitle}`, current: '/app/vacancies', errors: failed?.errors, status },
    <>
      <DoneBanner c={c} messages={DONE} />
      <a class="govuk-back-link" href={`/app/vacancies/${pl.vacancyId}`}>
        Back to the vacancy
      </a>
      <span class="govuk-caption-l">Started {fmtDate(pl.startDate)}</span>
      <h1 class="govuk-heading-l">Check-ins: {pl.vacancyTitle}</h1>
      <p class="govuk-body">
        Ask the employer whether they are still in work. What you record counts towards the programme’s job outcomes, and their adviser sees
        it.{' '}
        <a class="govuk-link" href={`/app/participants/${pl.participantId}`}>
          See the participant
        </a>
      </p>
      <PlacementBlock c={c} pl={pl} today={deps.clock.today()} people={people} failed={failed} support={actor.role !== 'liaison'} />
    </>,
  );
}
