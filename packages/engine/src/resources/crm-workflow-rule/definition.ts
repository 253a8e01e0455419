/** `crm_workflow_rule`: a CRM workflow rule (by name) that calls a handoff's webhook when a record enters a stage. */
import { GATE_PREFIX, type ResolvedCondition } from '@zlc/model';
import type { CrmWebhookSummary, CrmWorkflowRule } from '@zlc/zoho';
import { lazyFingerprint } from '../../fingerprint.js';
import type { RemoteResource, Resource } from '../../plan-types.js';
import { crmWebhookAddress } from '../crm-webhook/definition.js';
import { addressOf, type ResourceDef } from '../resource-def.js';
import { crmHooks, removedNames } from '../shared/handoff-hooks.js';
import { hookName } from '../shared/webhook-secret.js';
import { type CrmWorkflowRuleAttributes, crmWorkflowRuleCodec, type RuleCriteria } from './attributes.js';
import { crmWorkflowRuleExecutor } from './executor.js';
import { remoteRuleAttributes } from './remote.js';

export type { CrmWorkflowRuleAttributes, RuleCriteria } from './attributes.js';

const EMPTY = `\${EMPTY}`;

const COMPARATOR: Record<string, string> = {
  equals: 'equal',
  not_equals: 'not_equal',
  in: 'in',
  not_in: 'not_in',
  greater_than: 'greater_than',
  less_than: 'less_than',
};

/** The stage's entry condition as rule criteria, keeping only tests on the rule's own module. */
export function criteriaOf(condition: ResolvedCondition | undefined, module: string): RuleCriteria | null {
  if (!condition) return null;
  if (condition.kind === 'test') {
    if (condition.field.app !== 'crm' || condition.field.module !== module) return null;
    const field = condition.field.apiName;
    if (condition.operator === 'empty') return { comparator: 'equal', field, value: EMPTY };
    if (condition.operator === 'not_empty') return { comparator: 'not_equal', field, value: EMPTY };
    const value = condition.value;
    return { comparator: COMPARATOR[condition.operator] ?? 'equal', field, value: value === undefined ? null : value };
  }
  const group = condition.conditions.map((c) => criteriaOf(c, module)).filter((c): c is RuleCriteria => c !== null);
  if (group.length === 0) return null;
  if (group.length === 1) return group[0] ?? null;
  return { groupOperator: condition.kind === 'all' ? 'AND' : 'OR', group };
}

export function crmWorkflowRuleAddress(name: string): string {
  return addressOf('crm_workflow_rule', name);
}

export const crmWorkflowRule: ResourceDef = {
  type: 'crm_workflow_rule',
  product: 'crm',
  immutable: ['module'],
  executor: crmWorkflowRuleExecutor,

  desired(model, context): Resource[] {
    if (context.runtimeUrl === undefined) return [];
    return crmHooks(model).map(({ handoff, stage, module }) => {
      const name = hookName(handoff.id);
      const attributes: CrmWorkflowRuleAttributes = {
        name,
        module,
        executeWhen: 'create_or_edit',
        repeat: false,
        criteria: criteriaOf(stage.entry, module),
        webhook: name,
        active: true,
        extras: [],
      };
      return {
        address: crmWorkflowRuleAddress(name),
        type: 'crm_workflow_rule',
        product: 'crm',
        title: `CRM workflow rule ${name}: ${module} enters ${stage.name}${handoff.steps.length === 0 && handoff.id.startsWith(GATE_PREFIX) ? ' (required fields)' : ''}`,
        attributes: crmWorkflowRuleCodec.encode(attributes),
        dependsOn: [crmWebhookAddress(name)],
      };
    });
  },

  /**
   * One paged call for the rules with their conditions (`include_inner_details=true`: without it the list is
   * summary-level), and the webhook list (shared with crm_webhook) to name webhooks an action does not name.
   */
  async read(clients, scope): Promise<RemoteResource[]> {
    const removed = removedNames(scope.model, 'workflow');
    const [rules, hooks] = await Promise.all([
      scope.once<CrmWorkflowRule[]>('crm:workflow_rules', () =>
        clients.crm.listWorkflowRules({ includeInnerDetails: true }),
      ),
      scope.once<CrmWebhookSummary[]>('crm:webhooks', () => clients.crm.listWebhooks()),
    ]);
    const hookNames = new Map(hooks.map((h) => [h.id, h.name]));
    return rules
      .filter((r) => r.name.startsWith('zlc-') || removed.has(r.name))
      .map((r) => ({
        address: crmWorkflowRuleAddress(r.name),
        type: 'crm_workflow_rule' as const,
        product: 'crm' as const,
        title: `CRM workflow rule ${r.name}`,
        attributes: crmWorkflowRuleCodec.encode(remoteRuleAttributes(r, hookNames)),
        dependsOn: [],
        remoteId: r.id,
        fingerprint: lazyFingerprint(() => r),
      }));
  },
};
