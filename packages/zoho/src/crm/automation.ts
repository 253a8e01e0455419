import { collect } from '../collect.js';
import { ZohoNotFoundError } from '../errors/zoho-error.js';
import type { JsonObject } from '../parse.js';
import type { ProductContext } from '../product-context.js';
import type { QueryValue } from '../transport/product-transport.js';
import { listOf } from '../transport/read-body.js';
import { crmPages } from './paging.js';
import { crmResults, crmSingleResult } from './results.js';
import type {
  CrmModule,
  CrmModuleRef,
  CrmRecordResult,
  CrmWatchChannel,
  CrmWebhook,
  CrmWebhookInput,
  CrmWebhookSummary,
  CrmWorkflowRule,
  CrmWorkflowRuleInput,
  CrmWorkflowRuleUpdate,
} from './types.js';

const RULES = '/settings/automation/workflow_rules';
const WEBHOOKS = '/settings/automation/webhooks';
const WATCH = '/actions/watch';

export interface ListWorkflowRulesOptions {
  module?: string;
  /** `include_inner_details=true`: conditions, criteria and actions too (without it the list is summary-level). */
  includeInnerDetails?: boolean;
}

/**
 * CRM workflow rules, webhook actions and notification (watch) channels: `../shared/specs/crm-v8-2026/
 * workflow_rules.yaml` and `webhooks.yaml`, and [C:notifications]. Lists page (≤ 200 a page); a webhook list holds
 * summaries, so the whole webhook is read by id. Creates are POSTs and are not retried after an ambiguous failure:
 * look the rule or webhook up by name first.
 */
export function crmAutomation(ctx: ProductContext) {
  const moduleRef = moduleRefs(ctx);
  return {
    /** The `{api_name, id}` of a module (from `GET /settings/modules`, read once per client). */
    moduleRef,
    ...workflowRules(ctx, moduleRef),
    ...webhooks(ctx, moduleRef),
    ...watchChannels(ctx),
  };
}

type ModuleRefOf = (apiName: string) => Promise<CrmModuleRef>;

/** `GET /settings/modules`, read at most once for this client (one run), for the module ids creates need. */
function moduleRefs(ctx: ProductContext): ModuleRefOf {
  const { transport } = ctx;
  let modules: Promise<CrmModuleRef[]> | undefined;

  async function moduleRef(apiName: string): Promise<CrmModuleRef> {
    modules ??= transport.request({ method: 'GET', path: '/settings/modules' }).then((reply) =>
      listOf<CrmModule>('crm', reply.data, 'modules', ['id', 'api_name']).map((m) => ({
        api_name: m.api_name,
        id: m.id,
      })),
    );
    modules.catch(() => {
      modules = undefined;
    });
    const found = (await modules).find((m) => m.api_name === apiName);
    if (found !== undefined) return { api_name: found.api_name, id: found.id };
    throw new ZohoNotFoundError({
      product: 'crm',
      status: undefined,
      zohoCode: 'INVALID_MODULE',
      details: [{ field: 'module', message: apiName }],
      source: 'user',
      retryable: false,
      delivery: 'not_sent',
      request: 'GET /settings/modules',
      message: `Zoho CRM has no module with the API name ${apiName}; check the module named in the model.`,
    });
  }

  return moduleRef;
}

function workflowRules(ctx: ProductContext, moduleRef: ModuleRefOf) {
  const rules = automationSetting<CrmWorkflowRule, CrmWorkflowRule>(ctx, RULES, 'workflow_rules');
  return {
    /** GET /settings/automation/workflow_rules, every page. */
    listWorkflowRules: (options: ListWorkflowRulesOptions = {}): Promise<CrmWorkflowRule[]> =>
      rules.list({
        module: options.module,
        include_inner_details: options.includeInnerDetails === true ? 'true' : undefined,
      }),

    /** GET /settings/automation/workflow_rules/{id}: the whole rule, or undefined when Zoho answers 204. */
    getWorkflowRule: rules.get,

    /** POST: one rule per request, as Zoho requires; created active. Returns its id. */
    async createWorkflowRule(rule: CrmWorkflowRuleInput): Promise<string> {
      return rules.create({ ...rule, module: await moduleRef(rule.module) });
    },

    /** PUT /settings/automation/workflow_rules/{id}: a partial update; safe to retry. */
    updateWorkflowRule: (id: string, changes: CrmWorkflowRuleUpdate): Promise<void> => rules.update(id, changes),

    deleteWorkflowRule: rules.delete,
  };
}

