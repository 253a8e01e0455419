/** Record reads: list (page / page_token, sort, fields, If-Modified-Since), get, deleted. Search: `records-search.ts`. */
import type { Handler, SandboxContext, SandboxRequest, SandboxResponse } from '../core/types.js';
import { crmError, errorResponse, invalidParam, MESSAGES, requiredParamMissing } from './errors.js';
import type { ModuleDef, RecordDoc } from './model.js';
import { isModule, recordModule } from './module-guard.js';
import { isResponse, pageInfo, parsePage } from './paging.js';
import { parseFieldsParam, renderer } from './render.js';
import { deletedOf, recordsOf } from './state.js';

const SORTABLE = new Set(['id', 'Created_Time', 'Modified_Time']);
const MAX_FIELDS = 50;

function modifiedSince(req: SandboxRequest): number | undefined | 'invalid' {
  const raw = req.headers['if-modified-since'];
  if (typeof raw !== 'string' || raw === '') return undefined;
  const t = Date.parse(raw);
  return Number.isNaN(t) ? 'invalid' : t;
}

function sortDocs(docs: RecordDoc[], by: string, order: 'asc' | 'desc'): RecordDoc[] {
  const key = (d: RecordDoc): string => (by === 'id' ? d.id.padStart(20, '0') : String(d[by] ?? ''));
  const sorted =
    by === 'id' || by === 'Created_Time'
      ? docs
      : [...docs].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return order === 'desc' ? [...sorted].reverse() : sorted;
}

function listFields(
  ctx: SandboxContext,
  mod: ModuleDef,
  req: SandboxRequest,
  required: boolean,
): string[] | undefined | SandboxResponse {
  const raw = req.query.get('fields');
  if (required && (raw === null || raw.trim() === '')) return requiredParamMissing('fields');
  const parsed = parseFieldsParam(ctx, mod, raw);
  if (!parsed.ok)
    return errorResponse(400, crmError('INVALID_DATA', MESSAGES.invalidData, { api_name: parsed.unknown }));
  if (parsed.fields && parsed.fields.length > MAX_FIELDS) {
    return errorResponse(400, crmError('LIMIT_EXCEEDED', 'Max field limit exceeded', { limit: MAX_FIELDS }));
  }
  return parsed.fields;
}

export const listRecords: Handler = (req, ctx) => {
  const mod = recordModule(ctx, req.params.module);
  if (!isModule(mod)) return mod;
  const fields = listFields(ctx, mod, req, true);
  if (isResponse(fields)) return fields;
  const sortBy = req.query.get('sort_by') ?? 'id';
  if (!SORTABLE.has(sortBy)) return invalidParam('sort_by', sortBy);
  const sortOrder = req.query.get('sort_order') ?? 'asc';
  if (sortOrder !== 'asc' && sortOrder !== 'desc') return invalidParam('sort_order', sortOrder);
  const since = modifiedSince(req);
  if (since === 'invalid') return invalidParam('If-Modified-Since');
  const idsParam = req.query.get('ids');
  const ids = idsParam ? new Set(idsParam.split(',').map((s) => s.trim())) : undefined;
  const page = parsePage(ctx, req.query, `${mod.api_name}|${sortBy}|${sortOrder}|${since ?? ''}|${idsParam ?? ''}`);
  if (isResponse(page)) return page;
  let docs = [...recordsOf(ctx, mod.api_name).values()];
  if (since !== undefined) {
    docs = docs.filter((d) => Date.parse(d.Modified_Time) > since);
    if (docs.length === 0) return { status: 304 };
  }
  if (ids) docs = docs.filter((d) => ids.has(d.id));
  docs = sortDocs(docs, sortBy, sortOrder);
  const slice = docs.slice(page.offset, page.offset + page.perPage);
  if (slice.length === 0) return { status: 204 };
  const r = renderer(ctx, mod, fields);
  const info = { ...pageInfo(ctx, page, docs.length, slice.length), sort_by: sortBy, sort_order: sortOrder };
  return { status: 200, body: { data: slice.map((d) => r.render(d)), info } };
};

export const getRecord: Handler = (req, ctx) => {
  const mod = recordModule(ctx, req.params.module);
  if (!isModule(mod)) return mod;
  const doc = recordsOf(ctx, mod.api_name).get(req.params.id ?? '');
  if (!doc) return { status: 204 };
  const since = modifiedSince(req);
  if (typeof since === 'number' && Date.parse(doc.Modified_Time) <= since) return { status: 304 };
  const fields = listFields(ctx, mod, req, false);
  if (isResponse(fields)) return fields;
  return { status: 200, body: { data: [renderer(ctx, mod, fields).render(doc)] } };
};

export const deletedRecords: Handler = (req, ctx): SandboxResponse => {
  const mod = recordModule(ctx, req.params.module);
  if (!isModule(mod)) return mod;
  const type = req.query.get('type') ?? 'all';
  if (!['all', 'recycle', 'permanent'].includes(type)) return invalidParam('type', type);
  const page = parsePage(ctx, req.query, `deleted|${mod.api_name}|${type}`);
  if (isResponse(page)) return page;
  const all = [...deletedOf(ctx, mod.api_name).values()].filter((d) => type === 'all' || d.type === type);
  const slice = all.slice(page.offset, page.offset + page.perPage);
  if (slice.length === 0) return { status: 204 };
  return { status: 200, body: { data: slice, info: pageInfo(ctx, page, all.length, slice.length) } };
};
