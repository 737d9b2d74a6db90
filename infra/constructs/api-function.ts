import { spawnSync } from 'node:child_process';
import { relative } from 'node:path';
import { AssetHashType, Aws, Duration, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { tableDesign, type IndexName } from '../../shared/adapters/dynamodb/table-design.js';
import { POSTCODE_DISTRICTS_FILE, WEB_ASSETS_FOLDER } from '../bundle.js';
import { paths } from '../paths.js';

/** Where Lambda unpacks the bundle. */
const LAMBDA_TASK_ROOT = '/var/task';

/**
 * The function's code: infra/bundle.ts run locally at synthesis (esbuild, no Docker), in its own
 * process because CDK's local bundling is synchronous. The asset's hash is the bundle's, so a change
 * anywhere in what the function imports redeploys it, and nothing else does.
 */
function bundledCode(entry: string, webAssets: boolean): lambda.Code {
  return lambda.Code.fromAsset(paths.root, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // The Docker fallback, used only if local bundling were impossible (it never is here: Node, tsx and
      // esbuild are dev dependencies). Its command also keys CDK's bundling cache: one entry, one bundle.
      image: lambda.Runtime.NODEJS_24_X.bundlingImage,
      command: [
        'bash',
        '-c',
        `npx tsx infra/bundle-cli.ts ${relative(paths.root, entry)} /asset-output${webAssets ? ' --web-assets' : ''}`,
      ],
      local: {
        tryBundle(outputDir: string) {
          const args = ['--import', 'tsx', paths.bundleCli, entry, outputDir, ...(webAssets ? ['--web-assets'] : [])];
          const run = spawnSync(process.execPath, args, { cwd: paths.root, stdio: ['ignore', 'inherit', 'inherit'] });
          if (run.status !== 0) throw new Error(`bundling ${entry} failed (exit ${run.status ?? run.signal})`);
          return true;
        },
      },
    },
  });
}

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

export interface ApiFunctionProps {
  /** Absolute path of the TypeScript entry file exporting the handler. */
  readonly entry: string;
  /** Exported handler name. @default 'handler' */
  readonly handler?: string;
  readonly description?: string;
  /** Extra environment variables (merged over the Powertools/source-map defaults). */
  readonly environment?: Record<string, string>;
  /** @default 'INFO' */
  readonly logLevel?: LogLevel;
  /** @default 1024 */
  readonly memorySize?: number;
  /** @default 10 seconds */
  readonly timeout?: Duration;
  /** @default none (the function shares the account's unreserved concurrency) */
  readonly reservedConcurrentExecutions?: number;
  /**
   * Asynchronous invocations (e.g. from EventBridge) that still fail after `retryAttempts` go here
   * (the function's `DeadLetterConfig`; `sqs:SendMessage` on this queue is added to the role).
   * @default none
   */
  readonly deadLetterQueue?: sqs.IQueue;
  /** Retries of a failed asynchronous invocation. @default 2 (Lambda's default) */
  readonly retryAttempts?: number;
  /** How long an asynchronous event may wait (throttled/retrying) before it is dropped or dead-lettered. @default 6 hours (Lambda's default) */
  readonly maxEventAge?: Duration;
  /**
   * Ships GOV.UK Frontend's compiled CSS, JS, fonts and images beside the bundle (under `govuk/`) and
   * points WEB_ASSETS_DIR at them, for the function that serves the web pages.
   */
  readonly webAssets?: boolean;
  /**
   * Why else the role has a statement on `*`, when it has one besides X-Ray's (e.g. the stream
   * consumer's `dynamodb:ListStreams`): cdk-nag 3 acknowledges IAM5 once per finding and construct,
   * so it joins X-Ray's reason in the one `AwsSolutions-IAM5[Resource::*]` acknowledgement.
   * @default none
   */
  readonly wildcardResourceReason?: string;
}

export interface BindTableOptions {
  readonly table: dynamodb.ITable;
  readonly accessMode: 'read' | 'readWrite';
  /** GSIs the function may query. @default every index in the shared table design */
  readonly indexNames?: readonly IndexName[];
}

