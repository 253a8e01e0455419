/**
 * Reading a ticket create/update body (Ticket.json `createTicketRequest` / `updateTicketRequest`): references must
 * exist, picklists take their values, and a `contact: {lastName, email}` object finds or makes the contact.
 */
import type { SandboxContext, SandboxResponse } from '../core/types.js';
import { newContact } from './contacts.js';
import { readCf } from './custom-values.js';
import { type FieldError, fieldError, invalidData } from './errors.js';
import { TICKET_CHANNELS, TICKET_CLASSIFICATIONS, TICKET_PRIORITIES } from './field-catalog.js';
import { type ContactRecord, deskData, type TicketRecord } from './records.js';
import { statusTypeOf } from './ticket-shape.js';
import { checkBody, EMAIL_PATTERN, idOf, isRecord, type Rules, str } from './validate.js';

export const UPDATE_RULES: Rules = {
  subject: { kind: 'string', max: 1000 },
  departmentId: { kind: 'id' },
  contactId: { kind: 'id' },
  contact: { kind: 'object' },
  accountId: { kind: 'id' },
  assigneeId: { kind: 'id' },
  productId: { kind: 'id' },
  teamId: { kind: 'id' },
  description: { kind: 'string', max: 65535 },
  status: { kind: 'string', max: 120 },
  priority: { kind: 'string', max: 120 },
  channel: { kind: 'string', max: 120 },
  classification: { kind: 'string', max: 120 },
  category: { kind: 'string', max: 120 },
  subCategory: { kind: 'string', max: 120 },
  language: { kind: 'string', max: 120 },
  email: { kind: 'string', max: 150, pattern: EMAIL_PATTERN },
  phone: { kind: 'string', max: 120 },
  dueDate: { kind: 'string', max: 100 },
  resolution: { kind: 'string', max: 65535 },
  cf: { kind: 'object' },
  customFields: { kind: 'object' },
  layoutId: { kind: 'id' },
  secondaryContacts: { kind: 'array', maxItems: 500 },
};

export const CREATE_RULES: Rules = {
  ...UPDATE_RULES,
  subject: { kind: 'string', max: 1000, required: true },
  departmentId: { kind: 'id', required: true },
};

const CONTACT_RULES: Rules = {
  lastName: { kind: 'string', max: 200 },
  firstName: { kind: 'string', max: 100 },
  email: { kind: 'string', max: 255, pattern: EMAIL_PATTERN },
  phone: { kind: 'string', max: 50 },
  mobile: { kind: 'string', max: 50 },
};

export function newTicket(ctx: SandboxContext): TicketRecord {
  const data = deskData(ctx);
  const counter = data.counters.get('tickets')?.ticketNumber ?? 100;
  const now = ctx.clock.now();
  return {
    id: ctx.ids.next('desk'),
    ticketNumber: String(counter + 1),
    subject: '',
    description: null,
    departmentId: '',
    contactId: '',
    accountId: null,
    assigneeId: null,
    status: 'Open',
    priority: null,
    channel: 'Email',
    email: null,
    phone: null,
    category: null,
    subCategory: null,
    classification: null,
    language: null,
    dueDate: null,
    resolution: null,
    cf: {},
    createdTime: now,
    modifiedTime: now,
    closedTime: null,
    modifiedBy: data.agents.values().next().value?.id ?? null,
  };
}

export type AppliedTicket =
  | { ok: true; record: TicketRecord; newContact?: ContactRecord }
  | { ok: false; response: SandboxResponse };

function picklist(ctx: SandboxContext, apiName: string, fallback: readonly string[]): readonly string[] {
  for (const f of deskData(ctx).fields.values()) {
    if (f.module === 'tickets' && f.apiName === apiName && f.pickListValues !== null) return f.pickListValues;
  }
  return fallback;
}

/** The contact a ticket names: by `contactId`, else the `contact` object (matched by email, else created). */
function resolveContact(
  ctx: SandboxContext,
  body: Record<string, unknown>,
  errors: FieldError[],
): { id: string; created?: ContactRecord } | undefined {
  const data = deskData(ctx);
  const contactId = idOf(body, 'contactId');
  if (contactId !== undefined && contactId !== null) {
    if (data.contacts.has(contactId)) return { id: contactId };
    errors.push(fieldError('/contactId', 'invalid', 'No contact exists with this id.'));
    return undefined;
  }
  if (!isRecord(body.contact)) return undefined;
  const checked = checkBody(body.contact, CONTACT_RULES, 'update');
  if (!checked.ok) {
    errors.push(fieldError('/contact', 'invalid', "'contact' has invalid or unknown properties."));
    return undefined;
  }
  const email = str(checked.body, 'email') ?? null;
  if (email !== null) {
    for (const c of data.contacts.values()) if (c.email?.toLowerCase() === email.toLowerCase()) return { id: c.id };
  }
  const lastName = str(checked.body, 'lastName') ?? (email === null ? null : (email.split('@')[0] ?? null));
  if (lastName === null) {
    errors.push(fieldError('/contact/lastName', 'missing', 'A new contact needs lastName or email.'));
    return undefined;
  }
  const created: ContactRecord = {
    ...newContact(ctx, lastName),
    firstName: str(checked.body, 'firstName') ?? null,
    email,
    phone: str(checked.body, 'phone') ?? null,
    mobile: str(checked.body, 'mobile') ?? null,
  };
  return { id: created.id, created };
}

