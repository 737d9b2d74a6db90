import type { Server, ServerOptions } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isIPv4, isIPv6 } from 'node:net';
import { serve } from '@hono/node-server';

/** How long a client may take, on the local HTTP server (`npm start`, and the browser journey's server). */
export interface HttpTimeouts {
  /** To send the whole request head (request line and headers). */
  headersMs: number;
  /** To send the whole request, head and body. */
  requestMs: number;
  /** An idle keep-alive connection stays open this long after a response. */
  keepAliveMs: number;
  /** How often Node checks the first two (its default, 30 s, lets a client run well past them). */
  checkEveryMs?: number;
}

export const HTTP_TIMEOUTS: HttpTimeouts = { headersMs: 10_000, requestMs: 30_000, keepAliveMs: 5_000, checkEveryMs: 1_000 };

/**
 * Node's defaults let a client that drips a header line now and then hold a connection for a minute
 * (headers) or five (request); these bound both, and idle keep-alive connections.
 */
export function httpServerOptions(t: HttpTimeouts = HTTP_TIMEOUTS): ServerOptions {
  return {
    headersTimeout: t.headersMs,
    requestTimeout: t.requestMs,
    keepAliveTimeout: t.keepAliveMs,
    connectionsCheckingInterval: t.checkEveryMs ?? Math.max(10, Math.min(1_000, Math.floor(t.headersMs / 2))),
  };
}

/** Local mode listens on the loopback interface unless HOST says otherwise. */
export const DEFAULT_HOST = '127.0.0.1';

/** True for addresses only this machine can reach: 127.0.0.0/8, ::1 (also IPv4-mapped) and `localhost`. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .replace(/^\[(.*)\]$/, '$1')
    .toLowerCase();
  if (h === 'localhost') return true;
  if (isIPv4(h)) return h.startsWith('127.');
  if (isIPv6(h)) return h === '::1' || h === '0:0:0:0:0:0:0:1' || /^::ffff:127\.\d+\.\d+\.\d+$/.test(h);
  return false;
}

/** The address to listen on from HOST, and the warning to print when that exposes the demo sign-in to the network. */
export function listenHost(env: string | undefined): { host: string; warning?: string } {
  const host = env?.trim() || DEFAULT_HOST;
  if (isLoopbackHost(host)) return { host };
  return {
    host,
    warning: `WARNING: HOST=${host} is not a loopback address: anyone who can reach this machine can sign in as any demo user (admin included) and read the email outbox.`,
  };
}

export interface LocalHttpServer {
  server: Server;
  port: number;
  /**
   * Stops accepting connections, closes idle keep-alive ones at once, lets requests in flight finish
   * for up to `graceMs`, then closes whatever is left. Resolves once the server has closed.
   */
  close(graceMs?: number): Promise<void>;
}

/** The Hono app on Node's HTTP server with bounded timeouts, listening once this resolves. */
export function startHttpServer(opts: {
  fetch: Parameters<typeof serve>[0]['fetch'];
  port: number;
  hostname: string;
  timeouts?: HttpTimeouts;
}): Promise<LocalHttpServer> {
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: opts.fetch, port: opts.port, hostname: opts.hostname, serverOptions: httpServerOptions(opts.timeouts) },
      () => {
        server.off('error', reject);
        resolve({
          server,
          port: (server.address() as AddressInfo).port,
          close: (graceMs = 2_000) =>
            new Promise<void>((done) => {
              if (!server.listening) return done();
              const force = setTimeout(() => server.closeAllConnections(), graceMs);
              force.unref();
              server.close(() => {
                clearTimeout(force);
                done();
              });
              server.closeIdleConnections();
            }),
        });
      },
    ) as Server;
    server.once('error', reject);
  });
}
