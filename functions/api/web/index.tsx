import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { Actor } from '../../../shared/domain/actor.js';
import type { FieldError } from '../../../shared/errors.js';
import type { AppDeps } from '../app.js';
import type { App, AppEnv } from '../env.js';
import { assetRoutes } from './assets.js';
import { hostedSignInRoutes } from './hosted-sign-in.js';
import { Layout } from './layout.js';
import { csrfFor, endSession, requireSession, startSession } from './session.js';
import { homePages } from './pages/home.js';
import { employerPages } from './pages/employers.js';
import { vacancyPages } from './pages/vacancies.js';
import { cohortPages } from './pages/cohorts.js';
import { participantPages } from './pages/participants.js';
import { inboxPages } from './pages/notifications.js';
import { reportPages } from './pages/reports.js';

export type WebEnv = AppEnv & { Variables: { csrf: string } };
export type WebContext = Context<WebEnv>;

/** Local mode only: sign in as a demo user, without Cognito. The route does not exist otherwise. */
export interface LocalSignIn {
  users: { sub: string; role: Actor['role']; name: string; employerId?: string }[];
  sign(user: { sub: string; role: Actor['role']; employerId?: string }): Promise<string>;
}

/** Renders a full page for the signed-in user. */
export function page(c: WebContext, meta: { title: string; current?: string; errors?: FieldError[]; status?: number }, body: Child) {
  return c.html(
    <Layout title={meta.title} actor={c.get('actor')} csrf={c.get('csrf')} current={meta.current} errors={meta.errors}>
      {body}
    </Layout>,
    (meta.status ?? 200) as 200,
  );
}

/**
 * The web service: server-rendered GOV.UK pages from the same app, calling the same use cases as the
 * API. Every task works with JavaScript off; GOV.UK Frontend's script only enhances.
 */
export function webRoutes(app: App, deps: AppDeps): void {
  assetRoutes(app as never);
  const secure = deps.secureCookies ?? true;
  const web = app as unknown as import('hono').Hono<WebEnv>;

  web.get('/', (c) => c.redirect('/app', 303));

  if (deps.localSignIn) {
    const local = deps.localSignIn;
    web.get('/sign-in', (c) => {
      const next = c.req.query('next') ?? '/app';
      const groups = (['liaison', 'employer', 'adviser', 'admin'] as const).map((role) => ({ role, users: local.users.filter((u) => u.role === role) }));
      return c.html(
        <Layout title="Sign in">
          <h1 class="govuk-heading-l">Sign in</h1>
          <p class="govuk-body">Local demo: choose who to be. (In AWS, sign-in is through the Cognito user pool.)</p>
          <form method="post" action="/sign-in">
            <input type="hidden" name="next" value={next} />
            {groups.map((g) => (
              <div class="govuk-form-group">
                <label class="govuk-label govuk-label--s" for={`user-${g.role}`}>
                  {g.role === 'liaison' ? 'Employer liaison officers' : g.role === 'adviser' ? 'Advisers' : g.role === 'employer' ? 'Employers' : 'Administrators'}
                </label>
                <select class="govuk-select" id={`user-${g.role}`} name={`user-${g.role}`}>
                  {g.users.slice(0, 60).map((u) => (
                    <option value={u.sub}>{u.name} ({u.sub})</option>
                  ))}
                </select>
                <button class="govuk-button govuk-button--secondary govuk-!-margin-left-2" name="as" value={g.role} type="submit" data-module="govuk-button">
                  Sign in as {g.role}
                </button>
              </div>
            ))}
          </form>
        </Layout>,
      );
    });
    web.post('/sign-in', async (c) => {
      const form = await c.req.parseBody();
      const role = String(form.as ?? '');
      const sub = String(form[`user-${role}`] ?? '');
      const user = local.users.find((u) => u.role === role && u.sub === sub);
      if (!user) return c.redirect('/sign-in', 303);
      startSession(c, await local.sign(user), secure);
      const next = String(form.next ?? '/app');
      return c.redirect(next.startsWith('/app') ? next : '/app', 303);
    });
  }

  if (deps.localSignIn) {
    web.post('/sign-out', (c) => {
      endSession(c);
      return c.redirect('/sign-in', 303);
    });
  } else if (deps.hostedSignIn) {
    hostedSignInRoutes(web as never, { hosted: deps.hostedSignIn, verifier: deps.verifier, logger: deps.logger, secure });
  } else {
    // Cognito mode without a hosted sign-in domain (context routeway:cognitoDomainPrefix unset): say so.
    web.get('/sign-in', (c) =>
      c.html(
        <Layout title="Sign-in is not set up">
          <h1 class="govuk-heading-l">Sign-in is not set up</h1>
          <p class="govuk-body">
            This deployment has no sign-in pages. Its operator deploys with the context value routeway:cognitoDomainPrefix to turn them
            on. The API still accepts bearer tokens.
          </p>
        </Layout>,
        503,
      ),
    );
    web.post('/sign-out', (c) => {
      endSession(c);
      return c.redirect('/', 303);
    });
  }

  web.use('/app', requireSession(deps.verifier));
  web.use('/app/*', requireSession(deps.verifier));
  homePages(web, deps);
  employerPages(web, deps);
  vacancyPages(web, deps);
  cohortPages(web, deps);
  participantPages(web, deps);
  inboxPages(web, deps);
  reportPages(web, deps);
}

export { csrfFor };
