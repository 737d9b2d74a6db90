import { z } from '@hono/zod-openapi';
import { html, raw } from 'hono/html';
import type { AppDeps } from '../deps.js';
import type { App } from '../env.js';
import { checkHealth } from '../../../shared/use-cases/health.js';
import { problemResponse } from '../errors.js';
import { ProblemSchema } from './common.js';

export const OPENAPI_INFO: Parameters<App['getOpenAPI31Document']>[0] = {
  openapi: '3.1.0',
  info: {
    title: 'Routeway API',
    version: '0.1.0',
    description:
      'Employer engagement and vacancy matching for public employment programmes. Errors are RFC 9457 problem details. ' +
      'Lists take `limit` (≤ 100) and `cursor`. Creates honour `Idempotency-Key`; updates honour `If-Match`. ' +
      'Each caller is limited per minute (429 with `Retry-After`); a busy or unreachable database is 503 with `Retry-After`.',
    contact: { name: 'Routeway maintainers', email: 'maintainers@routeway.example' },
    license: { name: 'MIT', url: 'https://opensource.org/license/mit' },
  },
  // Relative: the same document serves localhost and the deployed API.
  servers: [{ url: '/', description: 'This Routeway deployment' }],
  tags: [
    { name: 'Platform', description: 'Liveness and the description of the API' },
    {
      name: 'Employers',
      description: 'Employer accounts, contacts, the engagement log and pledges (liaison officers; employer users read their own)',
    },
    { name: 'Vacancies', description: 'Vacancies with structured requirements, their lifecycle and reopening' },
    { name: 'PET cohorts', description: 'Pre-employment training cohorts, enrolments and putting completers forward' },
    {
      name: 'Participants',
      description: "An adviser's caseload: profiles, readiness, the sensitive part, consent, transfers, subject rights",
    },
    { name: 'Matching', description: 'Ranked, explained candidates for a vacancy, and vacancies for a participant' },
    { name: 'Submissions', description: 'Putting candidates forward: agreement, the employer’s decision, interview and outcome' },
    { name: 'Placements', description: 'Jobs started, and their 13- and 26-week check-ins' },
    { name: 'Notifications', description: 'Each user’s in-app inbox, and how staff are told of each kind (email now, daily, or none)' },
    { name: 'Reports', description: 'The funnel and its split by participant group, as JSON or CSV' },
    { name: 'Skills', description: 'The controlled vocabulary of skills, with synonyms (admins add to it)' },
    { name: 'Imports', description: 'Employers, participants and vacancies brought in from CSV files (admins)' },
    {
      name: 'Better off in work',
      description:
        'An estimate of weekly income in work against out of work for a vacancy, from circumstances only the participant’s own adviser and admins see (audited; never advice, never a ranking input)',
    },
    {
      name: 'Casework',
      description:
        'An adviser’s work with a participant: contacts, appointments, the action plan (own adviser and admins; notes and steps are audited)',
    },
    {
      name: 'Staff',
      description:
        'The staff directory (the Cognito user pool in AWS): colleagues, and for admins adding users, roles, deactivation and hand-overs',
    },
    {
      name: 'Supply chains',
      description:
        'A prime provider’s contracts with its subcontractors, the vacancies it shares with them, and what crosses between organisations (never participants, notes or staff)',
    },
  ],
};

interface OpenApiDoc {
  paths?: Record<string, Record<string, { summary?: string; description?: string; tags?: string[]; operationId?: string }>>;
}

/**
 * The document as served: every operation gets a stable `operationId` from its method and path
 * (`GET /vacancies/{id}/matches` → `getVacancyMatches`), and a description (its summary) where none
 * was written, so generated clients have names to call.
 */
export function describedDocument(doc: object): object {
  const d = doc as OpenApiDoc;
  for (const [path, ops] of Object.entries(d.paths ?? {})) {
    for (const [method, op] of Object.entries(ops)) {
      op.operationId ??= operationIdOf(method, path);
      op.description ??= op.summary;
    }
  }
  return d;
}

