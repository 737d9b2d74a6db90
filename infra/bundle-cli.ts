import { bundleFunction, copyGeoData, copyWebAssets } from './bundle.js';

/**
 * `node --import tsx infra/bundle-cli.ts <entry> <outdir> [--web-assets]`: the CDK's local bundling
 * step for one function (a separate process, because CDK bundling is synchronous and esbuild's
 * plugins run only in its asynchronous API).
 */
const [entry, outdir, ...flags] = process.argv.slice(2);
if (!entry || !outdir) {
  process.stderr.write('usage: bundle-cli.ts <entry> <outdir> [--web-assets]\n');
  process.exit(2);
}
await bundleFunction({ entry, outdir });
copyGeoData(outdir);
if (flags.includes('--web-assets')) copyWebAssets(outdir);
