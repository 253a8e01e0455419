/**
 * The plan's Books manual steps done on a sandbox, through its stand-in for Books' settings screen: each field the
 * steps name, with every setting they name (label, data type, options, Prevent Duplicate Values, API name), and each
 * invoice webhook with its workflow rule (name, URL, method, the token header). Shared by
 * `zlc sandbox books-fields` and the demo. Loads `@zlc/engine` and `@zlc/sandbox`.
 */
import { booksFieldsToMake, booksHooksToMake, type Plan } from '@zlc/engine';
import { booksHookToken } from '@zlc/model';
import {
  type BooksFieldStandIn,
  type BooksHookStandIn,
  type SandboxEndpoint,
  setBooksCustomFields,
  setBooksInvoiceWebhooks,
} from '@zlc/sandbox';

export interface BooksStandIn {
  fields: BooksFieldStandIn[];
  webhooks: BooksHookStandIn[];
}

/** Whether the plan has Books manual steps the stand-in can do. */
export function hasBooksSteps(plan: Plan): boolean {
  return booksFieldsToMake(plan).length > 0 || booksHooksToMake(plan).length > 0;
}

/**
 * Does the steps. The webhook secret is what the admin's `zlc flow books-token` would print the token from;
 * without one the webhooks are left undone (their token cannot be made).
 */
export async function doBooksStepsOnSandbox(
  endpoint: SandboxEndpoint,
  plan: Plan,
  secret: string | undefined,
): Promise<BooksStandIn> {
  const specs = booksFieldsToMake(plan).map((f) => ({
    module: f.module,
    label: f.label,
    apiName: f.apiName,
    nativeType: f.dataType,
    unique: f.unique,
    ...(f.values === undefined ? {} : { values: f.values.map((v) => ({ actual: v })) }),
  }));
  const fields = await setBooksCustomFields(endpoint, specs);
  const hooks =
    secret === undefined
      ? []
      : booksHooksToMake(plan).map((h) => ({
          name: h.name,
          url: h.url,
          headers: [{ name: h.tokenHeader, value: booksHookToken(secret, h.handoff) }],
        }));
  return { fields, webhooks: await setBooksInvoiceWebhooks(endpoint, hooks) };
}
