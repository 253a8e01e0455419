/**
 * Search (Search.json in zoho/zohodesk-oas, not in the local copy): `GET /accounts/search`, `/contacts/search`,
 * `/tickets/search`. Field parameters match exactly, with `*` wildcards, `${empty}` / `${notempty}`, and comma-separated
 * alternatives; `customFieldN=cf_api_name:value` searches custom fields; `createdTimeRange` / `modifiedTimeRange`
 * (`ISO,ISO`) and `sortBy=[-]createdTime|modifiedTime` serve modified-time polling. `from` starts at 0 (max 999), `limit` 1–100
 * (default 10). Answers `{data, count}`, or 204 when nothing matches.
 */
import type { Collection, Route, SandboxContext, SandboxRequest, SandboxResponse } from '../core/types.js';
import { accountListShape } from './account-shape.js';
import { contactListShape } from './contact-shape.js';
import { invalidQueryParam } from './errors.js';
import { compareBy, readSort } from './paging.js';
import { type CfValues, deskData } from './records.js';
import { EMPTY_TOKEN, NOT_EMPTY_TOKEN, STATUS_TYPE_TOKENS } from './search-tokens.js';
import { statusTypeOf, ticketListShape } from './ticket-shape.js';

type Getter<T> = (record: T) => string | boolean | null;

function valueMatcher(pattern: string): (value: string | boolean | null) => boolean {
  const alternatives = pattern.split(',').map((p) => p.trim());
  return (value) =>
    alternatives.some((alt) => {
      if (alt === EMPTY_TOKEN) return value === null || value === '';
      if (alt === NOT_EMPTY_TOKEN) return value !== null && value !== '';
      if (value === null) return false;
      const text = String(value).toLowerCase();
      const wanted = alt.toLowerCase();
      if (!wanted.includes('*')) return text === wanted;
      const re = new RegExp(
        `^${wanted
          .split('*')
          .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
          .join('.*')}$`,
      );
      return re.test(text);
    });
}

/** Ticket `status`: names, or `${open}` / `${onhold}` / `${closed}` for the statusType (Search.json). */
function statusMatches(type: string, status: string, value: string): boolean {
  return value.split(',').some((v) => {
    const w = v.trim().toLowerCase();
    const wanted = STATUS_TYPE_TOKENS[w];
    if (wanted !== undefined) return type === wanted;
    return w === status.toLowerCase();
  });
}

/** `ISO,ISO` (Search.json `createdTimeRange` / `modifiedTimeRange`); undefined when malformed. */
function readRange(value: string): [number, number] | undefined {
  const parts = value.split(',');
  if (parts.length !== 2) return undefined;
  const [from, to] = parts.map((p) => Date.parse(p.trim()));
  return from === undefined || to === undefined || Number.isNaN(from) || Number.isNaN(to) ? undefined : [from, to];
}

const RANGES = { createdTimeRange: 'createdTime', modifiedTimeRange: 'modifiedTime' } as const;

/** A value the matcher compares exactly (no wildcard, alternatives or empty tokens): one index key. */
function exactKey(value: string): string | undefined {
  const v = value.trim();
  if (v.includes('*') || v.includes(',') || v === EMPTY_TOKEN || v === NOT_EMPTY_TOKEN) return undefined;
  return v.toLowerCase();
}

const indexKeys = (value: string | boolean | null): string[] => (value === null ? [] : [String(value).toLowerCase()]);

/**
 * The records a search can match: those one exact parameter names, through an index of the collection (the tests
 * still decide), or all of them. Only `own` fields (read from the record alone) and custom fields are indexed.
 */
function candidates<T extends { cf: CfValues }>(
  q: URLSearchParams,
  collection: Collection<T>,
  fields: Record<string, Getter<T>>,
  own: ReadonlySet<string>,
): Iterable<T> {
  for (const [name, value] of q) {
    const getter = fields[name];
    if (getter !== undefined && own.has(name)) {
      const key = exactKey(value);
      if (key !== undefined) return collection.index(`search:${name}`, (r) => indexKeys(getter(r))).get(key);
    } else if (/^customField[0-9]+$/.test(name)) {
      const at = value.indexOf(':');
      const key = at > 0 ? exactKey(value.slice(at + 1)) : undefined;
      if (key === undefined) continue;
      const api = value.slice(0, at);
      return collection.index(`search:cf:${api}`, (r) => indexKeys(r.cf[api] ?? null)).get(key);
    }
  }
  return collection.values();
}

