import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy on a free loopback port between the app and a real server (DynamoDB Local), for fault
 * tests that use the real database client end to end, no mocks. It can be told to
 *
 * - `pass()`: forward bytes both ways (the start, and what `heal()` goes back to);
 * - `stall()`: keep accepting connections but forward nothing, on new and already open connections
 *   alike (both sides are paused and whatever was already read is held back), as a database that
 *   has stopped answering without closing anything;
 * - `cut()`: destroy every open connection (a reset) and close the listening socket, so new
 *   connections are refused (ECONNREFUSED), as a database that has vanished;
 * - `heal()`: pass again. Connections held by a stall are let go on, bytes and all, in order, as a
 *   network that comes back delivers what it had accepted: a request the client has since given up on
 *   can still reach the server (the classic "timed out, but was it applied?"); `heal({ held: 'drop' })`
 *   resets them instead.
 */
export type ProxyMode = 'pass' | 'stall' | 'cut';

export interface ProxyStats {
  /** Connections accepted, in any mode. */
  accepted: number;
  /** Connections accepted while stalled (held, nothing forwarded). */
  acceptedWhileStalled: number;
  /** Connections destroyed by `cut()` (or dropped by `heal({ held: 'drop' })`). */
  destroyed: number;
  /** Bytes forwarded client → server and server → client. */
  bytesUp: number;
  bytesDown: number;
  /** Times each fault was injected. */
  stalls: number;
  cuts: number;
}

export interface TcpProxy {
  /** `http://127.0.0.1:<port>`: give this to the client instead of the real endpoint. */
  readonly endpoint: string;
  readonly port: number;
  readonly mode: ProxyMode;
  readonly stats: ProxyStats;
  /** Connections open now (both directions counted once). */
  openConnections(): number;
  stall(): void;
  cut(): Promise<void>;
  heal(opts?: { held?: 'deliver' | 'drop' }): Promise<void>;
  /** Stops listening and destroys every connection. */
  close(): Promise<void>;
}

interface Pair {
  client: Socket;
  upstream?: Socket;
  /** Chunks read but not forwarded because the proxy was stalled, per direction. */
  heldUp: Buffer[];
  heldDown: Buffer[];
  clientEnded: boolean;
  upstreamEnded: boolean;
  /** Open during a stall (or accepted during one): what `heal({ held: 'drop' })` resets. */
  held: boolean;
  dead: boolean;
}

