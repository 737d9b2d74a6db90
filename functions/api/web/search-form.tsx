import type { Child } from 'hono/jsx';
import { ValidationError, type FieldError } from '../../../shared/errors.js';
import type { Role } from '../../../shared/domain/actor.js';
import { READINESS } from '../../../shared/domain/participant.js';
import { Choices, type fieldsFor, Select, TextInput } from './components.js';
import type { WebContext } from './context.js';
import { READINESS_LABELS, ROLE_LABELS } from './labels.js';

/* ------------------------------------------------------------------------------------------------
 * Search and filters on a list page: a GET form (bookmarkable, no CSRF: it changes nothing), the
 * filters kept in every "next page" link, and a refused filter said in the error summary.
 * ---------------------------------------------------------------------------------------------- */

/** The filters a list page was asked for: each query parameter named, trimmed, empty left out. */
export function askedFor<K extends string>(c: WebContext, names: readonly K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const n of names) {
    const v = c.req.query(n)?.trim();
    if (v) out[n] = v.slice(0, 1000);
  }
  return out;
}

/** A link to `path` with these filters (and a cursor) in its query string. */
export function withQuery(path: string, params: Record<string, string | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** A search's refusal as the page's errors (with its status), or the error itself when it is anything else. */
export function refusedSearch(err: unknown): FieldError[] {
  if (err instanceof ValidationError && err.errors?.length) return err.errors;
  throw err;
}

/** The filter form: its fields, an apply button and a link that clears them all. */
export function FilterForm({ action, label, children, clear }: { action: string; label: string; children: Child; clear?: boolean }) {
  return (
    <form method="get" action={action} class="rw-filters govuk-!-margin-bottom-6" aria-label={label}>
      {children}
      <div class="govuk-button-group">
        <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
          Apply filters
        </button>
        {clear ? (
          <a class="govuk-link" href={action}>
            Clear filters
          </a>
        ) : null}
      </div>
    </form>
  );
}

/** "3 employers found", "No vacancies match", or, for one page of several, "25 employers on this page". */
export function resultCount(shown: number, paged: boolean, one: string, many: string): string {
  if (!shown) return paged ? `No more ${many} match` : `No ${many} match`;
  if (paged) return `${shown} ${shown === 1 ? one : many} on this page`;
  return `${shown} ${shown === 1 ? one : many} found`;
}

/** Finding a member of staff: the start of their name or address, and a role (`roles`, or any). */
export function StaffSearchFields({ q, role, roles }: { q: string; role: Role | undefined; roles: readonly Role[] }) {
  return (
    <>
      <TextInput
        id="q"
        name="q"
        value={q}
        label="Name or email address"
        hint="The start of any part of their name, or of their address"
        width="20"
      />
      <Choices
        kind="radios"
        id="role"
        name="role"
        legend="Role"
        options={[['', 'Any role'] as const, ...roles.map((r) => [r, ROLE_LABELS[r]] as const)]}
        checked={[role ?? '']}
        small
        inline
      />
    </>
  );
}

/** Finding someone on a caseload: words of their name or their reference, and their readiness. */
export function CaseloadSearchFields({ f }: { f: ReturnType<typeof fieldsFor> }) {
  return (
    <>
      <TextInput {...f.field('text')} label="Name or reference" hint="Words of their name, or their participant reference" type="search" />
      <Select
        {...f.field('readiness')}
        label="Readiness"
        options={[['', 'Any readiness'], ...READINESS.map((r) => [r, READINESS_LABELS[r][0]] as const)]}
      />
    </>
  );
}
