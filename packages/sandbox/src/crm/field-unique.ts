/**
 * `unique` on a custom field: `{case_sensitive: boolean}` or a boolean (fields.yaml create and update; an update may
 * also send `_disable: true`), on the types whose create schema admits it, and at most two unique fields per module.
 */
import { type CrmError, crmError, invalidBody } from './errors.js';
import { UNIQUE_FIELDS_PER_MODULE, UNIQUE_TYPES } from './field-limits.js';
import type { DataType, FieldDef } from './model.js';
import { isObj } from './settings-body.js';

export type UniqueSetting = { case_sensitive: boolean } | null;

/**
 * What the request asks for: a setting (null: not unique), or an error. A bare `true` is unique case-insensitively
 * (unverified: fields.yaml does not say which a boolean means).
 */
export function parseUnique(raw: unknown, path: string, allowDisable: boolean): UniqueSetting | CrmError {
  if (raw === true) return { case_sensitive: false };
  if (raw === false) return null;
  if (!isObj(raw)) return invalidBody('unique', path, 'jsonobject');
  if (allowDisable && raw._disable === true) return null;
  if (typeof raw.case_sensitive !== 'boolean')
    return invalidBody('case_sensitive', `${path}.case_sensitive`, 'boolean');
  return { case_sensitive: raw.case_sensitive };
}

/** Refuses `unique` on a type that cannot be unique, or a third unique field in the module. */
export function uniqueAllowed(
  type: DataType,
  path: string,
  module: Iterable<FieldDef>,
  self: string | undefined,
): CrmError | undefined {
  if (!UNIQUE_TYPES.has(type))
    return crmError('NOT_SUPPORTED', `a ${type} field cannot be unique`, { api_name: 'unique', json_path: path });
  let count = 0;
  for (const f of module) if (f.unique && f.id !== self) count += 1;
  if (count >= UNIQUE_FIELDS_PER_MODULE)
    return crmError('NOT_ALLOWED', `a module can have at most ${UNIQUE_FIELDS_PER_MODULE} unique fields`, {
      api_name: 'unique',
      json_path: path,
      limit: UNIQUE_FIELDS_PER_MODULE,
    });
  return undefined;
}