/** Item-level actions. There is no Scan: the single-table design never scans. */
const READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
];
/** TransactWriteItems is authorised per item by these same actions (there is no separate IAM action). */
const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

/** Why the execution role may put X-Ray trace data on `*` (Lambda adds the statement for active tracing). */
export const XRAY_WILDCARD_REASON =
  'Active X-Ray tracing: Lambda adds xray:PutTraceSegments and xray:PutTelemetryRecords, which have no resource-level permissions (IAM accepts only *).';

/**
 * A Node.js Lambda with Routeway's pinned defaults: Node 22 on arm64, bundled locally by esbuild
 * to minified ESM with source maps, an explicit log group with one-month retention, active X-Ray
 * tracing, and its own role with no AWS managed policies (it may write to its log group and trace
 * data to X-Ray, send to its dead-letter queue if it has one, and nothing else until something is
 * bound to it).
 */
export class ApiFunction extends Construct {
  readonly function: lambda.Function;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ApiFunctionProps) {
    super(scope, id);

    this.logGroup = new logs.LogGroup(this, 'LogGroup', { retention: logs.RetentionDays.ONE_MONTH });

    // Our own role instead of the default one, which carries the AWSLambdaBasicExecutionRole
    // managed policy (logs:* on every log group in the account).
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role for ${this.node.path}`, // e.g. RoutewayApi/Notifier/Function
    });
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );

    this.function = new lambda.Function(this, 'Function', {
      code: bundledCode(props.entry, props.webAssets ?? false),
      handler: `index.${props.handler ?? 'handler'}`,
      description: props.description,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(10),
      ...(props.reservedConcurrentExecutions !== undefined ? { reservedConcurrentExecutions: props.reservedConcurrentExecutions } : {}),
      ...(props.deadLetterQueue ? { deadLetterQueue: props.deadLetterQueue } : {}),
      ...(props.retryAttempts !== undefined ? { retryAttempts: props.retryAttempts } : {}),
      ...(props.maxEventAge ? { maxEventAge: props.maxEventAge } : {}),
      role: this.role,
      logGroup: this.logGroup,
      // Lambda records each invocation's trace (and adds the two X-Ray actions to the role's policy).
      tracing: lambda.Tracing.ACTIVE,
      environment: {
        POWERTOOLS_SERVICE_NAME: 'routeway',
        LOG_LEVEL: props.logLevel ?? 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
        ...(props.webAssets ? { WEB_ASSETS_DIR: `${LAMBDA_TASK_ROOT}/${WEB_ASSETS_FOLDER}` } : {}),
        POSTCODE_DISTRICTS_PATH: `${LAMBDA_TASK_ROOT}/${POSTCODE_DISTRICTS_FILE}`,
      },
    });

    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: [XRAY_WILDCARD_REASON, props.wildcardResourceReason].filter(Boolean).join(' Also: '),
    });
  }

  /**
   * Lets the function place full postcodes with Amazon Location Service (Places v2 `Geocode`, on the
   * region's default provider, nothing else) and sets GEOCODER=amazon-location. The district table
   * stays its fallback; places are cached in the table the function is bound to.
   */
  allowGeocoding(): void {
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['geo-places:Geocode'],
        resources: [`arn:${Aws.PARTITION}:geo-places:${Aws.REGION}::provider/default`],
      }),
    );
    this.function.addEnvironment('GEOCODER', 'amazon-location');
  }

  /**
   * Grants exactly the DynamoDB actions the access mode needs on the table and its indexes
   * (indexes are listed by name, never `index/*`), and sets TABLE_NAME.
   */
  bindTable(options: BindTableOptions): void {
    const { table, accessMode } = options;
    const indexNames: readonly IndexName[] = options.indexNames ?? tableDesign.globalSecondaryIndexes.map((g) => g.indexName);
    const actions = accessMode === 'readWrite' ? [...READ_ACTIONS, ...WRITE_ACTIONS] : READ_ACTIONS;

    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions, resources: [table.tableArn] }));
    if (indexNames.length > 0) {
      this.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ['dynamodb:Query'],
          resources: indexNames.map((name) => `${table.tableArn}/index/${name}`),
        }),
      );
    }
    this.function.addEnvironment('TABLE_NAME', table.tableName);
  }
}
