import type { Hono } from 'hono';
import type { AppDeps } from '../../../deps.js';
import { ForbiddenError } from '../../../../../shared/errors.js';
import type { WebContext, WebEnv } from '../../context.js';
import { adminOnly } from './admin-gate.js';
import { auditPage } from './audit.js';
import { erasedPage, erasePage, postErase } from './erasure.js';
import { exportDownload, exportPage } from './export.js';
import { caseloadsPage, findPage } from './find.js';
import { participantHubPage } from './participant-hub.js';
import { adminStartPage, retentionPage } from './start.js';
import { staffPages } from './staff.js';
import { postTransfer, transferPage, transferredPage } from './transfer.js';

/**
 * The administrators' pages under /app/admin (admins only; anyone else gets the GOV.UK 403 page, checked
 * by every handler before anything is read): the start page's task list, caseloads, finding a
 * participant, caseload transfer, erasure, the subject-access export and the audit trail. Every action
 * is a use case of shared/use-cases (participant-search, participants, subject-rights).
 */
export function adminPages(web: Hono<WebEnv>, deps: AppDeps): void {
  web.get('/app/admin', (c) => adminStartPage(c, deps));
  web.get('/app/admin/retention', (c) => retentionPage(c));
  staffPages(web, deps);
  web.get('/app/admin/caseloads', (c) => caseloadsPage(c, deps));
  web.get('/app/admin/participants', (c) => findPage(c, deps));
  web.get('/app/admin/participants/:id', (c) => participantHubPage(c, deps, c.req.param('id')));

  web.get('/app/admin/participants/:id/transferred', (c) => transferredPage(c, deps, c.req.param('id')));
  web.get('/app/admin/participants/:id/erase', (c) => erasePage(c, deps, c.req.param('id')));
  web.post('/app/admin/participants/:id/erase', (c) => postErase(c, deps, c.req.param('id')));
  web.get('/app/admin/participants/:id/erased', (c) => erasedPage(c, deps, c.req.param('id')));

  // Transfer, export and the audit trail: an admin's jobs under administration, and the participant's own
  // adviser's under their page (the use cases keep other advisers out).
  const rights: [task: string, show: Handler, post?: Handler][] = [
    ['transfer', (c, id) => transferPage(c, deps, id), (c, id) => postTransfer(c, deps, id)],
    ['export', (c, id) => exportPage(c, deps, id)],
    ['export.json', (c, id) => exportDownload(c, deps, id)],
    ['audit', (c, id) => auditPage(c, deps, id)],
  ];
  for (const [base, gate] of [
    ['/app/admin/participants/:id', admins],
    ['/app/participants/:id', advisers],
  ] as const) {
    for (const [task, show, post] of rights) {
      web.get(`${base}/${task}`, gate(show));
      if (post) web.post(`${base}/${task}`, gate(post));
    }
  }
}

type Handler = (c: WebContext, id: string) => Response | Promise<Response>;

/** A page under /app/admin: admins only, checked before anything is read. */
const admins = (h: Handler) => (c: WebContext) => {
  adminOnly(c.get('actor'));
  return h(c, c.req.param('id') ?? '');
};

/** A participant's page for their adviser: advisers only (an admin's are under /app/admin). */
const advisers = (h: Handler) => (c: WebContext) => {
  if (c.get('actor').role !== 'adviser') throw new ForbiddenError('These pages are for the participant’s adviser');
  return h(c, c.req.param('id') ?? '');
};
