/**
 * Target payloads from mappings, in each product's shape: Books nested attributes (`billing_address.city`) and
 * `custom_fields: [{api_name, value}]`; Desk custom values under `cf` as strings; CRM flat, datetimes with an
 * offset. Empty values are left out, so a later edit never blanks a field the source does not fill. Pure.
 */
import type { App, ResolvedField, ResolvedMapping } from '@zlc/model';
import { evaluateMapping } from './evaluate-value.js';
import { isEmpty } from './read-source.js';
import { type EvalScope, isRec, type Rec } from './snapshot.js';

const NUMERIC = new Set(['number', 'decimal', 'currency', 'percent']);

/** `2026-11-26T10:00:00.000Z` → `2026-11-26T10:00:00+00:00` (CRM datetimes carry an offset, no millis). */
export function crmDateTime(value: unknown): unknown {
  const ms = typeof value === 'number' ? value : Date.parse(String(value));
  if (Number.isNaN(ms)) return value;
  return `${new Date(ms).toISOString().slice(0, 19)}+00:00`;
}

function convert(app: App, field: ResolvedField, value: unknown): unknown {
  if (app === 'desk' && field.custom) return Array.isArray(value) ? value.join(';') : String(value);
  if (Array.isArray(value)) return field.kind === 'multipicklist' ? value : value.join(', ');
  if (NUMERIC.has(field.kind) && typeof value !== 'number' && !Number.isNaN(Number(value))) return Number(value);
  if (app === 'crm' && field.kind === 'datetime') return crmDateTime(value);
  if (app === 'crm' && field.kind === 'date' && typeof value === 'string') return value.slice(0, 10);
  if (app === 'books' && field.kind === 'date' && typeof value === 'string') return value.slice(0, 10);
  return value;
}

function setPath(target: Rec, path: string, value: unknown): void {
  const parts = path.split('.');
  let current = target;
  for (const part of parts.slice(0, -1)) {
    const next = current[part];
    if (!isRec(next)) current[part] = {};
    current = current[part] as Rec;
  }
  current[parts[parts.length - 1] ?? path] = value;
}

/** The payload for one record of `app`, from its mappings. */
export function buildPayload(app: App, mappings: readonly ResolvedMapping[], scope: EvalScope): Rec {
  const payload: Rec = {};
  for (const mapping of mappings) {
    const raw = evaluateMapping(mapping, scope);
    if (isEmpty(raw)) continue;
    const field = mapping.target;
    const value = convert(app, field, raw);
    if (app === 'books' && field.custom) {
      const list = Array.isArray(payload.custom_fields) ? (payload.custom_fields as Rec[]) : [];
      list.push({ api_name: field.apiName, value: String(value) });
      payload.custom_fields = list;
    } else if (app === 'desk' && field.custom) {
      const cf = isRec(payload.cf) ? payload.cf : {};
      cf[field.apiName] = value;
      payload.cf = cf;
    } else if (app === 'books' && field.apiName.includes('.')) {
      setPath(payload, field.apiName, value);
    } else {
      payload[field.apiName] = value;
    }
  }
  return payload;
}

/** The value a payload holds for a target field (the inverse of `buildPayload`'s placement). */
export function payloadValue(app: App, payload: Rec, field: ResolvedField): unknown {
  if (app === 'books' && field.custom && Array.isArray(payload.custom_fields)) {
    for (const cf of payload.custom_fields) if (isRec(cf) && cf.api_name === field.apiName) return cf.value;
    return undefined;
  }
  if (app === 'desk' && field.custom) return isRec(payload.cf) ? payload.cf[field.apiName] : undefined;
  let current: unknown = payload;
  for (const part of app === 'books' ? field.apiName.split('.') : [field.apiName]) {
    current = isRec(current) ? current[part] : undefined;
  }
  return current;
}
