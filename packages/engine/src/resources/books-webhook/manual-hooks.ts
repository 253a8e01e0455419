/**
 * The Books webhooks a plan's manual steps call for, with every setting the steps name: what a person does in
 * Books' settings screen (and what the sandbox's stand-in does for `zlc sandbox books-fields`). Pure.
 */
import type { Plan } from '../../plan-types.js';
import { type BooksWebhookAttributes, booksWebhookCodec } from './attributes.js';

export interface BooksHookToMake extends BooksWebhookAttributes {
  /** The plan action's address. */
  address: string;
  /** The steps the plan prints for it. */
  steps: string[];
}

export function booksHooksToMake(plan: Plan): BooksHookToMake[] {
  return plan.actions.flatMap((action) => {
    if (action.action !== 'manual' || action.type !== 'books_webhook') return [];
    return [{ ...booksWebhookCodec.decode(action.after), address: action.address, steps: action.steps }];
  });
}
