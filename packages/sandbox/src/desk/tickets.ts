/**
 * Tickets (Ticket.json, plus the account/contact lists from Account.json and Ticket.json): list, create, get,
 * update, moveToTrash, `GET /ticketsCount`, `/accounts/{id}/tickets`, `/contacts/{id}/tickets`.
 * Fires `Ticket_Add`, `Ticket_Update` (with prevState and the changed fields) and `Ticket_Delete`.
 */
import type { Route, SandboxContext, SandboxRequest, SandboxResponse } from '../core/types.js';
import { contactShape } from './contact-shape.js';
import { deskError, type FieldError, fieldError, invalidData, invalidQueryParam, urlNotFound } from './errors.js';
import { changedKeys, emitEvent, sourceIdOf } from './events.js';
import { compareBy, listResponse, pageOf, readPage, readSort } from './paging.js';
import { deskData, type TicketRecord } from './records.js';
import { STATUS_TYPE_TOKENS } from './search-tokens.js';
import { applyTicketBody, CREATE_RULES, newTicket, UPDATE_RULES } from './ticket-input.js';
import {
  statusTypeOf,
  TICKET_INCLUDES,
  type TicketInclude,
  ticketDetailShape,
  ticketListShape,
  ticketShape,
} from './ticket-shape.js';
import { trashBody } from './trash.js';
import { checkBody, isRecord } from './validate.js';

function readInclude(req: SandboxRequest): TicketInclude[] | undefined {
  const raw = req.query.get('include');
  if (raw === null || raw === '') return [];
  const out: TicketInclude[] = [];
  for (const part of raw.split(',')) {
    const inc = TICKET_INCLUDES.find((i) => i === part.trim());
    if (inc === undefined) return undefined;
    out.push(inc);
  }
  return out;
}

/** `status=Open,On Hold` by name, or `${open}`/`${onhold}`/`${closed}` by statusType. */
function statusFilter(ctx: SandboxContext, raw: string | null): ((t: TicketRecord) => boolean) | undefined {
  if (raw === null || raw === '') return undefined;
  const wanted = raw.split(',').map((s) => s.trim().toLowerCase());
  const types = new Set(wanted.flatMap((w) => STATUS_TYPE_TOKENS[w] ?? []));
  return (t) => wanted.includes(t.status.toLowerCase()) || types.has(statusTypeOf(ctx, t.status));
}

type Filter = (t: TicketRecord) => boolean;

/** Filters shared by the lists and the count; undefined + response when a parameter is malformed. */
function readFilters(
  ctx: SandboxContext,
  req: SandboxRequest,
): { ok: true; filters: Filter[] } | { ok: false; response: SandboxResponse } {
  const q = req.query;
  const filters: Filter[] = [];
  const dept = q.get('departmentId');
  if (dept !== null && dept !== '' && dept !== 'allDepartment') {
    if (!/^[0-9]+$/.test(dept)) return { ok: false, response: invalidQueryParam('departmentId') };
    filters.push((t) => t.departmentId === dept);
  }
  const depts = q.get('departmentIds');
  if (depts !== null && depts !== '') {
    const ids = depts.split(',');
    filters.push((t) => ids.includes(t.departmentId));
  }
  const status = statusFilter(ctx, q.get('status'));
  if (status !== undefined) filters.push(status);
  const assignee = q.get('assignee') ?? q.get('assigneeId');
  if (assignee !== null && assignee !== '') {
    filters.push(
      assignee.toLowerCase() === 'unassigned' ? (t) => t.assigneeId === null : (t) => t.assigneeId === assignee,
    );
  }
  for (const key of ['priority', 'channel'] as const) {
    const v = q.get(key);
    if (v !== null && v !== '') {
      const values = v.split(',');
      filters.push((t) => values.includes(t[key] ?? ''));
    }
  }
  for (const key of ['accountId', 'contactId'] as const) {
    const v = q.get(key);
    if (v !== null && v !== '') filters.push((t) => t[key] === v);
  }
  return { ok: true, filters };
}

function listOf(
  ctx: SandboxContext,
  req: SandboxRequest,
  scope: Filter | undefined,
  variant: 'tickets' | 'account' | 'contact',
): SandboxResponse {
  const page = readPage(req, { limit: variant === 'account' ? 10 : 25, max: 100 });
  if (!page.ok) return page.response;
  const include = readInclude(req);
  if (include === undefined) return invalidQueryParam('include');
  const sort = readSort(
    req,
    variant === 'tickets'
      ? ['dueDate', 'createdTime', 'recentThread', 'modifiedTime']
      : ['createdTime', 'modifiedTime'],
  );
  if (!sort.ok) return sort.response;
  const f = readFilters(ctx, req);
  if (!f.ok) return f.response;
  const filters = scope === undefined ? f.filters : [scope, ...f.filters];
  let all: TicketRecord[] = [];
  // Unsorted, the list is in the collection's order: the matches past the page need not be found.
  const enough = sort.field === undefined ? page.page.offset + page.page.limit : Number.POSITIVE_INFINITY;
  for (const t of deskData(ctx).tickets.values()) if (filters.every((fn) => fn(t)) && all.push(t) >= enough) break;
  if (sort.field !== undefined) {
    const key = sort.field === 'dueDate' ? 'dueDate' : sort.field === 'createdTime' ? 'createdTime' : 'modifiedTime';
    all = all.sort(compareBy((t) => t[key], sort.desc));
  }
  return listResponse(pageOf(all, page.page).map((t) => ticketListShape(ctx, t, include, variant)));
}

