/**
 * Attribute-level differences between two normalised attribute sets. Objects are walked with json-diff; lists of
 * keyed objects (stage values by `value`, parameters by `name`) are compared by key, so one changed stage is one
 * change; other lists are one change with the whole list before and after (the renderer shows what went in and out).
 */
import { diff as jsonDiff } from 'json-diff';
import { canonicalJson } from './fingerprint.js';
import type { AttributeChange, Attributes, JsonValue } from './plan-types.js';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** The key of a list of objects that all carry a string `value` or `name`, if any. */
function listKey(list: JsonValue[]): 'value' | 'name' | undefined {
  for (const key of ['value', 'name'] as const) {
    if (list.length > 0 && list.every((item) => isObject(item) && typeof item[key] === 'string')) return key;
  }
  return undefined;
}

function keyedChanges(path: string, key: 'value' | 'name', before: JsonValue[], after: JsonValue[]): AttributeChange[] {
  const index = (list: JsonValue[]) => {
    const map = new Map<string, JsonValue>();
    for (const item of list) if (isObject(item)) map.set(String(item[key]), item);
    return map;
  };
  const old = index(before);
  const now = index(after);
  const changes: AttributeChange[] = [];
  for (const [k, value] of old) {
    const next = now.get(k);
    if (next === undefined) changes.push({ path: `${path}/${k}`, before: value });
    else if (!same(value, next)) changes.push({ path: `${path}/${k}`, before: value, after: next });
  }
  for (const [k, value] of now) if (!old.has(k)) changes.push({ path: `${path}/${k}`, after: value });
  const orderBefore = before.flatMap((i) => (isObject(i) && now.has(String(i[key])) ? [String(i[key])] : []));
  const orderAfter = after.flatMap((i) => (isObject(i) && old.has(String(i[key])) ? [String(i[key])] : []));
  if (changes.length === 0 && !same(orderBefore, orderAfter))
    changes.push({ path: `${path}/order`, before: orderBefore, after: orderAfter });
  return changes;
}

/** Leaf changes inside two objects, from json-diff's structured answer. */
function walk(path: string, node: unknown, before: unknown, after: unknown, out: AttributeChange[]): void {
  if (node === undefined) return;
  if (isObject(node) && '__old' in node && '__new' in node) {
    out.push({ path, before: node.__old as JsonValue, after: node.__new as JsonValue });
    return;
  }
  if (isObject(node) && isObject(before) && isObject(after)) {
    for (const [k, value] of Object.entries(node)) {
      if (k.endsWith('__added')) out.push({ path: `${path}/${k.slice(0, -7)}`, after: value as JsonValue });
      else if (k.endsWith('__deleted')) out.push({ path: `${path}/${k.slice(0, -9)}`, before: value as JsonValue });
      else walk(`${path}/${k}`, value, before[k], after[k], out);
    }
    return;
  }
  out.push({ path, before: before as JsonValue, after: after as JsonValue });
}

export function diffAttributes(before: Attributes, after: Attributes): AttributeChange[] {
  const changes: AttributeChange[] = [];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  for (const key of keys) {
    const a = before[key];
    const b = after[key];
    if (same(a, b)) continue;
    if (a === undefined) {
      changes.push({ path: key, after: b });
      continue;
    }
    if (b === undefined) {
      changes.push({ path: key, before: a });
      continue;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
      const k = listKey([...a, ...b]);
      if (k) changes.push(...keyedChanges(key, k, a, b));
      else changes.push({ path: key, before: a, after: b });
      continue;
    }
    if (isObject(a) && isObject(b)) {
      walk(key, jsonDiff(a, b, { full: false }), a, b, changes);
      continue;
    }
    changes.push({ path: key, before: a, after: b });
  }
  return changes;
}
