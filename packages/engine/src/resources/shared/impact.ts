/**
 * The pieces resource types build their data-impact counts from: one COQL `COUNT` per affected field, the stage
 * entry condition as a WHERE clause, and the values an update takes out of a list attribute.
 */
import type { ResolvedCondition } from '@zlc/model';
import type { Address, PlanAction } from '../../plan-types.js';

/**
 * One count of what an action affects, asked of the org at plan time. CRM records are counted with a COQL
 * `COUNT`; Desk records with a search's `count` (Search.json answers `{data, count}`); the workflow rules that call
 * a webhook from the org's rule list. An impact on an update, replace or remove counts data the action would lose
 * (`withImpacts` gates it behind `--allow-data-loss`); one on a create only informs.
 */
export type ImpactQuery = CoqlCount | DeskSearchCount | RulesCallingCount;

interface CountBase {
  address: Address;
  /** Turns the count into the sentence shown in the plan. */
  describe: (count: number) => string;
}

export interface CoqlCount extends CountBase {
  kind: 'coql';
  module: string;
  /** COQL without LIMIT: `select COUNT(id) from Deals where …`. */
  query: string;
}

/** Desk modules with a search API (Search.json): accounts, contacts, tickets. */
export type DeskSearchModule = 'accounts' | 'contacts' | 'tickets';

export interface DeskSearchCount extends CountBase {
  kind: 'desk_search';
  module: DeskSearchModule;
  /** Search parameters, e.g. `{customField1: 'cf_x:${notempty}'}`. */
  params: Record<string, string>;
}

/** The CRM workflow rules that call the webhook `webhookId`, other than the rules named in `except`. */
export interface RulesCallingCount extends CountBase {
  kind: 'crm_rules_calling';
  webhookId: string;
  except: string[];
}

export function isDeskSearchModule(module: string): module is DeskSearchModule {
  return module === 'accounts' || module === 'contacts' || module === 'tickets';
}

// biome-ignore lint/suspicious/noTemplateCurlyInString: Desk's literal "not empty" search token (Search.json)
const DESK_NOT_EMPTY = '${notempty}';

/**
 * A Desk custom-field search term (Search.json `customFieldN`: `api_name:value`, values comma-separated). Desk
 * splits alternatives on commas and has no escape for one, so a value holding a comma cannot be searched exactly.
 */
export function deskCustomFieldTerm(apiName: string, values: readonly string[] | 'not_empty'): string {
  return `${apiName}:${values === 'not_empty' ? DESK_NOT_EMPTY : values.join(',')}`;
}

export function quote(value: string | number | boolean): string {
  return typeof value === 'string' ? `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : String(value);
}

/** The stage's entry condition as a COQL WHERE clause over its own module (other modules' tests are dropped). */
export function coqlWhere(condition: ResolvedCondition | undefined, module: string): string | undefined {
  if (!condition) return undefined;
  if (condition.kind !== 'test') {
    const parts = condition.conditions.map((c) => coqlWhere(c, module)).filter((p): p is string => p !== undefined);
    if (parts.length === 0) return undefined;
    if (parts.length === 1) return parts[0];
    return `(${parts.join(condition.kind === 'all' ? ' and ' : ' or ')})`;
  }
  const { field, operator, value } = condition;
  if (field.app !== 'crm' || field.module !== module) return undefined;
  const f = field.apiName;
  const list = (v: unknown) => (Array.isArray(v) ? v : [v]).map((x) => quote(x as string | number)).join(', ');
  switch (operator) {
    case 'equals':
      return value === undefined || Array.isArray(value) ? undefined : `${f} = ${quote(value)}`;
    case 'not_equals':
      return value === undefined || Array.isArray(value) ? undefined : `${f} != ${quote(value)}`;
    case 'in':
      return `${f} in (${list(value)})`;
    case 'not_in':
      return `${f} not in (${list(value)})`;
    case 'greater_than':
      return typeof value === 'number' ? `${f} > ${value}` : undefined;
    case 'less_than':
      return typeof value === 'number' ? `${f} < ${value}` : undefined;
    case 'empty':
      return `${f} is null`;
    case 'not_empty':
      return `${f} is not null`;
  }
}

/** `a and b`, dropping absent parts; nothing left matches every record. */
export function and(...parts: (string | undefined)[]): string {
  const kept = parts.filter((p): p is string => p !== undefined);
  return kept.length === 0 ? 'id is not null' : kept.join(' and ');
}

/**
 * The values of the list attribute at `path` that an update takes out: from a whole-list change (`picklist`) or
 * from keyed changes with nothing after (`values/Closed Lost`). The impact counts the records using them, and
 * apply deletes exactly these.
 */
export function removedValues(action: PlanAction, path: string): string[] {
  if (action.action !== 'update' && action.action !== 'replace') return [];
  const out: string[] = [];
  for (const c of action.changes) {
    if (c.path === path && Array.isArray(c.before)) {
      const after = new Set(Array.isArray(c.after) ? c.after.map(String) : []);
      out.push(...c.before.map(String).filter((v) => !after.has(v)));
    }
    if (c.path.startsWith(`${path}/`) && c.after === undefined && c.before !== undefined && c.path !== `${path}/order`)
      out.push(c.path.slice(path.length + 1));
  }
  return out;
}

/** The part of an address after the type: `crm_field.Deals.Budget` → `['Deals', 'Budget']`. */
export function keyParts(address: Address): string[] {
  return address.split('.').slice(1);
}
