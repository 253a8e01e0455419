/**
 * Data impact: what a change does to records already in the org, counted there ("312 Deals in Closed Won have
 * no Billing_Frequency"). `impactQueries(plan, model)` is pure and asks each action's resource type for its counts
 * (`ResourceDef.impacts`); `countImpacts(clients, queries)` runs them.
 */
import type { ResolvedModel } from '@zlc/model';
import type { ZohoClients } from '@zlc/zoho';
import type { Address, DataImpact, Plan } from './plan-types.js';
import { resourceDef } from './resources/index.js';
import type { ImpactQuery } from './resources/shared/impact.js';

export type { ImpactQuery } from './resources/shared/impact.js';
export { coqlWhere, removedValues } from './resources/shared/impact.js';

export function impactQueries(plan: Plan, model: ResolvedModel): ImpactQuery[] {
  const creating = new Set(plan.actions.filter((a) => a.action === 'create').map((a) => a.address));
  return plan.actions.flatMap((action) => resourceDef(action.type).impacts?.(action, { model, creating }) ?? []);
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
