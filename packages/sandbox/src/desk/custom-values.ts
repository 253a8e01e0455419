/**
 * Custom-field values on records (`cf: {cf_x: value}`): strings checked against the field's type, and listed with
 * every custom field of the module (unset ones as null).
 */
import type { SandboxContext } from '../core/types.js';
import { type FieldError, fieldError } from './errors.js';
import { type CfValue, type CfValues, type DeskModuleName, deskData, type FieldRecord } from './records.js';
import { EMAIL_PATTERN, isRecord } from './validate.js';

export function customFields(ctx: SandboxContext, module: DeskModuleName): FieldRecord[] {
  const out: FieldRecord[] = [];
  for (const f of deskData(ctx).fields.values()) if (f.module === module && f.isCustomField) out.push(f);
  return out;
}

/** Every custom field of the module, with the record's value or null. */
export function cfView(fields: readonly FieldRecord[], stored: CfValues): CfValues {
  const out: CfValues = {};
  for (const f of fields) out[f.apiName] = stored[f.apiName] ?? null;
  return out;
}

export type CfResult = { ok: true; values: CfValues } | { ok: false; errors: FieldError[] };

/** Checks a request's `cf` object; returns the normalised values to merge into the record. */
export function readCf(ctx: SandboxContext, module: DeskModuleName, raw: unknown): CfResult {
  if (raw === undefined || raw === null) return { ok: true, values: {} };
  if (!isRecord(raw)) return { ok: false, errors: [fieldError('/cf', 'invalid', "'cf' must be an object.")] };
  const byName = new Map(customFields(ctx, module).map((f) => [f.apiName, f]));
  const values: CfValues = {};
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const field = byName.get(key);
    if (field === undefined) {
      errors.push(fieldError(`/cf/${key}`, 'invalid', `'${key}' is not a custom field of ${module}.`));
      continue;
    }
    const result = normalise(field, value);
    if (typeof result === 'object' && result !== null && 'problem' in result) {
      errors.push(fieldError(`/cf/${key}`, 'invalid', `'${key}' ${result.problem}`));
    } else {
      values[key] = result;
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, values };
}

const NUMBER = /^-?[0-9]+$/;
const DECIMAL = /^-?[0-9]+(\.[0-9]+)?$/;
const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
const URL_PATTERN = /^(https?|ftp):\/\/[^\s]+$|^www\.[^\s]+$/;
const PHONE = /^[0-9+()\-.\s]{1,}$/;

/**
 * [D:Account, Contact, Ticket] type every `cf` value `string|null` in requests and answers, so only strings are taken
 * (a JSON number or boolean is refused, as the OAS would): numbers as numeric strings, Boolean as "true"/"false",
 * Multiselect as `a;b`.
 */
function normalise(field: FieldRecord, value: unknown): CfValue | { problem: string } {
  if (value === null || value === '') return null;
  if (typeof value !== 'string') return { problem: 'must be a string (Desk types custom-field values as strings).' };
  switch (field.type) {
    case 'Boolean':
      return value === 'true' || value === 'false' ? value : { problem: 'must be "true" or "false".' };
    case 'Number':
      return NUMBER.test(value) && value.replace('-', '').length <= field.maxLength
        ? value
        : { problem: `must be a whole number of at most ${field.maxLength} digits.` };
    case 'Decimal':
    case 'Currency':
    case 'Percent':
      return DECIMAL.test(value) ? value : { problem: 'must be a number.' };
    case 'Multiselect': {
      const allowed = field.pickListValues ?? [];
      const bad = value.split(';').find((p) => !allowed.includes(p));
      return bad === undefined ? value : { problem: `has a value that is not allowed: ${bad}.` };
    }
    default:
      break;
  }
  if (value.length > field.maxLength) return { problem: `exceeds the maximum length of ${field.maxLength}.` };
  switch (field.type) {
    case 'Email':
      return EMAIL_PATTERN.test(value) ? value : { problem: 'must be an email address.' };
    case 'URL':
      return URL_PATTERN.test(value) ? value : { problem: 'must be a URL.' };
    case 'Phone':
      return PHONE.test(value) ? value : { problem: 'must be a phone number.' };
    case 'Date':
      return DATE.test(value) && !Number.isNaN(Date.parse(value)) ? value : { problem: 'must be a date (yyyy-MM-dd).' };
    case 'DateTime':
      return Number.isNaN(Date.parse(value)) ? { problem: 'must be a date-time.' } : new Date(value).toISOString();
    case 'Picklist':
      return (field.pickListValues ?? []).includes(value)
        ? value
        : { problem: `has a value that is not allowed: ${value}.` };
    case 'LookUp':
      return /^[0-9]{1,19}$/.test(value) ? value : { problem: 'must be a record id.' };
    default:
      return value;
  }
}
