/**
 * Data impact: what a change does to records already in the org, counted there ("312 Deals in Closed Won have
 * no Billing_Frequency", "4 Desk accounts have a value in cf_crm_account_id, which the replace would lose").
 * `impactQueries(plan, model)` is pure and asks each action's resource type for its counts (`ResourceDef.impacts`);
 * `countImpacts(clients, queries)` runs them.
 */
import type { ResolvedModel } from '@zlc/model';
import type { ZohoClients } from '@zlc/zoho';
import type { Address, DataImpact, Plan } from './plan-types.js';
import { resourceDef } from './resources/index.js';
import type { ImpactQuery } from './resources/shared/impact.js';
import { webhookIdsCalledBy } from './resources/shared/rule-webhooks.js';

export type { ImpactQuery } from './resources/shared/impact.js';
export { coqlWhere, removedValues } from './resources/shared/impact.js';

export function impactQueries(plan: Plan, model: ResolvedModel): ImpactQuery[] {
  const creating = new Set(plan.actions.filter((a) => a.action === 'create').map((a) => a.address));
  return plan.actions.flatMap((action) => resourceDef(action.type).impacts?.(action, { model, creating }) ?? []);
}

/** What `countImpacts` found: a count per address, and the addresses whose count failed (with why, as warnings). */
export interface CountedImpacts {
  impacts: Record<Address, DataImpact>;
  /** Addresses whose count could not be made: an action that would lose data is then gated as if it did. */
  uncounted: Address[];
  warnings: string[];
}

function countOf(row: Record<string, unknown> | undefined): number {
  if (!row) return 0;
  const value = row['COUNT(id)'] ?? Object.values(row).find((v) => typeof v === 'number');
  return typeof value === 'number' ? value : Number(value ?? 0) || 0;
}

async function countOne(clients: ZohoClients, q: ImpactQuery, rules: () => Promise<unknown[]>): Promise<number> {
  switch (q.kind) {
    case 'coql': {
      for await (const row of clients.crm.records.coql(q.query)) return countOf(row);
      return 0;
    }
    case 'desk_search':
      return clients.desk[q.module].searchCount(q.params);
    case 'crm_rules_calling': {
      const except = new Set(q.except);
      return (await rules()).filter(
        (rule) => !except.has(nameOf(rule)) && webhookIdsCalledBy(rule).includes(q.webhookId),
      ).length;
    }
  }
}

function nameOf(rule: unknown): string {
  return typeof rule === 'object' && rule !== null && typeof (rule as { name?: unknown }).name === 'string'
    ? (rule as { name: string }).name
    : '';
}

/**
 * Runs the counts concurrently (each product's budget bounds them; the rule list is read once for all webhook
 * counts). A failed count becomes a warning and an `uncounted` address, never a guess.
 */
export async function countImpacts(clients: ZohoClients, queries: readonly ImpactQuery[]): Promise<CountedImpacts> {
  const impacts: Record<Address, DataImpact> = {};
  const uncounted: Address[] = [];
  const warnings: string[] = [];
  let ruleList: Promise<unknown[]> | undefined;
  const rules = () => {
    ruleList ??= clients.crm.listWorkflowRules({ includeInnerDetails: true });
    return ruleList;
  };
  await Promise.all(
    queries.map(async (q) => {
      try {
        const count = await countOne(clients, q, rules);
        impacts[q.address] = { count, message: q.describe(count) };
      } catch (error) {
        uncounted.push(q.address);
        warnings.push(`Could not count the data impact of ${q.address}: ${(error as Error).message}`);
      }
    }),
  );
  return { impacts, uncounted: uncounted.sort(), warnings };
}
