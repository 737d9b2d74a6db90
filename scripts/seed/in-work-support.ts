import { clockFrom } from '../../shared/clock.js';
import type { Actor } from '../../shared/domain/actor.js';
import { AFTERCARE_WEEKS, SUPPORT_GRACE_DAYS } from '../../shared/domain/in-work-support.js';
import type { Placement } from '../../shared/domain/submission.js';
import { DomainError } from '../../shared/errors.js';
import { logContact } from '../../shared/use-cases/contacts.js';
import type { Deps } from '../../shared/use-cases/deps.js';
import { markAftercareDone } from '../../shared/use-cases/in-work-support.js';

const DAY = 86_400_000;

/**
 * A hire's in-work support so far, through the use cases on each contact's day: every contact whose date
 * has come is made by phone that evening (one in five first tried without an answer), and the liaison
 * officer's aftercare done, unless `leaveLate`: then the latest contact that has come, and the week-4
 * aftercare, are left undone, so the adviser's start page and the officer's have something overdue.
 * Returns how many contacts were logged.
 */
export async function supportSoFar(
  deps: Deps,
  adviser: Actor,
  liaison: Actor,
  placement: Pick<Placement, 'id' | 'participantId' | 'support'>,
  now: number,
  leaveLate: boolean,
): Promise<number> {
  const s = placement.support;
  if (s?.status !== 'active') return 0;
  const at = (ms: number): Deps => ({ ...deps, clock: clockFrom(() => new Date(ms)) });
  const come = s.contacts.filter((c) => Date.parse(`${c.dueOn}T18:00:00Z`) < now - SUPPORT_GRACE_DAYS * DAY);
  const make = leaveLate ? come.slice(0, -1) : come;
  let logged = 0;
  try {
    for (const [i, c] of make.entries()) {
      const when = Date.parse(`${c.dueOn}T17:30:00Z`);
      const tried = i % 5 === 2;
      for (const attended of tried ? [false, true] : [true]) {
        const ms = attended ? when + 30 * 60_000 : when;
        await logContact(at(ms + 60_000), adviser, placement.participantId, {
          occurredAt: new Date(ms).toISOString(),
          channel: s.way === 'outside-work' || i % 2 === 0 ? 'phone' : 'text-message',
          appointment: false,
          attended,
          placementId: placement.id,
          supportDay: c.day,
          ...(attended ? { note: i === 0 ? 'First day went fine; travel works.' : 'Settling in; no problems raised.' } : {}),
        });
        logged++;
      }
    }
    for (const week of AFTERCARE_WEEKS) {
      const due = s.aftercare.find((a) => a.week === week);
      const ms = due ? Date.parse(`${due.dueOn}T11:00:00Z`) : Number.POSITIVE_INFINITY;
      if (ms > now || (leaveLate && week === 4)) continue;
      await markAftercareDone(at(ms), liaison, placement.id, week);
    }
  } catch (err) {
    // Someone who has since left the programme has no casework to log: their history stops there.
    if (!(err instanceof DomainError) || err.status >= 500) throw err;
  }
  return logged;
}