function run<T extends { cf: CfValues; createdTime: number; modifiedTime: number }>(
  req: SandboxRequest,
  collection: Collection<T>,
  fields: Record<string, Getter<T>>,
  shape: (r: T) => Record<string, unknown>,
  special: Record<string, (record: T, value: string) => boolean> = {},
  derived: readonly string[] = [],
): SandboxResponse {
  const q = req.query;
  const fromRaw = q.get('from') ?? '0';
  const limitRaw = q.get('limit') ?? '10';
  if (!/^[0-9]{1,3}$/.test(fromRaw)) return invalidQueryParam('from');
  if (!/^[0-9]{1,3}$/.test(limitRaw) || Number(limitRaw) < 1 || Number(limitRaw) > 100)
    return invalidQueryParam('limit');
  const tests: ((r: T) => boolean)[] = [];
  for (const [name, value] of q) {
    if (name === 'from' || name === 'limit' || name === 'orgId' || name === 'sortBy') continue;
    if (name === 'createdTimeRange' || name === 'modifiedTimeRange') {
      const range = readRange(value);
      if (range === undefined) return invalidQueryParam(name);
      const key = RANGES[name];
      tests.push((r) => r[key] >= range[0] && r[key] <= range[1]);
      continue;
    }
    const getter = fields[name];
    const own = special[name];
    if (own !== undefined) {
      tests.push((r) => own(r, value));
    } else if (getter !== undefined) {
      const m = valueMatcher(value);
      tests.push((r) => m(getter(r)));
    } else if (/^customField[0-9]+$/.test(name)) {
      const at = value.indexOf(':');
      if (at <= 0) return invalidQueryParam(name);
      const api = value.slice(0, at);
      const m = valueMatcher(value.slice(at + 1));
      tests.push((r) => m(r.cf[api] ?? null));
    } else if (name === '_all') {
      const m = valueMatcher(`*${value.replace(/\*/g, '')}*`);
      tests.push((r) => Object.values(fields).some((g) => m(g(r))));
    }
  }
  const sort = readSort(req, ['createdTime', 'modifiedTime']);
  if (!sort.ok) return sort.response;
  const own = new Set(Object.keys(fields).filter((name) => !derived.includes(name) && special[name] === undefined));
  let matched: T[] = [];
  for (const r of candidates(q, collection, fields, own)) if (tests.every((t) => t(r))) matched.push(r);
  if (sort.field === 'createdTime' || sort.field === 'modifiedTime') {
    const key = sort.field;
    matched = matched.sort(compareBy((r) => r[key], sort.desc));
  }
  const from = Number(fromRaw);
  const data = matched.slice(from, from + Number(limitRaw)).map(shape);
  return data.length === 0 ? { status: 204 } : { status: 200, body: { data, count: matched.length } };
}

function searchAccounts(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  return run(
    req,
    deskData(ctx).accounts,
    {
      id: (a) => a.id,
      accountName: (a) => a.accountName,
      email: (a) => a.email,
      phone: (a) => a.phone,
      website: (a) => a.website,
    },
    (a) => ({ ...accountListShape(ctx, a), cf: a.cf }),
  );
}

function searchContacts(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const accounts = deskData(ctx).accounts;
  return run(
    req,
    deskData(ctx).contacts,
    {
      id: (c) => c.id,
      firstName: (c) => c.firstName,
      lastName: (c) => c.lastName,
      fullName: (c) => [c.firstName, c.lastName].filter((s) => s !== null).join(' '),
      email: (c) => c.email,
      phone: (c) => c.phone,
      mobile: (c) => c.mobile,
      accountId: (c) => c.accountId,
      accountName: (c) => (c.accountId === null ? null : (accounts.get(c.accountId)?.accountName ?? null)),
    },
    (c) => ({ ...contactListShape(ctx, c), cf: c.cf }),
    {},
    // The account's name lives on the account: not indexed on the contact.
    ['accountName'],
  );
}

function searchTickets(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  return run(
    req,
    deskData(ctx).tickets,
    {
      id: (t) => t.id,
      ticketNumber: (t) => t.ticketNumber,
      subject: (t) => t.subject,
      email: (t) => t.email,
      phone: (t) => t.phone,
      departmentId: (t) => t.departmentId,
      contactId: (t) => t.contactId,
      accountId: (t) => t.accountId,
      assigneeId: (t) => t.assigneeId,
      priority: (t) => t.priority,
      status: (t) => t.status,
    },
    (t) => ticketListShape(ctx, t, []),
    { status: (t, value) => statusMatches(statusTypeOf(ctx, t.status), t.status, value) },
  );
}

export const searchRoutes: Route[] = [
  { method: 'GET', path: '/api/v1/accounts/search', handler: searchAccounts, cost: 3 },
  { method: 'GET', path: '/api/v1/contacts/search', handler: searchContacts, cost: 3 },
  { method: 'GET', path: '/api/v1/tickets/search', handler: searchTickets, cost: 3 },
];
