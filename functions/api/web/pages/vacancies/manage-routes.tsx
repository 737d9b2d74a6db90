import type { Hono } from 'hono';
import type { AppDeps } from '../../../deps.js';
import type { WebEnv } from '../../context.js';
import { editVacancyPage, postEditVacancy } from './edit.js';
import {
  closedPage,
  closePage,
  postClose,
  postReopen,
  postWithdraw,
  reopenedPage,
  reopenPage,
  withdrawnPage,
  withdrawPage,
} from './manage.js';

/** Managing a vacancy (liaison officers and admins): changing it, closing, withdrawing and reopening it, each ending in a confirmation. */
export function vacancyManagePages(web: Hono<WebEnv>, deps: AppDeps): void {
  const id = (c: { req: { param: (k: 'id') => string } }) => c.req.param('id');
  web.get('/app/vacancies/:id/edit', (c) => editVacancyPage(c, deps, id(c)));
  web.post('/app/vacancies/:id/edit', (c) => postEditVacancy(c, deps, id(c)));
  web.get('/app/vacancies/:id/close', (c) => closePage(c, deps, id(c)));
  web.post('/app/vacancies/:id/close', (c) => postClose(c, deps, id(c)));
  web.get('/app/vacancies/:id/closed', (c) => closedPage(c, deps, id(c)));
  web.get('/app/vacancies/:id/withdraw', (c) => withdrawPage(c, deps, id(c)));
  web.post('/app/vacancies/:id/withdraw', (c) => postWithdraw(c, deps, id(c)));
  web.get('/app/vacancies/:id/withdrawn', (c) => withdrawnPage(c, deps, id(c)));
  web.get('/app/vacancies/:id/reopen', (c) => reopenPage(c, deps, id(c)));
  web.post('/app/vacancies/:id/reopen', (c) => postReopen(c, deps, id(c)));
  web.get('/app/vacancies/:id/reopened', (c) => reopenedPage(c, deps, id(c)));
}
