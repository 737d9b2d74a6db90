import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { NotFoundError } from '../../../shared/errors.js';
import type { WiredAppDeps } from '../deps.js';
import { limitBody } from '../middleware/body.js';
import { limitSignIn } from '../middleware/rate-limit.js';
import { assetRoutes } from './assets.js';
import type { WebEnv } from './context.js';
import { outboxPage } from './dev-outbox.js';
import { webError } from './errors.js';
import { adminPages } from './pages/admin/admin-pages.js';
import { cohortPages } from './pages/cohorts/routes.js';
import { employerSearchPages } from './pages/employer-search.js';
import { employerPages } from './pages/employers/record-page.js';
import { employerRecordPages } from './pages/employers/routes.js';
import { colleaguePages } from './pages/colleagues.js';
import { homePages } from './pages/home.js';
import { inboxPages } from './pages/notifications.js';
import { participantLookupPages } from './pages/participant-lookup.js';
import { participantPages } from './pages/participants/routes.js';
import { actionPlanPages } from './pages/participants/action-plan.js';
import { contactPages } from './pages/participants/contacts.js';
import { inWorkSupportPages } from './pages/participants/in-work-support.js';
import { betterOffPages } from './pages/participants/better-off.js';
import { reportBreakdownPages } from './pages/report-breakdowns.js';
import { caseworkReportPages } from './pages/casework-report.js';
import { reportPages } from './pages/reports.js';
import { skillPages } from './pages/admin/skills.js';
import { importPages } from './pages/admin/import.js';
import { vacancyPages } from './pages/vacancies/routes.js';
import { requireSession } from './session.js';
import { signInRoutes } from './sign-in.js';
import { informationPages } from './pages/information.js';
import { followUpPages } from './pages/follow-ups.js';
import { settingsPages } from './pages/settings.js';
import { supplyChainPages } from './pages/supply-chain.js';
import { staffNames } from '../../../shared/use-cases/staff.js';

/** Where the web service lives; it answers everything under these, so nothing there reaches the API. */
const PAGE_PATHS = [
  '/',
  '/sign-in',
  '/sign-out',
  '/auth/callback',
  '/app',
  '/app/*',
  '/assets/*',
  '/dev/outbox',
  '/help',
  '/accessibility',
  '/privacy',
  '/cookies',
  '/unsubscribe',
];

/**
 * The web service: server-rendered GOV.UK pages calling the same use cases as the API, behind a
 * cookie session with a CSRF token on every form. Every task works with JavaScript off; GOV.UK
 * Frontend's script only enhances. Its middleware is registered on its own paths only (never `*`),
 * because app.ts mounts it in front of the API.
 */
export function createWebApp(deps: WiredAppDeps): Hono<WebEnv> {
  const web = new Hono<WebEnv>();
  // Pages and their CSS/JS travel gzipped to browsers that ask (HTTP APIs do not compress responses
  // themselves): the vacancy page's first visit goes from ~285 KiB to ~100 KiB.
  const gzip = compress({ encoding: 'gzip' });
  for (const path of PAGE_PATHS) {
    web.use(path, gzip);
    web.use(path, limitBody);
  }
  const signInLimit = limitSignIn(deps.rateLimiting);
  web.use('/sign-in', signInLimit);
  web.use('/auth/callback', signInLimit);

  assetRoutes(web);
  web.get('/', (c) => c.redirect('/app', 303));
  informationPages(web);
  signInRoutes(web, deps);

  const session = requireSession(deps.verifier, deps.rateLimiting, deps.sessions);
  web.use('/app/*', session);
  // The header says who is signed in by name (the directory's; their id if it does not know them).
  web.use('/app/*', async (c, next) => {
    const actor = c.get('actor');
    c.set('userName', (await staffNames(deps, actor, [actor.sub])).of(actor.sub));
    await next();
  });
  homePages(web, deps);
  colleaguePages(web, deps);
  followUpPages(web, deps);
  employerRecordPages(web, deps);
  employerSearchPages(web, deps);
  employerPages(web, deps);
  vacancyPages(web, deps);
  cohortPages(web, deps);
  participantLookupPages(web, deps);
  participantPages(web, deps);
  contactPages(web, deps);
  actionPlanPages(web, deps);
  inWorkSupportPages(web, deps);
  betterOffPages(web, deps);
  inboxPages(web, deps);
  caseworkReportPages(web, deps);
  reportPages(web, deps);
  reportBreakdownPages(web, deps);
  adminPages(web, deps);
  skillPages(web, deps);
  importPages(web, deps);
  settingsPages(web, deps);
  supplyChainPages(web, deps);
  // Local mode: the email the notifier "sent" is people's names and addresses, so it is behind the session too.
  if (deps.localOutboxDir) {
    web.use('/dev/outbox', session);
    outboxPage(web, deps.localOutboxDir);
  }
  // Last: the web's own paths answer a GOV.UK "page not found" for anything not above (a method or a
  // mode without that page, such as the demo sign-in in AWS), never the API's 401 or problem+json.
  for (const path of PAGE_PATHS) {
    web.all(path, () => {
      throw new NotFoundError('page');
    });
  }

  web.onError((err, c) => webError(err, c, deps.logger));
  return web;
}