function webhooks(ctx: ProductContext, moduleRef: ModuleRefOf) {
  const hooks = automationSetting<CrmWebhookSummary, CrmWebhook>(ctx, WEBHOOKS, 'webhooks');
  const webhookBody = async (input: CrmWebhookInput): Promise<Record<string, unknown>> => ({
    ...input,
    module: await moduleRef(input.module),
  });
  return {
    /** GET /settings/automation/webhooks, every page: summaries (no headers, body or authentication). */
    listWebhooks: (options: { module?: string } = {}): Promise<CrmWebhookSummary[]> =>
      hooks.list({ module: options.module }),

    /** GET /settings/automation/webhooks/{id}: the whole webhook, or undefined when Zoho answers 204. */
    getWebhook: hooks.get,

    /** POST /settings/automation/webhooks: one webhook; returns its id. */
    async createWebhook(webhook: CrmWebhookInput): Promise<string> {
      return hooks.create(await webhookBody(webhook));
    },

    /** PUT /settings/automation/webhooks/{id}: replaces the whole webhook (its module stays); safe to retry. */
    async updateWebhook(id: string, webhook: CrmWebhookInput): Promise<void> {
      await hooks.update(id, await webhookBody(webhook));
    },

    deleteWebhook: hooks.delete,
  };
}

/**
 * The calls a kind of automation setting shares (workflow rules, webhooks): a paged list, get, create, update and
 * delete by id, each entry under `key` in bodies and answers.
 */
function automationSetting<Summary extends JsonObject, Whole extends JsonObject>(
  ctx: ProductContext,
  base: string,
  key: string,
) {
  const { transport } = ctx;
  const pathOf = (id: string) => `${base}/${encodeURIComponent(id)}`;
  return {
    list: (query: Record<string, QueryValue>): Promise<Summary[]> =>
      collect(crmPages<Summary>(ctx, { path: base, query, key, required: ['id', 'name'], pageToken: false })),
    async get(id: string): Promise<Whole | undefined> {
      const reply = await transport.request({ method: 'GET', path: pathOf(id) });
      return listOf<Whole>('crm', reply.data, key, ['id', 'name'])[0];
    },
    async create(entry: object): Promise<string> {
      const reply = await transport.request({ method: 'POST', path: base, body: { [key]: [entry] } });
      return crmSingleResult(reply, key, `POST ${base}`).id;
    },
    async update(id: string, entry: object): Promise<void> {
      const path = pathOf(id);
      const reply = await transport.request({ method: 'PUT', path, body: { [key]: [{ ...entry, id }] } });
      crmSingleResult(reply, key, `PUT ${path}`);
    },
    async delete(id: string): Promise<void> {
      const path = pathOf(id);
      const reply = await transport.request({ method: 'DELETE', path });
      crmSingleResult(reply, key, `DELETE ${path}`);
    },
  };
}

/** Notification (watch) channels. */
function watchChannels(ctx: ProductContext) {
  const { transport } = ctx;
  return {
    /** GET /actions/watch: the enabled notification channels. */
    async listWatchChannels(): Promise<CrmWatchChannel[]> {
      const reply = await transport.request({ method: 'GET', path: WATCH });
      return listOf<CrmWatchChannel>('crm', reply.data, 'watch', ['channel_id']);
    },

    /**
     * POST /actions/watch: enables channels. Enabling the same `channel_id` again replaces it, so this is
     * safe to repeat. Channels live at most a day; renew them with this call.
     */
    async enableWatch(channels: Record<string, unknown>[]): Promise<CrmRecordResult[]> {
      const reply = await transport.request({
        method: 'POST',
        path: WATCH,
        body: { watch: channels },
        retrySafe: true,
        perRecordResults: 'watch',
      });
      return crmResults(reply, 'watch');
    },

    /** DELETE /actions/watch?channel_ids=: disables channels. */
    async disableWatch(channelIds: readonly string[]): Promise<CrmRecordResult[]> {
      const reply = await transport.request({
        method: 'DELETE',
        path: WATCH,
        query: { channel_ids: channelIds.join(',') },
      });
      return crmResults(reply, 'watch');
    },
  };
}
