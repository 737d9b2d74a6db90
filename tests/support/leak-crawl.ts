/**
 * The leak scan's reach: every GET route the app describes in its own /openapi.json, expanded with every
 * seeded id of the right kind and every value of its enumerated or id-like query parameters; and every
 * page under /app a signed-in user can reach by following links.
 */

interface OpenApiParam {
  name: string;
  in: string;
  schema?: { enum?: unknown[]; type?: string; maximum?: number };
}
interface OpenApiOp {
  parameters?: OpenApiParam[];
  responses?: Record<string, { content?: Record<string, unknown> }>;
}
export interface OpenApiDoc {
  paths: Record<string, Record<string, OpenApiOp>>;
}

export interface ApiRequest {
  /** The route as the document names it, e.g. /participants/{id}. */
  template: string;
  url: string;
  headers?: Record<string, string>;
  /** A public description of the API itself (enum values listed there are not data). */
  schemaDoc?: boolean;
}

export interface SeededIds {
  /** Ids by collection, named as the path segment before `{id}` (participants, vacancies, …). */
  byCollection: Record<string, string[]>;
  /** Values for id-like query parameters, by parameter name (adviserId, employerId, accountManagerId, …). */
  byQueryParam: Record<string, string[]>;
}

/** How many values of an id-like query parameter a route with a path parameter is asked with, per record. */
const QUERY_IDS_PER_RECORD = 2;

/** Every GET in the document, with each path parameter filled by every seeded id of its kind (all ids when the kind is unknown). */
export function expandGetRoutes(doc: OpenApiDoc, ids: SeededIds): { templates: string[]; requests: ApiRequest[] } {
  const all = [...new Set(Object.values(ids.byCollection).flat())];
  const templates: string[] = [];
  const requests: ApiRequest[] = [];
  for (const [template, ops] of Object.entries(doc.paths)) {
    const op = ops.get;
    if (!op) continue;
    templates.push(template);
    // Path parameters: the collection is the segment before `{id}`, or the parameter's own name (`participantId` → participants).
    const segments = template.split('/');
    let paths = [''];
    for (let i = 1; i < segments.length; i++) {
      const seg = segments[i]!;
      const m = /^\{(.+)\}$/.exec(seg);
      if (!m) {
        paths = paths.map((p) => `${p}/${seg}`);
        continue;
      }
      const name = m[1]!;
      // An enumerated path parameter (an import's kind) goes through its values; `{id}` is of the nearest
      // collection named before it (`/shared-vacancies/{orgId}/{id}` → shared-vacancies).
      const enumerated = op.parameters?.find((p) => p.in === 'path' && p.name === name)?.schema?.enum?.map(String);
      const collection = name === 'id' ? segments.slice(0, i).findLast((x) => !x.startsWith('{'))! : `${name.replace(/Id$/, '')}s`;
      const values = enumerated ?? ids.byCollection[collection] ?? all;
      paths = paths.flatMap((p) => values.map((v) => `${p}/${encodeURIComponent(v)}`));
    }
    // Query variants: the bare route, then each enumerated or id-like parameter through its values, one at a time.
    const query = (op.parameters ?? []).filter((p) => p.in === 'query');
    const base: Record<string, string> = {};
    const limit = query.find((p) => p.name === 'limit');
    if (limit) base.limit = String(limit.schema?.maximum ?? 100);
    const variants: Record<string, string>[] = [base];
    for (const p of query) {
      if (p.name === 'limit' || p.name === 'cursor') continue;
      // An id-like filter on a route already expanded by every record of its kind (a participant's estimate for
      // each vacancy) goes through a few of its values, not all: every record × every value multiplied the scan
      // by the number of vacancies, and the leak a caller could see is the record's, whichever value filters it.
      const idValues = ids.byQueryParam[p.name] ?? [];
      const values = p.schema?.enum?.map(String) ?? (paths.length > 1 ? idValues.slice(0, QUERY_IDS_PER_RECORD) : idValues);
      for (const v of values) variants.push({ ...base, [p.name]: v });
    }
    // Alternative representations the route offers (the reports' CSV).
    const types = Object.keys(op.responses?.['200']?.content ?? {});
    const accepts: (Record<string, string> | undefined)[] = [
      undefined,
      ...types.filter((t) => t !== 'application/json').map((t) => ({ accept: t })),
    ];
    for (const path of paths) {
      for (const q of variants) {
        const qs = new URLSearchParams(q).toString();
        for (const headers of accepts) requests.push({ template, url: qs ? `${path}?${qs}` : path, ...(headers ? { headers } : {}) });
      }
    }
  }
  return { templates, requests };
}

/** The same URL with one query parameter set. */
export function withParam(url: string, name: string, value: string): string {
  const [path, qs = ''] = url.split('?');
  const params = new URLSearchParams(qs);
  params.set(name, value);
  return `${path}?${params.toString()}`;
}

const decode = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&#x2F;/gi, '/')
    .replace(/&#47;/g, '/');

/** The /app links on a page (fragments dropped, entities decoded). */
export function appLinks(html: string): string[] {
  const out = new Set<string>();
  for (const m of html.matchAll(/href="(\/app(?:[/?][^"]*)?)"/g)) {
    const href = decode(m[1]!).replace(/#.*$/, '');
    if (href) out.add(href);
  }
  return [...out];
}

export interface Fetched {
  status: number;
  body: string;
  location?: string | null;
}

/**
 * Breadth-first over /app links from `starts`, at most `limit` pages; redirects to /app pages are
 * followed too. Calls `visit` with every response.
 */
export async function crawl(
  fetch: (path: string) => Promise<Fetched>,
  starts: string[],
  limit: number,
  visit: (path: string, page: Fetched) => void,
): Promise<{ visited: string[]; truncated: boolean }> {
  const seen = new Set<string>();
  const queue: string[] = [];
  const push = (p: string) => {
    if (!seen.has(p)) {
      seen.add(p);
      queue.push(p);
    }
  };
  starts.forEach(push);
  const visited: string[] = [];
  while (queue.length && visited.length < limit) {
    const path = queue.shift()!;
    const page = await fetch(path);
    visited.push(path);
    visit(path, page);
    if (page.location?.startsWith('/app')) push(page.location.replace(/#.*$/, ''));
    for (const link of appLinks(page.body)) push(link);
  }
  return { visited, truncated: queue.length > 0 };
}
