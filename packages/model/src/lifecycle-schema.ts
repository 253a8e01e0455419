// A JSON import rather than a file read, so the CLI's bundle carries the schema inline wherever it is installed.
import schema from '../schemas/lifecycle.schema.json' with { type: 'json' };

/** The language's JSON Schema, as data (a copy each call: ajv and callers may add to it). */
export function lifecycleSchema(): Record<string, unknown> {
  return structuredClone(schema) as Record<string, unknown>;
}
