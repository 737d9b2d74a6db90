import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type LocalHttpServer } from '../../scripts/lib/http-server.js';
import { employerBody } from '../support/fixtures.js';
import { createHarness, type Harness } from '../support/harness.js';

/**
 * A 413 must not poison the client's keep-alive connection: over real HTTP, an over-limit POST and
 * then an ordinary request through the same keep-alive agent (one socket at a time, as a client pool
 * reuses its connection) are both answered.
 */
let h: Harness;
let srv: LocalHttpServer;
let token: string;

beforeAll(async () => {
  h = await createHarness();
  srv = await startHttpServer({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' });
  token = await h.token('liaison');
});
afterAll(async () => {
  await srv?.close(0);
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function send(agent: http.Agent, method: string, path: string, opts: { body?: Buffer; chunked?: boolean } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (opts.body) {
      headers['content-type'] = 'application/json';
      if (!opts.chunked) headers['content-length'] = String(opts.body.length);
    }
    const req = http.request({ host: '127.0.0.1', port: srv.port, method, path, agent, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    // Generous: an unanswered request is the failure this guards against, not a slow one.
    req.setTimeout(15_000, () => req.destroy(new Error(`${method} ${path} was not answered`)));
    if (opts.body && opts.chunked) {
      // Sent in pieces without a Content-Length: the limit is found by counting.
      for (let i = 0; i < opts.body.length; i += 16 * 1024) req.write(opts.body.subarray(i, i + 16 * 1024));
      req.end();
    } else {
      req.end(opts.body);
    }
  });
}

const oversized = () => Buffer.from(JSON.stringify(employerBody({ notes: 'x'.repeat(300 * 1024) })));

describe('an over-limit body over HTTP', () => {
  for (const chunked of [false, true]) {
    it(`is answered 413 problem+json and the same keep-alive client's next request is answered (${chunked ? 'chunked' : 'Content-Length'})`, async () => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      try {
        const first = await send(agent, 'GET', '/health');
        expect(first.status).toBe(200);

        const big = await send(agent, 'POST', '/employers', { body: oversized(), chunked });
        expect(big.status).toBe(413);
        expect(big.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(JSON.parse(big.body)).toMatchObject({ status: 413 });
        expect(big.headers.connection).toBe('close');

        const next = await send(agent, 'GET', '/health');
        expect(next.status).toBe(200);
        const created = await send(agent, 'POST', '/employers', {
          body: Buffer.from(JSON.stringify(employerBody({ name: `Keepalive Bakery ${chunked ? 'Chunked' : 'Declared'}` }))),
          chunked,
        });
        expect(created.status).toBe(201);
      } finally {
        agent.destroy();
      }
    });
  }

  it('is answered 413 even while the client is still sending a body of megabytes, and the next request too', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (let round = 0; round < 3; round++) {
        const big = await send(agent, 'POST', '/employers', { body: Buffer.alloc(6 * 1024 * 1024, 'x') });
        expect(big.status).toBe(413);
        expect(big.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect((await send(agent, 'GET', '/health')).status).toBe(200);
      }
    } finally {
      agent.destroy();
    }
  });

  it('the same through fetch (undici): the request after a 413 is answered', async () => {
    const base = `http://127.0.0.1:${srv.port}`;
    const big = await fetch(`${base}/employers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: oversized(),
    });
    expect(big.status).toBe(413);
    expect(big.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    await big.text();
    const next = await fetch(`${base}/health`, { signal: AbortSignal.timeout(15_000) });
    expect(next.status).toBe(200);
  });
});
