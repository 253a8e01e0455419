/**
 * Desk's offset pagination (`from`, `limit`) and list envelopes: `{data:[…]}`, or 204 No Content when empty.
 * `from` is a 1-based index (accounts default to 1); `from=0`, the tickets default, also means the first record.
 */
import type { SandboxRequest, SandboxResponse } from '../core/types.js';
import { invalidQueryParam } from './errors.js';

export interface Page {
  offset: number;
  limit: number;
}

export type PageResult = { ok: true; page: Page } | { ok: false; response: SandboxResponse };

export function readPage(req: SandboxRequest, defaults: { limit: number; max: number }): PageResult {
  const fromRaw = req.query.get('from');
  const limitRaw = req.query.get('limit');
  let from = 1;
  let limit = defaults.limit;
  if (fromRaw !== null) {
    if (!/^[0-9]{1,9}$/.test(fromRaw)) return { ok: false, response: invalidQueryParam('from') };
    from = Number(fromRaw);
  }
  if (limitRaw !== null) {
    if (!/^[0-9]{1,9}$/.test(limitRaw)) return { ok: false, response: invalidQueryParam('limit') };
    limit = Number(limitRaw);
    if (limit < 1 || limit > defaults.max) return { ok: false, response: invalidQueryParam('limit') };
  }
  return { ok: true, page: { offset: from <= 1 ? 0 : from - 1, limit } };
}

export function pageOf<T>(items: readonly T[], page: Page): T[] {
  return items.slice(page.offset, page.offset + page.limit);
}

/** `{data}` or 204 when there is nothing on this page. */
export function listResponse(data: readonly unknown[]): SandboxResponse {
  return data.length === 0 ? { status: 204 } : { status: 200, body: { data } };
}

/** `sortBy=field` or `-field`; returns undefined when the field is not one of `allowed`. */
export function readSort(
  req: SandboxRequest,
  allowed: readonly string[],
): { ok: true; field: string | undefined; desc: boolean } | { ok: false; response: SandboxResponse } {
  const raw = req.query.get('sortBy');
  if (raw === null || raw === '') return { ok: true, field: undefined, desc: false };
  const desc = raw.startsWith('-');
  const field = desc ? raw.slice(1) : raw;
  if (!allowed.includes(field)) return { ok: false, response: invalidQueryParam('sortBy') };
  return { ok: true, field, desc };
}

/** `localeCompare`'s order (the default locale), without building the comparison's locale data at every call. */
const collator = new Intl.Collator();

export function compareBy<T>(get: (item: T) => string | number | null, desc: boolean): (a: T, b: T) => number {
  return (a, b) => {
    const x = get(a);
    const y = get(b);
    let c = 0;
    if (x === y) c = 0;
    else if (x === null) c = 1;
    else if (y === null) c = -1;
    else if (typeof x === 'number' && typeof y === 'number') c = x - y;
    else c = collator.compare(String(x), String(y));
    return desc ? -c : c;
  };
}
