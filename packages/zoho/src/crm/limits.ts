/**
 * Zoho CRM's documented limits on settings calls and on what a module may hold. Where Zoho's sources disagree,
 * the strictest one (issue 14; SPEC.md in the sandbox cites each).
 */
import type { CrmEdition } from '../budget/defaults.js';

/**
 * Fields one create or update call may carry. fields.yaml says 25 in prose, yet its 201 answer holds at most 5
 * items, and Zoho's Update Custom Fields page says "A maximum of five field can be updated in a single call".
 */
export const CRM_FIELDS_PER_CALL = 5;

/** Picklist values one field may carry in a create or update request (fields.yaml `pick_list_values` maxItems). */
export const CRM_PICKLIST_VALUES_PER_REQUEST = 10;

/** Characters of a new picklist value's `display_value` and `actual_value` (fields.yaml `pick_list_values`). */
export const CRM_PICKLIST_VALUE_MAX_LENGTH = 25;

/** Sections, and field actions across them, one layout PATCH may carry (layouts.yaml `updateLayout`). */
export const CRM_LAYOUT_SECTIONS_PER_PATCH = 5;
export const CRM_LAYOUT_FIELDS_PER_PATCH = 5;

/** Unique fields a module may have (Zoho's field pages). */
export const CRM_UNIQUE_FIELDS_PER_MODULE = 2;

/**
 * Custom fields a module may have, by edition (Zoho's help: Standard 10, Professional 155, Enterprise 300, Ultimate
 * 500). Free is not stated: the Standard figure.
 */
export const CRM_CUSTOM_FIELDS_PER_MODULE: Readonly<Record<CrmEdition, number>> = {
  free: 10,
  standard: 10,
  professional: 155,
  enterprise: 300,
  ultimate: 500,
};
