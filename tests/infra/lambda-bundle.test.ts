import { dynamoEndpoint } from '../support/dynamo-endpoint.js';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleFunction, copyGeoData, copyWebAssets, POSTCODE_DISTRICTS_FILE, WEB_ASSETS_FOLDER } from '../../infra/bundle.js';
import { paths } from '../../infra/paths.js';
import { createHarness, type Harness } from '../support/harness.js';

/**
 * The API function's bundle, built exactly as deployed (infra/bundle.ts), run in a fresh Node process
 * the way Lambda runs it: no endpoint in the app's config, so the DynamoDB client takes its credentials
 * from the SDK's default provider, which the bundle narrows to the environment
 * (`lambdaCredentialsFromEnv`). The SDK's own AWS_ENDPOINT_URL_DYNAMODB points it at DynamoDB Local.
 */
const run = promisify(execFile);
/** The Node that runs the bundle: this one, or another (e.g. Lambda's Node 24) named by ROUTEWAY_BUNDLE_NODE. */
const bundleNode = process.env.ROUTEWAY_BUNDLE_NODE || process.execPath;
let h: Harness;
let outdir: string;
let inputs: string[];

beforeAll(async () => {
  h = await createHarness();
  outdir = mkdtempSync(join(tmpdir(), 'routeway-lambda-bundle-'));
  const built = await bundleFunction({ entry: join(paths.root, 'functions/api/lambda.ts'), outdir, sourcemap: false, metafile: true });
  inputs = Object.keys(built.metafile.inputs);
  copyGeoData(outdir);
  copyWebAssets(outdir);
});

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** Invokes the bundle's handler with GET /health in a child process whose whole environment is `env`. */
async function health(env: Record<string, string>): Promise<{ statusCode: number; body: string; node: string }> {
  const script = `
    const { handler } = await import(${JSON.stringify(pathToFileURL(join(outdir, 'index.mjs')).href)});
    const event = { version: '2.0', routeKey: '$default', rawPath: '/health', rawQueryString: '', isBase64Encoded: false,
      headers: { host: 'abc.execute-api.eu-west-2.amazonaws.com', 'x-forwarded-proto': 'https' },
      requestContext: { http: { method: 'GET', path: '/health', protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'vitest' },
        requestId: 'r1', routeKey: '$default', stage: '$default', timeEpoch: Date.now() } };
    const res = await handler(event, { awsRequestId: 'r1', getRemainingTimeInMillis: () => 10000 });
    process.stdout.write('\\nRESULT ' + JSON.stringify({ statusCode: res.statusCode, body: res.body, node: process.version }) + '\\n');`;
  const { stdout } = await run(bundleNode, ['--input-type=module', '-e', script], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: outdir, // no ~/.aws files to fall back on
      AWS_REGION: 'eu-west-2',
      AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint(),
      TABLE_NAME: h.tableName,
      AUTH_MODE: 'cognito',
      JWT_ISSUER: 'https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_TEST',
      JWT_AUDIENCE: 'routeway-web-client',
      JWKS_URL: 'https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_TEST/.well-known/jwks.json',
      USER_POOL_ID: 'eu-west-2_TEST',
      EMAIL_MODE: 'ses',
      EMAIL_FROM: 'no-reply@routeway.example',
      RATE_LIMIT_STORE: 'dynamodb',
      POSTCODE_DISTRICTS_PATH: join(outdir, POSTCODE_DISTRICTS_FILE),
      WEB_ASSETS_DIR: join(outdir, WEB_ASSETS_FOLDER),
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      // No instance metadata to wait for, were the full chain still there.
      AWS_EC2_METADATA_DISABLED: 'true',
      ...env,
    },
  });
  // The function's own log and metric lines (EMF) share stdout.
  const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`no result from the bundle: ${stdout.slice(0, 2000)}`);
  return JSON.parse(line.slice('RESULT '.length)) as { statusCode: number; body: string; node: string };
}

describe('the API bundle as Lambda runs it', () => {
  it('carries the environment credential provider and none of the rest of the default chain', () => {
    expect(inputs.some((p) => p.includes('@aws-sdk/credential-provider-env/'))).toBe(true);
    const others = inputs.filter((p) =>
      /@aws-sdk\/(credential-provider-(node|sso|ini|process|web-identity|http|login)|nested-clients)\//.test(p),
    );
    expect(others).toEqual([]);
  });

  it("reaches the table with the environment's credentials, and answers 503 without them", async () => {
    const withKeys = await health({ AWS_ACCESS_KEY_ID: 'AKIDLOCAL', AWS_SECRET_ACCESS_KEY: 'local', AWS_SESSION_TOKEN: 'token' });
    expect(withKeys.statusCode).toBe(200);
    // Which Node ran it (Lambda's is 24: run with ROUTEWAY_BUNDLE_NODE pointing at one to check).
    expect(withKeys.node).toBe((await run(bundleNode, ['--version'])).stdout.trim());
    const without = await health({});
    expect(without.statusCode).toBe(503);
  });
});
