import { App, Tags, Validations, type Environment } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { z } from 'zod';
import type { LogLevel } from './constructs/api-function.js';
import { ApiStack } from './stacks/api-stack.js';
import { DataStack } from './stacks/data-stack.js';

/** Placeholder sender: deployable, but mail only goes out once a real, SES-verified address is set. */
export const DEFAULT_EMAIL_FROM = 'no-reply@routeway.example';

export interface BuildAppProps {
  /** Cloud assembly directory. @default the CLI's (cdk.json `output`), else a temp dir */
  readonly outdir?: string;
  /** Extra context, as `-c key=value` would give (tests use this). */
  readonly context?: Record<string, unknown>;
  /** Deployment environment. @default CDK_DEFAULT_ACCOUNT/CDK_DEFAULT_REGION when set, else env-agnostic */
  readonly env?: Environment;
}

export interface RoutewayApp {
  readonly app: App;
  readonly dataStack: DataStack;
  readonly apiStack: ApiStack;
}

/**
 * Context keys (`cdk deploy -c key=value` or cdk.json):
 * - `routeway:logLevel`            DEBUG | INFO | WARN | ERROR (default INFO)
 * - `routeway:cognitoFeaturePlan`  PLUS (default, threat protection enforced) | ESSENTIALS (dev only)
 * - `routeway:callbackUrls`        extra OAuth callback URLs, comma-separated (default the local dev server's)
 * - `routeway:cognitoDomainPrefix` creates a Cognito-hosted sign-in domain with this prefix (default none)
 * - `routeway:retentionDays`       RETENTION_DAYS for the hourly retention sweeper, 30–3650 (default 730)
 * - `routeway:sweeperReservedConcurrency` the sweeper's reserved concurrency, a positive integer, or
 *                                   `none` to reserve nothing (default 1)
 * - `routeway:emailFrom`           EMAIL_FROM of every function (EMAIL_MODE is always `ses` in AWS): the
 *                                   sender address, which must be an SES-verified identity (the address or
 *                                   its domain) in the deployment region (default `no-reply@routeway.example`)
 * - `routeway:alarmEmail`          an email address subscribed to the alarm topic (it must confirm); default none
 * - `routeway:geocoder`            district (default: the offline postcode-district table) | amazon-location
 *                                   (full postcodes placed by Amazon Location Places, cached in the table, the
 *                                   district table as fallback; billed per request at the stored-results rate)
 */
export function buildApp(props: BuildAppProps = {}): RoutewayApp {
  const app = new App({
    ...(props.outdir ? { outdir: props.outdir } : {}),
    ...(props.context ? { context: props.context } : {}),
  });

  const env = props.env ?? envFromProcess();
  const logLevel = oneOf(app, 'routeway:logLevel', ['DEBUG', 'INFO', 'WARN', 'ERROR'] as const, 'INFO') satisfies LogLevel;
  const cognitoFeaturePlan = oneOf(app, 'routeway:cognitoFeaturePlan', ['PLUS', 'ESSENTIALS'] as const, 'PLUS');
  const extraCallbackUrls = stringContext(app, 'routeway:callbackUrls', 'http://localhost:3000/auth/callback')
    .split(',')
    .map((u) => u.trim())
    .filter((u) => u.length > 0);
  const cognitoDomainPrefix = app.node.tryGetContext('routeway:cognitoDomainPrefix') as string | undefined;
  // Same bounds as RETENTION_DAYS in shared/config.ts: a bad value fails here, not in the Lambda.
  const retentionDays = intContext(app, 'routeway:retentionDays', 730, 30, 3650);
  const sweeperReservedConcurrency =
    stringContext(app, 'routeway:sweeperReservedConcurrency', '1').toLowerCase() === 'none'
      ? undefined
      : intContext(app, 'routeway:sweeperReservedConcurrency', 1, 1, 1000);
  // Same check as EMAIL_FROM in shared/config.ts (zod's email format), so a bad address fails
  // `cdk synth` rather than every function's start-up.
  const emailFrom = stringContext(app, 'routeway:emailFrom', DEFAULT_EMAIL_FROM).trim();
  if (!z.email().safeParse(emailFrom).success) {
    throw new Error(`routeway:emailFrom must be an email address (got "${emailFrom}")`);
  }

  const geocoder = stringContext(app, 'routeway:geocoder', 'district').trim();
  if (geocoder !== 'district' && geocoder !== 'amazon-location') {
    throw new Error(`routeway:geocoder must be district or amazon-location (got "${geocoder}")`);
  }
  const alarmEmail = stringContext(app, 'routeway:alarmEmail', '').trim();
  if (alarmEmail && !z.email().safeParse(alarmEmail).success) {
    throw new Error(`routeway:alarmEmail must be an email address (got "${alarmEmail}")`);
  }

  const dataStack = new DataStack(app, 'RoutewayData', {
    ...(env ? { env } : {}),
    description: 'Routeway stateful resources: the DynamoDB table and the Cognito user pool (retained, deletion-protected).',
    cognitoFeaturePlan,
    ...(cognitoDomainPrefix ? { cognitoDomainPrefix } : {}),
  });

  const apiStack = new ApiStack(app, 'RoutewayApi', {
    ...(env ? { env } : {}),
    description:
      'Routeway stateless resources: Cognito app client, HTTP API, API Lambda, scheduled sweeper, stream notifier, alarms and dashboard.',
    table: dataStack.table,
    userPool: dataStack.userPool,
    ...(dataStack.userPoolDomain ? { userPoolDomain: dataStack.userPoolDomain } : {}),
    logLevel,
    extraCallbackUrls,
    retentionDays,
    sweeperReservedConcurrency,
    emailFrom,
    ...(alarmEmail ? { alarmEmail } : {}),
    geocoder,
  });

  Tags.of(app).add('project', 'routeway');

  // cdk-nag 3 is a policy-validation plugin: violations (errors AND warnings) fail synthesis and
  // are written to the cloud assembly's validation report.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));

  return { app, dataStack, apiStack };
}

function envFromProcess(): Environment | undefined {
  const account = process.env.CDK_DEFAULT_ACCOUNT;
  const region = process.env.CDK_DEFAULT_REGION;
  if (!account && !region) return undefined;
  return { ...(account ? { account } : {}), ...(region ? { region } : {}) };
}

function stringContext(app: App, key: string, fallback: string): string {
  const value: unknown = app.node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return fallback;
  if (Array.isArray(value)) return value.map(String).join(',');
  return String(value);
}

function intContext(app: App, key: string, fallback: number, min: number, max: number): number {
  const raw = stringContext(app, key, String(fallback)).trim();
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new Error(`${key} must be an integer from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

function oneOf<T extends string>(app: App, key: string, allowed: readonly T[], fallback: T): T {
  const value = stringContext(app, key, fallback).toUpperCase();
  const match = allowed.find((a) => a === value);
  if (!match) throw new Error(`${key} must be one of ${allowed.join(', ')} (got "${value}")`);
  return match;
}
