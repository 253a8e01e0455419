/**
 * `on_missing: revert`: the deal goes back to the stage it came from — the stage-history row it left for the gated
 * stage (`Moved_To__s` = the current stage; CRM lists the rows newest first) — by setting its `Stage`.
 */
import type { ResolvedGate } from '@zlc/model';
import type { ZohoClients } from '@zlc/zoho';
import type { Rec } from '../evaluate/snapshot.js';

/** The stage the deal was in before its current one, or undefined when its history shows none. */
export async function previousStage(
  clients: ZohoClients,
  dealId: string,
  current: string,
): Promise<string | undefined> {
  for await (const row of clients.crm.records.dealStageHistory(dealId, ['Stage', 'Moved_To__s'])) {
    if (row.Moved_To__s === current && typeof row.Stage === 'string' && row.Stage !== current) return row.Stage;
  }
  return undefined;
}

/** Where a revert would move the record: the field and value, or undefined when there is nowhere to go. */
export async function revertTarget(
  clients: ZohoClients,
  gate: ResolvedGate,
  trigger: Rec,
): Promise<{ field: string; value: string } | undefined> {
  const field = gate.revertField;
  const current = field === undefined ? undefined : trigger[field.apiName];
  if (field === undefined || typeof current !== 'string') return undefined;
  const value = await previousStage(clients, String(trigger.id), current);
  return value === undefined ? undefined : { field: field.apiName, value };
}
