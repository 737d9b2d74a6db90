import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Validations, type App, type CfnResource } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, DEFAULT_EMAIL_FROM, type RoutewayApp } from '../../infra/app.js';
import { paths } from '../../infra/paths.js';
import { tableDesign } from '../../shared/adapters/dynamodb/table-design.js';
import { FOOTER_LINKS } from '../../functions/api/web/layout.js';

/**
 * The CDK app, synthesised once per app variant (esbuild bundles the API function once).
 * Context comes from cdk.json so the feature flags match what `cdk synth` uses.
 */
const cdkJson = JSON.parse(readFileSync(join(paths.root, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };

/** Every acknowledged cdk-nag finding, by rule id → construct paths. Changing this list is a reviewed decision. */
const EXPECTED_ACKNOWLEDGEMENTS: Record<string, string[]> = {
  'AwsSolutions-APIG4': [
    'RoutewayApi/HttpApi/Api/GET--',
    'RoutewayApi/HttpApi/Api/GET--accessibility',
    'RoutewayApi/HttpApi/Api/GET--app',
    'RoutewayApi/HttpApi/Api/GET--app--{proxy+}',
    'RoutewayApi/HttpApi/Api/GET--assets--{proxy+}',
    'RoutewayApi/HttpApi/Api/GET--auth--callback',
    'RoutewayApi/HttpApi/Api/GET--cookies',
    'RoutewayApi/HttpApi/Api/GET--docs',
    'RoutewayApi/HttpApi/Api/GET--health',
    'RoutewayApi/HttpApi/Api/GET--help',
    'RoutewayApi/HttpApi/Api/GET--openapi.json',
    'RoutewayApi/HttpApi/Api/GET--privacy',
    'RoutewayApi/HttpApi/Api/GET--sign-in',
    'RoutewayApi/HttpApi/Api/GET--unsubscribe',
    'RoutewayApi/HttpApi/Api/POST--app--{proxy+}',
    'RoutewayApi/HttpApi/Api/POST--sign-out',
    'RoutewayApi/HttpApi/Api/POST--unsubscribe',
  ],
  // X-Ray's two actions (active tracing) on every role, and the notifier's dynamodb:ListStreams: none has resource-level permissions.
  'AwsSolutions-IAM5[Resource::*]': [
    'RoutewayApi/HttpApi/Function/Role',
    'RoutewayApi/Notifier/Function/Role',
    'RoutewayApi/Sweeper/Function/Role',
  ],
  // ses:SendEmail on the account's identities, conditioned on ses:FromAddress.
  'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:identity/*]': ['RoutewayApi/Notifier/Function/Role'],
  // The notifier's stream on-failure destination: a DLQ cdk-nag cannot recognise as one.
  'AwsSolutions-SQS3': ['RoutewayApi/Notifier/DeadLetterQueue'],
};

const PUBLIC_ROUTE_KEYS = [
  'GET /',
  'GET /assets/{proxy+}',
  'GET /docs',
  'GET /health',
  'GET /openapi.json',
  // The web pages check their own session cookie (and CSRF field) instead of a bearer token.
  'GET /sign-in',
  'GET /auth/callback',
  'POST /sign-out',
  'GET /app',
  'GET /app/{proxy+}',
  'POST /app/{proxy+}',
  // The footer's information pages, for anyone.
  'GET /help',
  'GET /accessibility',
  'GET /privacy',
  'GET /cookies',
  // A staff email's unsubscribe link: its signed token is its authority (no session).
  'GET /unsubscribe',
  'POST /unsubscribe',
];

interface Synthesised extends RoutewayApp {
  outdir: string;
  assembly?: CloudAssembly;
  synthError?: Error;
}

const outdirs: string[] = [];

function synthesise(extraContext: Record<string, unknown> = {}): Synthesised {
  const outdir = mkdtempSync(join(tmpdir(), 'routeway-cdk-'));
  outdirs.push(outdir);
  const built = buildApp({
    outdir,
    // In-memory mode: a failed validation throws with the full report (as under `cdk synth`).
    context: { ...cdkJson.context, '@aws-cdk/core:appMode': 'inmemory', ...extraContext },
  });
  try {
    return { ...built, outdir, assembly: built.app.synth() };
  } catch (err) {
    return { ...built, outdir, synthError: err as Error };
  }
}

interface ReportViolation {
  ruleName?: string;
  severity?: string;
  violatingResources?: unknown[];
}

/** Violations in the cloud assembly's validation report (CDK writes it whenever plugins ran). */
function reportedViolations(dir: string): ReportViolation[] {
  const report = JSON.parse(readFileSync(join(dir, 'validation-report.json'), 'utf8')) as {
    pluginReports?: { violations?: ReportViolation[] }[];
  };
  return (report.pluginReports ?? []).flatMap((p) => p.violations ?? []);
}

function acknowledgements(app: App): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  const visit = (c: IConstruct): void => {
    for (const entry of c.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [key, reason] of Object.entries(entry.data as Record<string, string>)) {
        const id = key.replace(/^annotation::/i, '');
        expect(reason, `acknowledgement ${id} at ${c.node.path} needs a reason`).toMatch(/\S{10,}/);
        (found[id] ??= []).push(c.node.path);
      }
    }
    c.node.children.forEach(visit);
  };
  visit(app);
  for (const list of Object.values(found)) list.sort();
  return found;
}

/** The CloudFormation logical id of a construct's L1 resource, as the template has it. */
function logicalId(construct: IConstruct): string {
  const cfn = construct.node.defaultChild as CfnResource;
  return cfn.stack.getLogicalId(cfn);
}

type PolicyStatement = { Effect: string; Action: string | string[]; Resource: unknown };

