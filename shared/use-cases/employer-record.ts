import type { Actor } from '../domain/actor.js';
import { rolesFor } from '../policy.js';
import type { PageRequest } from '../ports/repositories.js';
import type { Deps } from './deps.js';
import { getEmployer, listContacts, listInteractions, listPledges } from './employers.js';

/**
 * An employer's record as the caller may see it: the employer and its contacts for anyone who may read
 * it (employer users their own); the engagement, a page of the interaction log and the pledges, only for
 * those who work with employers (the policy's `employer:engagement`: liaison officers and admins).
 */
export async function employerRecord(deps: Deps, actor: Actor, id: string, interactions: PageRequest) {
  const employer = await getEmployer(deps, actor, id);
  const engaged = rolesFor('employer:engagement').includes(actor.role);
  const [contacts, log, pledges] = await Promise.all([
    listContacts(deps, actor, id),
    engaged ? listInteractions(deps, actor, id, interactions) : undefined,
    engaged ? listPledges(deps, actor, id) : undefined,
  ]);
  return { employer, contacts, engagement: log && pledges ? { interactions: log, pledges } : undefined };
}
