/** Settings APIs take `{<key>: [ … ]}` bodies and answer per item inside the same key. */
import type { SandboxResponse } from '../core/types.js';
import {
  batchStatus,
  type CrmError,
  crmError,
  errorResponse,
  invalidBody,
  MESSAGES,
  mandatoryMissing,
  requiredParamMissing,
} from './errors.js';

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function itemsOf(body: unknown, key: string, max: number): Obj[] | SandboxResponse {
  if (!isObj(body))
    return errorResponse(400, crmError('INVALID_DATA', MESSAGES.invalidData, { expected_data_type: 'jsonobject' }));
  const list = body[key];
  if (list === undefined || (Array.isArray(list) && list.length === 0))
    return errorResponse(400, mandatoryMissing(key, `$.${key}`));
  if (!Array.isArray(list)) return errorResponse(400, invalidBody(key, `$.${key}`, 'jsonarray'));
  if (list.length > max)
    return errorResponse(400, crmError('LIMIT_EXCEEDED', 'Record count exceeded', { limit: max, api_name: key }));
  const bad = list.findIndex((i) => !isObj(i));
  if (bad >= 0) return errorResponse(400, invalidBody(key, `$.${key}[${bad}]`, 'jsonobject'));
  return list as Obj[];
}

export type ItemResult = { ok: true; item: Obj } | { ok: false; error: CrmError };

/** All ok → okStatus; otherwise `errorStatus` when the API has one (watch: 202), else all failed → 400, a mix → 207. */
export function itemsAnswer(
  key: string,
  results: ItemResult[],
  okStatus: number,
  errorStatus?: number,
): SandboxResponse {
  const ok = results.filter((r) => r.ok).length;
  const status = ok === results.length ? okStatus : (errorStatus ?? batchStatus(ok, results.length, okStatus));
  return { status, body: { [key]: results.map((r) => (r.ok ? r.item : r.error)) } };
}

/** One item's success answer. */
export function succeeded(id: string, message: string): ItemResult {
  return { ok: true, item: { code: 'SUCCESS', details: { id }, message, status: 'success' } };
}

/** Another item of the same resource already has this name. */
export function duplicateName(jsonPath: string, clashId: string): CrmError {
  return crmError('DUPLICATE_DATA', 'duplicate data', { api_name: 'name', json_path: jsonPath, id: clashId });
}

/** The `ids` query parameter of a bulk delete: comma-separated, trimmed, blanks dropped, at most `limit`. */
export function idsParam(query: URLSearchParams, limit: number): string[] | SandboxResponse {
  const raw = query.get('ids');
  if (!raw) return requiredParamMissing('ids');
  const ids = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (ids.length > limit) return errorResponse(400, crmError('LIMIT_EXCEEDED', 'Record count exceeded', { limit }));
  return ids;
}

export const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

export function listPage<T>(items: T[], query: URLSearchParams, key: string, maxPer = 200): SandboxResponse {
  const perPage = Math.min(Number(query.get('per_page') ?? maxPer) || maxPer, maxPer);
  const page = Math.max(Number(query.get('page') ?? 1) || 1, 1);
  const slice = items.slice((page - 1) * perPage, page * perPage);
  if (slice.length === 0) return { status: 204 };
  return {
    status: 200,
    body: {
      [key]: slice,
      info: { per_page: perPage, count: slice.length, page, more_records: page * perPage < items.length },
    },
  };
}
