/**
 * Data impact: what a change does to records already in the org, counted there ("312 Deals in Closed Won have
 * no Billing_Frequency"). `impactQueries(plan, model)` is pure and asks one COQL count per impacted field, only
 * for actions that need one; `countImpacts(clients, queries)` runs them.
 */
import type { ResolvedCondition, ResolvedModel } from '@zlc/model';
import type { ZohoClients } from '@zlc/zoho';
import type { Address, DataImpact, Plan, PlanAction } from './plan-types.js';

export interface ImpactQuery {
  address: Address;
  module: string;
  /** COQL without LIMIT: `select COUNT(id) from Deals where …`. */
  query: string;
  /** Turns the count into the sentence shown in the plan. */
  describe: (count: number) => string;
}

function quote(value: string | number | boolean): string {
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

function and(...parts: (string | undefined)[]): string {
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

export function impactQueries(plan: Plan, model: ResolvedModel): ImpactQuery[] {
  const creating = new Set(plan.actions.filter((a) => a.action === 'create').map((a) => a.address));
  const queries: ImpactQuery[] = [];
  for (const action of plan.actions) {
    const [type, module = '', ...rest] = action.address.split('.');
    if (type === 'crm_field' && action.action === 'create') {
      const apiName = rest.join('.');
      const field = model.customFields.find((f) => f.app === 'crm' && f.module === module && f.apiName === apiName);
      const stage = model.stages
        .filter((s) => s.app === 'crm' && s.module === module && field?.requiredInStages.includes(s.id))
        .sort((a, b) => a.index - b.index)[0];
      if (!stage) continue;
      queries.push({
        address: action.address,
        module,
        query: `select COUNT(id) from ${module} where ${and(coqlWhere(stage.entry, module))}`,
        describe: (n) => `${n} ${module} in ${stage.name} have no ${apiName} (required from ${stage.name} on)`,
      });
    } else if (type === 'crm_layout_required' && action.action === 'create') {
      const apiName = rest[1] ?? '';
      const fresh = creating.has(`crm_field.${module}.${apiName}`);
      queries.push({
        address: action.address,
        module,
        query: `select COUNT(id) from ${module} where ${fresh ? 'id is not null' : `${apiName} is null`}`,
        describe: (n) => `${n} ${module} have no ${apiName}, which becomes mandatory`,
      });
    } else if (type === 'crm_field' && (action.action === 'update' || action.action === 'replace')) {
      const apiName = rest.join('.');
      const gone = removedValues(action, 'picklist');
      if (gone.length === 0) continue;
      queries.push({
        address: action.address,
        module,
        query: `select COUNT(id) from ${module} where ${apiName} in (${gone.map(quote).join(', ')})`,
        describe: (n) =>
          `${n} ${module} use the removed ${apiName} value${gone.length > 1 ? 's' : ''} ${gone.join(', ')}`,
      });
    } else if (type === 'crm_stage_picklist' && action.action === 'update') {
      const gone = removedValues(action, 'values');
      if (gone.length === 0) continue;
      queries.push({
        address: action.address,
        module: 'Deals',
        query: `select COUNT(id) from Deals where Stage in (${gone.map(quote).join(', ')})`,
        describe: (n) => `${n} Deals are in the removed stage${gone.length > 1 ? 's' : ''} ${gone.join(', ')}`,
      });
    } else if (type === 'crm_field' && action.action === 'remove') {
      const apiName = rest.join('.');
      queries.push({
        address: action.address,
        module,
        query: `select COUNT(id) from ${module} where ${apiName} is not null`,
        describe: (n) => `${n} ${module} have a value in ${apiName}, which would be lost`,
      });
    }
  }
  return queries;
}

function countOf(row: Record<string, unknown> | undefined): number {
  if (!row) return 0;
  const value = row['COUNT(id)'] ?? Object.values(row).find((v) => typeof v === 'number');
  return typeof value === 'number' ? value : Number(value ?? 0) || 0;
}

/** Runs the counts concurrently (the CRM budget bounds them); a failed count becomes a warning, not an error. */
export async function countImpacts(
  clients: ZohoClients,
  queries: readonly ImpactQuery[],
): Promise<{ impacts: Record<Address, DataImpact>; warnings: string[] }> {
  const impacts: Record<Address, DataImpact> = {};
  const warnings: string[] = [];
  await Promise.all(
    queries.map(async (q) => {
      try {
        let first: Record<string, unknown> | undefined;
        for await (const row of clients.crm.records.coql(q.query)) {
          first = row;
          break;
        }
        const count = countOf(first);
        impacts[q.address] = { count, message: q.describe(count) };
      } catch (error) {
        warnings.push(`Could not count the data impact of ${q.address}: ${(error as Error).message}`);
      }
    }),
  );
  return { impacts, warnings };
}
