/**
 * `books_custom_field`: Books has no API to create, change or delete custom fields, so every action on one is
 * `manual` in the plan and never reaches an executor. Reaching one is a planner bug.
 */
import type { Executor } from '../executor.js';

const refuse = async (): Promise<never> => {
  throw new Error('internal: Books custom fields have no write API; the plan should have made this a manual step');
};

export const booksCustomFieldExecutor: Executor = { create: refuse, update: refuse, remove: refuse };
