/**
 * `books_webhook`: Books documents no API call zlc relies on to attach a webhook to a workflow rule, so the whole
 * setup is an admin's manual step and never reaches an executor. Reaching one is a planner bug.
 */
import type { Executor } from '../executor.js';

const refuse = async (): Promise<never> => {
  throw new Error('internal: Books webhooks are set up by hand; the plan should have made this a manual step');
};

export const booksWebhookExecutor: Executor = { create: refuse, update: refuse, remove: refuse };
