import type { Actor } from '../domain/actor.js';
import { tokenRevoked, type SessionAccess } from '../domain/staff.js';
import { UnauthenticatedError } from '../errors.js';
import type { Deps } from './deps.js';

/** How long a user's access is trusted before it is read again: a deactivation takes effect within this. */
export const SESSION_CHECK_TTL_MS = 30_000;
/** More users than this in one instance's cache and it starts again (a bound, not a tuning knob). */
const MAX_CACHED = 10_000;

/**
 * The per-request check that a verified token still counts: a deactivated user's tokens, and tokens
 * issued before their role changed, are refused within `ttlMs`, not at their expiry (an hour for
 * Cognito's ID tokens, up to 12 hours for a session). One read of the user's access item per user per
 * `ttlMs` per instance; the time is the use cases' clock.
 */
export class SessionGuard {
  private readonly cache = new Map<string, { at: number; access: SessionAccess | undefined }>();

  constructor(
    private readonly deps: Pick<Deps, 'repos' | 'clock'>,
    private readonly ttlMs = SESSION_CHECK_TTL_MS,
  ) {}

  async check(actor: Pick<Actor, 'orgId' | 'sub'>, issuedAt: number | undefined): Promise<void> {
    const k = `${actor.orgId}|${actor.sub}`;
    const now = this.deps.clock.now().getTime();
    let hit = this.cache.get(k);
    if (!hit || now - hit.at >= this.ttlMs || now < hit.at) {
      hit = { at: now, access: await this.deps.repos.staff.getAccess(actor.orgId, actor.sub) };
      if (this.cache.size >= MAX_CACHED) this.cache.clear();
      this.cache.set(k, hit);
    }
    if (tokenRevoked(hit.access, issuedAt)) throw new UnauthenticatedError('Your access has been withdrawn or changed: sign in again');
  }
}
