/**
 * `crm_webhook` → `POST/PUT/DELETE /settings/automation/webhooks` (see `CrmWebhookAttributes`). The plan holds only a
 * reference to the shared secret; the value comes from the executor context (the environment) and goes only into
 * the request. An update replaces the whole webhook, as Zoho's update does.
 */
import { type CrmWebhookInput, createOnce } from '@zlc/zoho';
import type { Attributes } from '../../plan-types.js';
import { type Executor, type ExecutorContext, removeUnlessGone } from '../executor.js';
import { crmWebhookCodec } from './attributes.js';

const METHODS: readonly CrmWebhookInput['http_method'][] = ['POST', 'GET', 'PUT', 'DELETE'];

function methodOf(value: string): CrmWebhookInput['http_method'] {
  const method = METHODS.find((m) => m === value);
  if (method === undefined)
    throw new Error(`internal: crm_webhook httpMethod ${value} is not an HTTP method Zoho takes`);
  return method;
}

const FEATURES: readonly CrmWebhookInput['feature_type'][] = [
  'workflow',
  'approval_process',
  'blueprint_transition',
  'blueprint_state',
  'assignment_rules',
];

function featureOf(value: string): CrmWebhookInput['feature_type'] {
  const feature = FEATURES.find((f) => f === value);
  if (feature === undefined) throw new Error(`internal: crm_webhook featureType ${value} is not one zlc writes`);
  return feature;
}

/** The webhook as Zoho's create and update take it, secret included. */
export function crmWebhookInput(a: Attributes, ctx: ExecutorContext): CrmWebhookInput {
  const hook = crmWebhookCodec.decode(a);
  const secret = ctx.webhookSecret;
  // zlc's webhooks need no Zoho connection: the runtime checks the secret header instead.
  if (hook.authentication !== 'general') throw new Error(`internal: crm_webhook authentication ${hook.authentication}`);
  return {
    name: hook.name,
    url: hook.url,
    http_method: methodOf(hook.httpMethod),
    module: hook.module,
    authentication: { type: 'general' },
    feature_type: featureOf(hook.featureType),
    headers: {
      module_parameters: [],
      custom_parameters: secret === undefined ? [] : [{ name: hook.secretHeader, value: secret }],
    },
    body: {
      type: 'form_data',
      format: null,
      form_data_content: { module_parameters: hook.moduleParameters, custom_parameters: hook.customParameters },
    },
  };
}

export const crmWebhookExecutor: Executor = {
  async create(action, ctx) {
    const { name } = crmWebhookCodec.decode(action.after);
    const input = crmWebhookInput(action.after, ctx);
    const created = await createOnce<{ id: string }>({
      product: 'crm',
      what: `CRM webhook ${name}`,
      create: async () => ({ id: await ctx.clients.crm.createWebhook(input) }),
      lookup: async () => (await ctx.clients.crm.listWebhooks()).find((h) => h.name === name),
      adoptExisting: true,
      clock: ctx.clock,
      onEvent: ctx.onZohoEvent,
    });
    return created.id;
  },
  async update(action, ctx) {
    await ctx.clients.crm.updateWebhook(action.remoteId, crmWebhookInput(action.after, ctx));
  },
  async remove(action, ctx) {
    // Zoho answers an unknown id with 400, not 404: read it first, so a webhook already gone counts as removed.
    await removeUnlessGone(async () => {
      if ((await ctx.clients.crm.getWebhook(action.remoteId)) !== undefined)
        await ctx.clients.crm.deleteWebhook(action.remoteId);
    });
  },
};
