import { createConfig, lintFromString } from '@redocly/openapi-core';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.js';

/** The contract others build on, checked with tools written by others: Spectral with the OWASP API Security ruleset, and Redocly. */
let h: Harness;
let doc: {
  paths: Record<string, Record<string, { operationId?: string; tags?: string[]; description?: string }>>;
  tags: { name: string }[];
  servers?: unknown[];
};
const dir = mkdtempSync(join(tmpdir(), 'routeway-openapi-'));

beforeAll(async () => {
  h = await createHarness();
  doc = (await (await h.app.request('/openapi.json')).json()) as typeof doc;
  writeFileSync(join(dir, 'openapi.json'), JSON.stringify(doc));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the OpenAPI document', () => {
  it('names every operation once, describes it, and tags it with a described tag', () => {
    const ops = Object.entries(doc.paths).flatMap(([path, m]) =>
      Object.entries(m).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, ...op })),
    );
    const ids = ops.map((o) => o.operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const tags = new Set(doc.tags.map((t) => t.name));
    for (const o of ops) {
      expect(o.description, o.key).toBeTruthy();
      for (const t of o.tags ?? []) expect(tags.has(t), `${o.key}: tag ${t}`).toBe(true);
    }
    expect(doc.servers?.length).toBeGreaterThan(0);
  });

  it('passes Spectral (spectral:oas and the OWASP ruleset), with each rule turned off in .spectral.yaml listed with its reason', () => {
    const run = spawnSync(
      process.execPath,
      [
        join(process.cwd(), 'node_modules/@stoplight/spectral-cli/dist/index.js'),
        'lint',
        join(dir, 'openapi.json'),
        '--ruleset',
        join(process.cwd(), '.spectral.yaml'),
        '--fail-severity',
        'warn',
        '-f',
        'text',
      ],
      {
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    expect(run.status, `${run.stdout}\n${run.stderr}`.slice(0, 4000)).toBe(0);
  }, 180_000);

  it("passes Redocly's recommended lint, but for the one problem listed here with its reason", async () => {
    const problems = await lintFromString({
      source: JSON.stringify(doc),
      absoluteRef: join(dir, 'openapi.json'),
      config: await createConfig({ extends: ['recommended'] }),
    });
    const found = problems.map((p) => `${p.ruleId} ${p.location[0]?.pointer ?? ''}`);
    // /health takes no input, needs no token and is not counted per caller: no 4xx can happen there.
    expect(found).toEqual(['operation-4xx-response #/paths/~1health/get/responses']);
  });
});
