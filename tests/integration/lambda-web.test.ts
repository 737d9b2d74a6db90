import { dynamoEndpoint } from '../support/dynamo-endpoint.js';
import { gunzipSync } from 'node:zlib';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTCODE_DISTRICTS } from '../../scripts/lib/local-paths.js';
import { copyWebAssets } from '../../infra/bundle.js';
import { createHarness, type Harness } from '../support/harness.js';

/**
 * The pages as AWS serves them: functions/api/lambda.ts's handler, configured exactly as the CDK stack
 * configures it (Cognito mode with a hosted sign-in domain, GOV.UK Frontend copied beside the bundle by
 * the stack's own copy commands), fed API Gateway HTTP API (payload 2.0) events. The table is DynamoDB
 * Local's.
 */
const DOMAIN = 'https://routeway-test.auth.eu-west-2.amazoncognito.com';
const HOST = 'abc123.execute-api.eu-west-2.amazonaws.com';

let h: Harness;
let assetsDir: string;
let handler: (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;
const saved = { ...process.env };

function event(method: string, rawPath: string, headers: Record<string, string> = {}, rawQueryString = ''): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    headers: { host: HOST, 'x-forwarded-proto': 'https', ...headers },
    isBase64Encoded: false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: HOST,
      domainPrefix: 'abc123',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'vitest' },
      requestId: 'req-1',
      routeKey: '$default',
      stage: '$default',
      time: '26/Nov/2026:10:00:00 +0000',
      timeEpoch: Date.parse('2026-11-26T10:00:00Z'),
    },
  };
}

const context = {
  functionName: 'RoutewayApi-ApiFunction',
  awsRequestId: 'req-1',
  getRemainingTimeInMillis: () => 10_000,
} as unknown as Context;

beforeAll(async () => {
  h = await createHarness();
  assetsDir = mkdtempSync(join(tmpdir(), 'routeway-bundle-'));
  // The same copy the CDK's bundling step makes for the API function.
  copyWebAssets(assetsDir);
  Object.assign(process.env, {
    TABLE_NAME: h.tableName,
    DYNAMODB_ENDPOINT: dynamoEndpoint(),
    AUTH_MODE: 'cognito',
    USER_POOL_ID: 'eu-west-2_TEST',
    JWT_ISSUER: 'https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_TEST',
    JWT_AUDIENCE: 'routeway-web-client',
    JWKS_URL: 'https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_TEST/.well-known/jwks.json',
    COGNITO_DOMAIN: DOMAIN,
    EMAIL_MODE: 'ses',
    RATE_LIMIT_STORE: 'dynamodb',
    POSTCODE_DISTRICTS_PATH: POSTCODE_DISTRICTS,
    EMAIL_FROM: 'no-reply@routeway.example',
    WEB_ASSETS_DIR: join(assetsDir, 'govuk'),
  });
  ({ handler } = (await import('../../functions/api/lambda.js')) as unknown as { handler: typeof handler });
});

afterAll(() => {
  process.env = saved;
  rmSync(assetsDir, { recursive: true, force: true });
});

describe('the web pages from the Lambda handler (as deployed)', () => {
  it('sends a browser without a session to sign in, and sign-in to Cognito’s hosted pages with the API’s own callback', async () => {
    const app = await handler(event('GET', '/app/vacancies'), context);
    expect(app.statusCode).toBe(303);
    expect(app.headers?.location).toBe('/sign-in?next=%2Fapp%2Fvacancies');

    const signIn = await handler(event('GET', '/sign-in', {}, 'next=%2Fapp%2Fvacancies'), context);
    expect(signIn.statusCode).toBe(302);
    const to = new URL(String(signIn.headers?.location));
    expect(`${to.origin}${to.pathname}`).toBe(`${DOMAIN}/oauth2/authorize`);
    expect(to.searchParams.get('redirect_uri')).toBe(`https://${HOST}/auth/callback`);
    expect(to.searchParams.get('client_id')).toBe('routeway-web-client');
    const cookies = signIn.cookies ?? [];
    expect(cookies.some((c) => /^rw_oauth=.*Secure/i.test(c))).toBe(true);
  });

  it('serves GOV.UK Frontend from the copied assets: text as text, fonts base64-encoded', async () => {
    const css = await handler(event('GET', '/assets/govuk-frontend.min.css'), context);
    expect(css.statusCode).toBe(200);
    expect(css.headers?.['content-type']).toContain('text/css');
    expect(css.isBase64Encoded).toBe(false);
    const font = /\/assets\/(fonts\/[^"')]+\.woff2)/.exec(String(css.body))![1]!;
    const woff2 = await handler(event('GET', `/assets/${font}`), context);
    expect(woff2.statusCode).toBe(200);
    expect(woff2.isBase64Encoded).toBe(true);
    expect(Buffer.from(String(woff2.body), 'base64').subarray(0, 4).toString('latin1')).toBe('wOF2');
    // Gzipped for a browser that asks: API Gateway gets it base64-encoded, as binary.
    const zipped = await handler(event('GET', '/assets/govuk-frontend.min.css', { 'accept-encoding': 'gzip, deflate, br' }), context);
    expect(zipped.headers?.['content-encoding']).toBe('gzip');
    expect(zipped.isBase64Encoded).toBe(true);
    expect(gunzipSync(Buffer.from(String(zipped.body), 'base64')).toString('utf8')).toBe(css.body);
    const js = await handler(event('GET', '/assets/govuk-frontend.min.js'), context);
    expect(js.statusCode).toBe(200);
    expect((await handler(event('GET', '/assets/init.js'), context)).statusCode).toBe(200);
  });

  it("serves the API reference viewer from the copied assets, within Lambda's 6 MB response limit, gzipped for a browser that asks", async () => {
    const plain = await handler(event('GET', '/assets/api-reference.js'), context);
    expect(plain.statusCode).toBe(200);
    expect(plain.headers?.['content-type']).toContain('text/javascript');
    expect(String(plain.body)).toContain('createApiReference');
    expect(Buffer.byteLength(String(plain.body))).toBeLessThan(6 * 1024 * 1024);
    const zipped = await handler(event('GET', '/assets/api-reference.js', { 'accept-encoding': 'gzip, deflate, br' }), context);
    expect(zipped.headers?.['content-encoding']).toBe('gzip');
    expect(Buffer.byteLength(String(zipped.body))).toBeLessThan(2 * 1024 * 1024);
  });

  it('answers the health check against the table', async () => {
    const res = await handler(event('GET', '/health'), context);
    expect(res.statusCode).toBe(200);
  });

  it('has no local demo sign-in in AWS', async () => {
    const res = await handler(event('POST', '/sign-in', { 'content-type': 'application/x-www-form-urlencoded' }), context);
    expect(res.statusCode).toBe(404);
  });
});
