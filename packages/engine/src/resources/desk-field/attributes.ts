/** `desk_field` attributes and their codec. */
import type { Attributes } from '../../plan-types.js';
import { type AttributeCodec, attributeReader, toAttributes } from '../attributes.js';

/**
 * `apply` maps it to `POST /fields?module=` (`displayLabel`, `type`, `maxLength`, `decimalPlaces`) and sets `values`
 * in each layout of the module (`PATCH /layouts/{id}/fields/{fieldId}` `allowedValues`). Desk changes `label`,
 * `maxLength`, `decimals` and `values` in place; only `fieldType` cannot change.
 * Desk derives a new field's apiName from its label (`cf_` + snake case).
 */
export type DeskFieldAttributes = {
  module: string;
  apiName: string;
  label: string;
  /** Desk `type`: Text, Textarea, Picklist, Multiselect, Number, Decimal, Currency, Date, DateTime, Boolean … */
  fieldType: string;
  /** Text and Phone only (server default 255 / 30). */
  maxLength?: number;
  /** Decimal and Currency only (server default 2). */
  decimals?: number;
  /** Picklist and Multiselect only, in order. */
  values?: string[];
};

export const deskFieldCodec: AttributeCodec<DeskFieldAttributes> = {
  encode: toAttributes,
  decode(a: Attributes): DeskFieldAttributes {
    const r = attributeReader(a, 'desk_field');
    return {
      module: r.string('module'),
      apiName: r.string('apiName'),
      label: r.string('label'),
      fieldType: r.string('fieldType'),
      maxLength: r.optionalNumber('maxLength'),
      decimals: r.optionalNumber('decimals'),
      values: r.optionalStringList('values'),
    };
  },
};
