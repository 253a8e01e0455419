/** `crm_layout_required` attributes and their codec. */
import type { Attributes } from '../../plan-types.js';
import { type AttributeCodec, attributeReader, toAttributes } from '../attributes.js';

/** `apply` maps it to `PATCH /settings/layouts/{id}` with the field in its section and `required`. */
export type CrmLayoutRequiredAttributes = {
  module: string;
  /** The layout's name (`Standard`). */
  layout: string;
  apiName: string;
  required: boolean;
};

export const crmLayoutRequiredCodec: AttributeCodec<CrmLayoutRequiredAttributes> = {
  encode: toAttributes,
  decode(a: Attributes): CrmLayoutRequiredAttributes {
    const r = attributeReader(a, 'crm_layout_required');
    return {
      module: r.string('module'),
      layout: r.string('layout'),
      apiName: r.string('apiName'),
      required: r.boolean('required', true),
    };
  },
};
