import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, normalize } from 'node:path';
import type { Hono } from 'hono';
import type { AppEnv } from '../env.js';

const TYPES: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  woff2: 'font/woff2',
  woff: 'font/woff',
  svg: 'image/svg+xml',
  ico: 'image/x-icon',
  png: 'image/png',
  json: 'application/json',
};

/**
 * Where govuk-frontend's compiled files are: `WEB_ASSETS_DIR` in Lambda (the build copies them beside
 * the bundle), the installed package locally.
 */
export function govukDir(): string {
  if (process.env.WEB_ASSETS_DIR) return process.env.WEB_ASSETS_DIR;
  const pkg = createRequire(import.meta.url).resolve('govuk-frontend/package.json');
  return join(dirname(pkg), 'dist', 'govuk');
}

/** The API reference viewer (Scalar's one self-contained browser file), served as /assets/api-reference.js. */
export const API_REFERENCE_FILE = 'api-reference.js';

/** Where the viewer is: beside GOV.UK Frontend's files in Lambda (the build copies it), the installed package locally. */
export function apiReferencePath(): string {
  if (process.env.WEB_ASSETS_DIR) return join(process.env.WEB_ASSETS_DIR, API_REFERENCE_FILE);
  const main = createRequire(import.meta.url).resolve('@scalar/api-reference');
  return join(dirname(main), 'browser', 'standalone.js');
}

/** Our few lines of CSS on top of GOV.UK Frontend, and the scripts that start its components and the API reference. */
const OWN: Record<string, string> = {
  'routeway.css': [
    '.rw-inline-form{display:inline;margin:0}',
    '.rw-link-button{background:none;border:0;padding:0;cursor:pointer;font:inherit;text-decoration:underline}',
    '.rw-chart{max-width:100%;height:auto}',
    '.rw-scroll{overflow-x:auto;max-width:100%}',
    '.rw-scroll:focus{outline:3px solid #fd0;outline-offset:0;box-shadow:inset 0 0 0 2px #0b0c0c}',
    '.govuk-main-wrapper{overflow-wrap:anywhere}',
    '.rw-chart text{font-family:inherit;font-size:14px}',
    '.rw-factors{margin:0;padding-left:1.2em}',
  ].join('\n'),
  'init.js': "import { initAll } from '/assets/govuk-frontend.min.js';\ninitAll();\n",
  // The reference starts from a file of ours (the CSP allows no inline script): the document from this
  // origin, no fonts or services from anyone else's, so it works offline.
  'docs.js':
    "Scalar.createApiReference('#api-reference', { url: '/openapi.json', withDefaultFonts: false, hideClientButton: true, telemetry: false, agent: { disabled: true }, mcp: { disabled: true } });\n",
  // Run at the top of <body>, before first paint, as GOV.UK Frontend's page template does inline.
  'js-enabled.js':
    "document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');\n",
};

export function assetRoutes<E extends AppEnv>(app: Hono<E>): void {
  const root = govukDir();
  app.get('/assets/*', async (c) => {
    const rel = c.req.path.slice('/assets/'.length);
    const type = TYPES[rel.split('.').pop() ?? ''] ?? 'application/octet-stream';
    if (rel === API_REFERENCE_FILE) {
      const data = await readFile(apiReferencePath());
      return c.body(data, 200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=86400' });
    }
    const own = OWN[rel];
    if (own !== undefined) return c.body(own, 200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=300' });
    const file = normalize(rel.startsWith('govuk-frontend') ? rel : join('assets', rel));
    if (file.startsWith('..') || file.includes('\0')) return c.notFound();
    try {
      const data = await readFile(join(root, file));
      return c.body(data, 200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=86400' });
    } catch {
      return c.notFound();
    }
  });
}
