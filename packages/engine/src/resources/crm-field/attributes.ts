/** `crm_field` attributes and their codec. */
import type { Attributes } from '../../plan-types.js';
import { type AttributeCodec, attributeReader, toAttributes } from '../attributes.js';

/**
 * The attributes zlc manages on a CRM custom field. `apply` maps them to `POST/PATCH /settings/fields`:
 * `label` → `field_label`, `dataType` → `data_type`, `length`, `picklist` → `pick_list_values`
 * (`{display_value, actual_value}` each), `unique` → `unique: {casesensitive: "false"}`, `lookupModule` →
 * `lookup.module.api_name`.
 */
export type CrmFieldAttributes = {
  module: string;
  apiName: string;
  label: string;
  /** CRM `data_type`: text, textarea, email, phone, picklist, multiselectpicklist, integer, currency … */
  dataType: string;
  /** Maximum length; managed for `text` only (server default 255). */
  length?: number;
  /** Display values in order, without CRM's automatic `-None-`. Picklists only. */
  picklist?: string[];
  unique: boolean;
  /** Lookups only: the module looked up. */
  lookupModule?: string;
};

export const crmFieldCodec: AttributeCodec<CrmFieldAttributes> = {
  encode: toAttributes,
  decode(a: Attributes): CrmFieldAttributes {
    const r = attributeReader(a, 'crm_field');
    return {
      module: r.string('module'),
      apiName: r.string('apiName'),
      label: r.string('label'),
      dataType: r.string('dataType'),
      length: r.optionalNumber('length'),
      picklist: r.optionalStringList('picklist'),
      unique: r.boolean('unique'),
      lookupModule: r.optionalString('lookupModule'),
    };
  },
};
