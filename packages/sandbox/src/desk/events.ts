/**
 * Desk webhook delivery: when a record is added, updated or deleted, every enabled webhook subscribed to that event
 * (and, for tickets, to that department and one of the changed fields) gets a POST whose body is a JSON array of
 * `{eventType, orgId, eventTime, payload, prevState?}`. A `410 Gone` answer removes the webhook, as Desk does.
 */
import type { SandboxContext, SandboxRequest } from '../core/types.js';
import { deskData, type WebhookRecord } from './records.js';

export type DeskEventType =
  | 'Ticket_Add'
  | 'Ticket_Update'
  | 'Ticket_Delete'
  | 'Contact_Add'
  | 'Contact_Update'
  | 'Contact_Delete'
  | 'Account_Add'
  | 'Account_Update'
  | 'Account_Delete';

export const EVENT_TYPES: readonly DeskEventType[] = [
  'Ticket_Add',
  'Ticket_Update',
  'Ticket_Delete',
  'Contact_Add',
  'Contact_Update',
  'Contact_Delete',
  'Account_Add',
  'Account_Update',
  'Account_Delete',
];

export interface DeskEvent {
  eventType: DeskEventType;
  /** The resource as `GET` returns it now (for deletes: its id, as Desk sends). */
  payload: Record<string, unknown>;
  prevState?: Record<string, unknown>;
  /** Tickets: the department, for `departmentIds` filters. */
  departmentId?: string;
  /** Updates: the properties that changed, for `Ticket_Update.fields` filters. */
  changed?: readonly string[];
  /** The `sourceId` header of the API call that caused it: webhooks whose `ignoreSourceId` equals it stay quiet. */
  sourceId?: string;
}

/** The caller's `sourceId` header (Desk's way to keep a client's own changes from echoing back to it). */
export function sourceIdOf(req: SandboxRequest): string | undefined {
  const raw = req.headers.sourceid;
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value === undefined || value === '' ? undefined : value;
}

function matches(hook: WebhookRecord, event: DeskEvent): boolean {
  if (!hook.isEnabled || !(event.eventType in hook.subscriptions)) return false;
  if (hook.ignoreSourceId !== null && event.sourceId === hook.ignoreSourceId) return false;
  const sub = hook.subscriptions[event.eventType];
  if (sub === null || sub === undefined) return true;
  if (sub.departmentIds !== null && sub.departmentIds.length > 0 && event.departmentId !== undefined) {
    if (!sub.departmentIds.includes(event.departmentId)) return false;
  }
  if (sub.fields.length > 0 && event.changed !== undefined) {
    if (!event.changed.some((f) => sub.fields.includes(f))) return false;
  }
  return true;
}

/** Queues one delivery per matching webhook; returns how many were queued. */
export function emitEvent(ctx: SandboxContext, event: DeskEvent): number {
  const data = deskData(ctx);
  let queued = 0;
  for (const hook of [...data.webhooks.values()]) {
    if (!matches(hook, event)) continue;
    const sub = hook.subscriptions[event.eventType];
    const item: Record<string, unknown> = {
      eventType: event.eventType,
      orgId: ctx.org.deskOrgId,
      eventTime: String(ctx.clock.now()),
      payload: event.payload,
    };
    if (sub?.includePrevState === true && event.prevState !== undefined) item.prevState = event.prevState;
    const hookId = hook.id;
    ctx.outbound.enqueue(
      {
        product: 'desk',
        source: `desk_webhook:${hookId}`,
        url: hook.url,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([item]),
      },
      (result) => {
        if (result.status === 410) data.webhooks.delete(hookId);
      },
    );
    queued++;
  }
  return queued;
}

/**
 * Properties whose values differ between two shapes (for `Ticket_Update.fields`): top-level names, and for `cf` the
 * custom fields' api names (`cf_x`), which is how a subscription names them.
 */
export function changedKeys(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    out.push(key);
    if (key === 'cf') out.push(...changedKeys(asRecord(before.cf), asRecord(after.cf)));
  }
  return out;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
