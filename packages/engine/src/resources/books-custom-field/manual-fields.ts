/**
 * The Books custom fields a plan's manual steps call for, with every setting the steps name: what a person does in
 * Books' settings screen (and what the sandbox's stand-in does for `zlc sandbox books-fields`). Pure.
 */
import type { Plan } from '../../plan-types.js';
import { type BooksCustomFieldAttributes, booksCustomFieldCodec } from './attributes.js';
import { BOOKS_ENTITY } from './definition.js';

export interface BooksFieldToMake extends BooksCustomFieldAttributes {
  /** The model's module (`contacts`, `invoices` …). */
  module: string;
  /** The plan action's address. */
  address: string;
  /** The steps the plan prints for it. */
  steps: string[];
}

const MODULE_OF = new Map(Object.entries(BOOKS_ENTITY).map(([module, entity]) => [entity, module]));

export function booksFieldsToMake(plan: Plan): BooksFieldToMake[] {
  return plan.actions.flatMap((action) => {
    if (action.action !== 'manual' || action.type !== 'books_custom_field') return [];
    const after = booksCustomFieldCodec.decode(action.after);
    return [
      { ...after, module: MODULE_OF.get(after.entity) ?? after.entity, address: action.address, steps: action.steps },
    ];
  });
}
