import type { Hono } from 'hono';
import type { AppDeps } from '../../../deps.js';
import { IMPORT_KINDS, IMPORT_LIMITS, ImportKind } from '../../../../../shared/domain/bulk-import.js';
import { DomainError, type FieldError } from '../../../../../shared/errors.js';
import * as bulk from '../../../../../shared/use-cases/bulk-import.js';
import { Button, Choices, PostForm, SummaryList, Table } from '../../components.js';
import { page, type WebContext, type WebEnv } from '../../context.js';
import { adminOnly } from './admin-gate.js';

/* Bulk import (admins): a CSV file of employers, participants or vacancies, checked or imported, and what became of each row. */

const KIND_LABELS: Record<ImportKind, string> = { employers: 'Employers', participants: 'Participants', vacancies: 'Vacancies' };
/** Rows with problems listed on the page; the result file has every row. */
const SHOWN = 100;

function ImportForm({ c, errors, kind }: { c: WebContext; errors?: FieldError[]; kind?: string }) {
  const err = (path: string) => errors?.find((e) => e.path === path)?.message;
  return (
    <PostForm c={c} action="/app/admin/import" multipart>
      <Choices
        kind="radios"
        id="kind"
        name="kind"
        legend="What the file holds"
        options={IMPORT_KINDS.map((k) => [k, KIND_LABELS[k]] as const)}
        checked={kind ? [kind] : []}
        error={err('kind')}
      />
      <div class={`govuk-form-group${err('file') ? ' govuk-form-group--error' : ''}`}>
        <label class="govuk-label govuk-label--s" for="file">
          Upload a file
        </label>
        <div id="file-hint" class="govuk-hint">
          A CSV file in the import’s format, at most {IMPORT_LIMITS.rows} rows. Bigger files go through npm run import, or are split.
        </div>
        {err('file') ? (
          <p id="file-error" class="govuk-error-message">
            <span class="govuk-visually-hidden">Error:</span> {err('file')}
          </p>
        ) : null}
        <input
          class={`govuk-file-upload${err('file') ? ' govuk-file-upload--error' : ''}`}
          id="file"
          name="file"
          type="file"
          accept=".csv,text/csv"
          aria-describedby={err('file') ? 'file-hint file-error' : 'file-hint'}
        />
      </div>
      <Choices
        kind="checkboxes"
        id="dryRun"
        name="dryRun:boolean"
        legend="Check first"
        options={[['true', 'Check every row without importing anything']]}
        checked={[]}
      />
      <Button id="import">Import the file</Button>
    </PostForm>
  );
}

async function renderForm(c: WebContext, errors?: FieldError[], kind?: string, status?: number) {
  adminOnly(c.get('actor'));
  return page(
    c,
    { title: 'Import records', current: '/app/admin', errors, status },
    <>
      <a class="govuk-back-link" href="/app/admin">
        Back to administration
      </a>
      <h1 class="govuk-heading-l">Import records</h1>
      <p class="govuk-body">
        Bring employers, participants or vacancies in from a spreadsheet saved as CSV. Every row is checked first. A row whose reference is
        already recorded is skipped, so importing the same file again creates nothing new.
      </p>
      <p class="govuk-body">Download a template with the columns each import takes:</p>
      <ul class="govuk-list">
        {IMPORT_KINDS.map((k) => (
          <li>
            <a class="govuk-link" href={`/app/admin/import/${k}/template.csv`} download={`${k}-template.csv`}>
              {KIND_LABELS[k]} template (CSV)
            </a>
          </li>
        ))}
      </ul>
      <ImportForm c={c} errors={errors} kind={kind} />
    </>,
  );
}

