import type { TokenVerifier } from '../../shared/auth/verifier.js';
import type { Actor } from '../../shared/domain/actor.js';
import type { AppLogger } from '../../shared/logger.js';
import type { Deps } from '../../shared/use-cases/deps.js';
import { SessionGuard } from '../../shared/use-cases/sessions.js';
import { MemoryRateLimiter } from '../../shared/adapters/memory/rate-limiter.js';
import { DEFAULT_RATE_LIMITS } from '../../shared/ports/rate-limiter.js';
import type { RateLimiting } from './middleware/rate-limit.js';
import type { HostedSignIn } from './web/hosted-sign-in.js';

/** Local mode only: sign in as a demo user, without Cognito. The route does not exist otherwise. */
export interface LocalSignIn {
  /** `org`: the organisation they work for, when not the default one (a subcontractor's demo staff). */
  users: { sub: string; role: Actor['role']; name: string; employerId?: string; org?: string }[];
  sign(user: { sub: string; role: Actor['role']; employerId?: string; org?: string }): Promise<string>;
  /** The organisation whose directory also offers its users (those admins added), as they are now. */
  directoryOrg?: string;
}

/** What the HTTP layer is built from: the use cases' ports, plus identity, logging and the web's options. */
export interface AppDeps extends Deps {
  verifier: TokenVerifier;
  logger: AppLogger;
  /** Local mode: the folder of "sent" email, listed at /dev/outbox. */
  localOutboxDir?: string;
  /** Local mode: the demo sign-in page (absent with Cognito). */
  localSignIn?: LocalSignIn;
  /** With Cognito: its hosted sign-in pages (absent when the user pool has no domain). */
  hostedSignIn?: HostedSignIn;
  /** Session cookies are Secure except on plain-HTTP localhost. */
  secureCookies?: boolean;
  /**
   * Per-caller limits. Absent: counters in this process's memory with the default limits, right for
   * one process (`npm start`, tests); in AWS the runtime passes the table-backed limiter.
   */
  rateLimiting?: RateLimiting;
  /** The per-request check that a user's tokens still count (deactivation, role change). Absent: one with the default cache time. */
  sessions?: SessionGuard;
}

/** The deps once what was left to the app is filled in. */
export type WiredAppDeps = AppDeps & { rateLimiting: RateLimiting; sessions: SessionGuard };

export function wireDeps(given: AppDeps): WiredAppDeps {
  return {
    ...given,
    rateLimiting: given.rateLimiting ?? {
      limiter: new MemoryRateLimiter(DEFAULT_RATE_LIMITS.windowSeconds),
      limits: DEFAULT_RATE_LIMITS,
      clock: given.clock,
    },
    sessions: given.sessions ?? new SessionGuard(given),
  };
}
