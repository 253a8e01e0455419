/** `crm_workflow_rule`: a CRM workflow rule (by name) that calls a handoff's webhook when a record enters a stage. */
import type { ResolvedCondition } from '@zlc/model';
import type { CrmWebhook, CrmWorkflowRule } from '@zlc/zoho';
import { lazyFingerprint } from '../../fingerprint.js';
import type { JsonValue, RemoteResource, Resource } from '../../plan-types.js';
import { crmWebhookAddress } from '../crm-webhook/definition.js';
import { addressOf, isRecord, type ResourceDef, str } from '../resource-def.js';
import { crmHooks, removedNames } from '../shared/handoff-hooks.js';
import { hookName } from '../shared/webhook-secret.js';
import { type CrmWorkflowRuleAttributes, crmWorkflowRuleCodec, type RuleCriteria } from './attributes.js';
import { crmWorkflowRuleExecutor } from './executor.js';

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

function remoteCriteria(raw: unknown): RuleCriteria | null {
  if (!isRecord(raw)) return null;
  if (Array.isArray(raw.group)) {
    const group = raw.group.map(remoteCriteria).filter((c): c is RuleCriteria => c !== null);
    const op = String(raw.group_operator ?? 'AND').toUpperCase() === 'OR' ? 'OR' : 'AND';
    if (group.length === 1) return group[0] ?? null;
    return { groupOperator: op, group };
  }
  const field = isRecord(raw.field) ? str(raw.field.api_name) : str(raw.field);
  const comparator = str(raw.comparator);
  if (field === undefined || comparator === undefined) return null;
  const comparatorName = comparator === 'equals' ? 'equal' : comparator;
  return { comparator: comparatorName, field, value: toJson(raw.value) };
}

function toJson(value: unknown): JsonValue {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value)) as JsonValue;
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
      };
      return {
        address: crmWorkflowRuleAddress(name),
        type: 'crm_workflow_rule',
        product: 'crm',
        title: `CRM workflow rule ${name}: ${module} enters ${stage.name}`,
        attributes: crmWorkflowRuleCodec.encode(attributes),
        dependsOn: [crmWebhookAddress(name)],
      };
    });
  },

  /** One call for the rules, and the webhook list (shared with crm_webhook) to name the rules' webhooks. */
  async read(clients, scope): Promise<RemoteResource[]> {
    const removed = removedNames(scope.model, 'workflow');
    const [rules, hooks] = await Promise.all([
      scope.once<CrmWorkflowRule[]>('crm:workflow_rules', () => clients.crm.listWorkflowRules()),
      scope.once<CrmWebhook[]>('crm:webhooks', () => clients.crm.listWebhooks()),
    ]);
    const hookNames = new Map(hooks.map((h) => [h.id, h.name]));
    return rules
      .filter((r) => r.name.startsWith('zlc-') || removed.has(r.name))
      .map((r) => {
        const first = Array.isArray(r.conditions) ? r.conditions[0] : undefined;
        const criteriaDetails = isRecord(first) ? first.criteria_details : undefined;
        const actions = isRecord(first) && isRecord(first.instant_actions) ? first.instant_actions.actions : [];
        const hook = Array.isArray(actions)
          ? actions.find((a) => isRecord(a) && str(a.type)?.toLowerCase().startsWith('webhook'))
          : undefined;
        const hookId = isRecord(hook) ? str(hook.id) : undefined;
        const attributes: CrmWorkflowRuleAttributes = {
          name: r.name,
          module: str(r.module?.api_name) ?? '',
          executeWhen: r.execute_when?.type ?? '',
          repeat: isRecord(r.execute_when?.details) && r.execute_when.details.repeat === true,
          criteria: isRecord(criteriaDetails) ? remoteCriteria(criteriaDetails.criteria) : null,
          webhook: (hookId !== undefined ? hookNames.get(hookId) : undefined) ?? '',
          active: r.status?.active !== false,
        };
        return {
          address: crmWorkflowRuleAddress(r.name),
          type: 'crm_workflow_rule' as const,
          product: 'crm' as const,
          title: `CRM workflow rule ${r.name}`,
          attributes: crmWorkflowRuleCodec.encode(attributes),
          dependsOn: [],
          remoteId: r.id,
          fingerprint: lazyFingerprint(() => r),
        };
      });
  },
};