/** The statements of every AWS::IAM::Policy attached to the role with this logical id. */
function roleStatements(template: Template, roleLogicalId: string): PolicyStatement[] {
  const policies = Object.values(template.findResources('AWS::IAM::Policy')) as {
    Properties: { Roles: { Ref: string }[]; PolicyDocument: { Statement: PolicyStatement[] } };
  }[];
  return policies
    .filter((p) => p.Properties.Roles.some((r) => r.Ref === roleLogicalId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement);
}

const asArray = (a: string | string[]): string[] => (Array.isArray(a) ? a : [a]);

/** What Lambda's active tracing adds to a role: X-Ray's two actions, on `*` (they have no resource-level permissions). */
const XRAY_ACTIONS = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'];

/**
 * How the API stack refers to the data stack's user pool id: a weak cross-stack reference
 * (`Fn::GetStackOutput`) to the data stack output whose value is the pool's `Ref`.
 */
function userPoolIdFromDataStack(): unknown {
  const outputs = data.toJSON().Outputs as Record<string, { Value: unknown }>;
  const pool = { Ref: logicalId(main.dataStack.userPool) };
  const names = Object.entries(outputs)
    .filter(([, o]) => JSON.stringify(o.Value) === JSON.stringify(pool))
    .map(([name]) => name);
  expect(names).toHaveLength(1);
  return { 'Fn::GetStackOutput': Match.objectLike({ StackName: 'RoutewayData', OutputName: names[0] }) };
}

/** Resources whose DeletionPolicy or UpdateReplacePolicy keeps them when the stack deletes or replaces them. */
function retainedResources(template: Template): { id: string; type: string }[] {
  const resources = template.toJSON().Resources as Record<string, { Type: string; DeletionPolicy?: string; UpdateReplacePolicy?: string }>;
  return Object.entries(resources)
    .filter(([, r]) => [r.DeletionPolicy, r.UpdateReplacePolicy].some((p) => p !== undefined && p !== 'Delete'))
    .map(([id, r]) => ({ id, type: r.Type }));
}

let main: Synthesised;
let data: Template;
let api: Template;

beforeAll(() => {
  main = synthesise();
  if (main.synthError) throw main.synthError; // the message carries the validation report
  data = Template.fromStack(main.dataStack);
  api = Template.fromStack(main.apiStack);
});

afterAll(() => {
  for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
});

describe('cdk-nag (AwsSolutions, cdk-nag 3 policy-validation plugin)', () => {
  it('synthesises with no unacknowledged errors or warnings in the validation report', () => {
    expect(main.synthError).toBeUndefined();
    expect(reportedViolations(main.assembly!.directory)).toEqual([]);
  });

  it('finds nothing when the pack is run directly over the tree (errors and warnings alike)', () => {
    const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(main.app);
    expect(
      report.violations.map((v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`),
    ).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('finds nothing in either stack on its own (stateful and stateless)', () => {
    for (const stack of [main.dataStack, main.apiStack]) {
      const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(stack);
      expect(
        report.violations.map((v) => `${v.severity} ${v.ruleName}`),
        stack.stackName,
      ).toEqual([]);
      expect(report.success, stack.stackName).toBe(true);
    }
  });

  it('acknowledges exactly the reviewed findings, each with a reason', () => {
    expect(acknowledgements(main.app)).toEqual(EXPECTED_ACKNOWLEDGEMENTS);
  });

  it('the ESSENTIALS Cognito plan opts down explicitly (COG8 acknowledged) and still passes', () => {
    // Bundling skipped for this variant: only the construct tree matters here.
    const dev = synthesise({ 'routeway:cognitoFeaturePlan': 'ESSENTIALS', 'aws:cdk:bundling-stacks': [] });
    expect(dev.synthError).toBeUndefined();
    expect(reportedViolations(dev.assembly!.directory)).toEqual([]);
    expect(acknowledgements(dev.app)['AwsSolutions-COG8']).toEqual(['RoutewayData/RoutewayUserPool/UserPool']);
    Template.fromStack(dev.dataStack).hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolTier: 'ESSENTIALS',
      UserPoolAddOns: Match.absent(),
    });
  });
});

describe('RoutewayData (stateful)', () => {
  it('has exactly one table, keyed and indexed exactly as the shared table design says', () => {
    data.resourceCountIs('AWS::DynamoDB::Table', 1);
    const [table] = Object.values(data.findResources('AWS::DynamoDB::Table')) as { Properties: Record<string, unknown> }[];
    const props = table!.Properties;

    expect(props.KeySchema).toEqual([
      { AttributeName: tableDesign.partitionKey, KeyType: 'HASH' },
      { AttributeName: tableDesign.sortKey, KeyType: 'RANGE' },
    ]);
    expect(props.GlobalSecondaryIndexes).toEqual(
      tableDesign.globalSecondaryIndexes.map((g) => ({
        IndexName: g.indexName,
        KeySchema: [
          { AttributeName: g.partitionKey, KeyType: 'HASH' },
          { AttributeName: g.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    );
    const keyAttributes = [
      tableDesign.partitionKey,
      tableDesign.sortKey,
      ...tableDesign.globalSecondaryIndexes.flatMap((g) => [g.partitionKey, g.sortKey]),
    ];
    expect(props.AttributeDefinitions).toEqual(keyAttributes.map((name) => ({ AttributeName: name, AttributeType: 'S' })));
    expect(props.TimeToLiveSpecification).toEqual({ AttributeName: tableDesign.timeToLiveAttribute, Enabled: true });
  });

  it('is on-demand, point-in-time recoverable, AWS-managed-key encrypted, streamed, protected and retained', () => {
    data.hasResource('AWS::DynamoDB::Table', {
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        // SSEEnabled with no customer key = the AWS managed key (aws/dynamodb).
        SSESpecification: { SSEEnabled: true },
        StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
        DeletionProtectionEnabled: true,
        ProvisionedThroughput: Match.absent(),
      }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  it('holds the user pool as well as the table: both retained, and nothing else is', () => {
    data.resourceCountIs('AWS::Cognito::UserPool', 1);
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect(retainedResources(data).sort(byId)).toEqual(
      [
        { id: logicalId(main.dataStack.table), type: 'AWS::DynamoDB::Table' },
        { id: logicalId(main.dataStack.userPool), type: 'AWS::Cognito::UserPool' },
      ].sort(byId),
    );
  });

  it('has an invite-only, email sign-in user pool with strong passwords, threat protection and custom attributes', () => {
    data.hasResource('AWS::Cognito::UserPool', {
      Properties: Match.objectLike({
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        UsernameAttributes: ['email'],
        MfaConfiguration: 'ON',
        UserPoolTier: 'PLUS',
        UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
        DeletionProtection: 'ACTIVE',
        Policies: {
          PasswordPolicy: Match.objectLike({
            MinimumLength: 12,
            RequireLowercase: true,
            RequireUppercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
          }),
        },
        Schema: Match.arrayWith([
          { AttributeDataType: 'String', Mutable: true, Name: 'org' },
          { AttributeDataType: 'String', Mutable: true, Name: 'employerId' },
        ]),
      }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  it('has the four role groups', () => {
    const groups = Object.values(data.findResources('AWS::Cognito::UserPoolGroup')) as {
      Properties: { GroupName: string; UserPoolId: unknown };
    }[];
    expect(groups.map((g) => g.Properties.GroupName).sort()).toEqual(['admin', 'adviser', 'employer', 'liaison']);
    for (const g of groups) expect(g.Properties.UserPoolId).toEqual({ Ref: logicalId(main.dataStack.userPool) });
  });
});

describe('RoutewayApi (stateless)', () => {
  it("holds no user pool, group, domain or table: it uses the data stack's by (weak) reference", () => {
    for (const type of ['AWS::Cognito::UserPool', 'AWS::Cognito::UserPoolGroup', 'AWS::Cognito::UserPoolDomain', 'AWS::DynamoDB::Table']) {
      api.resourceCountIs(type, 0);
    }
    // The app client is the stateless stack's: its callback URLs are the API's (see docs/infrastructure.md).
    api.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    api.hasResourceProperties('AWS::Cognito::UserPoolClient', { UserPoolId: userPoolIdFromDataStack() });
    api.hasOutput('UserPoolId', { Value: userPoolIdFromDataStack() });
  });

  it('retains nothing but its log groups (CDK retains log groups by default; their events expire after a month)', () => {
    const retained = retainedResources(api);
    expect(retained.map((r) => r.type)).toEqual([
      'AWS::Logs::LogGroup',
      'AWS::Logs::LogGroup',
      'AWS::Logs::LogGroup',
      'AWS::Logs::LogGroup',
    ]);
  });

  it('runs the API function on Node.js 22, arm64, with the pinned size, timeout and environment', () => {
    api.resourceCountIs('AWS::Lambda::Function', 3); // the API function, the sweeper and the notifier
    api.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: 1024,
      Timeout: 10,
      LoggingConfig: { LogGroup: { Ref: logicalId(main.apiStack.httpApi.function.logGroup) } },
      Environment: {
        Variables: {
          AUTH_MODE: 'cognito',
          EMAIL_MODE: 'ses',
          RATE_LIMIT_STORE: 'dynamodb',
          EMAIL_FROM: DEFAULT_EMAIL_FROM,
          LOG_LEVEL: 'INFO',
          NODE_OPTIONS: '--enable-source-maps',
          POWERTOOLS_SERVICE_NAME: 'routeway',
          TABLE_NAME: Match.anyValue(),
          WEB_ASSETS_DIR: '/var/task/govuk',
          POSTCODE_DISTRICTS_PATH: '/var/task/data/postcode-districts.csv',
          JWT_AUDIENCE: { Ref: logicalId(main.apiStack.webClient.userPoolClient) },
          JWT_ISSUER: {
            'Fn::Join': [
              '',
              ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/', userPoolIdFromDataStack()],
            ],
          },
          JWKS_URL: {
            'Fn::Join': [
              '',
              [
                'https://cognito-idp.',
                { Ref: 'AWS::Region' },
                '.',
                { Ref: 'AWS::URLSuffix' },
                '/',
                userPoolIdFromDataStack(),
                '/.well-known/jwks.json',
              ],
            ],
          },
          USER_POOL_ID: userPoolIdFromDataStack(),
        },
      },
    });
  });

  it('bundles each function (API, sweeper, notifier) as minified ESM with the createRequire banner and a source map', () => {
    const assetDirs = readdirSync(main.assembly!.directory).filter((d) => d.startsWith('asset.'));
    const bundles = assetDirs.map((d) => join(main.assembly!.directory, d)).filter((d) => readdirSync(d).includes('index.mjs'));
    expect(bundles).toHaveLength(3);
    for (const bundle of bundles) {
      const files = readdirSync(bundle).sort();
      // The API function also carries GOV.UK Frontend's assets (next test).
      expect(files.filter((f) => f !== 'govuk')).toEqual(['data', 'index.mjs', 'index.mjs.map']);
      // The offline geocoder's table travels with every function (each builds the same runtime).
      expect(readdirSync(join(bundle, 'data'))).toEqual(['postcode-districts.csv']);
      const code = readFileSync(join(bundle, 'index.mjs'), 'utf8');
      expect(code.startsWith("import { createRequire as __routewayCreateRequire } from 'node:module';")).toBe(true);
      // Under the 1.5 MB aim (docs/performance.md, decision 27), English only: zod's other 63 locales are left out.
      expect(statSync(join(bundle, 'index.mjs')).size).toBeLessThan(1_500_000);
      expect(code).not.toContain('Ungültige Eingabe');
    }
    // One bundle per entry: each function's code is its own (a shared bundling cache key would deploy one everywhere).
    const fns = api.findResources('AWS::Lambda::Function') as Record<string, { Properties: { Code: { S3Key: unknown } } }>;
    const keys = [main.apiStack.httpApi.function, main.apiStack.sweeper.function, main.apiStack.notifier.function].map((f) =>
      JSON.stringify(fns[logicalId(f.function)]!.Properties.Code.S3Key),
    );
    expect(new Set(keys).size).toBe(3);
  });

  it("ships GOV.UK Frontend's CSS, JS, fonts and images with the API function (only), where WEB_ASSETS_DIR points", () => {
    const fns = api.findResources('AWS::Lambda::Function');
    const vars = (id: string) => (fns[id]!.Properties as { Environment: { Variables: Record<string, unknown> } }).Environment.Variables;
    expect(vars(logicalId(main.apiStack.httpApi.function.function)).WEB_ASSETS_DIR).toBe('/var/task/govuk');
    expect(vars(logicalId(main.apiStack.notifier.function.function)).WEB_ASSETS_DIR).toBeUndefined();
    const bundles = readdirSync(main.assembly!.directory)
      .filter((d) => d.startsWith('asset.'))
      .map((d) => join(main.assembly!.directory, d))
      .filter((d) => readdirSync(d).includes('govuk'));
    expect(bundles).toHaveLength(1);
    const govuk = join(bundles[0]!, 'govuk');
    // Exactly what functions/api/web/assets.ts serves: the two bundles, assets/ (fonts, images, manifest) and the
    // API reference viewer.
    expect(readdirSync(govuk).sort()).toEqual(['api-reference.js', 'assets', 'govuk-frontend.min.css', 'govuk-frontend.min.js']);
    const css = readFileSync(join(govuk, 'govuk-frontend.min.css'), 'utf8');
    const fonts = [...css.matchAll(/url\(["']?\/assets\/(fonts\/[^"')]+\.woff2)/g)].map((m) => m[1]!);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(statSync(join(govuk, 'assets', font)).size, font).toBeGreaterThan(1000);
    expect(statSync(join(govuk, 'assets', 'images', 'favicon.ico')).isFile()).toBe(true);
  });

  it('gives the web pages Cognito hosted sign-in when the pool has a domain, and not otherwise', () => {
    const apiVars = (t: Template, stack: RoutewayApp['apiStack']) =>
      (
        t.findResources('AWS::Lambda::Function')[logicalId(stack.httpApi.function.function)]!.Properties as {
          Environment: { Variables: Record<string, unknown> };
        }
      ).Environment.Variables;
    expect(apiVars(api, main.apiStack).COGNITO_DOMAIN).toBeUndefined();
    const withDomain = synthesise({ 'routeway:cognitoDomainPrefix': 'routeway-test' });
    if (withDomain.synthError) throw withDomain.synthError;
    const t = Template.fromStack(withDomain.apiStack);
    // The domain lives with the pool, in the data stack; the API function gets its URL by reference.
    t.resourceCountIs('AWS::Cognito::UserPoolDomain', 0);
    const withDomainData = Template.fromStack(withDomain.dataStack);
    withDomainData.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
    withDomainData.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'routeway-test',
      UserPoolId: { Ref: logicalId(withDomain.dataStack.userPool) },
    });
    expect(retainedResources(withDomainData)).toHaveLength(2); // still only the table and the pool
    const domain = JSON.stringify(apiVars(t, withDomain.apiStack).COGNITO_DOMAIN);
    expect(domain).toContain('https://');
    expect(domain).toContain('.auth.');
    expect(domain).toContain('amazoncognito.com');
    expect(domain).toMatch(/UserPoolDomain/);
    expect(domain).toContain('"Fn::GetStackOutput":{"StackName":"RoutewayData"');
  });

  it('gives the function its own role: no managed policies, least-privilege DynamoDB, no wildcards', () => {
    api.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: Match.objectLike({
        Statement: [Match.objectLike({ Principal: { Service: 'lambda.amazonaws.com' } })],
      }),
      ManagedPolicyArns: Match.absent(),
    });
    // Stack-wide: no identity policy grants Scan or a wildcard action.
    const allPolicies = Object.values(api.findResources('AWS::IAM::Policy')) as {
      Properties: { PolicyDocument: { Statement: PolicyStatement[] } };
    }[];
    const allActions = allPolicies.flatMap((p) => p.Properties.PolicyDocument.Statement).flatMap((s) => asArray(s.Action));
    expect(allActions).not.toContain('dynamodb:Scan');
    expect(allActions.filter((a) => a.includes('*'))).toEqual([]);

    // The API function's own role: every GSI by name (GSI1/GSI2 listings, GSI3 the employer directory).
    const statements = roleStatements(api, logicalId(main.apiStack.httpApi.function.role));
    const actions = statements.flatMap((s) => asArray(s.Action));
    expect(actions).not.toContain('dynamodb:Scan');
    const serialisedResources = JSON.stringify(statements.map((s) => s.Resource));
    expect(serialisedResources).not.toMatch(/index\/\*/);
    expect(tableDesign.globalSecondaryIndexes.map((g) => g.indexName)).toEqual(['GSI1', 'GSI2', 'GSI3']);
    for (const g of tableDesign.globalSecondaryIndexes) expect(serialisedResources).toContain(`/index/${g.indexName}`);

    // The staff directory (the user pool): what the admin pages do, on the data stack's pool only;
    // never deleting a user, setting a password or changing the pool.
    const cognito = statements.filter((s) => asArray(s.Action).some((a) => a.startsWith('cognito-idp:')));
    expect(cognito.flatMap((s) => asArray(s.Action)).sort()).toEqual(
      [
        'ListUsers',
        'ListUsersInGroup',
        'AdminListGroupsForUser',
        'AdminCreateUser',
        'AdminUpdateUserAttributes',
        'AdminDeleteUserAttributes',
        'AdminAddUserToGroup',
        'AdminRemoveUserFromGroup',
        'AdminDisableUser',
        'AdminEnableUser',
        'AdminUserGlobalSignOut',
      ]
        .map((a) => `cognito-idp:${a}`)
        .sort(),
    );
    expect(cognito.map((s) => s.Resource)).toEqual([
      { 'Fn::GetStackOutput': expect.objectContaining({ StackName: 'RoutewayData', OutputName: expect.stringMatching(/UserPool.*Arn/) }) },
    ]);
  });

  it('runs every function with EMAIL_MODE=ses and EMAIL_FROM (shared/config.ts requires both), from routeway:emailFrom', () => {
    const fns = api.findResources('AWS::Lambda::Function');
    const stack = main.apiStack;
    const env = (fn: IConstruct) =>
      (fns[logicalId(fn)]!.Properties as { Environment: { Variables: Record<string, unknown> } }).Environment.Variables;
    for (const fn of [stack.httpApi.function, stack.sweeper.function, stack.notifier.function]) {
      expect(env(fn.function), fn.node.path).toMatchObject({ EMAIL_MODE: 'ses', EMAIL_FROM: 'no-reply@routeway.example' });
    }
    expect(Object.keys(fns)).toHaveLength(3);

    const custom = synthesise({ 'routeway:emailFrom': 'notify@mail.example.org', 'aws:cdk:bundling-stacks': [] });
    expect(custom.synthError).toBeUndefined();
    expect(reportedViolations(custom.assembly!.directory)).toEqual([]);
    const customFns = Template.fromStack(custom.apiStack).findResources('AWS::Lambda::Function');
    for (const fn of [custom.apiStack.httpApi.function, custom.apiStack.sweeper.function, custom.apiStack.notifier.function]) {
      expect(customFns[logicalId(fn.function)]!.Properties.Environment.Variables).toMatchObject({
        EMAIL_MODE: 'ses',
        EMAIL_FROM: 'notify@mail.example.org',
      });
    }
    // The notifier may send from that address only.
    const sesStatement = roleStatements(Template.fromStack(custom.apiStack), logicalId(custom.apiStack.notifier.function.role)).find((st) =>
      asArray(st.Action).includes('ses:SendEmail'),
    ) as PolicyStatement & { Condition?: unknown };
    expect(sesStatement.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'notify@mail.example.org' } });
    for (const bad of ['no-reply', 'Routeway <no-reply@routeway.example>', 'a@b']) {
      expect(() => buildApp({ context: { ...cdkJson.context, 'routeway:emailFrom': bad } }), bad).toThrow(
        /routeway:emailFrom must be an email address/,
      );
    }
  });

  it('places postcodes offline by default; with routeway:geocoder=amazon-location the API alone may call Geocode, on the default provider only', () => {
    const geoActions = (stack: typeof main.apiStack, role: iam.IRole) =>
      roleStatements(Template.fromStack(stack), logicalId(role)).filter((st) => asArray(st.Action).some((a) => a.startsWith('geo')));
    const fnsOf = (stack: typeof main.apiStack) => Template.fromStack(stack).findResources('AWS::Lambda::Function');
    for (const f of [main.apiStack.httpApi.function, main.apiStack.sweeper.function, main.apiStack.notifier.function]) {
      expect(geoActions(main.apiStack, f.role)).toEqual([]);
      expect(fnsOf(main.apiStack)[logicalId(f.function)]!.Properties.Environment.Variables.GEOCODER).toBeUndefined();
    }
    const amazon = synthesise({ 'routeway:geocoder': 'amazon-location', 'aws:cdk:bundling-stacks': [] });
    expect(amazon.synthError).toBeUndefined();
    expect(reportedViolations(amazon.assembly!.directory)).toEqual([]);
    const apiFn = amazon.apiStack.httpApi.function;
    expect(geoActions(amazon.apiStack, apiFn.role)).toEqual([
      {
        Effect: 'Allow',
        Action: 'geo-places:Geocode',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':geo-places:', { Ref: 'AWS::Region' }, '::provider/default']] },
      },
    ]);
    expect(fnsOf(amazon.apiStack)[logicalId(apiFn.function)]!.Properties.Environment.Variables.GEOCODER).toBe('amazon-location');
    for (const f of [amazon.apiStack.sweeper.function, amazon.apiStack.notifier.function])
      expect(geoActions(amazon.apiStack, f.role)).toEqual([]);
    expect(() => buildApp({ context: { ...cdkJson.context, 'routeway:geocoder': 'google' } })).toThrow(/routeway:geocoder must be/);
  });

  it('requires the Cognito JWT on every route except the public ones', () => {
    api.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: logicalId(main.apiStack.webClient.userPoolClient) }],
        Issuer: Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith(['https://cognito-idp.', userPoolIdFromDataStack()])]) }),
      },
    });

    const routes = Object.values(api.findResources('AWS::ApiGatewayV2::Route')) as {
      Properties: { RouteKey: string; AuthorizationType?: string; AuthorizerId?: unknown };
    }[];
    const keys = routes.map((r) => r.Properties.RouteKey).sort();
    expect(keys).toEqual(['$default', ...PUBLIC_ROUTE_KEYS].sort());
    // Every page the footer links to opens without a token (the JWT authorizer would refuse a visitor).
    for (const [path] of FOOTER_LINKS) expect(PUBLIC_ROUTE_KEYS, path).toContain(`GET ${path}`);
    for (const { Properties: route } of routes) {
      if (PUBLIC_ROUTE_KEYS.includes(route.RouteKey)) {
        expect(route, route.RouteKey).toMatchObject({ AuthorizationType: 'NONE' });
        expect(route.AuthorizerId, route.RouteKey).toBeUndefined();
      } else {
        expect(route, route.RouteKey).toMatchObject({
          AuthorizationType: 'JWT',
          AuthorizerId: { Ref: expect.stringMatching(/^HttpApiCognitoJwt/) },
        });
      }
    }
  });

  it('serves a throttled $default stage with JSON access logs', () => {
    api.resourceCountIs('AWS::ApiGatewayV2::Stage', 1);
    api.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^HttpApiAccessLogs'), 'Arn'] },
        Format: Match.anyValue(),
      },
    });
    const [stage] = Object.values(api.findResources('AWS::ApiGatewayV2::Stage')) as {
      Properties: { AccessLogSettings: { Format: string } };
    }[];
    const format = JSON.parse(stage!.Properties.AccessLogSettings.Format) as Record<string, string>;
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      ip: '$context.identity.sourceIp',
      routeKey: '$context.routeKey',
      status: '$context.status',
      latency: '$context.responseLatency',
    });
  });

  it('keeps every log group for one month', () => {
    const groups = Object.values(api.findResources('AWS::Logs::LogGroup')) as { Properties: { RetentionInDays?: number } }[];
    expect(groups).toHaveLength(4); // API function, sweeper and notifier logs + API access logs
    for (const g of groups) expect(g.Properties.RetentionInDays).toBe(30);
  });

  it('has a public (secretless) auth-code app client that cannot write org or employerId', () => {
    api.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
    });
    const [client] = Object.values(api.findResources('AWS::Cognito::UserPoolClient')) as {
      Properties: { ReadAttributes: string[]; WriteAttributes: string[] };
    }[];
    expect(client!.Properties.ReadAttributes).toEqual(expect.arrayContaining(['custom:org', 'custom:employerId']));
    expect(client!.Properties.WriteAttributes.filter((a) => a.startsWith('custom:'))).toEqual([]);
  });

  it('outputs the API URL, user pool id, client id, table name, the sweeper and notifier functions and DLQs, the sender, the alarm topic and the dashboard', () => {
    for (const name of [
      'ApiUrl',
      'UserPoolId',
      'UserPoolClientId',
      'TableName',
      'SweeperFunctionName',
      'SweeperDeadLetterQueueUrl',
      'NotifierFunctionName',
      'NotifierDeadLetterQueueUrl',
      'EmailFrom',
      'AlarmTopicArn',
      'DashboardName',
    ]) {
      api.hasOutput(name, Match.anyValue());
    }
  });
});

describe('RoutewayApi retention sweeper', () => {
  const sweeperFn = () => logicalId(main.apiStack.sweeper.function.function);
  const dlq = () => logicalId(main.apiStack.sweeper.deadLetterQueue);
  const rule = () => logicalId(main.apiStack.sweeper.rule);

  it('runs functions/sweeper on Node.js 22, arm64, 512 MB, 5 min, reserved concurrency 1, with the API config plus RETENTION_DAYS', () => {
    const fns = api.findResources('AWS::Lambda::Function');
    const sweeper = fns[sweeperFn()]!.Properties as Record<string, unknown> & { Environment: { Variables: Record<string, unknown> } };
    expect(sweeper).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: 512,
      Timeout: 300,
      ReservedConcurrentExecutions: 1,
      LoggingConfig: { LogGroup: { Ref: expect.stringMatching(/^SweeperFunctionLogGroup/) } },
      DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': [dlq(), 'Arn'] } },
    });
    // shared/config.ts is loaded by both functions: same auth/org/table settings, plus the retention period.
    const apiFn = fns[logicalId(main.apiStack.httpApi.function.function)]!.Properties as {
      Environment: { Variables: Record<string, unknown> };
    };
    const { WEB_ASSETS_DIR: _assets, ...apiConfig } = apiFn.Environment.Variables;
    expect(sweeper.Environment.Variables).toEqual({ ...apiConfig, RETENTION_DAYS: '730' });
  });

  it('retries a failed run twice, drops events older than an hour, and dead-letters the rest', () => {
    api.resourceCountIs('AWS::Lambda::EventInvokeConfig', 1);
    api.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: sweeperFn() },
      Qualifier: '$LATEST',
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 3600,
    });
  });

  it('is invoked hourly by an EventBridge rule with a retry policy and the dead-letter queue', () => {
    const rules = api.findResources('AWS::Events::Rule');
    expect(Object.keys(rules)).toEqual([rule()]);
    expect(rules[rule()]!.Properties).toEqual({
      Description: expect.any(String),
      ScheduleExpression: 'rate(1 hour)',
      State: 'ENABLED',
      Tags: expect.any(Array),
      Targets: [
        {
          Id: 'Target0',
          Arn: { 'Fn::GetAtt': [sweeperFn(), 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [dlq(), 'Arn'] } },
        },
      ],
    });
    // EventBridge may invoke the sweeper only from this rule.
    api.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [sweeperFn(), 'Arn'] },
      Principal: 'events.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [rule(), 'Arn'] },
    });
  });

  it('has its own role that can read-write the table and query GSI1/GSI2/GSI3 (the due index), and can never Scan', () => {
    const role = logicalId(main.apiStack.sweeper.function.role);
    expect(role).not.toBe(logicalId(main.apiStack.httpApi.function.role));
    const roleProps = api.findResources('AWS::IAM::Role')[role]!.Properties as {
      AssumeRolePolicyDocument: unknown;
      ManagedPolicyArns?: unknown;
    };
    expect(roleProps.AssumeRolePolicyDocument).toMatchObject({ Statement: [{ Principal: { Service: 'lambda.amazonaws.com' } }] });
    expect(roleProps.ManagedPolicyArns).toBeUndefined();

    const statements = roleStatements(api, role);
    expect(statements.every((s) => s.Effect === 'Allow')).toBe(true);
    const actions = statements.flatMap((s) => asArray(s.Action));
    expect(actions).not.toContain('dynamodb:Scan');
    expect(actions.filter((a) => a.includes('*'))).toEqual([]);
    expect(new Set(actions)).toEqual(
      new Set([
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        'sqs:SendMessage',
        ...XRAY_ACTIONS,
        ...[
          'GetItem',
          'BatchGetItem',
          'Query',
          'ConditionCheckItem',
          'DescribeTable',
          'PutItem',
          'UpdateItem',
          'DeleteItem',
          'BatchWriteItem',
        ].map((a) => `dynamodb:${a}`),
      ]),
    );
    const serialisedResources = JSON.stringify(statements.map((s) => s.Resource));
    expect(serialisedResources).not.toMatch(/index\/\*/);
    expect(serialisedResources).toContain('/index/GSI1');
    expect(serialisedResources).toContain('/index/GSI2');
    expect(serialisedResources).toContain('/index/GSI3');
    // Query on indexes, nothing else.
    const indexStatements = statements.filter((s) => JSON.stringify(s.Resource).includes('/index/'));
    expect(indexStatements.flatMap((s) => asArray(s.Action))).toEqual(['dynamodb:Query']);
    // No SES: only the notifier sends mail.
    expect(actions.filter((a) => a.startsWith('ses:'))).toEqual([]);
    // sqs:SendMessage only to its own dead-letter queue.
    const sqsStatement = statements.find((s) => asArray(s.Action).includes('sqs:SendMessage'));
    expect(sqsStatement!.Resource).toEqual({ 'Fn::GetAtt': [dlq(), 'Arn'] });
  });

  it('dead-letters to an encrypted, TLS-only queue that only this rule (and the function) may send to', () => {
    api.resourceCountIs('AWS::SQS::Queue', 2); // this one and the notifier's
    expect(api.findResources('AWS::SQS::Queue')[dlq()]!.Properties).toMatchObject({
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 86_400,
      // Declared a dead-letter queue (allowAll is SQS's default: nothing widened).
      RedriveAllowPolicy: { redrivePermission: 'allowAll' },
    });
    api.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: dlq() }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Action: 'sqs:SendMessage',
            Principal: { Service: 'events.amazonaws.com' },
            Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [rule(), 'Arn'] } } },
          }),
        ]),
      },
    });
  });

  it('takes RETENTION_DAYS and the reserved concurrency from context, and rejects bad values', () => {
    const custom = synthesise({
      'routeway:retentionDays': '365',
      'routeway:sweeperReservedConcurrency': 'none',
      'aws:cdk:bundling-stacks': [],
    });
    expect(custom.synthError).toBeUndefined();
    expect(reportedViolations(custom.assembly!.directory)).toEqual([]);
    const fn = Template.fromStack(custom.apiStack).findResources('AWS::Lambda::Function')[
      logicalId(custom.apiStack.sweeper.function.function)
    ]!;
    expect(fn.Properties.Environment.Variables.RETENTION_DAYS).toBe('365');
    expect(fn.Properties.ReservedConcurrentExecutions).toBeUndefined();

    for (const bad of ['29', '3651', '1.5', 'two years']) {
      expect(() => buildApp({ context: { ...cdkJson.context, 'routeway:retentionDays': bad } }), bad).toThrow(
        /routeway:retentionDays must be an integer from 30 to 3650/,
      );
    }
    expect(() => buildApp({ context: { ...cdkJson.context, 'routeway:sweeperReservedConcurrency': '0' } })).toThrow(
      /routeway:sweeperReservedConcurrency/,
    );
  });
});

describe('RoutewayApi notifier (table stream consumer)', () => {
  const notifierFn = () => logicalId(main.apiStack.notifier.function.function);
  const dlq = () => logicalId(main.apiStack.notifier.deadLetterQueue);
  type Mapping = { Properties: Record<string, unknown> & { FilterCriteria: { Filters: { Pattern: string }[] } } };
  const mappings = () => Object.values(api.findResources('AWS::Lambda::EventSourceMapping')) as Mapping[];

  it('runs functions/notifier on Node.js 22, arm64, 512 MB, 1 min, with the same app config as the API function', () => {
    const fns = api.findResources('AWS::Lambda::Function');
    const notifier = fns[notifierFn()]!.Properties as Record<string, unknown> & { Environment: { Variables: Record<string, unknown> } };
    expect(notifier).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: 512,
      Timeout: 60,
      LoggingConfig: { LogGroup: { Ref: expect.stringMatching(/^NotifierFunctionLogGroup/) } },
    });
    // Stream-invoked (synchronously, by the mapping): failures go to the mapping's destination, not an async DLQ.
    expect(notifier.DeadLetterConfig).toBeUndefined();
    expect(notifier.ReservedConcurrentExecutions).toBeUndefined();
    const apiFn = fns[logicalId(main.apiStack.httpApi.function.function)]!.Properties as {
      Environment: { Variables: Record<string, unknown> };
    };
    const { WEB_ASSETS_DIR, ...apiConfig } = apiFn.Environment.Variables; // only the web server needs the assets
    expect(WEB_ASSETS_DIR).toBe('/var/task/govuk');
    // and the address staff emails link to: the API's URL
    const { APP_URL, ...notifierConfig } = notifier.Environment.Variables;
    expect(JSON.stringify(APP_URL)).toContain('.execute-api.');
    expect(notifierConfig).toEqual(apiConfig);
    expect(notifier.Environment.Variables).toMatchObject({ EMAIL_MODE: 'ses', EMAIL_FROM: DEFAULT_EMAIL_FROM });
  });

  it("reads the table's stream from the oldest record, in batches of 25, only for outbox inserts", () => {
    expect(mappings()).toHaveLength(1);
    const [mapping] = mappings();
    expect(mapping!.Properties).toMatchObject({
      FunctionName: { Ref: notifierFn() },
      // The data stack's stream ARN (a weak cross-stack reference).
      EventSourceArn: { 'Fn::GetStackOutput': { StackName: 'RoutewayData', OutputName: expect.stringMatching(/StreamArn/) } },
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 25,
    });
    expect(mapping!.Properties.FilterCriteria.Filters).toHaveLength(1);
    expect(JSON.parse(mapping!.Properties.FilterCriteria.Filters[0]!.Pattern)).toEqual({
      eventName: ['INSERT'],
      dynamodb: { NewImage: { type: { S: ['Outbox'] } } },
    });
  });

  it('reports partial batch failures, bisects, retries 5 times within 6 hours, then sends the batch to its DLQ', () => {
    const [mapping] = mappings();
    expect(mapping!.Properties).toMatchObject({
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 5,
      MaximumRecordAgeInSeconds: 6 * 3600,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [dlq(), 'Arn'] } } },
    });
  });

  it('dead-letters to its own encrypted, TLS-only queue', () => {
    expect(dlq()).not.toBe(logicalId(main.apiStack.sweeper.deadLetterQueue));
    expect(api.findResources('AWS::SQS::Queue')[dlq()]!.Properties).toMatchObject({
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 86_400,
      // Declared a dead-letter queue (allowAll is SQS's default: nothing widened).
      RedriveAllowPolicy: { redrivePermission: 'allowAll' },
    });
    api.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: dlq() }],
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });

  it('has its own role: table read-write without Scan or index queries, stream read, its DLQ, and SES send from EMAIL_FROM only', () => {
    const role = logicalId(main.apiStack.notifier.function.role);
    expect(role).not.toBe(logicalId(main.apiStack.httpApi.function.role));
    expect(role).not.toBe(logicalId(main.apiStack.sweeper.function.role));
    expect((api.findResources('AWS::IAM::Role')[role]!.Properties as { ManagedPolicyArns?: unknown }).ManagedPolicyArns).toBeUndefined();

    const statements = roleStatements(api, role);
    expect(statements.every((s) => s.Effect === 'Allow')).toBe(true);
    const actions = statements.flatMap((s) => asArray(s.Action));
    expect(actions).not.toContain('dynamodb:Scan');
    expect(actions.filter((a) => a.includes('*'))).toEqual([]);
    expect(new Set(actions)).toEqual(
      new Set([
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        ...[
          'GetItem',
          'BatchGetItem',
          'Query',
          'ConditionCheckItem',
          'DescribeTable',
          'PutItem',
          'UpdateItem',
          'DeleteItem',
          'BatchWriteItem',
        ].map((a) => `dynamodb:${a}`),
        ...['DescribeStream', 'GetRecords', 'GetShardIterator', 'ListStreams'].map((a) => `dynamodb:${a}`),
        'sqs:SendMessage',
        'sqs:GetQueueAttributes',
        'sqs:GetQueueUrl',
        'ses:SendEmail',
        // The staff directory, read only: names and addresses for staff emails.
        'cognito-idp:ListUsers',
        'cognito-idp:ListUsersInGroup',
        'cognito-idp:AdminListGroupsForUser',
        ...XRAY_ACTIONS,
      ]),
    );
    // It reads items and an employer's contacts (base-table Query); it queries no index.
    expect(JSON.stringify(statements.map((s) => s.Resource))).not.toContain('/index/');

    const withAction = (action: string) => statements.filter((s) => asArray(s.Action).includes(action));
    // The only `*` resources: ListStreams and X-Ray's two actions, which have no resource-level permissions (acknowledged IAM5).
    expect(
      statements
        .filter((s) => s.Resource === '*')
        .flatMap((s) => asArray(s.Action))
        .sort(),
    ).toEqual(['dynamodb:ListStreams', ...XRAY_ACTIONS].sort());
    expect(withAction('dynamodb:GetRecords').map((s) => s.Resource)).toEqual([
      { 'Fn::GetStackOutput': expect.objectContaining({ StackName: 'RoutewayData', OutputName: expect.stringMatching(/StreamArn/) }) },
    ]);
    expect(withAction('sqs:SendMessage').map((s) => s.Resource)).toEqual([{ 'Fn::GetAtt': [dlq(), 'Arn'] }]);

    const [ses, ...moreSes] = withAction('ses:SendEmail') as (PolicyStatement & { Condition?: unknown })[];
    expect(moreSes).toEqual([]);
    expect(asArray(ses!.Action)).toEqual(['ses:SendEmail']);
    expect(ses!.Condition).toEqual({ StringEquals: { 'ses:FromAddress': DEFAULT_EMAIL_FROM } });
    expect(ses!.Resource).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ses:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':identity/*']],
    });
  });
});
