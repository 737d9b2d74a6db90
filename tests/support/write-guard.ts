import { snapshotDiff } from './fuzz-kit.js';
import type { DbWrite, Harness } from './harness.js';

/**
 * "A refused request changed nothing", judged for thousands of requests without a full-table Scan around
 * each one (a Scan costs DynamoDB Local more as the table grows). Two checks that together prove it:
 *
 * 1. Each request: the harness records every write that succeeded through the app's database client while
 *    the request was in flight; a refused (4xx) one that wrote anything but what may be written (idempotency
 *    records, and what `ignore` allows) is named at once, with the keys it wrote.
 * 2. Every `every` requests, and when asked (`check()`, at the end of a test): the whole table against the
 *    last snapshot. Every item that changed must be one a recorded write touched, so a write that went round
 *    the recorder (another client, a missed command) is still found, in the window of requests since the
 *    last check.
 */
export class WriteGuard {
  readonly stats = { judged: 0, refusedWrites: 0, checks: 0, snapshotMs: 0 };
  private base: string | undefined;
  /** Keys written (by anything, through the recorded client) since `base`. */
  private written = new Set<string>();
  private window: string[] = [];

  constructor(
    private readonly h: Harness,
    private readonly opts: {
      /** A full check every this many requests. */
      every: number;
      /** Items a refused request may write (and the full check overlooks), e.g. a read logged in the audit trail. */
      ignore?: (item: Record<string, unknown>) => boolean;
    },
  ) {}

  private note(writes: DbWrite[]) {
    for (const w of writes) this.written.add(w.key);
  }

  private async snapshot() {
    const t0 = performance.now();
    const s = await this.h.snapshot();
    this.stats.snapshotMs += performance.now() - t0;
    return s;
  }

  /** Before a request: what was written between requests (a canary, the test's own setup) is allowed; the first snapshot. */
  async before(): Promise<void> {
    this.note(this.h.takeWrites());
    this.base ??= await this.snapshot();
  }

  /** After a request that answered `status` (`label` names it in a report): the problems found, and what it wrote. */
  async after(status: number, label: string): Promise<{ problems: string[]; wrote: DbWrite[] }> {
    const wrote = this.h.takeWrites();
    this.note(wrote);
    this.stats.judged++;
    this.window.push(label);
    const problems: string[] = [];
    if (status >= 400 && status < 500) {
      const bad = wrote.filter((w) => !w.key.startsWith('IDEM#') && !(w.item && this.opts.ignore?.(w.item)));
      if (bad.length) {
        this.stats.refusedWrites++;
        problems.push(
          `refused (${status}) but wrote: ${[...new Set(bad.map((w) => `${w.command} ${w.key}${w.item?.action ? ` (${String(w.item.action)})` : ''}`))].slice(0, 6).join(', ')}`,
        );
      }
    }
    if (this.window.length >= this.opts.every) problems.push(...(await this.check()));
    return { problems, wrote };
  }

  /** The whole table against the last snapshot: changes that no recorded write explains. */
  async check(): Promise<string[]> {
    this.note(this.h.takeWrites());
    if (this.base === undefined) return [];
    this.stats.checks++;
    const now = await this.snapshot();
    const unexplained =
      now === this.base
        ? ''
        : snapshotDiff(this.base, now, { ignore: (i) => this.written.has(`${i.PK}|${i.SK}`) || (this.opts.ignore?.(i) ?? false) });
    const window = this.window;
    this.base = now;
    this.written = new Set();
    this.window = [];
    return unexplained
      ? [
          `the table changed where no recorded write explains it, in the ${window.length} requests from ${window[0]} to ${window.at(-1)}: ${unexplained}`,
        ]
      : [];
  }
}
