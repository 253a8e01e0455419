/**
 * Request-body checks shared by the Desk resolvers: a small declarative rule per property, checked the way Desk
 * answers — every problem listed in one 422 INVALID_DATA with `errors[]` (JSON-pointer `fieldName`).
 */
import type { SandboxResponse } from '../core/types.js';
import { deskError, emptyPayload, type FieldError, fieldError, invalidData } from './errors.js';

export type Rule =
  | { kind: 'string'; max: number; required?: boolean; pattern?: RegExp }
  | { kind: 'id'; required?: boolean }
  | { kind: 'boolean'; required?: boolean }
  | { kind: 'object'; required?: boolean }
  | { kind: 'array'; required?: boolean; maxItems?: number };

export type Rules = Record<string, Rule>;

export type Checked = { ok: true; body: Record<string, unknown> } | { ok: false; response: SandboxResponse };

export const ID_PATTERN = /^[0-9]{1,19}$/;
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `mode: 'create'` enforces `required`; `'update'` only checks what is present. */
export function checkBody(body: unknown, rules: Rules, mode: 'create' | 'update'): Checked {
  if (body === undefined) return { ok: false, response: emptyPayload() };
  if (!isRecord(body)) {
    return { ok: false, response: deskError(422, 'UNPROCESSABLE_ENTITY', 'The request body must be a JSON object.') };
  }
  if (mode === 'update' && Object.keys(body).length === 0) return { ok: false, response: emptyPayload() };
  const errors: FieldError[] = [];
  for (const key of Object.keys(body)) {
    if (!(key in rules)) errors.push(fieldError(`/${key}`, 'invalid', `'${key}' is not a valid field.`));
  }
  for (const [key, rule] of Object.entries(rules)) {
    const value = body[key];
    if (value === undefined || value === null || value === '') {
      if (mode === 'create' && rule.required) errors.push(fieldError(`/${key}`, 'missing', `'${key}' is required.`));
      else if (rule.required && (value === null || value === '')) {
        errors.push(fieldError(`/${key}`, 'invalid', `'${key}' cannot be empty.`));
      }
      continue;
    }
    const problem = checkValue(value, rule);
    if (problem !== undefined) errors.push(fieldError(`/${key}`, 'invalid', `'${key}' ${problem}`));
  }
  return errors.length > 0 ? { ok: false, response: invalidData(errors) } : { ok: true, body };
}

function checkValue(value: unknown, rule: Rule): string | undefined {
  switch (rule.kind) {
    case 'string':
      if (typeof value !== 'string') return 'must be a string.';
      if (value.length > rule.max) return `exceeds the maximum length of ${rule.max}.`;
      if (rule.pattern && !rule.pattern.test(value)) return 'has an invalid format.';
      return undefined;
    case 'id':
      if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return undefined;
      if (typeof value === 'string' && ID_PATTERN.test(value)) return undefined;
      return 'must be a numeric id.';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be a boolean.';
    case 'object':
      return isRecord(value) ? undefined : 'must be an object.';
    case 'array':
      if (!Array.isArray(value)) return 'must be an array.';
      if (rule.maxItems !== undefined && value.length > rule.maxItems) return `allows at most ${rule.maxItems} items.`;
      return undefined;
  }
}

/** Reads a checked optional string (`null` clears, `undefined` leaves alone). */
export function str(body: Record<string, unknown>, key: string): string | null | undefined {
  const v = body[key];
  if (v === undefined) return undefined;
  if (v === null || v === '') return null;
  return typeof v === 'string' ? v : undefined;
}

export function idOf(body: Record<string, unknown>, key: string): string | null | undefined {
  const v = body[key];
  if (v === undefined) return undefined;
  if (v === null || v === '') return null;
  return typeof v === 'number' ? String(v) : typeof v === 'string' ? v : undefined;
}
