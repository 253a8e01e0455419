/** Reading Zoho's JSON records (already `unknown`-checked objects) into facts: small typed getters. */

export type Json = Record<string, unknown>;

export function text(obj: Json, key: string): string | null {
  const v = obj[key];
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

export function num(obj: Json, key: string): number | null {
  const v = obj[key];
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

/** A lookup `{id, name}` (or a bare id). */
export function lookup(obj: Json, key: string): { id: string; name: string | null } | null {
  const v = obj[key];
  if (typeof v === 'string' && v !== '') return { id: v, name: null };
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Json;
  const id = text(o, 'id');
  return id === null ? null : { id, name: text(o, 'name') ?? text(o, 'full_name') };
}

/** `YYYY-MM-DD` from a date or a time; null when it is neither. */
export function day(value: string | null): string | null {
  return value !== null && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null;
}

/** ISO time in UTC (`2026-11-26T10:00:00.000Z`) from Zoho's offsets (`+05:30`, `+0530`); null when unreadable. */
export function utc(value: string | null): string | null {
  if (value === null) return null;
  const normalised = value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(normalised);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** The value of a Books custom field by api name, from a record's `custom_fields` array. */
export function booksCustomField(obj: Json, apiName: string): string | null {
  const list = obj.custom_fields;
  if (!Array.isArray(list)) return null;
  for (const entry of list) {
    if (typeof entry !== 'object' || entry === null) continue;
    const e = entry as Json;
    if (e.api_name === apiName) return text(e, 'value');
  }
  return null;
}

/** A non-empty string or null. */
export function nonEmpty(value: string | null): string | null {
  return value === null || value.trim() === '' ? null : value;
}