export async function startTcpProxy(target: string | { host: string; port: number }): Promise<TcpProxy> {
  const t = typeof target === 'string' ? new URL(target) : undefined;
  const targetHost = t ? t.hostname : (target as { host: string }).host;
  const targetPort = t ? Number(t.port || 80) : (target as { port: number }).port;
  const pairs = new Set<Pair>();
  const stats: ProxyStats = { accepted: 0, acceptedWhileStalled: 0, destroyed: 0, bytesUp: 0, bytesDown: 0, stalls: 0, cuts: 0 };
  let mode: ProxyMode = 'pass';
  let server: Server | undefined;
  let port = 0;

  const kill = (p: Pair, reset: boolean) => {
    if (p.dead) return;
    p.dead = true;
    pairs.delete(p);
    p.heldUp.length = 0;
    p.heldDown.length = 0;
    for (const s of [p.client, p.upstream]) {
      if (!s || s.destroyed) continue;
      if (reset && typeof s.resetAndDestroy === 'function' && !s.connecting) s.resetAndDestroy();
      else s.destroy();
    }
  };

  /**
   * Passes on everything held, in order, then any end, and reads again: only while passing and once the
   * server connection is open. Every read chunk goes through the held queues, so order is kept.
   */
  const flow = (p: Pair) => {
    const up = p.upstream;
    if (p.dead || mode !== 'pass' || !up || up.connecting) return;
    for (const c of p.heldUp.splice(0)) {
      stats.bytesUp += c.length;
      if (!up.destroyed) up.write(c);
    }
    for (const c of p.heldDown.splice(0)) {
      stats.bytesDown += c.length;
      if (!p.client.destroyed) p.client.write(c);
    }
    if (p.clientEnded && !up.writableEnded) up.end();
    if (p.upstreamEnded && !p.client.writableEnded) p.client.end();
    if (!p.client.destroyed) p.client.resume();
    if (!up.destroyed) up.resume();
  };

  /** Forgets a pair once both of its sockets have closed. */
  const settle = (p: Pair) => {
    if (p.client.destroyed && (!p.upstream || p.upstream.destroyed)) {
      p.dead = true;
      pairs.delete(p);
    }
  };

  const connectUpstream = (p: Pair) => {
    const up = createConnection({ host: targetHost, port: targetPort, allowHalfOpen: true });
    p.upstream = up;
    up.setNoDelay(true);
    up.on('connect', () => flow(p));
    up.on('data', (chunk: Buffer) => {
      p.heldDown.push(chunk);
      if (mode === 'pass') flow(p);
      else up.pause();
    });
    up.on('end', () => {
      p.upstreamEnded = true;
      if (mode === 'pass') flow(p);
    });
    up.on('error', () => kill(p, true));
    up.on('close', () => {
      p.upstreamEnded = true;
      if (mode === 'pass') flow(p);
      settle(p);
    });
  };

  const onConnection = (client: Socket) => {
    stats.accepted++;
    const p: Pair = { client, heldUp: [], heldDown: [], clientEnded: false, upstreamEnded: false, held: mode === 'stall', dead: false };
    pairs.add(p);
    client.setNoDelay(true);
    client.on('data', (chunk: Buffer) => {
      p.heldUp.push(chunk);
      if (mode === 'pass') flow(p);
      else client.pause();
    });
    client.on('end', () => {
      p.clientEnded = true;
      if (mode === 'pass') flow(p);
    });
    client.on('error', () => kill(p, true));
    client.on('close', () => {
      p.clientEnded = true;
      if (mode === 'pass') flow(p);
      settle(p);
    });
    if (mode === 'stall') {
      // Accepted, and held: no connection to the server until the proxy passes again.
      stats.acceptedWhileStalled++;
      client.pause();
      return;
    }
    connectUpstream(p);
  };

  const listen = (onPort: number) =>
    new Promise<void>((resolve, reject) => {
      const srv = createServer({ allowHalfOpen: true, pauseOnConnect: false }, onConnection);
      srv.once('error', reject);
      srv.listen(onPort, '127.0.0.1', () => {
        srv.off('error', reject);
        server = srv;
        const addr = srv.address();
        port = typeof addr === 'object' && addr ? addr.port : onPort;
        resolve();
      });
    });

  const closeListener = () =>
    new Promise<void>((resolve) => {
      const srv = server;
      server = undefined;
      if (!srv) return resolve();
      srv.close(() => resolve());
    });

  await listen(0);

  return {
    get endpoint() {
      return `http://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    get mode() {
      return mode;
    },
    stats,
    openConnections: () => pairs.size,
    stall() {
      if (mode === 'cut') throw new Error('heal the proxy before stalling it');
      mode = 'stall';
      stats.stalls++;
      for (const p of pairs) {
        p.held = true;
        p.client.pause();
        p.upstream?.pause();
      }
    },
    async cut() {
      mode = 'cut';
      stats.cuts++;
      // Refuse new connections first, then reset every open one.
      const closed = closeListener();
      for (const p of [...pairs]) {
        kill(p, true);
        stats.destroyed++;
      }
      await closed;
    },
    async heal({ held = 'deliver' } = {}) {
      if (mode === 'cut') {
        // Listen on the same port again (the client keeps its endpoint); retry briefly if the port is busy.
        for (let i = 0; ; i++) {
          try {
            await listen(port);
            break;
          } catch (err) {
            if (i >= 50) throw err;
            await new Promise((r) => setTimeout(r, 100));
          }
        }
      }
      mode = 'pass';
      for (const p of [...pairs]) {
        if (held === 'drop' && p.held) {
          kill(p, true);
          stats.destroyed++;
          continue;
        }
        p.held = false;
        if (!p.upstream) connectUpstream(p);
        else flow(p);
      }
    },
    async close() {
      mode = 'cut';
      const closed = closeListener();
      for (const p of [...pairs]) kill(p, true);
      await closed;
    },
  };
}
