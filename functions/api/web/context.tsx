import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { FieldError } from '../../../shared/errors.js';
import type { AppEnv } from '../env.js';
import { Layout } from './layout.js';

/** The pages' per-request typing: the API's, plus the signed-in session's CSRF token. */
export type WebEnv = AppEnv & { Variables: { csrf: string; userName?: string } };
export type WebContext = Context<WebEnv>;

/** Renders a full page for the signed-in user. */
export function page(c: WebContext, meta: { title: string; current?: string; errors?: FieldError[]; status?: number }, body: Child) {
  return c.html(
    <Layout
      title={meta.title}
      actor={c.get('actor')}
      userName={c.get('userName')}
      csrf={c.get('csrf')}
      current={meta.current}
      errors={meta.errors}
    >
      {body}
    </Layout>,
    (meta.status ?? 200) as 200,
  );
}
