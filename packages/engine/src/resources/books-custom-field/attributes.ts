/** `books_custom_field` attributes and their codec. */
import type { BooksCustomFieldEntity } from '@zlc/zoho';
import type { Attributes } from '../../plan-types.js';
import { type AttributeCodec, attributeReader, toAttributes } from '../attributes.js';

export type BooksCustomFieldAttributes = {
  /** Books entity: contact, invoice, estimate, item, customer_payment. */
  entity: BooksCustomFieldEntity;
  apiName: string;
  label: string;
  /** Books data type: string, multiline, email, number, decimal, amount, date, check_box, dropdown … */
  dataType: string;
  /** Dropdown and multiselect only, in order. */
  values?: string[];
  /** Books' "Prevent Duplicate Values" (`is_unique`): what a handoff finds and upserts by must be unique. */
  unique: boolean;
};

export const booksCustomFieldCodec: AttributeCodec<BooksCustomFieldAttributes> = {
  encode: toAttributes,
  decode(a: Attributes): BooksCustomFieldAttributes {
    const r = attributeReader(a, 'books_custom_field');
    return {
      entity: r.string('entity') as BooksCustomFieldEntity,
      apiName: r.string('apiName'),
      label: r.string('label'),
      dataType: r.string('dataType'),
      values: r.optionalStringList('values'),
      unique: r.boolean('unique'),
    };
  },
};
