import { expect } from 'vitest';
import { createApp } from '../../functions/api/app.js';
import type { LocalSignIn } from '../../functions/api/web/sign-in.js';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, signLocalToken } from '../../shared/auth/local-keys.js';
import { createTokenVerifier } from '../../shared/auth/verifier.js';
import { logger } from '../../shared/logger.js';
import { generousRateLimiting, ORG, type Harness } from './harness.js';

/** The pages, driven in-process as a browser would drive them: these helpers are shared by the web tests. */
type WebApp = ReturnType<typeof createApp>;

/** The app over the harness's ports, with the local sign-in page offering `users` (plain-HTTP cookies). */
export function localWebApp(h: Harness, users: LocalSignIn['users']): WebApp {
  return createApp({
    ...h.deps,
    logger,
    verifier: createTokenVerifier({
      issuer: LOCAL_ISSUER,
      audience: LOCAL_AUDIENCE,
      keys: { kind: 'local', jwks: h.keys.jwks },
      defaultOrg: ORG,
    }),
    secureCookies: false,
    rateLimiting: generousRateLimiting(h.clock),
    localSignIn: {
      users,
      sign: (u) =>
        signLocalToken(h.keys, { sub: u.sub, role: u.role, org: u.org ?? ORG, ...(u.employerId ? { employerId: u.employerId } : {}) }),
    },
  });
}

/** A signed-in browser: its session cookie, and the CSRF token its forms carry. */
export interface Session {
  cookie: string;
  csrf: string;
}

/**
 * Sign-in through the local sign-in page, and GET and POST as that user. `app` is called at each request
 * (tests build the app in `beforeAll`); the CSRF token is read from the page at `csrfFrom`.
 */
export function webClient(app: () => WebApp, { csrfFrom = '/app' }: { csrfFrom?: string } = {}) {
  /**
   * Signs in as a demo user as a browser does: the sign-in page first (its form token and the cookie
   * that matches it), then the form. Returns the session cookie to send back, and the Set-Cookie header
   * as the server sent it.
   */
  async function signIn(role: string, sub: string): Promise<{ cookie: string; setCookie: string }> {
    const form = await app().request('/sign-in?next=%2Fapp');
    expect(form.status).toBe(200);
    const token = /name="csrf" value="([^"]+)"/.exec(await form.text())?.[1];
    const tokenCookie = form.headers
      .getSetCookie()
      .find((c) => c.startsWith('rw_sign_in='))
      ?.split(';')[0];
    expect(token && tokenCookie).toBeTruthy();
    const res = await app().request('/sign-in', {
      method: 'POST',
      headers: { cookie: tokenCookie! },
      body: new URLSearchParams({ as: role, [`user-${role}`]: sub, next: '/app', csrf: token! }),
    });
    expect(res.status).toBe(303);
    const setCookie = res.headers.get('set-cookie')!;
    return { cookie: setCookie.split(';')[0]!, setCookie };
  }

  async function signInAs(role: string, sub: string): Promise<Session> {
    const { cookie } = await signIn(role, sub);
    const html = await (await app().request(csrfFrom, { headers: { cookie } })).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
    expect(csrf).toBeTruthy();
    return { cookie, csrf: csrf! };
  }

  async function get(s: Session, path: string) {
    const res = await app().request(path, { headers: { cookie: s.cookie } });
    return { status: res.status, html: await res.text(), type: res.headers.get('content-type') ?? '' };
  }

  /** Posts a form as the browser would, with the CSRF token first. */
  async function post(s: Session, path: string, fields: [string, string][]) {
    const res = await app().request(path, {
      method: 'POST',
      headers: { cookie: s.cookie },
      body: new URLSearchParams([['csrf', s.csrf], ...fields]),
    });
    return { status: res.status, location: res.headers.get('location'), html: await res.text() };
  }

  return { signIn, signInAs, get, post };
}

/**
 * What axe would catch first: duplicate ids, inputs without labels, error links that lead nowhere, not one h1.
 * `describedBy` also checks every aria-describedby target exists; `headerScope` that every `<th>` has a scope.
 */
export function expectSound(
  html: string,
  { describedBy = false, headerScope = false }: { describedBy?: boolean; headerScope?: boolean } = {},
) {
  const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
  expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  for (const m of html.matchAll(/<(input|select|textarea)\b([^>]*)>/g)) {
    const attrs = m[2]!;
    if (/type="hidden"/.test(attrs)) continue;
    const id = /\sid="([^"]+)"/.exec(attrs)?.[1];
    expect(id, `a ${m[1]} without an id: ${attrs}`).toBeTruthy();
    expect(html, `no label for #${id}`).toContain(`for="${id}"`);
  }
  if (describedBy) {
    for (const m of html.matchAll(/aria-describedby="([^"]+)"/g))
      for (const ref of m[1]!.split(' ')) expect(ids, `aria-describedby #${ref} missing`).toContain(ref);
  }
  for (const m of html.matchAll(/govuk-error-summary__list[\s\S]*?<\/ul>/g)) {
    for (const link of m[0].matchAll(/href="#([^"]+)"/g)) expect(ids, `error link #${link[1]} has no field`).toContain(link[1]);
  }
  expect(html.match(/<h1\b/g)?.length).toBe(1);
  if (headerScope) expect(html).not.toMatch(/<th\b(?![^>]*scope=)[^>]*>/);
}

/**
 * A date as a GOV.UK date input posts it: `closingDate.day`, `.month`, `.year` (`2026-12-20` → 20, 12,
 * 2026); with a time (`2026-11-20T10:00`, UK clock time) a fourth field, `.time`.
 */
export function dateFields(name: string, local: string): Record<string, string> {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2}))?$/.exec(local);
  if (!m) throw new Error(`not a date: ${local}`);
  return {
    [`${name}.day`]: String(Number(m[3])),
    [`${name}.month`]: String(Number(m[2])),
    [`${name}.year`]: m[1]!,
    ...(m[4] ? { [`${name}.time`]: m[4] } : {}),
  };
}

/** The same, as a form's list of fields. */
export const datePairs = (name: string, local: string): [string, string][] => Object.entries(dateFields(name, local));

/** The hidden fields a check-your-answers page carries on, as the browser would post them. */
export const hiddenFields = (html: string): [string, string][] =>
  [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)]
    .filter((m) => m[1] !== 'csrf')
    .map((m) => [
      m[1]!,
      m[2]!
        .replace(/&amp;/g, '&')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'"),
    ]);

/** A form's fields from a record of them, a list value posted once for each item (checkboxes). */
export const formOf = (fields: Record<string, string | string[]>): [string, string][] =>
  Object.entries(fields).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x] as [string, string]) : [[k, v] as [string, string]]));

/** The text of the error summary's links, as people read them. */
export const summaryErrors = (html: string): string[] =>
  [...(/govuk-error-summary__list[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '').matchAll(/<a href="#[^"]*">([^<]*)<\/a>/g)].map((m) =>
    m[1]!
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"'),
  );
