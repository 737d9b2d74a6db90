import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../../shared/domain/events.js';
import { FUNNEL_EVENTS } from '../../shared/domain/funnel.js';

/**
 * The use cases that make events (through `event(...)` in shared/use-cases/events.ts), without the
 * one that consumes them (deliver.ts, whose `case` labels name every type): an event type named
 * nowhere else is one nothing emits.
 */
const dir = join(import.meta.dirname, '../../shared/use-cases');
const sources = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'deliver.ts')
  .map((f) => readFileSync(join(dir, f), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''))
  .join('\n');
const emitted = (type: string) => sources.includes(`'${type}'`);

describe('events', () => {
  it.each(EVENT_TYPES)('%s is emitted by some use case', (type) => {
    expect(emitted(type)).toBe(true);
  });

  it('every funnel stage is counted from an event something emits', () => {
    for (const type of Object.values(FUNNEL_EVENTS)) expect(emitted(type), type).toBe(true);
  });

  it('a vacancy becoming open announces it wherever that happens (create, publish, reopen)', () => {
    // Create announces through intakeEvent, which is publishedEvent for an open vacancy.
    const vacancies = readFileSync(join(dir, 'vacancies.ts'), 'utf8');
    expect(vacancies.match(/intakeEvent\(/g)?.length ?? 0).toBeGreaterThanOrEqual(1);
    expect(vacancies.match(/publishedEvent\(/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
    expect(readFileSync(join(dir, 'events.ts'), 'utf8')).toMatch(/v\.status === 'open'\s*\?\s*publishedEvent\(/);
  });
});
