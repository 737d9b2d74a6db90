import type { Hono } from 'hono';
import type { AppDeps } from '../../../deps.js';
import type { WebEnv } from '../../context.js';
import { employerCreatedPage, newEmployerPage, postNewEmployer } from './create.js';
import { editContactPage, newContactPage, postEditContact, postNewContact } from './contacts.js';
import { editEmployerPage, postEditEmployer } from './edit.js';
import { newPledgePage, postNewPledge } from './pledges.js';

/**
 * Keeping the employer record (liaison officers and admins): recording an employer (meeting the
 * duplicate check), changing its details, adding and changing contacts, recording pledges. Each is a
 * question page, check your answers, then a confirmation or the record with a banner; each calls the
 * use case the API calls (shared/use-cases/employers). Registered before the record's own page, so
 * `/app/employers/new` is this job and not an employer called "new".
 */
export function employerRecordPages(web: Hono<WebEnv>, deps: AppDeps): void {
  web.get('/app/employers/new', (c) => newEmployerPage(c, deps));
  web.post('/app/employers/new', (c) => postNewEmployer(c, deps));
  web.get('/app/employers/:id/created', (c) => employerCreatedPage(c, deps, c.req.param('id')));
  web.get('/app/employers/:id/edit', (c) => editEmployerPage(c, deps, c.req.param('id')));
  web.post('/app/employers/:id/edit', (c) => postEditEmployer(c, deps, c.req.param('id')));
  web.get('/app/employers/:id/contacts/new', (c) => newContactPage(c, deps, c.req.param('id')));
  web.post('/app/employers/:id/contacts/new', (c) => postNewContact(c, deps, c.req.param('id')));
  web.get('/app/employers/:id/contacts/:cid/edit', (c) => editContactPage(c, deps, c.req.param('id'), c.req.param('cid')));
  web.post('/app/employers/:id/contacts/:cid/edit', (c) => postEditContact(c, deps, c.req.param('id'), c.req.param('cid')));
  web.get('/app/employers/:id/pledges/new', (c) => newPledgePage(c, deps, c.req.param('id')));
  web.post('/app/employers/:id/pledges/new', (c) => postNewPledge(c, deps, c.req.param('id')));
}
