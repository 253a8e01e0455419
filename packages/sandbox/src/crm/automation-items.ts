/**
 * The request envelope of the automation APIs: `{webhooks: [one]}`, `{workflow_rules: [one]}` (both documents:
 * `maxItems: 1`, "exactly one"), and their per-item answers inside the same key.
 */
import type { SandboxResponse } from '../core/types.js';
import { limitExceeded, missing, wrongType } from './automation-errors.js';
import { type CrmError, crmError, errorResponse } from './errors.js';
import { isObj, type Obj } from './settings-body.js';

/** A 400 whose one entry is `error` (the wrapped form both documents' 400 examples use). */
export const itemError = (key: string, error: CrmError): SandboxResponse => ({
  status: 400,
  body: { [key]: [error] },
});

export type SingleItem = { ok: true; item: Obj } | { ok: false; answer: SandboxResponse };

/** The one item of the body, or the answer refusing the envelope. */
export function singleItem(body: unknown, key: string, limitMessage: string): SingleItem {
  const refuse = (answer: SandboxResponse): SingleItem => ({ ok: false, answer });
  if (!isObj(body))
    return refuse(
      errorResponse(400, crmError('INVALID_DATA', 'invalid data', { api_name: key, json_path: `$.${key}` })),
    );
  const list = body[key];
  if (list === undefined || list === null || (Array.isArray(list) && list.length === 0))
    return refuse(itemError(key, missing(key, `$.${key}`)));
  if (!Array.isArray(list)) return refuse(itemError(key, wrongType(key, `$.${key}`, 'jsonarray')));
  if (list.length > 1) return refuse(itemError(key, limitExceeded(key, `$.${key}`, 1, limitMessage)));
  const item = list[0];
  if (!isObj(item)) return refuse(itemError(key, wrongType(key, `$.${key}[0]`, 'jsonobject')));
  return { ok: true, item };
}

/** `{<key>: [{code: "SUCCESS", details: {id}, message, status: "success"}]}`. */
export function itemSuccess(key: string, status: number, id: string, message: string): SandboxResponse {
  return { status, body: { [key]: [{ code: 'SUCCESS', details: { id }, message, status: 'success' }] } };
}

/** `ids` of a bulk delete: present, comma-separated, at most `max` (the error is the caller's documented one). */
export function bulkIds(query: URLSearchParams): string[] | SandboxResponse {
  const raw = query.get('ids');
  if (raw === null || raw.trim() === '')
    return errorResponse(
      400,
      crmError('REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', { param_name: 'ids' }),
    );
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
