import type { Deps } from './deps.js';

/** How long `/health` waits for the table before it says the service is unavailable. */
export const HEALTH_BOUND_MS = 2000;

/**
 * Whether the table answers, within its own bound: a health check must itself never hang, whatever
 * the database client's retries would do (a stalled database answers "no" after HEALTH_BOUND_MS).
 */
export async function checkHealth(
  deps: Pick<Deps, 'repos'>,
  boundMs = HEALTH_BOUND_MS,
): Promise<{ ok: true } | { ok: false; why: 'unreachable' | 'timeout'; error?: unknown }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), boundMs);
  });
  try {
    const answer = await Promise.race([
      deps.repos.ping().then(
        (ok) => (ok ? 'ok' : 'down'),
        (error: unknown) => ({ error }),
      ),
      timeout,
    ]);
    if (answer === 'ok') return { ok: true };
    if (answer === 'timeout') return { ok: false, why: 'timeout' };
    return { ok: false, why: 'unreachable', ...(answer === 'down' ? {} : { error: answer.error }) };
  } finally {
    clearTimeout(timer);
  }
}
