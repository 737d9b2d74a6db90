/**
 * The import rules of docs/architecture.md ("Layers"), checked by `npm test` (npm run lint:deps).
 * Each rule says why; a violation fails the build.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle means two modules are one module in two files; split what they share out.',
      from: {},
      to: { circular: true, viaOnly: { pathNot: '^node_modules' } },
    },
    {
      name: 'shared-is-the-core',
      severity: 'error',
      comment: 'shared/ (domain, use cases, ports, adapters) knows nothing of Lambda entry points, the CDK, scripts or tests.',
      from: { path: '^shared/' },
      to: { path: '^(functions|infra|scripts|tests|bench)/' },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'The domain (schemas and rules) and the matching engine depend on nothing but themselves and zod.',
      from: { path: '^shared/(domain|matching)/' },
      to: { path: '^shared/(use-cases|adapters|ports|runtime|config|email-runtime)' },
    },
    {
      name: 'use-cases-see-ports-not-adapters',
      severity: 'error',
      comment: 'Use cases receive their ports; only the composition root (shared/runtime.ts) wires adapters.',
      from: { path: '^shared/(use-cases|policy)' },
      to: { path: '^shared/adapters/' },
    },
    {
      name: 'functions-call-use-cases',
      severity: 'error',
      comment:
        'Lambda code (routes, pages, handlers) calls use cases and the runtime; it never reaches into adapters. Exceptions: the error table (it recognises raw SDK unavailability), deps.ts (the in-memory limiter is the default for one process) and the local-only email outbox page (a developer tool reading its own folder).',
      from: { path: '^functions/', pathNot: '^functions/api/(error-table\\.ts|deps\\.ts|web/dev-outbox\\.ts)$' },
      to: { path: '^shared/adapters/' },
    },
    {
      name: 'functions-are-not-tools',
      severity: 'error',
      comment: 'What is deployed never imports the CDK app, scripts, tests or benchmarks.',
      from: { path: '^functions/' },
      to: { path: '^(infra|scripts|tests|bench)/' },
    },
    {
      name: 'pages-and-api-apart',
      severity: 'error',
      comment: 'The web app and the API app are siblings: pages do not import API routes, and routes do not import pages.',
      from: { path: '^functions/api/web/' },
      to: { path: '^functions/api/(routes|api-app)' },
    },
    {
      name: 'api-apart-from-pages',
      severity: 'error',
      comment: 'See pages-and-api-apart.',
      from: { path: '^functions/api/(routes|api-app)' },
      to: { path: '^functions/api/web/' },
    },
    {
      name: 'client-knows-only-the-document',
      severity: 'error',
      comment:
        'The typed client (client/) is what a consumer builds on: its types come from the OpenAPI document alone, so it imports no app code, and no app code imports it.',
      from: { path: '^client/' },
      to: { path: '^(shared|functions|infra|scripts|tests|bench)/' },
    },
    {
      name: 'app-does-not-use-its-client',
      severity: 'error',
      comment: 'See client-knows-only-the-document: the app is the other side of the contract.',
      from: { path: '^(shared|functions|infra)/' },
      to: { path: '^client/' },
    },
    {
      name: 'infra-imports-no-app-code',
      severity: 'error',
      comment:
        'The CDK app bundles functions/ by path; at synth time it runs none of their code (the shared table design is the one exception).',
      from: { path: '^infra/' },
      to: { path: '^(functions|scripts|tests|bench)/|^shared/(?!adapters/dynamodb/table-design)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.tsx', '.js'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
