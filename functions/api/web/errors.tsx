import type { Context } from 'hono';
import type { AppLogger } from '../../../shared/logger.js';
import { answerFor } from '../error-table.js';
import type { AppEnv } from '../env.js';
import { Layout } from './layout.js';

/** Errors on pages become GOV.UK error pages (the API's problem+json is for API clients). */
export function webError<E extends AppEnv>(err: Error, c: Context<E>, logger: AppLogger): Response | Promise<Response> {
  const a = answerFor(err);
  const status = a.status;
  if (a.ours) logger.error('Unhandled error on a page', { error: err });
  else if (status >= 500) logger.warn('Dependency unavailable on a page', { errorName: err.name });
  for (const [k, v] of Object.entries(a.headers)) c.header(k, v);
  const [title, text] =
    status === 404
      ? ['Page not found', 'If you typed the web address, check it is correct. The record may not exist, or may not be one you can see.']
      : status === 403
        ? ['You cannot see this page', 'Your role does not give access to this page.']
        : status === 429
          ? ['Too many requests', 'Wait a moment, then try again.']
          : status < 500
            ? ['Sorry, that did not work', a.detail]
            : status === 503
              ? ['Sorry, the service is busy', 'Wait a moment, then try again. Nothing you entered has been saved.']
              : ['Sorry, there is a problem with the service', 'Try again later.'];
  return c.html(
    <Layout title={title} actor={c.get('actor')}>
      <h1 class="govuk-heading-l">{title}</h1>
      <p class="govuk-body">{text}</p>
      <p class="govuk-body">
        <a class="govuk-link" href="/app">
          Go to your start page
        </a>
      </p>
    </Layout>,
    status as 404,
  );
}
