import { cpSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build, type BuildResult, type Plugin } from 'esbuild';
import { paths } from './paths.js';

/**
 * How every Lambda function is bundled: esbuild's API (not the CDK's NodejsFunction, whose esbuild CLI
 * takes no plugins), to minified ESM for Node 22 with a source map and nothing external (the AWS SDK is
 * bundled: the version we test with, not whatever the runtime carries). Used by the CDK stacks
 * (infra/constructs/api-function.ts, through infra/bundle-cli.ts) and by `npm run bundle-size`, so what
 * is measured is what is deployed.
 */

/** ESM output has no `require`; CommonJS dependencies bundled into it still call it. */
export const BANNER =
  "import { createRequire as __routewayCreateRequire } from 'node:module'; const require = __routewayCreateRequire(import.meta.url);";

/** Where the API function's copy of GOV.UK Frontend goes, inside the bundle folder. */
export const WEB_ASSETS_FOLDER = 'govuk';

/**
 * zod 4 re-exports every error-message locale (`export * as locales`) from `zod` and `zod/v4/core`;
 * since `z` is used as a whole namespace (by the app and by @hono/zod-openapi), esbuild cannot drop
 * them: 64 locales, about 255 KiB, for an app that speaks English. This resolves that one re-export to
 * a module holding only `en` (which zod's schemas import directly anyway, as their default).
 */
export const zodEnglishOnly: Plugin = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer)
        ? { path: join(dirname(args.importer), '..', 'locales', 'en.js'), namespace: 'zod-locales' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

/**
 * A Lambda function's credentials are always in its environment (AWS_ACCESS_KEY_ID,
 * AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, set by the runtime), and the environment is the first link
 * of the SDK's default chain. The rest of the chain (SSO, shared INI files, processes, web identity,
 * container and instance metadata, with the STS and SSO clients they nest) is about 90 KiB that a
 * function never runs and that reads files and endpoints a function has no business reading. So every
 * client's `defaultProvider` is the environment provider alone; without credentials there the client
 * fails at once with a CredentialsProviderError naming the variables.
 */
export const lambdaCredentialsFromEnv: Plugin = {
  name: 'lambda-credentials-from-env',
  setup(b) {
    b.onResolve({ filter: /^@aws-sdk\/credential-provider-node$/ }, (args) => ({
      path: args.path,
      namespace: 'lambda-credentials',
      pluginData: { resolveDir: args.resolveDir },
    }));
    b.onLoad({ filter: /.*/, namespace: 'lambda-credentials' }, (args) => ({
      contents: "export { fromEnv as defaultProvider } from '@aws-sdk/credential-provider-env';",
      resolveDir: (args.pluginData as { resolveDir: string }).resolveDir,
      loader: 'js',
    }));
  },
};

export interface BundleOptions {
  entry: string;
  outdir: string;
  /** Writes index.mjs.map beside the bundle (as deployed). @default true */
  sourcemap?: boolean;
  metafile?: boolean;
}

export async function bundleFunction(opts: BundleOptions): Promise<BuildResult<{ metafile: true }>> {
  return (await build({
    entryPoints: [opts.entry],
    outfile: join(opts.outdir, 'index.mjs'),
    bundle: true,
    platform: 'node',
    // The syntax level of the Node the project develops and tests on (node@22); Lambda runs it on Node 24,
    // which runs all of it (checked: tests/infra/lambda-bundle.test.ts under ROUTEWAY_BUNDLE_NODE).
    target: 'node22',
    format: 'esm',
    minify: true,
    sourcemap: opts.sourcemap ?? true,
    sourcesContent: false,
    // Prefer packages' ESM builds; fall back to CommonJS.
    mainFields: ['module', 'main'],
    banner: { js: BANNER },
    tsconfig: paths.tsconfig,
    external: [],
    plugins: [zodEnglishOnly, lambdaCredentialsFromEnv],
    metafile: opts.metafile ?? false,
    logLevel: 'warning',
  })) as BuildResult<{ metafile: true }>;
}

/** Where the postcode-district table sits in a bundle (the function's POSTCODE_DISTRICTS_PATH). */
export const POSTCODE_DISTRICTS_FILE = 'data/postcode-districts.csv';

/** Copies the offline geocoder's table into `<outdir>/data`: every function builds the same runtime, geocoder included. */
export function copyGeoData(outdir: string): void {
  mkdirSync(join(outdir, 'data'), { recursive: true });
  cpSync(paths.postcodeDistricts, join(outdir, POSTCODE_DISTRICTS_FILE));
}

/** Copies what functions/api/web/assets.ts serves from GOV.UK Frontend, and the API reference viewer, into `<outdir>/govuk`. */
export function copyWebAssets(outdir: string): void {
  const to = join(outdir, WEB_ASSETS_FOLDER);
  mkdirSync(to, { recursive: true });
  for (const file of ['govuk-frontend.min.css', 'govuk-frontend.min.js']) cpSync(join(paths.govukFrontendDist, file), join(to, file));
  cpSync(join(paths.govukFrontendDist, 'assets'), join(to, 'assets'), { recursive: true });
  // Named as functions/api/web/assets.ts serves it (API_REFERENCE_FILE).
  cpSync(paths.apiReference, join(to, 'api-reference.js'));
}
