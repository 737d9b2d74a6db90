import { createRoute, z } from '@hono/zod-openapi';
import { html, raw } from 'hono/html';
import type { AppDeps } from '../deps.js';
import type { App } from '../env.js';
import { checkHealth } from '../../../shared/use-cases/health.js';
import { problemResponse } from '../errors.js';

export const OPENAPI_INFO = {
  openapi: '3.1.0',
  info: {
    title: 'Routeway API',
    version: '0.1.0',
    description:
      'Employer engagement and vacancy matching for public employment programmes. Errors are RFC 9457 problem details. ' +
      'Lists take `limit` (≤ 100) and `cursor`. Creates honour `Idempotency-Key`; updates honour `If-Match`.',
  },
} as const;

interface OpenApiDoc {
  paths?: Record<string, Record<string, { summary?: string; description?: string; tags?: string[] }>>;
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

export function docsRoutes(app: App, deps: AppDeps): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/health',
      tags: ['Platform'],
      summary: 'Liveness and table check',
      responses: {
        200: { description: 'The table answers', content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } } },
        503: { description: 'The table does not answer' },
      },
    }),
    async (c) => {
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
    },
  );

  app.get('/openapi.json', (c) => c.json(app.getOpenAPI31Document(OPENAPI_INFO)));

  app.get('/docs', (c) => {
    const doc = app.getOpenAPI31Document(OPENAPI_INFO) as OpenApiDoc;
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
          ${raw(renderDocs(doc))}
        </body>
      </html>`);
  });
}
