/** Checking and normalising one field value per data type, as record writes do before storing. */
import type { SandboxContext } from '../core/types.js';
import { type CrmError, crmError, invalidBody, MESSAGES } from './errors.js';
import { checkLineItems, LINE_ITEM_FIELDS } from './line-items.js';
import type { FieldDef } from './model.js';
import { findModule, recordsOf, users } from './state.js';

export type ValueResult = { ok: true; value: unknown } | { ok: false; error: CrmError };

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:\d{2})$/;
const INT_MAX = 2_147_483_647;
const LINE_ITEM_FIELD_NAMES = new Set(Object.values(LINE_ITEM_FIELDS));

function isValidDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}

/** A display name of a record for lookups (`{id, name}`). */
export function recordName(ctx: SandboxContext, moduleApi: string, id: string): string | undefined {
  const rec = recordsOf(ctx, moduleApi).get(id);
  if (!rec) return undefined;
  const mod = findModule(ctx, moduleApi);
  const field = mod?.display_field ?? 'id';
  const v = rec[field];
  if (typeof v === 'string') return v;
  if (moduleApi === 'Leads' || moduleApi === 'Contacts')
    return [rec.First_Name, rec.Last_Name].filter(Boolean).join(' ');
  return id;
}

function lookupId(raw: unknown): string | undefined {
  if (typeof raw === 'string' && /^\d+$/.test(raw)) return raw;
  if (typeof raw === 'number' && Number.isSafeInteger(raw)) return String(raw);
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    const id = (raw as Record<string, unknown>).id;
    if (typeof id === 'string' && /^\d+$/.test(id)) return id;
  }
  return undefined;
}

/**
 * Checks `raw` against the field's type and returns the value to store.
 * `lookupModule` overrides the lookup target (Tasks `What_Id` with `$se_module`).
 */
export function checkValue(
  ctx: SandboxContext,
  field: FieldDef,
  raw: unknown,
  path: string,
  lookupModule?: string,
): ValueResult {
  const bad = (expected: string): ValueResult => ({ ok: false, error: invalidBody(field.api_name, path, expected) });
  if (raw === null) return { ok: true, value: null };
  switch (field.data_type) {
    case 'text':
    case 'textarea':
    case 'phone':
    case 'website':
    case 'autonumber':
    case 'email':
      return checkText(field, raw, path, bad);
    case 'picklist':
      return checkPicklist(field, raw, bad);
    case 'multiselectpicklist': {
      if (!Array.isArray(raw) || !raw.every((v) => typeof v === 'string')) return bad('multiselectpicklist');
      const allowed = new Set((field.pick_list_values ?? []).map((v) => v.actual_value));
      if (!raw.every((v) => allowed.has(v))) return bad('multiselectpicklist');
      return { ok: true, value: raw };
    }
    case 'date':
      return typeof raw === 'string' && isValidDate(raw) ? { ok: true, value: raw } : bad('date');
    case 'datetime':
      return typeof raw === 'string' && DATETIME.test(raw) && !Number.isNaN(Date.parse(raw))
        ? { ok: true, value: raw.replace(/\.\d{1,3}/, '').replace(/Z$/, '+00:00') }
        : bad('datetime');
    case 'integer':
      return typeof raw === 'number' && Number.isInteger(raw) && Math.abs(raw) <= INT_MAX
        ? { ok: true, value: raw }
        : bad('integer');
    case 'bigint':
      if (typeof raw === 'number' && Number.isSafeInteger(raw)) return { ok: true, value: String(raw) };
      if (typeof raw === 'string' && /^-?\d{1,18}$/.test(raw)) return { ok: true, value: raw };
      return bad('bigint');
    case 'double':
    case 'currency':
    case 'percent':
      return checkDecimal(field, raw, bad);
    case 'boolean':
      return typeof raw === 'boolean' ? { ok: true, value: raw } : bad('boolean');
    case 'lookup':
      return checkLookup(ctx, field, raw, path, lookupModule ?? field.lookup?.module.api_name ?? '', bad);
    case 'ownerlookup':
      return checkOwner(ctx, field, raw, path, bad);
    case 'subform':
      if (LINE_ITEM_FIELD_NAMES.has(field.api_name)) return checkLineItems(ctx, field, raw, path);
      return Array.isArray(raw) ? { ok: true, value: raw } : bad('jsonarray');
  }
}

type Bad = (expected: string) => ValueResult;

function checkText(field: FieldDef, raw: unknown, path: string, bad: Bad): ValueResult {
  if (typeof raw !== 'string') return bad(field.data_type);
  if (raw.length > field.length) {
    return {
      ok: false,
      error: crmError('INVALID_DATA', MESSAGES.invalidData, {
        maximum_length: String(field.length),
        api_name: field.api_name,
        json_path: path,
      }),
    };
  }
  if (field.data_type === 'email' && raw !== '' && !EMAIL.test(raw)) return bad('email');
  return { ok: true, value: raw };
}

function checkPicklist(field: FieldDef, raw: unknown, bad: Bad): ValueResult {
  if (typeof raw !== 'string') return bad('picklist');
  const values = field.pick_list_values ?? [];
  if (raw !== '-None-' && !values.some((v) => v.actual_value === raw || v.display_value === raw))
    return bad('picklist');
  return { ok: true, value: raw === '-None-' ? null : raw };
}

/** `double`, `currency`, `percent`: a finite number with at most `length` digits before the point. */
function checkDecimal(field: FieldDef, raw: unknown, bad: Bad): ValueResult {
  if (typeof raw !== 'number' || !Number.isFinite(raw)) return bad(field.data_type);
  const digits = String(Math.trunc(Math.abs(raw))).length;
  if (digits > field.length) return bad(field.data_type);
  return { ok: true, value: raw };
}

function invalidId(field: FieldDef, path: string, id: string): ValueResult {
  return {
    ok: false,
    error: crmError('INVALID_DATA', MESSAGES.invalidId, { api_name: field.api_name, json_path: path, id }),
  };
}

function checkLookup(
  ctx: SandboxContext,
  field: FieldDef,
  raw: unknown,
  path: string,
  target: string,
  bad: Bad,
): ValueResult {
  const id = lookupId(raw);
  if (id === undefined) return bad('jsonobject');
  const name = recordName(ctx, target, id);
  if (name === undefined) return invalidId(field, path, id);
  return { ok: true, value: { id, name } };
}

function checkOwner(ctx: SandboxContext, field: FieldDef, raw: unknown, path: string, bad: Bad): ValueResult {
  const id = lookupId(raw);
  if (id === undefined) return bad('jsonobject');
  const u = users(ctx).get(id);
  if (u?.status !== 'active') return invalidId(field, path, id);
  return { ok: true, value: { id: u.id, name: u.full_name, email: u.email } };
}
