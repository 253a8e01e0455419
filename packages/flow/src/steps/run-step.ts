/**
 * One step of a handoff, exactly once: build the payload (pure: lookups were made before and come in as data), find
 * the record an earlier run, a retry or a duplicate delivery may have made (written-back link id,
 * `reference_number`, unique field), update it (documents only while draft) or create it at most once. A step the
 * ledger has no earlier attempt of, whose record only this entry makes (a document keyed by the trigger's own id,
 * nothing written back yet), is created without a look first: `createOnce` still looks after a failure whose outcome
 * is unknown. A customer with a unique custom field is upserted in one call; Zoho's own CRM sync's customer is looked
 * for only when Books refuses the name as taken.
 */
import type { ResolvedField, ResolvedStep } from '@zlc/model';
import { isZohoError, type ZohoClients } from '@zlc/zoho';
import { buildPayload } from '../evaluate/build-payload.js';
import { fieldOf, isEmpty, readSource } from '../evaluate/read-source.js';
import { type EvalScope, isRec, type Rec } from '../evaluate/snapshot.js';
import type { StepRecord } from '../ledger/ledger-types.js';
import { buildContactPersons } from './contact-persons.js';
import { buildLineItems, type ItemLookups, totalDifference } from './line-items.js';
import { markDocumentStatus, type TargetAdapter, targetAdapter } from './targets.js';

export interface StepRun {
  output: Rec;
  record: StepRecord;
}

/** Thrown when a step cannot succeed by retrying (its target record does not exist …). */
export class StepRefusedError extends Error {}

/** The CRM record of the trigger a CRM field lives on (`crm:Accounts.X` → the account). */
export function ownerRecord(field: ResolvedField, scope: EvalScope): Rec | undefined {
  const named = scope.snapshot.named;
  const found =
    field.module === 'Accounts'
      ? named.account
      : field.module === 'Deals'
        ? named.deal
        : field.module === 'Contacts'
          ? named.contact
          : named.record;
  return isRec(found) ? found : undefined;
}

