/**
 * Per-caller limits: a fixed window per scope and caller (a user, or an address for sign-in and bad
 * tokens). `hit` counts a request and says whether it is within the limit; `peek` only reads.
 */
export interface RateLimiter {
  hit(scope: RateScope, caller: string, limit: number, nowMs: number): Promise<RateDecision>;
  peek(scope: RateScope, caller: string, limit: number, nowMs: number): Promise<RateDecision>;
}

export type RateScope = 'user' | 'sign-in' | 'bad-token';

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Requests a caller may make per window, by scope. */
export interface RateLimits {
  /** A signed-in user's requests (API and pages together). */
  userPerWindow: number;
  /** Sign-in attempts from one address. */
  signInPerWindow: number;
  /** Requests with a bad or expired token from one address before that address must wait. */
  badTokensPerWindow: number;
  windowSeconds: number;
}

/**
 * Room for a person working fast (a page is one request; its assets are not counted) and for an
 * integration paging through lists, while one runaway client cannot use up everyone's share.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = { userPerWindow: 600, signInPerWindow: 20, badTokensPerWindow: 30, windowSeconds: 60 };

/** The window a moment falls in, and the seconds until it ends (at least 1). */
export function windowOf(nowMs: number, windowSeconds: number): { start: number; retryAfterSeconds: number } {
  const size = windowSeconds * 1000;
  const start = Math.floor(nowMs / size) * size;
  return { start, retryAfterSeconds: Math.max(1, Math.ceil((start + size - nowMs) / 1000)) };
}
