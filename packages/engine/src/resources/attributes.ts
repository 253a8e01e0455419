/**
 * Reading a plan action's attributes back into a resource type's own attribute type. A plan's attributes are plain
 * JSON; each type's codec (`<type>/attributes.ts`) decodes them once, in one place, so executors work with typed
 * values. A missing or mistyped attribute is a bug in zlc (the planner wrote it), not bad user input.
 */
import type { Attributes, JsonValue, ResourceType } from '../plan-types.js';

/** A type's attributes as plain JSON (for plans) and back (for executors). */
export interface AttributeCodec<A> {
  encode(value: A): Attributes;
  decode(attributes: Attributes): A;
}

/** Drops `undefined` members so a typed attribute object becomes plain JSON attributes. */
export function toAttributes(value: object): Attributes {
  const out: Attributes = {};
  for (const [key, member] of Object.entries(value)) {
    if (member === undefined) continue;
    out[key] = member as JsonValue;
  }
  return out;
}

export interface AttributeReader {
  string(key: string): string;
  optionalString(key: string): string | undefined;
  optionalNumber(key: string): number | undefined;
  /** `true` only for a JSON `true`; absent reads as `fallback`. */
  boolean(key: string, fallback?: boolean): boolean;
  stringList(key: string): string[];
  optionalStringList(key: string): string[] | undefined;
  /** The raw JSON under `key`, for attributes with a shape of their own (criteria, parameter lists). */
  json(key: string): JsonValue | undefined;
}

export function attributeReader(attributes: Attributes, type: ResourceType): AttributeReader {
  const missing = (key: string, wanted: string): never => {
    throw new Error(`internal: ${type} attribute "${key}" is missing or not ${wanted}`);
  };
  const strings = (key: string): string[] | undefined => {
    const value = attributes[key];
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return missing(key, 'a list of strings');
    return value as string[];
  };
  return {
    string(key) {
      const value = attributes[key];
      return typeof value === 'string' ? value : missing(key, 'a string');
    },
    optionalString(key) {
      const value = attributes[key];
      return typeof value === 'string' ? value : undefined;
    },
    optionalNumber(key) {
      const value = attributes[key];
      return typeof value === 'number' ? value : undefined;
    },
    boolean(key, fallback = false) {
      const value = attributes[key];
      return value === undefined ? fallback : value === true;
    },
    stringList: (key) => strings(key) ?? missing(key, 'a list of strings'),
    optionalStringList: strings,
    json: (key) => attributes[key],
  };
}

/** `{name, value}` pairs from a JSON list, skipping anything else. */
export function nameValues(raw: JsonValue | undefined): { name: string; value: string }[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((p) =>
    typeof p === 'object' &&
    p !== null &&
    !Array.isArray(p) &&
    typeof p.name === 'string' &&
    typeof p.value === 'string'
      ? [{ name: p.name, value: p.value }]
      : [],
  );
}
