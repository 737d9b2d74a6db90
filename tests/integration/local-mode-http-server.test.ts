import http from 'node:http';
import { connect, type Socket } from 'node:net';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import {
  HTTP_TIMEOUTS,
  httpServerOptions,
  isLoopbackHost,
  listenHost,
  startHttpServer,
  type HttpTimeouts,
} from '../../scripts/lib/http-server.js';

/**
 * The local HTTP server (`npm start`, and the browser journey's server) bounds how long a client may
 * hold a connection, and closes promptly on shutdown. Small timeouts here; the assertions wait for the
 * server to close the socket (under a generous test timeout), never for it to do so within some time.
 */
const SHORT: HttpTimeouts = { headersMs: 300, requestMs: 600, keepAliveMs: 300, checkEveryMs: 50 };

function tinyApp() {
  const app = new Hono();
  app.get('/ok', (c) => c.text('ok'));
  app.post('/echo', async (c) => c.text(await c.req.text()));
  // A body cut off by the server's own timeout: nothing to log.
  app.onError((_err, c) => c.text('aborted', 400));
  let release: () => void = () => undefined;
  const held = new Promise<void>((r) => (release = r));
  app.get('/slow', async (c) => {
    await held;
    return c.text('late');
  });
  return { app, release: () => release() };
}

/** A raw connection: what the server sent, and a promise settled when the server closes it. */
function rawClient(port: number) {
  const socket: Socket = connect(port, '127.0.0.1');
  let received = '';
  socket.setEncoding('utf8');
  socket.on('data', (d: string) => (received += d));
  socket.on('error', () => undefined);
  const closed = new Promise<void>((r) => socket.once('close', () => r()));
  const connected = new Promise<void>((r) => socket.once('connect', () => r()));
  return { socket, closed, connected, received: () => received };
}

describe('the local HTTP server', () => {
  it('uses bounded timeouts by default', async () => {
    expect(httpServerOptions()).toMatchObject({ headersTimeout: 10_000, requestTimeout: 30_000, keepAliveTimeout: 5_000 });
    const { app } = tinyApp();
    const srv = await startHttpServer({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    try {
      expect(srv.server.headersTimeout).toBe(HTTP_TIMEOUTS.headersMs);
      expect(srv.server.requestTimeout).toBe(HTTP_TIMEOUTS.requestMs);
      expect(srv.server.keepAliveTimeout).toBe(HTTP_TIMEOUTS.keepAliveMs);
    } finally {
      await srv.close(0);
    }
  });

  it('closes a connection whose client drips header lines and never finishes the head', async () => {
    const { app } = tinyApp();
    const srv = await startHttpServer({ fetch: app.fetch, port: 0, hostname: '127.0.0.1', timeouts: SHORT });
    const c = rawClient(srv.port);
    await c.connected;
    c.socket.write('GET /ok HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    // A header line every 50 ms, for as long as the connection stays open: only the server can end this.
    const drip = setInterval(() => c.socket.writable && c.socket.write(`X-Drip-${Date.now()}: 1\r\n`), 50);
    try {
      await c.closed;
      expect(c.received()).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      clearInterval(drip);
      c.socket.destroy();
      await srv.close(0);
    }
  }, 20_000);

  it('closes a connection whose client sends the head but drips the body', async () => {
    const { app } = tinyApp();
    const srv = await startHttpServer({ fetch: app.fetch, port: 0, hostname: '127.0.0.1', timeouts: SHORT });
    const c = rawClient(srv.port);
    await c.connected;
    c.socket.write('POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\n');
    const drip = setInterval(() => c.socket.writable && c.socket.write('x'), 50);
    try {
      await c.closed;
    } finally {
      clearInterval(drip);
      c.socket.destroy();
      await srv.close(0);
    }
  }, 20_000);

  it('closes an idle keep-alive connection', async () => {
    const { app } = tinyApp();
    const srv = await startHttpServer({ fetch: app.fetch, port: 0, hostname: '127.0.0.1', timeouts: SHORT });
    const c = rawClient(srv.port);
    await c.connected;
    c.socket.write('GET /ok HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n');
    try {
      await c.closed;
      expect(c.received()).toMatch(/^HTTP\/1\.1 200/);
    } finally {
      c.socket.destroy();
      await srv.close(0);
    }
  }, 20_000);

  it('shuts down despite idle keep-alive connections and a request that never finishes', async () => {
    const { app, release } = tinyApp();
    // Long timeouts: only close() can end these connections.
    const srv = await startHttpServer({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    const agent = new http.Agent({ keepAlive: true });
    try {
      const idle = await new Promise<number>((resolve, reject) =>
        http
          .get({ host: '127.0.0.1', port: srv.port, path: '/ok', agent }, (res) => res.resume().on('end', () => resolve(res.statusCode!)))
          .on('error', reject),
      );
      expect(idle).toBe(200);
      const stuck = rawClient(srv.port);
      await stuck.connected;
      stuck.socket.write('GET /slow HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
      await new Promise((r) => setTimeout(r, 50));
      await srv.close(100);
      await stuck.closed;
      expect(srv.server.listening).toBe(false);
    } finally {
      release();
      agent.destroy();
    }
  }, 20_000);

  it('listens on loopback unless HOST says otherwise, and warns when HOST opens it to the network', () => {
    expect(listenHost(undefined)).toEqual({ host: '127.0.0.1' });
    expect(listenHost('')).toEqual({ host: '127.0.0.1' });
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) {
      expect(isLoopbackHost(host), host).toBe(true);
      expect(listenHost(host).warning).toBeUndefined();
    }
    for (const host of ['0.0.0.0', '::', '192.168.1.20', 'my-laptop.local', '10.0.0.1']) {
      expect(isLoopbackHost(host), host).toBe(false);
      const { warning } = listenHost(host);
      expect(warning).toMatch(/anyone who can reach this machine can sign in as any demo user/);
      expect(warning).not.toContain('\n');
    }
  });
});
