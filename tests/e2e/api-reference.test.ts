import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.js';

/**
 * /docs in a real browser, under the app's own Content-Security-Policy: the interactive reference (Scalar)
 * starts from our own assets with no inline script, shows every tag of the document, and nothing it needs
 * comes from another origin (its built-in web fonts are asked for and refused by the policy; the page falls
 * back to the system's fonts).
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const STEP_TIMEOUT = 120_000;

let h: Harness;
let server: ServerType;
let base: string;
let browser: Browser;

beforeAll(async () => {
  h = await createHarness();
  server = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
}, STEP_TIMEOUT);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
}, STEP_TIMEOUT);

describe('the API reference (/docs)', () => {
  it(
    'is the interactive reference, started by our own scripts, showing every tag; nothing loaded from elsewhere',
    async () => {
      const page = await browser.newPage();
      const errors: string[] = [];
      const elsewhere: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('requestfinished', (r) => {
        if (!r.url().startsWith(base) && !r.url().startsWith('data:')) elsewhere.push(r.url());
      });
      const res = await page.goto(`${base}/docs`, { timeout: STEP_TIMEOUT });
      expect(res?.status()).toBe(200);
      const csp = res?.headers()['content-security-policy'] ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      // Every script on the page is a file of ours.
      const scripts = await page.locator('script').evaluateAll((s) => s.map((e) => e.getAttribute('src') ?? 'inline'));
      expect(scripts).toEqual(['/assets/api-reference.js', '/assets/docs.js']);
      const doc = (await (await h.app.request('/openapi.json')).json()) as { tags: { name: string }[] };
      // Scalar has mounted once the sidebar names the document's tags.
      for (const t of doc.tags)
        await page.locator('#api-reference').getByText(t.name, { exact: true }).first().waitFor({ timeout: STEP_TIMEOUT });
      expect(errors).toEqual([]);
      expect(elsewhere).toEqual([]);
    },
    STEP_TIMEOUT * 2,
  );
});
