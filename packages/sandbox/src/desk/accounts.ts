/**
 * Accounts (Account.json): list, create, get, update (PATCH), count and moveToTrash. Create/update fire the
 * `Account_Add` / `Account_Update` webhooks; moveToTrash fires `Account_Delete`.
 */
import type { Route, SandboxContext, SandboxRequest, SandboxResponse } from '../core/types.js';
import { accountListShape, accountShape } from './account-shape.js';
import { readCf } from './custom-values.js';
import { fieldError, invalidData, urlNotFound } from './errors.js';
import { changedKeys, emitEvent, sourceIdOf } from './events.js';
import { compareBy, listResponse, pageOf, readPage, readSort } from './paging.js';
import { type AccountRecord, deskData } from './records.js';
import { trashBody } from './trash.js';
import { checkBody, EMAIL_PATTERN, idOf, type Rules, str } from './validate.js';

const RULES: Rules = {
  accountName: { kind: 'string', max: 200, required: true },
  email: { kind: 'string', max: 255, pattern: EMAIL_PATTERN },
  phone: { kind: 'string', max: 30 },
  website: { kind: 'string', max: 120 },
  fax: { kind: 'string', max: 30 },
  industry: { kind: 'string', max: 120 },
  description: { kind: 'string', max: 65535 },
  code: { kind: 'string', max: 30 },
  annualrevenue: { kind: 'string', max: 100, pattern: /^[0-9]{1,13}(\.[0-9]*)?$/ },
  street: { kind: 'string', max: 250 },
  city: { kind: 'string', max: 30 },
  state: { kind: 'string', max: 30 },
  country: { kind: 'string', max: 30 },
  ownerId: { kind: 'id' },
  cf: { kind: 'object' },
  customFields: { kind: 'object' },
  associatedSLAIds: { kind: 'array' },
  layoutId: { kind: 'id' },
};

const TEXT_KEYS = [
  'accountName',
  'email',
  'phone',
  'website',
  'fax',
  'industry',
  'description',
  'code',
  'annualrevenue',
  'street',
  'city',
  'state',
  'country',
] as const;

const SORTABLE = ['website', 'email', 'phone', 'accountName', 'createdTime', 'modifiedTime'] as const;

function applyBody(
  ctx: SandboxContext,
  base: AccountRecord,
  body: Record<string, unknown>,
): { ok: true; record: AccountRecord } | { ok: false; response: SandboxResponse } {
  const next: AccountRecord = { ...base, cf: { ...base.cf } };
  for (const key of TEXT_KEYS) {
    const v = str(body, key);
    if (v === undefined) continue;
    if (key === 'accountName') {
      if (v === null)
        return {
          ok: false,
          response: invalidData([fieldError('/accountName', 'invalid', "'accountName' cannot be empty.")]),
        };
      next.accountName = v;
    } else {
      next[key] = v;
    }
  }
  const owner = idOf(body, 'ownerId');
  if (owner !== undefined) {
    if (owner !== null && !deskData(ctx).agents.has(owner)) {
      return { ok: false, response: invalidData([fieldError('/ownerId', 'invalid', 'No agent exists with this id.')]) };
    }
    next.ownerId = owner;
  }
  const cf = readCf(ctx, 'accounts', body.cf);
  if (!cf.ok) return { ok: false, response: invalidData(cf.errors) };
  Object.assign(next.cf, cf.values);
  return { ok: true, record: next };
}

function listAccounts(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const page = readPage(req, { limit: 10, max: 100 });
  if (!page.ok) return page.response;
  const sort = readSort(req, SORTABLE);
  if (!sort.ok) return sort.response;
  let all = [...deskData(ctx).accounts.values()];
  if (sort.field !== undefined) {
    const key = sort.field as (typeof SORTABLE)[number];
    all = all.sort(compareBy((a) => a[key], sort.desc));
  }
  return listResponse(pageOf(all, page.page).map((a) => accountListShape(ctx, a)));
}

function countAccounts(_req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  return { status: 200, body: { count: deskData(ctx).accounts.size } };
}

function createAccount(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const checked = checkBody(req.body, RULES, 'create');
  if (!checked.ok) return checked.response;
  const now = ctx.clock.now();
  const empty: AccountRecord = {
    id: ctx.ids.next('desk'),
    accountName: '',
    email: null,
    phone: null,
    website: null,
    fax: null,
    industry: null,
    description: null,
    code: null,
    annualrevenue: null,
    street: null,
    city: null,
    state: null,
    country: null,
    ownerId: deskData(ctx).agents.values().next().value?.id ?? null,
    cf: {},
    createdTime: now,
    modifiedTime: now,
  };
  const applied = applyBody(ctx, empty, checked.body);
  if (!applied.ok) return applied.response;
  deskData(ctx).accounts.put(applied.record.id, applied.record);
  const shape = accountShape(ctx, applied.record);
  emitEvent(ctx, { sourceId: sourceIdOf(req), eventType: 'Account_Add', payload: shape });
  return { status: 200, body: shape };
}

function getAccount(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const a = deskData(ctx).accounts.get(req.params.accountId ?? '');
  return a === undefined ? urlNotFound() : { status: 200, body: accountShape(ctx, a) };
}

function updateAccount(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const data = deskData(ctx);
  const a = data.accounts.get(req.params.accountId ?? '');
  if (a === undefined) return urlNotFound();
  const checked = checkBody(req.body, RULES, 'update');
  if (!checked.ok) return checked.response;
  const applied = applyBody(ctx, { ...a, modifiedTime: ctx.clock.now() }, checked.body);
  if (!applied.ok) return applied.response;
  const before = accountShape(ctx, a);
  data.accounts.put(a.id, applied.record);
  const after = accountShape(ctx, applied.record);
  emitEvent(ctx, {
    sourceId: sourceIdOf(req),
    eventType: 'Account_Update',
    payload: after,
    prevState: before,
    changed: changedKeys(before, after),
  });
  return { status: 200, body: after };
}

function trashAccounts(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const data = deskData(ctx);
  const ids = trashBody(req.body, 'accountIds', (id) => data.accounts.has(id));
  if (!ids.ok) return ids.response;
  ctx.store.transaction(() => {
    for (const id of ids.ids) {
      data.accounts.delete(id);
      for (const c of data.contacts.values())
        if (c.accountId === id) data.contacts.put(c.id, { ...c, accountId: null });
    }
  });
  for (const id of ids.ids) emitEvent(ctx, { sourceId: sourceIdOf(req), eventType: 'Account_Delete', payload: { id } });
  return { status: 204 };
}

export const accountRoutes: Route[] = [
  { method: 'GET', path: '/api/v1/accounts', handler: listAccounts, cost: 3 },
  { method: 'POST', path: '/api/v1/accounts', handler: createAccount },
  { method: 'GET', path: '/api/v1/accounts/count', handler: countAccounts },
  { method: 'POST', path: '/api/v1/accounts/moveToTrash', handler: trashAccounts },
  { method: 'GET', path: '/api/v1/accounts/:accountId', handler: getAccount },
  { method: 'PATCH', path: '/api/v1/accounts/:accountId', handler: updateAccount },
];
