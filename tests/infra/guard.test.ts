import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { CfnResource, Stack } from 'aws-cdk-lib';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type RoutewayApp } from '../../infra/app.js';
import { paths } from '../../infra/paths.js';
import { PUBLIC_ROUTES } from '../../infra/constructs/http-api.js';

/**
 * AWS Control Tower's proactive controls (CloudFormation Guard rules, bundled with their cfn-guard
 * binary in @cdklabs/cdk-validator-cfnguard, run offline) over both synthesised templates. They are
 * not a cdk-nag pack and cannot be acknowledged per resource, so they do not gate `cdk synth`; this
 * test pins what they flag instead: exactly the findings docs/infrastructure.md ("Control Tower
 * (Guard) rules") explains, and a new finding fails here until it is fixed or explained there.
 */
const cdkJson = JSON.parse(readFileSync(join(paths.root, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };

let built: RoutewayApp;
let assembly: CloudAssembly;
let outdir: string;
/** Control id (e.g. CT.LAMBDA.PR.3) → the construct paths of the resources it flags. */
let findings: Record<string, string[]>;
const validator = new CfnGuardValidator();

type ResourceJson = { Type: string; Properties?: Record<string, unknown> };

/** Every L1 resource of the app: logical id (per stack) → construct path, type and template properties. */
function resources(app: RoutewayApp): Map<string, { path: string; type: string; properties: Record<string, unknown> }> {
  const out = new Map<string, { path: string; type: string; properties: Record<string, unknown> }>();
  const templates = new Map<string, Record<string, ResourceJson>>();
  const visit = (c: IConstruct) => {
    if (CfnResource.isCfnResource(c)) {
      const stack = Stack.of(c);
      let resourcesOf = templates.get(stack.stackName);
      if (!resourcesOf) {
        const template = JSON.parse(readFileSync(join(assembly.directory, stack.templateFile), 'utf8')) as {
          Resources: Record<string, ResourceJson>;
        };
        resourcesOf = template.Resources;
        templates.set(stack.stackName, resourcesOf);
      }
      const id = stack.getLogicalId(c);
      const r = resourcesOf[id];
      if (r) out.set(`${stack.stackName}/${id}`, { path: c.node.path, type: r.Type, properties: r.Properties ?? {} });
    }
    c.node.children.forEach(visit);
  };
  visit(app.app);
  return out;
}

let all: ReturnType<typeof resources>;
const pathsOf = (test: (r: { type: string; properties: Record<string, unknown> }) => boolean) =>
  [...all.values()]
    .filter(test)
    .map((r) => r.path)
    .sort();

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'routeway-guard-'));
  built = buildApp({ outdir, context: { ...cdkJson.context, '@aws-cdk/core:appMode': 'inmemory', 'aws:cdk:bundling-stacks': [] } });
  assembly = built.app.synth();
  all = resources(built);
  const report = validator.validate({
    templatePaths: assembly.stacks.map((s) => join(assembly.directory, s.templateFile)),
    appConstruct: built.app,
  });
  findings = {};
  for (const v of report.violations) {
    const control = /\[(CT\.[A-Z0-9]+\.PR\.\d+)\]/.exec(v.description)?.[1] ?? v.ruleName;
    for (const r of v.violatingResources) {
      const stackName = assembly.stacks.find((s) => r.templatePath.endsWith(s.templateFile))?.stackName;
      const found = all.get(`${stackName}/${r.resourceLogicalId}`);
      (findings[control] ??= []).push(found?.path ?? `${stackName}/${r.resourceLogicalId}`);
    }
  }
  for (const list of Object.values(findings)) list.sort();
});

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('Control Tower proactive controls (cfn-guard, offline)', () => {
  it('runs the whole bundled rule set over both stacks', () => {
    expect(validator.ruleIds?.length).toBeGreaterThan(100);
    expect(assembly.stacks.map((s) => s.stackName).sort()).toEqual(['RoutewayApi', 'RoutewayData']);
  });

  it('flags exactly the findings docs/infrastructure.md explains, and nothing in the stateful stack', () => {
    const lambdaPermissions = pathsOf((r) => r.type === 'AWS::Lambda::Permission' && r.properties.Principal === 'apigateway.amazonaws.com');
    expect(lambdaPermissions).toHaveLength(PUBLIC_ROUTES.length + 1); // the $default route and each public one
    expect(findings).toEqual({
      // Public routes: AuthorizationType NONE by design (the same ones as cdk-nag's APIG4).
      'CT.APIGATEWAY.PR.5': pathsOf((r) => r.type === 'AWS::ApiGatewayV2::Route' && r.properties.AuthorizationType === 'NONE'),
      // Log groups: one month, AWS-owned encryption.
      'CT.CLOUDWATCH.PR.2': pathsOf((r) => r.type === 'AWS::Logs::LogGroup'),
      'CT.CLOUDWATCH.PR.3': pathsOf((r) => r.type === 'AWS::Logs::LogGroup'),
      // API Gateway's invoke permissions: their SourceArn is an Fn::Join, which the rule cannot read (next test).
      'CT.LAMBDA.PR.2': lambdaPermissions,
      // No VPC: the functions reach only AWS public endpoints.
      'CT.LAMBDA.PR.3': pathsOf((r) => r.type === 'AWS::Lambda::Function'),
    });
    expect(
      Object.values(findings)
        .flat()
        .filter((p) => p.startsWith('RoutewayData/')),
    ).toEqual([]);
  });

  it('CT.LAMBDA.PR.2 is a false positive: each flagged permission is for API Gateway, from this API only', () => {
    const apiId = built.apiStack.getLogicalId(built.apiStack.httpApi.api.node.defaultChild as CfnResource);
    for (const [, r] of [...all].filter(([, r]) => findings['CT.LAMBDA.PR.2']!.includes(r.path))) {
      expect(r.properties.Principal, r.path).toBe('apigateway.amazonaws.com');
      const sourceArn = JSON.stringify(r.properties.SourceArn);
      expect(sourceArn, r.path).toContain(':execute-api:');
      expect(sourceArn, r.path).toContain(`{"Ref":"${apiId}"}`);
    }
  });

  it('passes the rules this change answers: DLQ redrive policies, the key, the alarms', () => {
    for (const control of ['CT.SQS.PR.1', 'CT.KMS.PR.1', 'CT.KMS.PR.3', 'CT.CLOUDWATCH.PR.1', 'CT.CLOUDWATCH.PR.4']) {
      expect(findings[control], control).toBeUndefined();
    }
    expect(pathsOf((r) => r.type === 'AWS::SQS::Queue')).toHaveLength(2);
    expect(pathsOf((r) => r.type === 'AWS::KMS::Key')).toHaveLength(1);
    expect(pathsOf((r) => r.type === 'AWS::CloudWatch::Alarm')).toHaveLength(11);
  });

  it('every flagged control is explained in docs/infrastructure.md', () => {
    const doc = readFileSync(join(paths.root, 'docs', 'infrastructure.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## Control Tower (Guard) rules'));
    expect(section.length).toBeGreaterThan(100);
    for (const control of Object.keys(findings)) expect(section, control).toContain(control);
  });
});