export function applyTicketBody(
  ctx: SandboxContext,
  base: TicketRecord,
  body: Record<string, unknown>,
  mode: 'create' | 'update',
): AppliedTicket {
  const data = deskData(ctx);
  const errors: FieldError[] = [];
  const next: TicketRecord = { ...base, cf: { ...base.cf } };
  applyText(body, next, errors);
  const contact = applyReferences(ctx, body, next, errors, mode);
  applyPicklists(ctx, body, next, errors);
  const due = str(body, 'dueDate');
  if (due !== undefined) {
    if (due !== null && Number.isNaN(Date.parse(due)))
      errors.push(fieldError('/dueDate', 'invalid', "'dueDate' must be an ISO date-time."));
    else next.dueDate = due === null ? null : Date.parse(due);
  }
  const cf = readCf(ctx, 'tickets', body.cf);
  if (!cf.ok) errors.push(...cf.errors);
  else Object.assign(next.cf, cf.values);
  if (errors.length > 0) return { ok: false, response: invalidData(errors) };
  const closed = statusTypeOf(ctx, next.status) === 'Closed';
  next.closedTime = closed ? (base.closedTime ?? ctx.clock.now()) : null;
  if (mode === 'create') data.counters.put('tickets', { ticketNumber: Number(next.ticketNumber) });
  return contact?.created === undefined
    ? { ok: true, record: next }
    : { ok: true, record: next, newContact: contact.created };
}

const TEXT_KEYS = [
  'subject',
  'description',
  'category',
  'subCategory',
  'language',
  'email',
  'phone',
  'resolution',
] as const;

/** The free-text properties (`subject` may not be emptied). */
function applyText(body: Record<string, unknown>, next: TicketRecord, errors: FieldError[]): void {
  for (const key of TEXT_KEYS) {
    const v = str(body, key);
    if (v === undefined) continue;
    if (key === 'subject') {
      if (v === null) errors.push(fieldError('/subject', 'invalid', "'subject' cannot be empty."));
      else next.subject = v;
    } else {
      next[key] = v;
    }
  }
}

/**
 * The ids of other records: department, contact (a create needs one; its account becomes the ticket's unless the body
 * names one), account and assignee. Returns the contact the body named.
 */
function applyReferences(
  ctx: SandboxContext,
  body: Record<string, unknown>,
  next: TicketRecord,
  errors: FieldError[],
  mode: 'create' | 'update',
): ReturnType<typeof resolveContact> {
  const data = deskData(ctx);
  const dept = idOf(body, 'departmentId');
  if (dept !== undefined) {
    if (dept === null || !data.departments.has(dept))
      errors.push(fieldError('/departmentId', 'invalid', 'No department exists with this id.'));
    else next.departmentId = dept;
  }
  const contact = resolveContact(ctx, body, errors);
  if (contact !== undefined) next.contactId = contact.id;
  else if (mode === 'create' && !errors.some((e) => e.fieldName.startsWith('/contact'))) {
    errors.push(fieldError('/contactId', 'missing', "'contactId' or 'contact' is required."));
  }
  const account = idOf(body, 'accountId');
  if (account !== undefined) {
    if (account !== null && !data.accounts.has(account))
      errors.push(fieldError('/accountId', 'invalid', 'No account exists with this id.'));
    else next.accountId = account;
  } else if (mode === 'create') {
    const c = contact?.created ?? (contact === undefined ? undefined : data.contacts.get(contact.id));
    next.accountId = c?.accountId ?? null;
  }
  const assignee = idOf(body, 'assigneeId');
  if (assignee !== undefined) {
    if (assignee !== null && !data.agents.has(assignee))
      errors.push(fieldError('/assigneeId', 'invalid', 'No agent exists with this id.'));
    else next.assigneeId = assignee;
  }
  return contact;
}

/** The picklists: a value of the org's list (`status` and `channel` may not be emptied). */
function applyPicklists(
  ctx: SandboxContext,
  body: Record<string, unknown>,
  next: TicketRecord,
  errors: FieldError[],
): void {
  const lists: [keyof TicketRecord & ('status' | 'priority' | 'channel' | 'classification'), readonly string[]][] = [
    ['status', picklist(ctx, 'status', ['Open', 'On Hold', 'Escalated', 'Closed'])],
    ['priority', picklist(ctx, 'priority', TICKET_PRIORITIES)],
    ['channel', picklist(ctx, 'channel', TICKET_CHANNELS)],
    ['classification', picklist(ctx, 'classification', TICKET_CLASSIFICATIONS)],
  ];
  for (const [key, allowed] of lists) {
    const v = str(body, key);
    if (v === undefined) continue;
    if (v === null) {
      if (key === 'status' || key === 'channel')
        errors.push(fieldError(`/${key}`, 'invalid', `'${key}' cannot be empty.`));
      else next[key] = null;
    } else if (!allowed.includes(v)) {
      errors.push(fieldError(`/${key}`, 'invalid', `'${v}' is not a value of ${key}.`));
    } else {
      next[key] = v;
    }
  }
}
