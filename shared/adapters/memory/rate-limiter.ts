import { windowOf, type RateDecision, type RateLimiter, type RateScope } from '../../ports/rate-limiter.js';

/**
 * Fixed-window counters in this process's memory: right for one process (`npm start`), where every
 * request reaches the same counters. In AWS each Lambda instance would count alone, so the DynamoDB
 * adapter is used there. Old windows are dropped as new ones start, so memory stays bounded by the
 * callers active in one window.
 */
export class MemoryRateLimiter implements RateLimiter {
  private window = -1;
  private counts = new Map<string, number>();

  constructor(private readonly windowSeconds: number) {}

  private roll(nowMs: number) {
    const { start, retryAfterSeconds } = windowOf(nowMs, this.windowSeconds);
    if (start !== this.window) {
      this.window = start;
      this.counts.clear();
    }
    return retryAfterSeconds;
  }

  async hit(scope: RateScope, caller: string, limit: number, nowMs: number): Promise<RateDecision> {
    const retryAfterSeconds = this.roll(nowMs);
    const key = `${scope}#${caller}`;
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    return n <= limit ? { ok: true } : { ok: false, retryAfterSeconds };
  }

  async peek(scope: RateScope, caller: string, limit: number, nowMs: number): Promise<RateDecision> {
    const retryAfterSeconds = this.roll(nowMs);
    return (this.counts.get(`${scope}#${caller}`) ?? 0) < limit ? { ok: true } : { ok: false, retryAfterSeconds };
  }
}