const singular = (w: string) => (w.endsWith('ies') ? `${w.slice(0, -3)}y` : w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w);
const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
function operationIdOf(method: string, path: string): string {
  const parts = path.split('/').filter(Boolean);
  const words: string[] = [];
  parts.forEach((p, i) => {
    if (p.startsWith('{')) return;
    const beforeParam = parts[i + 1]?.startsWith('{');
    const name = p.split('-').map(cap).join('');
    words.push(beforeParam || (i < parts.length - 1 && !parts[i + 1]?.startsWith('{')) ? singular(name) : name);
  });
  const last = parts.at(-1) ?? '';
  const collection = !last.startsWith('{') && last.endsWith('s') && !last.endsWith('ss');
  const verb = { get: collection ? 'list' : 'get', post: 'post', put: 'put', patch: 'update', delete: 'delete' }[method] ?? method;
  return `${verb}${words.join('')}`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** A readable, dependency-free reference page rendered from the same document (works offline). */
function renderDocs(doc: OpenApiDoc): string {
  const byTag = new Map<string, string[]>();
  for (const [path, ops] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = op.tags?.[0] ?? 'Other';
      const row = `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${escapeHtml(path)}</code></td><td><strong>${escapeHtml(
        op.summary ?? '',
      )}</strong>${op.description ? `<br>${escapeHtml(op.description)}` : ''}</td></tr>`;
      byTag.set(tag, [...(byTag.get(tag) ?? []), row]);
    }
  }
  return [...byTag.entries()]
    .map(
      ([tag, rows]) =>
        `<h2>${escapeHtml(tag)}</h2><table><thead><tr><th>Method</th><th>Path</th><th>What</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
    )
    .join('');
}

/** The document `/openapi.json` serves, made from the routes' declarations. */
export const servedDocument = (app: App) => describedDocument(app.getOpenAPI31Document(OPENAPI_INFO));

export function docsRoutes(app: App, deps: AppDeps): void {
  // Described in the document, served as a plain route: its 503 is problem+json, which the typed
  // handler of app.openapi() cannot return beside its JSON 200.
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/health',
    tags: ['Platform'],
    summary: 'Liveness and table check',
    // Public: load balancers and people check it without a token.
    security: [],
    responses: {
      200: { description: 'The table answers', content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } } },
      500: { description: 'Something went wrong on our side', content: { 'application/problem+json': { schema: ProblemSchema } } },
      503: {
        description: 'The table does not answer within 2 s; retry after Retry-After',
        content: { 'application/problem+json': { schema: ProblemSchema } },
      },
    },
  });
  app.get('/health', async (c) => {
    const health = await checkHealth(deps);
    if (!health.ok) {
      deps.logger.error('health check failed', { why: health.why, error: health.error });
      return problemResponse(
        c,
        { type: 'https://routeway.dev/problems/unavailable', title: 'Unavailable', status: 503, detail: 'The database is not answering' },
        { 'Retry-After': '2' },
      );
    }
    return c.json({ status: 'ok' as const }, 200);
  });

  app.get('/openapi.json', (c) => c.json(servedDocument(app)));

  app.get('/docs', (c) => {
    const doc = servedDocument(app) as OpenApiDoc;
    return c.html(html`<!doctype html>
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <title>Routeway API reference</title>
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <style>
            body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 70rem; padding: 0 1rem; color: #0b0c0c; }
            table { border-collapse: collapse; width: 100%; margin-bottom: 2rem; }
            th, td { text-align: left; border-bottom: 1px solid #b1b4b6; padding: .5rem; vertical-align: top; }
            code { background: #f3f2f1; padding: 0 .2rem; }
          </style>
        </head>
        <body>
          <h1>Routeway API reference</h1>
          <p>${OPENAPI_INFO.info.description}</p>
          <p>The machine-readable document is at <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1, generated from the zod schemas that validate requests).</p>
          <!-- The interactive reference (Scalar, from our own assets, started by docs.js); without script, the summary. -->
          <div id="api-reference"></div>
          <noscript>${raw(renderDocs(doc))}</noscript>
          <script src="/assets/api-reference.js"></script>
          <script src="/assets/docs.js"></script>
        </body>
      </html>`);
  });
}
