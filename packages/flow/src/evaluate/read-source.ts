/** Reads a resolved source path out of a snapshot: walks fields, Desk `cf` values and lookups. Pure. */
import type { ResolvedSource } from '@zlc/model';
import { type EvalScope, isRec, type Rec } from './snapshot.js';

/** The record or list a source path starts from, and the field names after it. */
function start(source: ResolvedSource, scope: EvalScope): { base: unknown; rest: string[] } {
  const segments = source.path.split('.');
  if (source.source.startsWith('steps.')) return { base: scope.steps[segments[1] ?? ''], rest: segments.slice(2) };
  const base = source.source === 'item' ? scope.item : scope.snapshot.named[source.source];
  return { base, rest: segments.slice(1) };
}

/** A field of a record: the key itself, a Desk custom value under `cf`, or a Books custom field by api name. */
export function fieldOf(record: Rec, name: string): unknown {
  if (name in record) return record[name];
  if (isRec(record.cf) && name in record.cf) return record.cf[name];
  if (Array.isArray(record.custom_fields)) {
    for (const cf of record.custom_fields) if (isRec(cf) && cf.api_name === name) return cf.value;
  }
  // A CRM owner or lookup as `{id, name, email}` read as a user: `full_name` is its name.
  if (name === 'full_name' && typeof record.name === 'string') return record.name;
  return undefined;
}

function walk(value: unknown, rest: readonly string[], scope: EvalScope): unknown {
  let current = value;
  for (let i = 0; i < rest.length; i++) {
    if (!isRec(current)) return undefined;
    const name = rest[i] ?? '';
    // Books nested attributes written with dots (billing_address.city): try the longest key first.
    let next: unknown;
    let used = 1;
    for (let j = rest.length; j > i; j--) {
      const candidate = fieldOf(current, rest.slice(i, j).join('.'));
      if (candidate !== undefined) {
        next = candidate;
        used = j - i;
        break;
      }
    }
    if (next === undefined) next = fieldOf(current, name);
    i += used - 1;
    if (i < rest.length - 1 && isRec(next) && typeof next.id === 'string') {
      next = scope.snapshot.lookups[next.id] ?? next;
    }
    current = next;
  }
  return current;
}

/** The value at a source path; a lookup at the end reads as its name. Lists give arrays. */
export function readSource(source: ResolvedSource, scope: EvalScope): unknown {
  const { base, rest } = start(source, scope);
  if (Array.isArray(base)) return rest.length === 0 ? base : base.map((r) => plain(walk(r, rest, scope)));
  return rest.length === 0 ? base : plain(walk(base, rest, scope));
}

/** A lookup `{id, name}` as its name; everything else as it is. */
export function plain(value: unknown): unknown {
  if (isRec(value) && 'id' in value && typeof value.name === 'string') return value.name;
  return value;
}

export function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

/** Text for templates: lists joined with a comma. */
export function asText(value: unknown): string {
  if (isEmpty(value)) return '';
  if (Array.isArray(value))
    return value
      .filter((v) => !isEmpty(v))
      .map(asText)
      .join(', ');
  if (isRec(value)) return typeof value.name === 'string' ? value.name : JSON.stringify(value);
  return String(value);
}

/** The record a source path names (the whole record), when it is one. */
export function recordOf(source: ResolvedSource, scope: EvalScope): Rec | undefined {
  const value = readSource(source, scope);
  return isRec(value) ? value : undefined;
}
