/**
 * What a stage gate finds missing on a record: its required fields read from the record itself or, for another
 * module's field, from the record its lookup points at (a deal's account). Records the run already holds are used
 * as they are; the others are read once each.
 */
import { gateFieldLabel, type ResolvedGate } from '@zlc/model';
import type { ZohoClients } from '@zlc/zoho';
import { isEmpty } from '../evaluate/read-source.js';
import { isRec, type Rec } from '../evaluate/snapshot.js';

function idOf(value: unknown): string | undefined {
  if (isRec(value) && typeof value.id === 'string') return value.id;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The records the gate's lookups point at, by lookup api name (undefined: the lookup is empty or the record gone). */
export async function gateRecords(
  clients: ZohoClients,
  gate: ResolvedGate,
  trigger: Rec,
  known: ReadonlyMap<string, Rec> = new Map(),
): Promise<Map<string, Rec | undefined>> {
  const out = new Map<string, Rec | undefined>();
  const reads: Promise<void>[] = [];
  for (const { field, via } of gate.fields) {
    if (via === undefined || out.has(via.apiName)) continue;
    const id = idOf(trigger[via.apiName]);
    out.set(via.apiName, id === undefined ? undefined : known.get(id));
    if (id === undefined || known.has(id)) continue;
    reads.push(
      clients.crm.records.get(field.module, id).then((record) => {
        out.set(via.apiName, record);
      }),
    );
  }
  await Promise.all(reads);
  return out;
}

/** The labels of the gate's fields that are empty, in model order. Pure. */
export function missingGateFields(gate: ResolvedGate, trigger: Rec, related: ReadonlyMap<string, Rec | undefined>) {
  const missing: string[] = [];
  for (const entry of gate.fields) {
    const holder = entry.via === undefined ? trigger : related.get(entry.via.apiName);
    if (holder === undefined || isEmpty(holder[entry.field.apiName])) missing.push(gateFieldLabel(entry));
  }
  return missing;
}

/** Records a handoff run already read, by id (its named sources and lookups), for `gateRecords`. */
export function knownRecords(values: Iterable<unknown>): Map<string, Rec> {
  const known = new Map<string, Rec>();
  for (const value of values) if (isRec(value) && typeof value.id === 'string') known.set(value.id, value);
  return known;
}

/** The labels a record still lacks for its stage's gate (empty: the handoffs may run), reusing records already read. */
export async function gateShortfall(
  clients: ZohoClients,
  gate: ResolvedGate,
  trigger: Rec,
  known: ReadonlyMap<string, Rec>,
): Promise<string[]> {
  return missingGateFields(gate, trigger, await gateRecords(clients, gate, trigger, known));
}