/** `/app/admin/import`: admins only (everyone else gets the 403 page). */
export function importPages(web: Hono<WebEnv>, deps: AppDeps): void {
  web.get('/app/admin/import', (c) => renderForm(c));

  web.get('/app/admin/import/:kind/template.csv', (c) => {
    const kind = ImportKind.safeParse(c.req.param('kind'));
    adminOnly(c.get('actor'));
    if (!kind.success) return c.notFound();
    return c.body(bulk.importTemplateFor(c.get('actor'), kind.data), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${kind.data}-template.csv"`,
    });
  });

  web.post('/app/admin/import', async (c) => {
    const actor = c.get('actor');
    adminOnly(actor);
    const form = await c.req.parseBody({ all: true });
    const kind = ImportKind.safeParse(form.kind);
    const file = form.file;
    const errors: FieldError[] = [];
    if (!kind.success) errors.push({ path: 'kind', message: 'Select what the file holds' });
    if (!(file instanceof File) || file.size === 0) errors.push({ path: 'file', message: 'Select a CSV file to upload' });
    else if (file.size > IMPORT_LIMITS.bytes)
      errors.push({
        path: 'file',
        message: `The file must be smaller than ${IMPORT_LIMITS.bytes / 1000} KB: split it, or use npm run import`,
      });
    if (errors.length) return renderForm(c, errors, kind.data, 400);
    const dryRun = form['dryRun:boolean'] === 'true';
    try {
      const report = await bulk.importRecords(deps, actor, kind.data!, await (file as File).text(), {
        dryRun,
        maxRows: IMPORT_LIMITS.rows,
      });
      return renderResult(c, report);
    } catch (err) {
      if (!(err instanceof DomainError) || err.status !== 400) throw err;
      // The file as a whole: its columns, or its size in rows.
      const why = (err.errors ?? []).map((e) => (e.path === 'file' ? e.message : `${e.path} ${e.message}`)).join('; ');
      return renderForm(c, [{ path: 'file', message: `${err.message}: ${why}` }], kind.data, 400);
    }
  });
}

function renderResult(c: WebContext, report: bulk.ImportReport) {
  const { counts } = report;
  const problems = report.rows.filter((r) => r.errors.length);
  const title = report.dryRun ? 'File checked: nothing imported' : 'File imported';
  return page(
    c,
    { title, current: '/app/admin' },
    <>
      <div class="govuk-panel govuk-panel--confirmation">
        <h1 class="govuk-panel__title">{title}</h1>
        <div class="govuk-panel__body">
          {report.dryRun ? `${counts.valid} rows ready to import` : `${counts.created} ${report.kind} created`}
        </div>
      </div>
      <SummaryList
        rows={[
          ['What the file held', KIND_LABELS[report.kind]],
          ['Rows in the file', String(report.rows.length)],
          [report.dryRun ? 'Ready to import' : 'Created', String(report.dryRun ? counts.valid : counts.created)],
          ['Already recorded (skipped)', String(counts.duplicate)],
          ['Rows with errors', String(counts.error)],
        ]}
      />
      <p class="govuk-body">
        <a
          class="govuk-link"
          href={`data:text/csv;charset=utf-8,${encodeURIComponent(bulk.importResultCsv(report))}`}
          download={`${report.kind}-import-result.csv`}
        >
          Download the result file (CSV: every row with what became of it)
        </a>
      </p>
      {problems.length ? (
        <Table
          caption={`Rows with problems${problems.length > SHOWN ? ` (the first ${SHOWN} of ${problems.length})` : ''}`}
          showCaption
          head={['Line', 'Reference', 'Outcome', 'Problems']}
        >
          {problems.slice(0, SHOWN).map((r) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">{r.line}</td>
              <td class="govuk-table__cell">{r.reference}</td>
              <td class="govuk-table__cell">{r.outcome === 'duplicate' ? 'Already recorded' : 'Error'}</td>
              <td class="govuk-table__cell">{r.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}</td>
            </tr>
          ))}
        </Table>
      ) : null}
      <p class="govuk-body">
        <a class="govuk-link" href="/app/admin/import">
          Import another file
        </a>
      </p>
    </>,
  );
}
