/** `books_item` attributes and their codec. */
import type { Attributes } from '../../plan-types.js';
import { type AttributeCodec, attributeReader, toAttributes } from '../attributes.js';

/** `apply` maps it to `POST /items` (`name`, `rate`, `product_type: service`). */
export type BooksItemAttributes = {
  name: string;
  /** Only when the mapping gives a literal rate; otherwise zlc leaves the price to finance. */
  rate?: number;
};

export const booksItemCodec: AttributeCodec<BooksItemAttributes> = {
  encode: toAttributes,
  decode(a: Attributes): BooksItemAttributes {
    const r = attributeReader(a, 'books_item');
    return { name: r.string('name'), rate: r.optionalNumber('rate') };
  },
};
