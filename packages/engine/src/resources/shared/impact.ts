/**
 * The pieces resource types build their data-impact counts from: one COQL `COUNT` per affected field, the stage
 * entry condition as a WHERE clause, and the values an update takes out of a list attribute.
 */
import type { ResolvedCondition } from '@zlc/model';
import type { Address, PlanAction } from '../../plan-types.js';

export interface ImpactQuery {
  address: Address;
  module: string;
  /** COQL without LIMIT: `select COUNT(id) from Deals where …`. */
  query: string;
  /** Turns the count into the sentence shown in the plan. */
  describe: (count: number) => string;
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