function listTickets(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  // `viewId` names a saved view; the sandbox has only the default one.
  if (req.query.get('viewId') !== null) {
    return deskError(422, 'UNPROCESSABLE_ENTITY', 'Views are not supported by the sandbox.');
  }
  return listOf(ctx, req, undefined, 'tickets');
}

function ticketsOfAccount(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const id = req.params.accountId ?? '';
  if (!deskData(ctx).accounts.has(id)) return urlNotFound();
  return listOf(ctx, req, (t) => t.accountId === id, 'account');
}

function ticketsOfContact(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const id = req.params.contactId ?? '';
  if (!deskData(ctx).contacts.has(id)) return urlNotFound();
  return listOf(ctx, req, (t) => t.contactId === id, 'contact');
}

function countTickets(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const f = readFilters(ctx, req);
  if (!f.ok) return f.response;
  let count = 0;
  for (const t of deskData(ctx).tickets.values()) if (f.filters.every((fn) => fn(t))) count++;
  return { status: 200, body: { count } };
}

/** A create refused for other fields also names a missing contact, so that one answer lists every problem. */
function withMissingContact(body: unknown, response: SandboxResponse): SandboxResponse {
  const answer = response.body;
  if (!isRecord(body) || !isRecord(answer) || !Array.isArray(answer.errors)) return response;
  if (body.contactId !== undefined || body.contact !== undefined) return response;
  return invalidData([
    ...(answer.errors as FieldError[]),
    fieldError('/contactId', 'missing', "'contactId' or 'contact' is required."),
  ]);
}

function createTicket(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const checked = checkBody(req.body, CREATE_RULES, 'create');
  if (!checked.ok) return withMissingContact(req.body, checked.response);
  const applied = applyTicketBody(ctx, newTicket(ctx), checked.body, 'create');
  if (!applied.ok) return applied.response;
  const data = deskData(ctx);
  ctx.store.transaction(() => {
    if (applied.newContact !== undefined) data.contacts.put(applied.newContact.id, applied.newContact);
    data.tickets.put(applied.record.id, applied.record);
  });
  if (applied.newContact !== undefined) {
    emitEvent(ctx, {
      sourceId: sourceIdOf(req),
      eventType: 'Contact_Add',
      payload: contactShape(ctx, applied.newContact),
    });
  }
  const shape = ticketShape(ctx, applied.record);
  emitEvent(ctx, {
    sourceId: sourceIdOf(req),
    eventType: 'Ticket_Add',
    payload: shape,
    departmentId: applied.record.departmentId,
  });
  return { status: 200, body: shape };
}

function getTicket(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const t = deskData(ctx).tickets.get(req.params.ticketId ?? '');
  if (t === undefined) return urlNotFound();
  const include = readInclude(req);
  if (include === undefined) return invalidQueryParam('include');
  return { status: 200, body: ticketDetailShape(ctx, t, include) };
}

function updateTicket(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const data = deskData(ctx);
  const t = data.tickets.get(req.params.ticketId ?? '');
  if (t === undefined) return urlNotFound();
  const checked = checkBody(req.body, UPDATE_RULES, 'update');
  if (!checked.ok) return checked.response;
  const applied = applyTicketBody(ctx, { ...t, modifiedTime: ctx.clock.now() }, checked.body, 'update');
  if (!applied.ok) return applied.response;
  const before = ticketShape(ctx, t);
  ctx.store.transaction(() => {
    if (applied.newContact !== undefined) data.contacts.put(applied.newContact.id, applied.newContact);
    data.tickets.put(t.id, applied.record);
  });
  const after = ticketShape(ctx, applied.record);
  const changed = changedKeys(before, after).filter((k) => k !== 'modifiedTime');
  emitEvent(ctx, {
    sourceId: sourceIdOf(req),
    eventType: 'Ticket_Update',
    payload: after,
    prevState: before,
    departmentId: t.departmentId,
    changed,
  });
  return { status: 200, body: after };
}

function trashTickets(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const data = deskData(ctx);
  const ids = trashBody(req.body, 'ticketIds', (id) => data.tickets.has(id));
  if (!ids.ok) return ids.response;
  const gone = ids.ids.flatMap((id) => {
    const t = data.tickets.get(id);
    return t === undefined ? [] : [t];
  });
  const shapes = gone.map((t) => ({ t, shape: ticketShape(ctx, t) }));
  ctx.store.transaction(() => {
    for (const t of gone) data.tickets.delete(t.id);
  });
  for (const { t, shape } of shapes) {
    emitEvent(ctx, {
      sourceId: sourceIdOf(req),
      eventType: 'Ticket_Delete',
      payload: { ...shape, isTrashed: true },
      departmentId: t.departmentId,
    });
  }
  return { status: 204 };
}

export const ticketRoutes: Route[] = [
  { method: 'GET', path: '/api/v1/tickets', handler: listTickets, cost: 3 },
  { method: 'POST', path: '/api/v1/tickets', handler: createTicket },
  { method: 'POST', path: '/api/v1/tickets/moveToTrash', handler: trashTickets },
  { method: 'GET', path: '/api/v1/tickets/:ticketId', handler: getTicket },
  { method: 'PATCH', path: '/api/v1/tickets/:ticketId', handler: updateTicket },
  { method: 'GET', path: '/api/v1/ticketsCount', handler: countTickets },
  { method: 'GET', path: '/api/v1/accounts/:accountId/tickets', handler: ticketsOfAccount, cost: 3 },
  { method: 'GET', path: '/api/v1/contacts/:contactId/tickets', handler: ticketsOfContact, cost: 3 },
];
