/**
 * The admin's manual step for a Books invoice webhook, done on a sandbox as Books' settings screen would: the
 * webhook (Settings → Workflow Actions → Webhooks; made through `POST /settings/webhooks`, the documented create
 * call, which takes the same settings) and the workflow rule that sends it (Settings → Workflow Rules; the
 * sandbox's stand-in `POST /__sandbox/workflowrules`). A webhook already there under its name is edited to the spec
 * (`PUT /__sandbox/webhooks/{id}`, the stand-in for editing it in that screen); its rule is left as it is.
 */
import { accessToken, type SandboxEndpoint } from './admin-books.js';

/** One invoice webhook and its rule, as the plan's manual step names them. */
export interface BooksInvoiceHookSpec {
  /** The webhook's and the rule's name (`zlc-<handoff>`). */
  name: string;
  url: string;
  /** Custom headers, e.g. the handoff's token. */
  headers: readonly { name: string; value: string }[];
}

export type BooksHookStandIn = { name: string; done: 'created' | 'edited' };

async function call(endpoint: SandboxEndpoint, token: string, method: string, path: string, body?: unknown) {
  const answer = await fetch(`${endpoint.apiUrl}/books/v3${path}?organization_id=${endpoint.booksOrganizationId}`, {
    method,
    headers: { authorization: `Zoho-oauthtoken ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const parsed = (await answer.json()) as Record<string, unknown>;
  if (answer.status >= 300) throw new Error(`Books ${method} ${path}: HTTP ${answer.status} ${JSON.stringify(parsed)}`);
  return parsed;
}

export async function setBooksInvoiceWebhooks(
  endpoint: SandboxEndpoint,
  hooks: readonly BooksInvoiceHookSpec[],
): Promise<BooksHookStandIn[]> {
  if (hooks.length === 0) return [];
  const token = await accessToken(endpoint);
  const listed = await call(endpoint, token, 'GET', '/settings/webhooks');
  const ids = new Map(
    (listed.webhooks as { webhook_name: string; webhook_id: string }[]).map((w) => [w.webhook_name, w.webhook_id]),
  );
  const done: BooksHookStandIn[] = [];
  for (const hook of hooks) {
    const body = {
      webhook_name: hook.name,
      entity: 'invoice',
      method: 'POST',
      url: hook.url,
      headers: hook.headers.map((h) => ({ param_name: h.name, param_value: h.value })),
    };
    const existing = ids.get(hook.name);
    if (existing !== undefined) {
      await call(endpoint, token, 'PUT', `/__sandbox/webhooks/${existing}`, body);
      done.push({ name: hook.name, done: 'edited' });
      continue;
    }
    const created = await call(endpoint, token, 'POST', '/settings/webhooks', body);
    const webhookId = (created.webhook as { webhook_id: string }).webhook_id;
    await call(endpoint, token, 'POST', '/__sandbox/workflowrules', {
      workflow_name: hook.name,
      entity: 'invoice',
      action_type: 'edited',
      webhook_id: webhookId,
    });
    done.push({ name: hook.name, done: 'created' });
  }
  return done;
}
