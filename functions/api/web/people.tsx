import type { Role } from '../../../shared/domain/actor.js';
import { type Names, staffNames, staffWithRoles } from '../../../shared/use-cases/staff.js';
import type { AppDeps } from '../deps.js';
import type { WebContext } from './context.js';

/*
 * People as pages say them: by their name from the staff directory (ids stay in the API and in links).
 * The signed-in user is "you", with their name, so an officer reading "Account manager" knows it is them.
 */

export class People {
  constructor(
    readonly you: string,
    private readonly names: Names,
  ) {}

  /** Their name; someone the directory no longer knows keeps their id. */
  name(id: string | undefined): string {
    return this.names.of(id);
  }

  /** "You (Name)" for the signed-in user, otherwise their name. */
  said(id: string | undefined): string {
    return id && id === this.you ? `You (${this.name(id)})` : this.name(id);
  }

  /** As a sentence says them: "you" or their name. */
  inSentence(id: string | undefined): string {
    return id && id === this.you ? 'you' : this.name(id);
  }
}

/** Names for the ids a page is about to show (and the signed-in user's). */
export async function peopleFor(c: WebContext, deps: AppDeps, ids: readonly (string | undefined)[]): Promise<People> {
  const actor = c.get('actor');
  return new People(actor.sub, await staffNames(deps, actor, [actor.sub, ...ids]));
}

/** Whom a form may name, as select options by name (with their team): active colleagues in these roles. */
export async function staffOptions(
  c: WebContext,
  deps: AppDeps,
  roles: readonly Role[],
  current?: { id: string; name: string },
): Promise<[string, string][]> {
  const actor = c.get('actor');
  const list = await staffWithRoles(deps, actor, roles);
  const options = list.map((m): [string, string] => [
    m.id,
    `${m.id === actor.sub ? `${m.name} (you)` : m.name}${m.team ? `, ${m.team}` : ''}`,
  ]);
  // Someone who holds it now but is no longer a choice (a leaver not yet handed over) stays selectable as they are.
  if (current && !list.some((m) => m.id === current.id)) options.unshift([current.id, current.name]);
  return options;
}
