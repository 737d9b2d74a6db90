import type { Hono } from 'hono';
import type { AppDeps } from '../../../deps.js';
import type { WebEnv } from '../../context.js';
import { cohortPage, cohortListPage } from './cohort-page.js';
import { cohortCreatedPage, newCohortPage, postNewCohort } from './create.js';
import { enrolmentPage, enrolPage, postEnrol, postEnrolmentChange } from './enrolments.js';
import { postPutForward, putForwardPage } from './put-forward.js';

/**
 * Pre-employment training cohorts: the list; setting one up (liaison officers and admins: question page,
 * check your answers, confirmation); each cohort's page; enrolling people found by search (advisers
 * their own caseload); marking a place completed or withdrawn; putting completers forward to a linked
 * vacancy. Every action is a use case of shared/use-cases (cohorts, cohort-put-forward, submissions).
 */
export function cohortPages(web: Hono<WebEnv>, deps: AppDeps): void {
  web.get('/app/cohorts', (c) => cohortListPage(c, deps));
  web.get('/app/cohorts/new', (c) => newCohortPage(c));
  web.post('/app/cohorts/new', (c) => postNewCohort(c, deps));
  web.get('/app/cohorts/:id', (c) => cohortPage(c, deps, c.req.param('id')));
  web.get('/app/cohorts/:id/created', (c) => cohortCreatedPage(c, deps, c.req.param('id')));

  web.get('/app/cohorts/:id/enrol', (c) => enrolPage(c, deps, c.req.param('id')));
  web.post('/app/cohorts/:id/enrolments', (c) => postEnrol(c, deps, c.req.param('id')));
  web.get('/app/cohorts/:id/enrolments/:participantId', (c) => enrolmentPage(c, deps, c.req.param('id'), c.req.param('participantId')));
  web.post('/app/cohorts/:id/enrolments/:participantId', (c) =>
    postEnrolmentChange(c, deps, c.req.param('id'), c.req.param('participantId')),
  );

  web.get('/app/cohorts/:id/put-forward', (c) => putForwardPage(c, deps, c.req.param('id')));
  web.post('/app/cohorts/:id/put-forward', (c) => postPutForward(c, deps, c.req.param('id')));
}