function text(value: unknown): string | undefined {
  if (isEmpty(value)) return undefined;
  if (isRec(value) && typeof value.id === 'string') return value.id;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** The payload for the step's record (with contact persons / line items / due date). Pure. */
function payloadOf(step: ResolvedStep, scope: EvalScope, items: ItemLookups, existing?: Rec): Rec {
  const input = buildPayload(step.app, step.mappings, scope);
  if (step.app === 'books' && step.module === 'contacts') {
    if (input.contact_type === undefined) input.contact_type = 'customer';
    if (step.contactPersons)
      input.contact_persons = buildContactPersons(step.contactPersons, scope, existing?.contact_persons);
    moveToPrimaryPerson(input);
  }
  if (step.lineItems) {
    const lines = buildLineItems(step.lineItems, scope, items);
    input.line_items = lines;
    // The model's `adjust`: the difference to the deal amount is the document's adjustment, so it equals the deal.
    const check =
      step.lineItems.total?.whenDiffers === 'adjust' ? totalDifference(step.lineItems, scope, lines) : undefined;
    if (check !== undefined) {
      input.adjustment = check.difference;
      input.adjustment_description = `Difference to ${step.lineItems.total?.source.path ?? 'the total'}`;
    }
  }
  // An estimate's "due" date is its expiry date (Books estimates have no due_date).
  const dueKey = step.document?.kind === 'estimate' ? 'expiry_date' : 'due_date';
  if (step.document?.dueInDays !== undefined && typeof input.date === 'string' && input[dueKey] === undefined) {
    const due = new Date(`${input.date}T00:00:00Z`);
    if (!Number.isNaN(due.getTime())) {
      due.setUTCDate(due.getUTCDate() + step.document.dueInDays);
      input[dueKey] = due.toISOString().slice(0, 10);
    }
  }
  return input;
}

/**
 * Books contacts take no top-level `email` or `phone` (the contacts OAS has them on contact persons only): they go
 * to the primary contact person when it has none, or to a person of their own.
 */
function moveToPrimaryPerson(input: Rec): void {
  const moved: Rec = {};
  for (const key of ['email', 'phone']) {
    if (input[key] !== undefined) moved[key] = input[key];
    delete input[key];
  }
  if (Object.keys(moved).length === 0) return;
  const persons = Array.isArray(input.contact_persons) ? input.contact_persons.filter(isRec) : [];
  const primary = persons.find((p) => p.is_primary_contact === true) ?? persons[0];
  if (primary === undefined) {
    input.contact_persons = [
      { first_name: String(input.contact_name ?? 'Billing'), ...moved, is_primary_contact: true },
    ];
    return;
  }
  for (const [key, value] of Object.entries(moved)) if (primary[key] === undefined) primary[key] = value;
}

/** A unique custom field the step maps (e.g. `cf_crm_account_id`), to find or upsert by. */
function uniqueMapped(step: ResolvedStep, input: Rec): { key: string; value: string } | undefined {
  for (const m of step.mappings) {
    if (!m.target.unique || !m.target.custom) continue;
    const value = text(fieldOf(input, m.target.apiName));
    if (value !== undefined) return { key: m.target.apiName, value };
  }
  return undefined;
}

/** Does the existing record already hold every value of the payload (so an update would change nothing)? */
function holds(existing: Rec, input: Rec): boolean {
  for (const [key, value] of Object.entries(input)) {
    if (key === 'contact_persons' || key === 'line_items') return false;
    if (key === 'cf' && isRec(value)) {
      if (!isRec(existing.cf)) return false;
      for (const [k, v] of Object.entries(value)) if (String(existing.cf[k] ?? '') !== String(v)) return false;
      continue;
    }
    if (key === 'custom_fields' && Array.isArray(value)) {
      for (const cf of value)
        if (isRec(cf) && String(fieldOf(existing, String(cf.api_name)) ?? '') !== String(cf.value)) return false;
      continue;
    }
    const current = existing[key];
    if (isRec(value) || isRec(current)) {
      if (JSON.stringify(current) !== JSON.stringify(value)) return false;
    } else if (String(current ?? '') !== String(value)) return false;
  }
  return true;
}

async function findExisting(
  adapter: TargetAdapter,
  step: ResolvedStep,
  scope: EvalScope,
  input: Rec,
  known: string | undefined,
): Promise<Rec | undefined> {
  if (known !== undefined) {
    const byKnown = await adapter.get(known);
    if (byKnown !== undefined) return byKnown;
  }
  const match = step.match;
  if (match === undefined) return undefined;
  switch (match.by) {
    case 'link_field': {
      const id = text(fieldOf(ownerRecord(match.field, scope) ?? {}, match.field.apiName));
      return id === undefined ? undefined : adapter.get(id);
    }
    case 'id': {
      const id = text(readSource(match.value, scope));
      if (id === undefined) throw new StepRefusedError(`${step.id}: ${match.value.path} is empty`);
      const found = await adapter.get(id);
      if (found === undefined)
        throw new StepRefusedError(
          `${step.id}: ${step.app}:${step.module} ${id} (from ${match.value.path}) does not exist`,
        );
      return found;
    }
    case 'reference_number': {
      const value = text(readSource(match.value, scope));
      return value === undefined ? undefined : adapter.find('reference_number', value);
    }
    case 'unique_field': {
      const value = text(readSource(match.value, scope)) ?? text(fieldOf(input, match.field.apiName));
      return value === undefined ? undefined : adapter.find(match.field.apiName, value);
    }
    case 'email': {
      const value = text(readSource(match.value, scope));
      return value === undefined ? undefined : adapter.find('email', value);
    }
  }
}

/**
 * A Books customer Zoho's native CRM ↔ Books sync already made for the trigger's account (`zcrm_account_id`), where
 * the org has that sync on: adopted, so the account has one customer, not two.
 */
async function findSynced(adapter: TargetAdapter, step: ResolvedStep, scope: EvalScope): Promise<Rec | undefined> {
  if (adapter.findByCrmAccount === undefined || step.action === 'update') return undefined;
  const account = scope.snapshot.named.account;
  const accountId = isRec(account) ? text(account.id) : undefined;
  return accountId === undefined ? undefined : adapter.findByCrmAccount(accountId);
}

/** The unique value `createOnce` looks up after an ambiguous failure: the same one the step finds by. */
function createLookup(step: ResolvedStep, input: Rec): { key: string; value: string } | undefined {
  if (step.match?.by === 'reference_number' && typeof input.reference_number === 'string')
    return { key: 'reference_number', value: input.reference_number };
  const unique = uniqueMapped(step, input);
  if (unique !== undefined) return unique;
  if (typeof input.email === 'string') return { key: 'email', value: input.email };
  return undefined;
}

/** What a step run knows besides the scope: the ledger's id and whether an earlier attempt was made, the items. */
export interface StepContext {
  /** The id an earlier attempt of this entry recorded. */
  known: string | undefined;
  /** No earlier attempt of this step is in the ledger (the entry never reached it). */
  fresh: boolean;
  items: ItemLookups;
  /** Values the step sets unless its mappings set them (the owner's Desk agent on a Desk account). */
  defaults?: Rec;
}

/**
 * Does only this entry ever make the step's record? A document matched by the trigger record's own id
 * (`reference_number: deal.id`) belongs to that deal's entry alone; when the ledger has no attempt of it and the
 * trigger holds no written-back id, it cannot exist yet.
 */
function onlyThisEntryMakes(step: ResolvedStep, scope: EvalScope): boolean {
  const match = step.match;
  if (match?.by !== 'reference_number') return false;
  const [name, field, ...rest] = match.value.path.split('.');
  const trigger = scope.snapshot.named.record;
  if (field !== 'id' || rest.length > 0 || name === undefined || scope.snapshot.named[name] !== trigger) return false;
  return step.writeBack.every(
    (wb) => text(fieldOf(ownerRecord(wb.field, scope) ?? {}, wb.field.apiName)) === undefined,
  );
}

/** Books' "already exists" (code 3062, the sandbox SPEC's Books errors): here, a customer name Books has taken. */
function nameTaken(error: unknown): boolean {
  return isZohoError(error) && error.product === 'books' && error.zohoCode === '3062';
}

/** The existing record, if any, by the step's match, Zoho's CRM sync, or a unique value (not when upserting). */
async function existingOf(
  adapter: TargetAdapter,
  step: ResolvedStep,
  scope: EvalScope,
  draft: Rec,
  ctx: StepContext,
): Promise<Rec | undefined> {
  if (ctx.fresh && ctx.known === undefined && onlyThisEntryMakes(step, scope)) return undefined;
  const byMatch = await findExisting(adapter, step, scope, draft, ctx.known);
  if (byMatch !== undefined) return byMatch;
  const unique = uniqueMapped(step, draft);
  if (adapter.upsert !== undefined && unique !== undefined) return undefined;
  return (
    (await findSynced(adapter, step, scope)) ??
    (unique === undefined ? undefined : await adapter.find(unique.key, unique.value))
  );
}

/** Creates the step's record: Books' upsert by a unique field in one call, else a create at most once. */
async function createRecord(
  adapter: TargetAdapter,
  step: ResolvedStep,
  scope: EvalScope,
  draft: Rec,
): Promise<{ created: Rec } | { adopted: Rec }> {
  const unique = uniqueMapped(step, draft);
  if (adapter.upsert === undefined || unique === undefined)
    return { created: await adapter.create(draft, createLookup(step, draft)) };
  try {
    return { created: await adapter.upsert(unique.key, unique.value, draft) };
  } catch (error) {
    // The name belongs to a customer without our unique value: the one Zoho's CRM sync made for this account.
    const synced = nameTaken(error) ? await findSynced(adapter, step, scope) : undefined;
    if (synced === undefined) throw error;
    return { adopted: synced };
  }
}

/** The step over a record that exists: left alone, or updated when it lacks some of the payload. */
async function keepOrUpdate(
  adapter: TargetAdapter,
  step: ResolvedStep,
  scope: EvalScope,
  existing: Rec,
  draft: Rec,
  items: ItemLookups,
): Promise<StepRun> {
  const id = text(existing[adapter.idKey]) ?? '';
  const output = { ...existing, [adapter.idKey]: id };
  const ids = { [adapter.idKey]: id };
  if (step.action === 'create') return { output, record: { stepId: step.id, outcome: 'unchanged', ids } };
  if (step.document !== undefined && existing.status !== undefined && existing.status !== 'draft')
    return { output, record: { stepId: step.id, outcome: 'skipped', ids, detail: `${existing.status}, not a draft` } };
  const input = step.contactPersons ? payloadOf(step, scope, items, existing) : draft;
  if (holds(existing, input)) return { output, record: { stepId: step.id, outcome: 'unchanged', ids } };
  await adapter.update(id, input);
  return {
    output: { ...existing, ...input, [adapter.idKey]: id },
    record: { stepId: step.id, outcome: 'updated', ids },
  };
}

export async function runStep(
  clients: ZohoClients,
  step: ResolvedStep,
  scope: EvalScope,
  ctx: StepContext,
): Promise<StepRun> {
  const adapter = targetAdapter(clients, step.app, step.module);
  const draft = { ...ctx.defaults, ...payloadOf(step, scope, ctx.items) };
  const existing = await existingOf(adapter, step, scope, draft, ctx);
  if (existing !== undefined) return keepOrUpdate(adapter, step, scope, existing, draft, ctx.items);
  if (step.action === 'update')
    throw new StepRefusedError(`${step.id}: no ${step.app}:${step.module} record to update`);
  const made = await createRecord(adapter, step, scope, draft);
  if ('adopted' in made) return keepOrUpdate(adapter, step, scope, made.adopted, draft, ctx.items);
  const id = text(made.created[adapter.idKey]);
  if (id === undefined)
    throw new Error(`${step.id}: the created ${step.app}:${step.module} record has no ${adapter.idKey}`);
  if (step.document?.status === 'sent')
    await markDocumentStatus(clients, step.document.kind === 'invoice' ? 'invoices' : 'estimates', id, 'sent');
  return {
    output: { ...draft, ...made.created },
    record: { stepId: step.id, outcome: 'created', ids: { [adapter.idKey]: id } },
  };
}

/** A for_each step: one record per item of the list. */
export async function runEachStep(
  clients: ZohoClients,
  step: ResolvedStep,
  scope: EvalScope,
  known: Record<string, string>,
  lookups: ItemLookups,
): Promise<{ outputs: Rec[]; record: StepRecord }> {
  const forEach = step.forEach;
  const list = forEach === undefined ? [] : readSource(forEach, scope);
  const items = Array.isArray(list) ? list.filter(isRec) : [];
  const outputs: Rec[] = [];
  const ids: Record<string, string> = {};
  let created = 0;
  for (const item of items) {
    const itemKey = typeof item.id === 'string' ? item.id : String(outputs.length);
    const run = await runStep(
      clients,
      step,
      { ...scope, item },
      { known: known[itemKey], fresh: false, items: lookups },
    );
    outputs.push(run.output);
    const id = Object.values(run.record.ids)[0];
    if (id !== undefined) ids[itemKey] = id;
    if (run.record.outcome === 'created') created += 1;
  }
  return {
    outputs,
    record: {
      stepId: step.id,
      outcome: created > 0 ? 'created' : 'found',
      ids,
      detail: `${items.length} record(s), ${created} created`,
    },
  };
}
