import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Rules of docs/architecture.md that are not about imports (those are .dependency-cruiser.cjs, run by `npm test`). */
const root = join(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(name) ? [p] : [];
  });
}

const code = (file: string) => readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');

describe('architecture', () => {
  it('nothing under functions/ touches the repositories: routes and pages call use cases', () => {
    const offenders = sources(join(root, 'functions')).filter((f) => /\brepos\s*\./.test(code(f)));
    expect(offenders.map((f) => relative(root, f))).toEqual([]);
  });

  it('keys are built in the key module only: no key prefix is written as a literal in another adapter', () => {
    const dir = join(root, 'shared/adapters/dynamodb');
    const literal = /['`](O#|IDEM#|RATE#|SUBP#|P#|V#|M#|ENR#|INT#|CONTACT#|PLEDGE#|READY#|AUDIT#)/;
    const offenders = sources(dir).filter((f) => !f.endsWith('keys.ts') && literal.test(code(f)));
    expect(offenders.map((f) => relative(root, f))).toEqual([]);
  });

  it('no entry file does more than wire: each Lambda entry is a few lines', () => {
    for (const entry of ['functions/api/lambda.ts', 'functions/notifier/lambda.ts', 'functions/sweeper/lambda.ts']) {
      const lines = readFileSync(join(root, entry), 'utf8')
        .split('\n')
        .filter((l) => l.trim() && !l.trim().startsWith('//'));
      expect(lines.length, entry).toBeLessThanOrEqual(20);
    }
  });

  it('today is read from the clock, not sliced from a timestamp', () => {
    const offenders = [...sources(join(root, 'shared')), ...sources(join(root, 'functions'))].filter(
      (f) =>
        !f.endsWith('shared/clock.ts') &&
        !f.endsWith('shared/domain/dates.ts') &&
        /clock\.now\(\)\.toISOString\(\)\.slice\(0, 10\)/.test(code(f)),
    );
    expect(offenders.map((f) => relative(root, f))).toEqual([]);
  });
});
