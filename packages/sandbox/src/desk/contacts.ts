/**
 * Contacts (Contact.json, with the account links from Account.json): list, create, get, update, count,
 * moveToTrash, `GET /accounts/{id}/contacts` and `GET /contacts/{id}/accounts`. Fires `Contact_*` webhooks.
 */
import type { Route, SandboxContext, SandboxRequest, SandboxResponse } from '../core/types.js';
import { accountListShape } from './account-shape.js';
import { contactListShape, contactShape, mappingInfo } from './contact-shape.js';
import { readCf } from './custom-values.js';
import { fieldError, invalidData, urlNotFound } from './errors.js';
import { changedKeys, emitEvent, sourceIdOf } from './events.js';
import { compareBy, listResponse, pageOf, readPage, readSort } from './paging.js';
import { type ContactRecord, deskData } from './records.js';
import { trashBody } from './trash.js';
import { checkBody, EMAIL_PATTERN, idOf, type Rules, str } from './validate.js';

const RULES: Rules = {
  lastName: { kind: 'string', max: 200, required: true },
  firstName: { kind: 'string', max: 40 },
  email: { kind: 'string', max: 255, pattern: EMAIL_PATTERN },
  secondaryEmail: { kind: 'string', max: 100, pattern: EMAIL_PATTERN },
  phone: { kind: 'string', max: 50 },
  mobile: { kind: 'string', max: 50 },
  type: { kind: 'string', max: 120 },
  title: { kind: 'string', max: 100 },
  description: { kind: 'string', max: 65535 },
  street: { kind: 'string', max: 250 },
  city: { kind: 'string', max: 30 },
  state: { kind: 'string', max: 30 },
  country: { kind: 'string', max: 30 },
  zip: { kind: 'string', max: 30, pattern: /^[0-9]+$/ },
  twitter: { kind: 'string', max: 100 },
  facebook: { kind: 'string', max: 100 },
  accountId: { kind: 'id' },
  ownerId: { kind: 'id' },
  cf: { kind: 'object' },
  customFields: { kind: 'object' },
  layoutId: { kind: 'id' },
  language: { kind: 'string', max: 255 },
};

const TEXT_KEYS = [
  'firstName',
  'email',
  'secondaryEmail',
  'phone',
  'mobile',
  'type',
  'title',
  'description',
  'street',
  'city',
  'state',
  'country',
  'zip',
  'twitter',
  'facebook',
] as const;

const SORTABLE = ['firstName', 'lastName', 'phone', 'email', 'account', 'createdTime', 'modifiedTime'] as const;

type Applied = { ok: true; record: ContactRecord } | { ok: false; response: SandboxResponse };

function applyBody(ctx: SandboxContext, base: ContactRecord, body: Record<string, unknown>): Applied {
  const next: ContactRecord = { ...base, cf: { ...base.cf } };
  if (typeof body.zip === 'number') body.zip = String(body.zip);
  for (const key of TEXT_KEYS) {
    const v = str(body, key);
    if (v !== undefined) next[key] = v;
  }
  const last = str(body, 'lastName');
  if (last === null)
    return { ok: false, response: invalidData([fieldError('/lastName', 'invalid', "'lastName' cannot be empty.")]) };
  if (last !== undefined) next.lastName = last;
  const data = deskData(ctx);
  const accountId = idOf(body, 'accountId');
  if (accountId !== undefined) {
    if (accountId !== null && !data.accounts.has(accountId)) {
      return {
        ok: false,
        response: invalidData([fieldError('/accountId', 'invalid', 'No account exists with this id.')]),
      };
    }
    next.accountId = accountId;
  }
  const owner = idOf(body, 'ownerId');
  if (owner !== undefined) {
    if (owner !== null && !data.agents.has(owner)) {
      return { ok: false, response: invalidData([fieldError('/ownerId', 'invalid', 'No agent exists with this id.')]) };
    }
    next.ownerId = owner;
  }
  const cf = readCf(ctx, 'contacts', body.cf);
  if (!cf.ok) return { ok: false, response: invalidData(cf.errors) };
  Object.assign(next.cf, cf.values);
  return { ok: true, record: next };
}

function sorted(ctx: SandboxContext, req: SandboxRequest, all: ContactRecord[]): ContactRecord[] | SandboxResponse {
  const sort = readSort(req, SORTABLE);
  if (!sort.ok) return sort.response;
  if (sort.field === undefined) return all;
  const accounts = deskData(ctx).accounts;
  const key = sort.field as (typeof SORTABLE)[number];
  return all.sort(
    compareBy(
      (c) =>
        key === 'account' ? (c.accountId === null ? null : (accounts.get(c.accountId)?.accountName ?? null)) : c[key],
      sort.desc,
    ),
  );
}

