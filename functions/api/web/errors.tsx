import type { Context } from 'hono';
import { DomainError } from '../../../shared/errors.js';
import type { AppLogger } from '../../../shared/logger.js';
import { Layout } from './layout.js';

/** Errors on pages become GOV.UK error pages (the API's problem+json is for API clients). */
export function webError(err: Error, c: Context, logger: AppLogger): Response | Promise<Response> {
  const status = err instanceof DomainError ? err.status : 500;
  if (status >= 500) logger.error('Unhandled error on a page', { error: err });
  const [title, text] =
    status === 404
      ? ['Page not found', 'If you typed the web address, check it is correct. The record may not exist, or may not be one you can see.']
      : status === 403
        ? ['You cannot see this page', 'Your role does not give access to this page.']
        : status < 500
          ? ['Sorry, that did not work', err.message]
          : ['Sorry, there is a problem with the service', 'Try again later.'];
  return c.html(
    <Layout title={title} actor={c.get('actor' as never)}>
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
