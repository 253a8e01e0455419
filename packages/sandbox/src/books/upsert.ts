/** `PUT /<module>` with `X-Unique-Identifier-Key`/`-Value` (and `X-Upsert: true`): update by a unique custom field, or create. */
import type { SandboxRequest } from '../core/types.js';
import { findByCustomField, uniqueKeyField } from './custom-fields.js';
import { invalidParameter } from './errors.js';
import type { BooksState, CustomFieldModule } from './state.js';
import { header, isObject, type Json } from './wire.js';

export type UpsertTarget = { kind: 'update'; id: string } | { kind: 'create'; body: Json } | { kind: 'missing' };

export function upsertTarget(
  req: SandboxRequest,
  state: BooksState,
  module: CustomFieldModule,
  body: Json,
): UpsertTarget {
  const key = header(req, 'X-Unique-Identifier-Key');
  const value = header(req, 'X-Unique-Identifier-Value');
  if (!key) throw invalidParameter('X-Unique-Identifier-Key');
  if (value === undefined || value === '') throw invalidParameter('X-Unique-Identifier-Value');
  const def = uniqueKeyField(state, module, key);
  const id = findByCustomField(state, module, def, value);
  if (id) return { kind: 'update', id };
  if (header(req, 'X-Upsert')?.toLowerCase() !== 'true') return { kind: 'missing' };
  const given = Array.isArray(body.custom_fields) ? body.custom_fields : [];
  const named = given.some(
    (f) => isObject(f) && (f.api_name === def.api_name || String(f.customfield_id) === def.customfield_id),
  );
  const customFields = named ? given : [...given, { api_name: def.api_name, value }];
  return { kind: 'create', body: { ...body, custom_fields: customFields } };
}
