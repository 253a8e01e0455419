/** Webhook bodies parsed at the boundary: the CRM form (or JSON) body, and Desk's JSON array of events. Pure. */
import { CRM_RECORD_ID_PARAM, type TicketEvent } from '@zlc/model';
import { multipartFields } from './multipart-form.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** A body that must be one JSON object (CRM's JSON form, a Books webhook's payload). */
export function parseJsonObject(text: string): Parsed<Record<string, unknown>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, message: 'the body is not valid JSON' };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    return { ok: false, message: 'the body must be a JSON object' };
  return { ok: true, value: parsed as Record<string, unknown> };
}

const RECORD_ID = /^[0-9A-Za-z_-]{1,40}$/;

/** A body's fields: JSON object members (strings only), multipart text fields, or urlencoded pairs. */
function crmFields(text: string, contentType: string): Parsed<[string, string][]> {
  if (/^multipart\/form-data/i.test(contentType)) {
    const form = multipartFields(text, contentType);
    return form.ok ? { ok: true, value: form.fields } : form;
  }
  if (contentType.includes('json')) {
    const parsed = parseJsonObject(text);
    if (!parsed.ok) return parsed;
    const entries = Object.entries(parsed.value);
    return {
      ok: true,
      value: entries.flatMap(([k, v]) => (typeof v === 'string' ? [[k, v] as [string, string]] : [])),
    };
  }
  return { ok: true, value: [...new URLSearchParams(text)] };
}

/**
 * The CRM workflow webhook: the record id in the field `CRM_RECORD_ID_PARAM`, which Zoho fills from the module
 * parameter `${!<Module>.Id}`, and the module as a literal. Zoho's form body arrives as `multipart/form-data` or
 * urlencoded (webhooks.yaml names the body type, not its encoding), and a JSON object is read too.
 */
export function parseCrmBody(text: string, contentType: string | undefined): Parsed<{ id: string; module?: string }> {
  const fields = crmFields(text, contentType ?? '');
  if (!fields.ok) return fields;
  const ids = fields.value.filter(([k]) => k === CRM_RECORD_ID_PARAM).map(([, v]) => v);
  const id = ids[0];
  if (ids.length !== 1 || id === undefined || !RECORD_ID.test(id))
    return {
      ok: false,
      message: `${CRM_RECORD_ID_PARAM} (the record id, which the webhook's module parameter \${!<Module>.Id} fills) is missing, repeated or not a record id`,
    };
  const module = fields.value.find(([k]) => k === 'module')?.[1];
  return { ok: true, value: { id, ...(module === undefined ? {} : { module }) } };
}

export interface DeskEvent {
  eventType: string;
  ticketId: string;
  modifiedTime?: string;
}

const EVENT_TYPES: Record<TicketEvent, string> = {
  created: 'Ticket_Add',
  updated: 'Ticket_Update',
  closed: 'Ticket_Update',
  reopened: 'Ticket_Update',
};

/** Desk's body: a JSON array of `{eventType, payload: {id, modifiedTime …}}`; events the handoff ignores are dropped. */
export function parseDeskBody(text: string, events: readonly TicketEvent[]): Parsed<DeskEvent[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, message: 'the body is not valid JSON' };
  }
  if (!Array.isArray(parsed)) return { ok: false, message: 'the body must be a JSON array of events' };
  const wanted = new Set(events.map((e) => EVENT_TYPES[e]));
  const out: DeskEvent[] = [];
  for (const item of parsed) {
    if (item === null || typeof item !== 'object') return { ok: false, message: 'each event must be an object' };
    const event = item as Record<string, unknown>;
    const payload = event.payload;
    if (typeof event.eventType !== 'string' || payload === null || typeof payload !== 'object')
      return { ok: false, message: 'each event needs eventType and payload' };
    const p = payload as Record<string, unknown>;
    if (typeof p.id !== 'string' || !RECORD_ID.test(p.id)) return { ok: false, message: 'payload.id is missing' };
    if (!wanted.has(event.eventType)) continue;
    out.push({
      eventType: event.eventType,
      ticketId: p.id,
      ...(typeof p.modifiedTime === 'string' ? { modifiedTime: p.modifiedTime } : {}),
    });
  }
  return { ok: true, value: out };
}

/**
 * One event per ticket: Desk batches events, and a batch can name a ticket many times (one 64 KB body named one
 * ticket 950 times). The latest `modifiedTime` stands for the ticket; the ledger keys work by record anyway.
 */
export function distinctTickets(events: readonly DeskEvent[]): DeskEvent[] {
  const byTicket = new Map<string, DeskEvent>();
  for (const event of events) {
    const seen = byTicket.get(event.ticketId);
    if (seen === undefined || (event.modifiedTime ?? '') > (seen.modifiedTime ?? ''))
      byTicket.set(event.ticketId, event);
  }
  return [...byTicket.values()];
}
