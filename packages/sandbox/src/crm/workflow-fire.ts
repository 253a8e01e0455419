/**
 * Runs active workflow rules after record writes and queues their webhook actions. A rule's conditions are
 * tried in `sequence_number` order and the first whose criteria match runs its instant actions (a condition
 * without criteria matches every record). Edit-type rules fire only when the record starts to match, unless
 * `execute_when.details.repeat` is true, as Zoho's "repeat this workflow" option does.
 */
import type { SandboxContext } from '../core/types.js';
import { type RuleCondition, type RuleCriteria, type WebhookDoc, webhooks, workflowRules } from './automation-model.js';
import { type Comparator, compare } from './compare.js';
import type { FieldDef, ModuleDef, RecordDoc } from './model.js';
import { fieldList } from './state.js';
import type { RecordEvent } from './triggers.js';

const EMPTY = `$${'{'}EMPTY}`;

const COMPARATORS: Record<string, Comparator> = {
  equal: 'equals',
  equals: 'equals',
  not_equal: 'not_equal',
  greater_than: 'greater_than',
  greater_equal: 'greater_equal',
  less_than: 'less_than',
  less_equal: 'less_equal',
  contains: 'contains',
  not_contains: 'not_contains',
  starts_with: 'starts_with',
  ends_with: 'ends_with',
  in: 'in',
  not_in: 'not_in',
  between: 'between',
};

export const SUPPORTED_COMPARATORS: readonly string[] = Object.keys(COMPARATORS);

export function matchRuleCriteria(doc: RecordDoc, c: RuleCriteria | null): boolean {
  if (c === null) return true;
  if ('group' in c) {
    const op = c.group_operator.toLowerCase();
    return op === 'or'
      ? c.group.some((g) => matchRuleCriteria(doc, g))
      : c.group.every((g) => matchRuleCriteria(doc, g));
  }
  const value = c.value === EMPTY ? null : c.value;
  if (c.value === EMPTY && c.comparator === 'equal') return compare(doc[c.field.api_name], 'is_empty', null);
  if (c.value === EMPTY && c.comparator === 'not_equal') return compare(doc[c.field.api_name], 'is_not_empty', null);
  return compare(doc[c.field.api_name], COMPARATORS[c.comparator] ?? 'equals', value);
}

function firstMatching(conditions: RuleCondition[], doc: RecordDoc): RuleCondition | undefined {
  return [...conditions]
    .sort((a, b) => a.sequence_number - b.sequence_number)
    .find((c) => matchRuleCriteria(doc, c.criteria_details.criteria));
}

export function runWorkflowRules(ctx: SandboxContext, mod: ModuleDef, events: RecordEvent[]): void {
  const rules = [...workflowRules(ctx).values()].filter((r) => r.status.active && r.module.api_name === mod.api_name);
  if (rules.length === 0) return;
  const fields = fieldList(ctx, mod.api_name);
  for (const event of events) {
    for (const rule of rules) {
      const type = rule.execute_when.type;
      const applies =
        (event.operation === 'insert' && (type === 'create' || type === 'create_or_edit')) ||
        (event.operation === 'update' && (type === 'edit' || type === 'create_or_edit')) ||
        (event.operation === 'update' &&
          type === 'field_update' &&
          (rule.execute_when.details.fields ?? []).some((f) => event.changed.includes(f.api_name))) ||
        (event.operation === 'delete' && type === 'delete');
      if (!applies) continue;
      const condition = firstMatching(rule.conditions, event.doc);
      if (!condition) continue;
      const repeat = rule.execute_when.details.repeat === true;
      if (event.operation === 'update' && !repeat && type !== 'field_update' && event.previous) {
        const before = firstMatching(rule.conditions, event.previous);
        if (
          before &&
          before.sequence_number === condition.sequence_number &&
          condition.criteria_details.criteria !== null
        )
          continue;
      }
      for (const action of condition.instant_actions.actions) {
        if (action.type !== 'webhooks') continue;
        const hook = webhooks(ctx).get(action.id);
        if (hook)
          ctx.outbound.enqueue({
            product: 'crm',
            source: `workflow_rule:${rule.id}`,
            ...webhookRequest(hook, mod, fields, event.doc),
          });
      }
    }
  }
}

/** `${Deals.Deal Id}`, `${Deals.Deal Name}` (label) or `${Deals.Deal_Name}` (api name) → the record's value. */
export function mergeFields(text: string, mod: ModuleDef, fields: FieldDef[], doc: RecordDoc): string {
  return text.replace(/\$\{([^.}]+)\.([^}]+)\}/g, (whole, moduleName: string, key: string) => {
    if (moduleName !== mod.api_name && moduleName !== mod.plural_label && moduleName !== mod.module_name) return whole;
    const k = key.trim();
    if (
      k === `${mod.singular_label} Id` ||
      k === 'id' ||
      k === 'Id' ||
      k === `${mod.singular_label.replace(/\s+/g, '_')}_Id`
    )
      return doc.id;
    const [head, sub] = k.split('.');
    const field = fields.find((f) => f.field_label === head || f.api_name === head);
    if (!field) return '';
    const v = doc[field.api_name];
    if (v === null || v === undefined) return '';
    if (typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      return String((sub === 'id' ? o.id : o.name) ?? '');
    }
    return Array.isArray(v) ? v.join(';') : String(v);
  });
}

function pairs(list: { name: string; value: string }[], apply: (s: string) => string): [string, string][] {
  return list.map((p) => [p.name, apply(p.value)]);
}

export function webhookRequest(
  hook: WebhookDoc,
  mod: ModuleDef,
  fields: FieldDef[],
  doc: RecordDoc,
): { url: string; method: 'GET' | 'POST'; headers: Record<string, string>; body?: string } {
  const merge = (s: string): string => mergeFields(s, mod, fields, doc);
  const url = new URL(hook.url);
  for (const [k, v] of pairs(
    [...hook.url_parameters.module_parameters, ...hook.url_parameters.custom_parameters],
    merge,
  )) {
    url.searchParams.append(k, v);
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of pairs([...hook.headers.module_parameters, ...hook.headers.custom_parameters], merge))
    headers[k] = v;
  const method = hook.http_method === 'GET' ? 'GET' : 'POST';
  if (method === 'GET' || hook.body.type === 'none') return { url: url.toString(), method, headers };
  if (hook.body.type === 'raw') {
    const rawType = hook.body.raw_data_type ?? 'text';
    const esc = rawType === 'json' ? (s: string) => JSON.stringify(s).slice(1, -1) : (s: string) => s;
    const content = (hook.body.raw_data_content ?? '').replace(/\$\{[^}]+\}/g, (m) => esc(merge(m)));
    headers['content-type'] =
      rawType === 'json'
        ? 'application/json'
        : rawType === 'xml'
          ? 'application/xml'
          : rawType === 'html'
            ? 'text/html'
            : 'text/plain';
    return { url: url.toString(), method, headers, body: content };
  }
  const form = new URLSearchParams(pairs([...hook.body.module_parameters, ...hook.body.custom_parameters], merge));
  headers['content-type'] = 'application/x-www-form-urlencoded';
  return { url: url.toString(), method, headers, body: form.toString() };
}
