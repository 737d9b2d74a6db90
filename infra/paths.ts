import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute paths the CDK app needs, independent of the directory `cdk` is run from. */
const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

export const paths = {
  root,
  tsconfig: join(root, 'tsconfig.json'),
  /** The offline geocoder's table (data/README.md), copied beside every bundle. */
  postcodeDistricts: join(root, 'data', 'postcode-districts.csv'),
  apiEntry: join(root, 'functions', 'api', 'lambda.ts'),
  sweeperEntry: join(root, 'functions', 'sweeper', 'lambda.ts'),
  notifierEntry: join(root, 'functions', 'notifier', 'lambda.ts'),
  /** The bundling step each function runs at synthesis (infra/bundle.ts). */
  bundleCli: join(root, 'infra', 'bundle-cli.ts'),
  /** GOV.UK Frontend's compiled files (CSS, JS, fonts, images), as installed. */
  govukFrontendDist: join(dirname(createRequire(join(root, 'package.json')).resolve('govuk-frontend/package.json')), 'dist', 'govuk'),
  /** Scalar's API reference viewer, one self-contained browser file (served as /assets/api-reference.js). */
  apiReference: join(dirname(createRequire(join(root, 'package.json')).resolve('@scalar/api-reference')), 'browser', 'standalone.js'),
} as const;
