/**
 * The limits of the custom-field APIs (SPEC.md, CRM, "Fields"): where Zoho's sources disagree the strictest one.
 */
import type { Edition } from '../core/limits.js';
import type { DataType } from './model.js';

/**
 * Fields per create or update call. fields.yaml's prose allows 25, its 201 answer (`CreateFieldsResponse`) at most
 * 5 items; Zoho's Update Custom Fields page: "A maximum of five field can be updated in a single call".
 */
export const FIELDS_PER_CALL = 5;

/** fields.yaml `FieldRequestBodySchema`: `field_label` at most 25 characters on create. */
export const MAX_CREATE_LABEL = 25;

/** What an answer can carry (`display_label` at most 50 in `FieldSchema`), so an update's label is capped there. */
export const MAX_LABEL = 50;

/** fields.yaml: `pick_list_values` at most 10 items per field in a create or update. */
export const PICKLIST_VALUES_PER_REQUEST = 10;

/** fields.yaml create and update: a picklist value's `display_value` and `actual_value` at most 25 characters. */
export const MAX_PICKLIST_VALUE = 25;

/** Unique fields per module, from Zoho's field pages (issue 14; fields.yaml's `NotAllowedLimitResponse` example shows 1). */
export const UNIQUE_FIELDS_PER_MODULE = 2;

/**
 * Custom fields per module by edition (Zoho's help: Standard 10, Professional 155, Enterprise 300, Ultimate 500;
 * [R §7]). Free is not stated: the Standard figure (unverified).
 */
const CUSTOM_FIELDS: Record<Edition, number> = {
  free: 10,
  standard: 10,
  professional: 155,
  enterprise: 300,
  ultimate: 500,
};

export function customFieldCap(edition: Edition): number {
  return CUSTOM_FIELDS[edition];
}

/** The types whose create schema in fields.yaml admits `unique` (its per-`data_type` branches). */
export const UNIQUE_TYPES: ReadonlySet<DataType> = new Set(['text', 'email', 'phone', 'website', 'integer', 'bigint']);