function listContacts(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const page = readPage(req, { limit: 10, max: 100 });
  if (!page.ok) return page.response;
  const all = sorted(ctx, req, [...deskData(ctx).contacts.values()]);
  if (!Array.isArray(all)) return all;
  return listResponse(pageOf(all, page.page).map((c) => contactListShape(ctx, c)));
}

function countContacts(_req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  return { status: 200, body: { count: deskData(ctx).contacts.size } };
}

export function newContact(ctx: SandboxContext, lastName: string): ContactRecord {
  const now = ctx.clock.now();
  return {
    id: ctx.ids.next('desk'),
    firstName: null,
    lastName,
    email: null,
    secondaryEmail: null,
    phone: null,
    mobile: null,
    accountId: null,
    ownerId: deskData(ctx).agents.values().next().value?.id ?? null,
    title: null,
    type: null,
    description: null,
    street: null,
    city: null,
    state: null,
    country: null,
    zip: null,
    twitter: null,
    facebook: null,
    cf: {},
    createdTime: now,
    modifiedTime: now,
  };
}

function createContact(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const checked = checkBody(req.body, RULES, 'create');
  if (!checked.ok) return checked.response;
  const applied = applyBody(ctx, newContact(ctx, ''), checked.body);
  if (!applied.ok) return applied.response;
  deskData(ctx).contacts.put(applied.record.id, applied.record);
  const shape = contactShape(ctx, applied.record);
  emitEvent(ctx, { sourceId: sourceIdOf(req), eventType: 'Contact_Add', payload: shape });
  return { status: 200, body: shape };
}

function getContact(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const c = deskData(ctx).contacts.get(req.params.contactId ?? '');
  return c === undefined ? urlNotFound() : { status: 200, body: contactShape(ctx, c) };
}

function updateContact(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const data = deskData(ctx);
  const c = data.contacts.get(req.params.contactId ?? '');
  if (c === undefined) return urlNotFound();
  const checked = checkBody(req.body, RULES, 'update');
  if (!checked.ok) return checked.response;
  const applied = applyBody(ctx, { ...c, modifiedTime: ctx.clock.now() }, checked.body);
  if (!applied.ok) return applied.response;
  const before = contactShape(ctx, c);
  data.contacts.put(c.id, applied.record);
  const after = contactShape(ctx, applied.record);
  emitEvent(ctx, {
    sourceId: sourceIdOf(req),
    eventType: 'Contact_Update',
    payload: after,
    prevState: before,
    changed: changedKeys(before, after),
  });
  return { status: 200, body: after };
}

function trashContacts(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const data = deskData(ctx);
  const ids = trashBody(req.body, 'contactIds', (id) => data.contacts.has(id));
  if (!ids.ok) return ids.response;
  ctx.store.transaction(() => {
    for (const id of ids.ids) data.contacts.delete(id);
  });
  for (const id of ids.ids) emitEvent(ctx, { sourceId: sourceIdOf(req), eventType: 'Contact_Delete', payload: { id } });
  return { status: 204 };
}

function contactsOfAccount(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const data = deskData(ctx);
  const accountId = req.params.accountId ?? '';
  if (!data.accounts.has(accountId)) return urlNotFound();
  const page = readPage(req, { limit: 10, max: 100 });
  if (!page.ok) return page.response;
  const all = sorted(
    ctx,
    req,
    [...data.contacts.values()].filter((c) => c.accountId === accountId),
  );
  if (!Array.isArray(all)) return all;
  return listResponse(
    pageOf(all, page.page).map((c) => ({ ...contactListShape(ctx, c), mappingInfo: mappingInfo(c.id) })),
  );
}

function accountsOfContact(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const data = deskData(ctx);
  const c = data.contacts.get(req.params.contactId ?? '');
  if (c === undefined) return urlNotFound();
  const page = readPage(req, { limit: 10, max: 100 });
  if (!page.ok) return page.response;
  const account = c.accountId === null ? undefined : data.accounts.get(c.accountId);
  const items = account === undefined ? [] : [account];
  return listResponse(
    pageOf(items, page.page).map((a) => ({
      ...accountListShape(ctx, a),
      mappingInfo: mappingInfo(c.id),
      mappingType: 'PRIMARY',
    })),
  );
}

export const contactRoutes: Route[] = [
  { method: 'GET', path: '/api/v1/contacts', handler: listContacts, cost: 3 },
  { method: 'POST', path: '/api/v1/contacts', handler: createContact },
  { method: 'GET', path: '/api/v1/contacts/count', handler: countContacts },
  { method: 'POST', path: '/api/v1/contacts/moveToTrash', handler: trashContacts },
  { method: 'GET', path: '/api/v1/contacts/:contactId', handler: getContact },
  { method: 'PATCH', path: '/api/v1/contacts/:contactId', handler: updateContact },
  { method: 'GET', path: '/api/v1/accounts/:accountId/contacts', handler: contactsOfAccount, cost: 3 },
  { method: 'GET', path: '/api/v1/contacts/:contactId/accounts', handler: accountsOfContact, cost: 3 },
];
