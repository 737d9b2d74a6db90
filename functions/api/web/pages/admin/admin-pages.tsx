import type { Hono } from 'hono';
import type { AppDeps } from '../../../deps.js';
import type { WebEnv } from '../../context.js';
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

  web.get('/app/admin/participants/:id/transfer', (c) => transferPage(c, deps, c.req.param('id')));
  web.post('/app/admin/participants/:id/transfer', (c) => postTransfer(c, deps, c.req.param('id')));
  web.get('/app/admin/participants/:id/transferred', (c) => transferredPage(c, deps, c.req.param('id')));

  web.get('/app/admin/participants/:id/erase', (c) => erasePage(c, deps, c.req.param('id')));
  web.post('/app/admin/participants/:id/erase', (c) => postErase(c, deps, c.req.param('id')));
  web.get('/app/admin/participants/:id/erased', (c) => erasedPage(c, deps, c.req.param('id')));

  web.get('/app/admin/participants/:id/export', (c) => exportPage(c, deps, c.req.param('id')));
  web.get('/app/admin/participants/:id/export.json', (c) => exportDownload(c, deps, c.req.param('id')));
  web.get('/app/admin/participants/:id/audit', (c) => auditPage(c, deps, c.req.param('id')));
}
