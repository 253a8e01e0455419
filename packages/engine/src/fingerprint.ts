import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level, so equal values always serialise the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (value instanceof Map) return sortKeys(Object.fromEntries(value));
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const member = (value as Record<string, unknown>)[key];
      if (member !== undefined) out[key] = sortKeys(member);
    }
    return out;
  }
  return value;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** `sha256:<hex>` of the canonical JSON of a raw object as read from the org (per-object staleness in apply). */
export function fingerprint(raw: unknown): string {
  return `sha256:${sha256(canonicalJson(raw))}`;
}

/**
 * The fingerprint of `read()`, computed on first call and kept. A plan reads hundreds of objects but fingerprints
 * only those its actions touch; hashing a large org's every field up front costs more than parsing it.
 */
export function lazyFingerprint(read: () => unknown): () => string {
  let value: string | undefined;
  return () => {
    value ??= fingerprint(read());
    return value;
  };
}
