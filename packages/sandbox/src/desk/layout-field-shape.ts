/**
 * A field as a layout shows it: in `GET /layouts/{id}` sections and in the answer of `PATCH /layouts/{id}/fields/
 * {fieldId}` (Layout.json `commonFieldResponse` and its example: `allowedValues` as plain strings, `isRemovable`,
 * `isSystemMandatory`).
 */
import type { FieldRecord } from './records.js';

/** A picklist's values in `layoutId`: its own list for custom fields, the field's list for standard ones. */
export function valuesInLayout(f: FieldRecord, layoutId: string): string[] | null {
  if (f.pickListValues === null) return null;
  return f.layoutValues === undefined ? f.pickListValues : (f.layoutValues[layoutId] ?? []);
}

export function layoutFieldShape(f: FieldRecord, layoutId: string): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: f.id,
    apiName: f.apiName,
    name: f.apiName,
    displayLabel: f.displayLabel,
    i18NLabel: f.displayLabel,
    type: f.type,
    maxLength: f.maxLength,
    isMandatory: f.isMandatory,
    isCustomField: f.isCustomField,
    isEncryptedField: f.isEncryptedField,
    isRemovable: f.isCustomField,
    isSystemMandatory: f.isMandatory && !f.isCustomField,
    isReadOnly: false,
  };
  const values = valuesInLayout(f, layoutId);
  if (values !== null) {
    out.allowedValues = values;
    out.sortBy = f.sortBy ?? 'userDefined';
  }
  if (f.defaultValue !== null) out.defaultValue = f.defaultValue;
  return out;
}
