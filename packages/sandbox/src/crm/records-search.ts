/**
 * `GET /{module}/search` (module_search.yaml, `searchRecords`): one of `criteria`, `email`, `phone`, `word` (the
 * first present, in that priority), over the records the index holds (`search-index.ts`), 200 a page, at most the
 * first 2,000 matches; and the record count with the same filters.
 */
import type { Handler, SandboxContext } from '../core/types.js';
import { CriteriaError, criteriaFields, parseCriteria } from './criteria.js';
import type { FieldDef, ModuleDef, RecordDoc } from './model.js';
import { isModule, recordModule } from './module-guard.js';
import { parseFieldsParam, renderer } from './render.js';
import { searchErrors } from './search-errors.js';
import { isCounted, isIndexed } from './search-index.js';
import { compileCriteria, type RecordTest } from './search-match.js';
import { fieldList, fieldMap, recordsOf } from './state.js';

/** "The Search API allows you to search for and retrieve a maximum of 2,000 records." */
const SEARCH_LIMIT = 2000;
const MAX_PER_PAGE = 200;
/** "You can search using a maximum of 10 criteria" (the `criteria` parameter). */
const MAX_CONDITIONS = 10;

type Refusal = { refused: ReturnType<Handler> };

/** Parameters with a documented set of values: a value outside it is an invalid request. */
const ENUMS: Record<string, readonly string[]> = {
  sort_order: ['asc', 'desc'],
  converted: ['true', 'false', 'both'],
  approval_state: [
    'approval_process_pending',
    'webform_invalid',
    'review_process_pending',
    'webform_invalid_approval',
    'zia_vision_validation',
    'review_process_rejected',
    'webform_unapproved',
    'email_parser_waiting',
    'approved',
    'merge_pending',
    'email_parser_rejected',
    'zia_vision_rejected',
    'zia_vision_pending',
    'approval_process_rejected',
    'webform_double_optin',
  ],
};

/** The documented schema of each search parameter's value (maxLength, minLength, pattern). */
function badParameter(q: URLSearchParams): string | undefined {
  const fits: Record<string, (v: string) => boolean> = {
    criteria: (v) => v.length <= 3000,
    email: (v) => v.length <= 255,
    phone: (v) => v.length >= 3 && v.length <= 50 && /^[+]?[0-9\s\-().]+$/.test(v),
    word: (v) => v.length >= 2 && v.length <= 100,
    fields: (v) => v.length <= 2000,
    sort_by: (v) => v.length <= 100,
  };
  for (const [name, fit] of Object.entries(fits)) {
    const v = q.get(name);
    if (v !== null && !fit(v)) return name;
  }
  for (const [name, allowed] of Object.entries(ENUMS)) {
    const v = q.get(name);
    if (v !== null && !allowed.includes(v)) return name;
  }
  return undefined;
}

function criteriaTest(raw: string, fields: ReadonlyMap<string, FieldDef>): RecordTest | Refusal {
  let parsed: ReturnType<typeof parseCriteria>;
  try {
    parsed = parseCriteria(raw.trim());
  } catch (e) {
    if (e instanceof CriteriaError) return { refused: searchErrors.invalidQuery({ kind: 'malformed' }) };
    throw e;
  }
  if (criteriaFields(parsed).length > MAX_CONDITIONS) return { refused: searchErrors.criteriaLimit() };
  const test = compileCriteria(parsed, fields);
  return typeof test === 'function' ? test : { refused: searchErrors.invalidQuery(test) };
}

/** The filter of `criteria`, `email`, `phone` or `word`, whichever comes first in that order. */
export function searchTest(ctx: SandboxContext, mod: ModuleDef, q: URLSearchParams): RecordTest | Refusal {
  const bad = badParameter(q);
  if (bad !== undefined) return { refused: searchErrors.invalidRequest(bad) };
  const fields = fieldList(ctx, mod.api_name);
  const ofType = (...types: string[]) => fields.filter((f) => types.includes(f.data_type)).map((f) => f.api_name);
  const holds = (names: string[], test: (value: string) => boolean): RecordTest => {
    return (d) => names.some((n) => typeof d[n] === 'string' && test(d[n] as string));
  };
  const criteria = q.get('criteria');
  if (criteria !== null) return criteriaTest(criteria, fieldMap(ctx, mod.api_name));
  const email = q.get('email');
  // "Partial matches are supported and searches multiple email fields simultaneously."
  if (email !== null) return holds(ofType('email'), (v) => v.toLowerCase().includes(email.toLowerCase()));
  const phone = q.get('phone');
  if (phone !== null) {
    const digits = phone.replace(/\D/g, '');
    return holds(ofType('phone'), (v) => v.replace(/\D/g, '').includes(digits));
  }
  const word = q.get('word');
  if (word !== null) {
    const w = word.toLowerCase();
    const names = ofType('text', 'textarea', 'email', 'phone', 'website', 'picklist', 'autonumber');
    return holds(names, (v) => v.toLowerCase().includes(w));
  }
  return { refused: searchErrors.missingParameter() };
}

