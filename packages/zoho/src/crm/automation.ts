import type { ProductContext } from '../product-context.js';
import { listOf } from '../transport/read-body.js';
import { crmResults, crmSingleResult } from './results.js';
import type { CrmRecordResult, CrmWatchChannel, CrmWebhook, CrmWorkflowRule } from './types.js';

const RULES = '/settings/automation/workflow_rules';
const WEBHOOKS = '/settings/automation/webhooks';
const WATCH = '/actions/watch';

/**
 * CRM workflow rules, webhook actions and notification (watch) channels. Facts from the v8 pages cited in
 * ../shared/reference/zoho-api.md §4 (workflow rules have no OAS file) and [C:notifications].
 * Creates are POSTs and are not retried after an ambiguous failure: look the rule or webhook up by name first.
 */
export function crmAutomation(ctx: ProductContext) {
  const { transport } = ctx;
  return {
    /** GET /settings/automation/workflow_rules (optionally for one module). */
    async listWorkflowRules(module?: string): Promise<CrmWorkflowRule[]> {
      const reply = await transport.request({ method: 'GET', path: RULES, query: { module } });
      return listOf<CrmWorkflowRule>('crm', reply.data, 'workflow_rules', ['id', 'name']);
    },

    /** POST: one rule per request, as Zoho requires. Returns its id. */
    async createWorkflowRule(rule: Record<string, unknown>): Promise<string> {
      const reply = await transport.request({ method: 'POST', path: RULES, body: { workflow_rules: [rule] } });
      return crmSingleResult(reply, 'workflow_rules', `POST ${RULES}`).id;
    },

    /** PUT /settings/automation/workflow_rules/{id}; safe to retry. */
    async updateWorkflowRule(id: string, rule: Record<string, unknown>): Promise<void> {
      const path = `${RULES}/${encodeURIComponent(id)}`;
      const reply = await transport.request({ method: 'PUT', path, body: { workflow_rules: [{ ...rule, id }] } });
      crmSingleResult(reply, 'workflow_rules', `PUT ${path}`);
    },

    async deleteWorkflowRule(id: string): Promise<void> {
      const path = `${RULES}/${encodeURIComponent(id)}`;
      const reply = await transport.request({ method: 'DELETE', path });
      crmSingleResult(reply, 'workflow_rules', `DELETE ${path}`);
    },

    /** GET /settings/automation/webhooks. */
    async listWebhooks(): Promise<CrmWebhook[]> {
      const reply = await transport.request({ method: 'GET', path: WEBHOOKS });
      return listOf<CrmWebhook>('crm', reply.data, 'webhooks', ['id', 'name']);
    },

    /** POST /settings/automation/webhooks: returns the new webhook's id. */
    async createWebhook(webhook: Record<string, unknown>): Promise<string> {
      const reply = await transport.request({ method: 'POST', path: WEBHOOKS, body: { webhooks: [webhook] } });
      return crmSingleResult(reply, 'webhooks', `POST ${WEBHOOKS}`).id;
    },

    async updateWebhook(id: string, webhook: Record<string, unknown>): Promise<void> {
      const path = `${WEBHOOKS}/${encodeURIComponent(id)}`;
      const reply = await transport.request({ method: 'PUT', path, body: { webhooks: [{ ...webhook, id }] } });
      crmSingleResult(reply, 'webhooks', `PUT ${path}`);
    },

    async deleteWebhook(id: string): Promise<void> {
      const path = `${WEBHOOKS}/${encodeURIComponent(id)}`;
      const reply = await transport.request({ method: 'DELETE', path });
      crmSingleResult(reply, 'webhooks', `DELETE ${path}`);
    },

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
