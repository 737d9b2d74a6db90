import { createRoute, z } from '@hono/zod-openapi';
import { Id, Int, PRINTABLE, Said } from '../../../shared/domain/common.js';
import { IMPORT_LIMITS, IMPORT_OUTCOMES, ImportKind } from '../../../shared/domain/bulk-import.js';
import type { Deps } from '../../../shared/use-cases/deps.js';
import * as bulk from '../../../shared/use-cases/bulk-import.js';
import type { App } from '../env.js';
import { actorOf, errorResponses, jsonBody, security, writeErrorResponses } from './common.js';

const tags = ['Imports'];

const KindParam = z.object({ kind: ImportKind.meta({ param: { name: 'kind', in: 'path' } }) });

const ImportRequest = z
  .strictObject({
    csv: z
      .string()
      .min(1)
      .max(IMPORT_LIMITS.bytes)
      .regex(PRINTABLE, { message: 'must not contain control characters' })
      .meta({ description: `The file: CSV in the kind's column format (docs/import.md), at most ${IMPORT_LIMITS.rows} rows` }),
    dryRun: z.boolean().default(false).meta({ description: 'Check every row and write nothing' }),
  })
  .meta({ id: 'ImportRequest' });

const FieldProblem = z.object({ path: Said(200), message: Said(500) });
const ImportRow = z
  .object({
    line: Int(1, 1_000_000).meta({ description: 'The line the row starts on (the header is line 1)' }),
    reference: Said(200),
    outcome: z.enum(IMPORT_OUTCOMES).meta({ description: '`valid`: would be created (a dry run)' }),
    id: Id.optional().meta({ description: 'The record created, or the one the row duplicates' }),
    errors: z.array(FieldProblem).max(100).meta({ description: 'Each problem, by column' }),
  })
  .meta({ id: 'ImportRow' });
const ImportReport = z
  .object({
    kind: ImportKind,
    dryRun: z.boolean(),
    counts: z.object(
      Object.fromEntries(IMPORT_OUTCOMES.map((o) => [o, Int(0, 1_000_000)])) as Record<
        (typeof IMPORT_OUTCOMES)[number],
        ReturnType<typeof Int>
      >,
    ),
    rows: z.array(ImportRow).max(IMPORT_LIMITS.rows),
  })
  .meta({ id: 'ImportReport' });

const csvResponse = (description: string) => ({ description, content: { 'text/csv': { schema: Said(10_000_000) } } });

/** Bulk import (admins): the templates, and a file checked (dry run) or imported. Bigger files: `npm run import`. */
export function importRoutes(app: App, deps: Deps): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/imports/{kind}/template',
      tags,
      summary: 'The CSV template of an import (admins)',
      description: 'The header row of the kind’s column format and one example row (docs/import.md describes each column).',
      security,
      request: { params: KindParam },
      responses: { 200: csvResponse('The template'), ...errorResponses },
    }),
    (c) =>
      c.body(bulk.importTemplateFor(actorOf(c), c.req.valid('param').kind), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${c.req.valid('param').kind}-template.csv"`,
      }),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/imports/{kind}',
      tags,
      summary: 'Import employers, participants or vacancies from CSV (admins)',
      description:
        `Every row is checked against the API's own create schema, its postcode located, its \`reference\` looked up (a reference already ` +
        `recorded makes the row a duplicate: the same file twice creates nothing new) and, for employers, the duplicate check. ` +
        `With \`dryRun\` nothing is written; otherwise the rows that passed are created through the same use cases as POST ` +
        `/employers, /participants and /vacancies. A file whose columns are not the format is a 400 naming them. At most ` +
        `${IMPORT_LIMITS.rows} rows (the body limit and the function's 10 s); bigger files go through \`npm run import\`. ` +
        '`Accept: text/csv` answers with the result file instead.',
      security,
      request: { params: KindParam, ...jsonBody(ImportRequest) },
      responses: {
        200: {
          description: 'What became of each row (JSON, or the result file as CSV)',
          content: { 'application/json': { schema: ImportReport }, 'text/csv': { schema: Said(10_000_000) } },
        },
        ...writeErrorResponses,
      },
    }),
    async (c) => {
      const { kind } = c.req.valid('param');
      const body = c.req.valid('json');
      const report = await bulk.importRecords(deps, actorOf(c), kind, body.csv, { dryRun: body.dryRun, maxRows: IMPORT_LIMITS.rows });
      if ((c.req.header('accept') ?? '').includes('text/csv'))
        return c.body(bulk.importResultCsv(report), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
      return c.json(report, 200);
    },
  );
}
