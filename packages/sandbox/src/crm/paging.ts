/**
 * CRM list pagination: `page`/`per_page` (≤ 200) reach the first 2,000 records; beyond that Zoho requires the
 * `page_token` it returns as `info.next_page_token` (valid 24 h). Tokens here are opaque, self-describing strings.
 */
import type { SandboxContext, SandboxResponse } from '../core/types.js';
import { crmError, errorResponse, invalidParam } from './errors.js';
import { isoTime } from './state.js';

export const MAX_PER_PAGE = 200;
export const DISCRETE_LIMIT = 2000;
const TOKEN_TTL_MS = 24 * 3600 * 1000;

export interface PageRequest {
  offset: number;
  perPage: number;
  page: number;
  /** What the token was made for (module, sort, filters); a token is refused for another query. */
  scope: string;
}

interface TokenBody {
  s: string;
  o: number;
  p: number;
  n: number;
  e: number;
}

function encodeToken(t: TokenBody): string {
  return Buffer.from(JSON.stringify(t)).toString('base64url');
}

function decodeToken(raw: string): TokenBody | undefined {
  try {
    const v: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (typeof v !== 'object' || v === null) return undefined;
    const o = v as Record<string, unknown>;
    if (
      typeof o.s === 'string' &&
      typeof o.o === 'number' &&
      typeof o.p === 'number' &&
      typeof o.n === 'number' &&
      typeof o.e === 'number'
    ) {
      return { s: o.s, o: o.o, p: o.p, n: o.n, e: o.e };
    }
  } catch {
    // fall through
  }
  return undefined;
}

function positiveInt(raw: string | null, fallback: number): number | undefined {
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) return undefined;
  const n = Number(raw);
  return n >= 1 ? n : undefined;
}

export function parsePage(ctx: SandboxContext, query: URLSearchParams, scope: string): PageRequest | SandboxResponse {
  const perPage = positiveInt(query.get('per_page'), MAX_PER_PAGE);
  if (perPage === undefined || perPage > MAX_PER_PAGE) return invalidParam('per_page', query.get('per_page') ?? '');
  const token = query.get('page_token');
  if (token !== null) {
    const t = decodeToken(token);
    if (!t || t.s !== scope) return invalidParam('page_token', token);
    if (t.e < ctx.clock.now()) {
      return errorResponse(
        400,
        crmError('INVALID_DATA', 'invalid data', { param_name: 'page_token', reason: 'token expired' }),
      );
    }
    return { offset: t.o, perPage: t.n, page: t.p, scope };
  }
  const page = positiveInt(query.get('page'), 1);
  if (page === undefined) return invalidParam('page', query.get('page') ?? '');
  if (page * perPage > DISCRETE_LIMIT) {
    return errorResponse(
      400,
      crmError(
        'DISCRETE_PAGINATION_LIMIT_EXCEEDED',
        'You can only get the first 2000 records without using page_token param',
        {
          limit: DISCRETE_LIMIT,
        },
      ),
    );
  }
  return { offset: (page - 1) * perPage, perPage, page, scope };
}

export function pageInfo(ctx: SandboxContext, req: PageRequest, total: number, count: number): Record<string, unknown> {
  const more = req.offset + count < total;
  const info: Record<string, unknown> = { per_page: req.perPage, count, page: req.page, more_records: more };
  if (more) {
    const expiry = ctx.clock.now() + TOKEN_TTL_MS;
    info.next_page_token = encodeToken({
      s: req.scope,
      o: req.offset + req.perPage,
      p: req.page + 1,
      n: req.perPage,
      e: expiry,
    });
    info.page_token_expiry = isoTime(expiry);
  }
  if (req.offset > 0) {
    const prev = Math.max(0, req.offset - req.perPage);
    info.previous_page_token = encodeToken({
      s: req.scope,
      o: prev,
      p: Math.max(1, req.page - 1),
      n: req.perPage,
      e: ctx.clock.now() + TOKEN_TTL_MS,
    });
  }
  return info;
}

export const isResponse = (v: unknown): v is SandboxResponse =>
  typeof v === 'object' && v !== null && 'status' in v && typeof (v as { status: unknown }).status === 'number';