/** `approval_state` and `converted` (Leads): the sandbox's records are all approved and none converted. */
function stateTest(mod: ModuleDef, q: URLSearchParams): boolean {
  const approval = q.get('approval_state');
  if (approval !== null && approval !== 'approved') return false;
  return !(mod.api_name === 'Leads' && q.get('converted') === 'true');
}

function positive(raw: string | null, fallback: number): number | undefined {
  if (raw === null) return fallback;
  return /^\d+$/.test(raw) && Number(raw) >= 1 ? Number(raw) : undefined;
}

function sorted(docs: RecordDoc[], by: string, order: string): RecordDoc[] {
  const key = (d: RecordDoc): string => {
    if (by === 'id') return d.id.padStart(20, '0');
    const v = d[by];
    const o = typeof v === 'object' && v !== null ? (v as { name?: unknown }).name : v;
    return typeof o === 'number' ? String(o).padStart(20, '0') : String(o ?? '').toLowerCase();
  };
  const out = [...docs].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return order === 'desc' ? out.reverse() : out;
}

export const searchRecords: Handler = (req, ctx) => {
  const mod = recordModule(ctx, req.params.module);
  if (!isModule(mod)) return mod;
  const q = req.query;
  const test = searchTest(ctx, mod, q);
  if (typeof test !== 'function') return test.refused;
  const perPage = positive(q.get('per_page'), MAX_PER_PAGE);
  if (perPage === undefined || perPage > MAX_PER_PAGE) return searchErrors.invalidRequest('per_page');
  const page = positive(q.get('page'), 1);
  if (page === undefined) return searchErrors.invalidRequest('page');
  const fields = parseFieldsParam(ctx, mod, q.get('fields'));
  if (!fields.ok) return searchErrors.invalidRequest('fields');
  // Defaults as documented: sort by id, descending.
  const sortBy = q.get('sort_by') ?? 'id';
  if (sortBy !== 'id' && !fieldMap(ctx, mod.api_name).has(sortBy)) return searchErrors.invalidRequest('sort_by');
  const sortOrder = q.get('sort_order') ?? 'desc';
  const offset = (page - 1) * perPage;
  if (offset + perPage > SEARCH_LIMIT) return searchErrors.limitReached();
  const matches: RecordDoc[] = [];
  if (stateTest(mod, q))
    for (const d of recordsOf(ctx, mod.api_name).values()) if (isIndexed(ctx, d) && test(d)) matches.push(d);
  const slice = sorted(matches, sortBy, sortOrder).slice(offset, offset + perPage);
  if (slice.length === 0) return { status: 204 };
  const r = renderer(ctx, mod, fields.fields);
  const info = {
    per_page: perPage,
    count: slice.length,
    page,
    more_records: offset + slice.length < matches.length,
    sort_by: sortBy,
    sort_order: sortOrder,
  };
  return { status: 200, body: { data: slice.map((d) => r.render(d)), info } };
};

/**
 * `GET /{module}/actions/count`: the records the count has caught up with, or those the same search parameters find
 * (record_count.yaml `getRecordCount` takes search's `criteria`, `email`, `phone` and `word`).
 */
export const countRecords: Handler = (req, ctx) => {
  const mod = recordModule(ctx, req.params.module);
  if (!isModule(mod)) return mod;
  const q = req.query;
  const all = recordsOf(ctx, mod.api_name);
  if (!['criteria', 'email', 'phone', 'word'].some((k) => q.get(k) !== null)) {
    let count = 0;
    for (const d of all.values()) if (isCounted(ctx, d)) count++;
    return { status: 200, body: { count } };
  }
  const test = searchTest(ctx, mod, q);
  if (typeof test !== 'function') return test.refused;
  let count = 0;
  for (const d of all.values()) if (isIndexed(ctx, d) && test(d)) count++;
  return { status: 200, body: { count } };
};
