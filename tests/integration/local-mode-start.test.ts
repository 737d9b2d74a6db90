import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/lib/local-dynamo.js';

/**
 * `npm start` itself (scripts/dev.ts, with its own DynamoDB Local and a data folder of its own): it
 * listens on loopback only, keeps the email outbox behind sign-in, keeps the stream poller's place in
 * the data folder, and Ctrl-C stops it, DynamoDB Local included, even with a browser's keep-alive
 * connection open. Timeouts are generous: this waits for things to happen, never for them to be quick.
 */
const ROOT = resolve(import.meta.dirname, '../..');
let child: ChildProcess | undefined;
let dataDir: string | undefined;
let output = '';

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (child?.exitCode !== null && child?.exitCode !== undefined)
      throw new Error(`npm start exited (${child.exitCode}) while waiting for ${what}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const reachable = (host: string, port: number) =>
  new Promise<boolean>((done) => {
    const s = connect(port, host);
    s.once('connect', () => {
      s.destroy();
      done(true);
    });
    s.once('error', () => done(false));
  });

describe('npm start', () => {
  it('listens on loopback, guards the outbox, keeps its stream position, and stops on Ctrl-C', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'routeway-start-'));
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), ROUTEWAY_DATA_DIR: dataDir, POWERTOOLS_LOG_LEVEL: 'SILENT' };
    delete env.HOST;
    child = spawn(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/dev.ts'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((r) => child!.once('exit', (code) => r(code)));

    await until('the server to start', () => (output.includes('Routeway is running at') ? true : undefined), 200_000);
    expect(output).not.toMatch(/WARNING: HOST/);
    expect(await reachable('127.0.0.1', port)).toBe(true);
    // Not on the machine's other addresses (when it has any).
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (external) expect(await reachable(external.address, port)).toBe(false);

    const outbox = await fetch(`http://127.0.0.1:${port}/dev/outbox`, { redirect: 'manual' });
    expect(outbox.status).toBe(303);
    expect(outbox.headers.get('location')).toBe('/sign-in?next=%2Fdev%2Foutbox');

    // The demo district loads behind the server; the notifier works through its stream and keeps its place.
    const checkpoint = join(dataDir, 'stream-checkpoint.json');
    await until('a stream checkpoint', () => (existsSync(checkpoint) ? true : undefined), 150_000);
    expect(JSON.parse(await readFile(checkpoint, 'utf8'))).toMatchObject({ shards: expect.any(Object) });

    const dynamoEndpoint = (await readFile(join(dataDir, 'dynamodb-endpoint'), 'utf8')).trim();
    const dynamoPort = Number(new URL(dynamoEndpoint).port);

    // A browser's idle keep-alive connection, left open.
    const agent = new http.Agent({ keepAlive: true });
    const health = await new Promise<number>((done, fail) =>
      http
        .get({ host: '127.0.0.1', port, path: '/health', agent }, (res) => res.resume().on('end', () => done(res.statusCode!)))
        .on('error', fail),
    );
    expect(health).toBeGreaterThan(0);

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    agent.destroy();
    expect(output).toContain('Stopping Routeway and DynamoDB Local');
    expect(output).not.toContain('exiting anyway');
    expect(await reachable('127.0.0.1', port)).toBe(false);
    expect(await reachable('127.0.0.1', dynamoPort)).toBe(false);
  }, 420_000);
});
