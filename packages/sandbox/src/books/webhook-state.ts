/** The Books webhooks and the workflow rules that send them, as the sandbox stores them. */
import type { Collection, SandboxContext } from '../core/types.js';

export interface NameValue {
  param_name: string;
  param_value: string;
}

/** A webhook with the attributes of [Books API: webhooks] "Create a webhook". */
export interface BooksWebhook {
  webhook_id: string;
  webhook_name: string;
  description: string;
  entity: string;
  method: string;
  url: string;
  entity_parameters: NameValue[];
  additional_parameters: NameValue[];
  headers: NameValue[];
  form_data: NameValue[];
  query_parameters: NameValue[];
  body_type: string;
  raw_data: string;
  events: string[];
  /** Write-only: "Secret key for webhook signature verification". */
  secret?: string;
  created_time: string;
}

/**
 * A workflow rule as the stand-in for Books' settings screen makes it: module Invoices, Event Based, the action
 * type ([Books help: automation] "Created", "Edited", "Created or Edited") and one webhook as its immediate action.
 */
export interface BooksWorkflowRule {
  workflow_id: string;
  workflow_name: string;
  entity: 'invoice';
  action_type: 'edited' | 'created_or_edited';
  webhook_id: string;
}

export function webhookStore(ctx: SandboxContext): {
  webhooks: Collection<BooksWebhook>;
  rules: Collection<BooksWorkflowRule>;
} {
  return {
    webhooks: ctx.store.collection<BooksWebhook>('books:webhooks'),
    rules: ctx.store.collection<BooksWorkflowRule>('books:workflowrules'),
  };
}
