/**
 * One step of a handoff, exactly once: build the payload (pure), find the record an earlier run, a retry or a
 * duplicate delivery may have made (written-back link id, `reference_number`, unique field), update it (documents
 * only while draft) or create it at most once.
 */
import type { ResolvedField, ResolvedStep } from '@zlc/model';
import type { ZohoClients } from '@zlc/zoho';
import { buildPayload } from '../evaluate/build-payload.js';
import { fieldOf, isEmpty, readSource } from '../evaluate/read-source.js';
import { type EvalScope, isRec, type Rec } from '../evaluate/snapshot.js';
import type { StepRecord } from '../ledger/ledger-types.js';
import { buildContactPersons } from './contact-persons.js';
import { buildLineItems } from './line-items.js';
import { type TargetAdapter, targetAdapter } from './targets.js';

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

/** The payload for the step's record (with contact persons / line items / due date). */
async function payloadOf(clients: ZohoClients, step: ResolvedStep, scope: EvalScope, existing?: Rec): Promise<Rec> {
  const input = buildPayload(step.app, step.mappings, scope);
  if (step.app === 'books' && step.module === 'contacts') {
    if (input.contact_type === undefined) input.contact_type = 'customer';
    if (step.contactPersons)
      input.contact_persons = buildContactPersons(step.contactPersons, scope, existing?.contact_persons);
    moveToPrimaryPerson(input);
  }
  if (step.lineItems) input.line_items = await buildLineItems(clients, step.lineItems, scope);
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

export async function runStep(
  clients: ZohoClients,
  step: ResolvedStep,
  scope: EvalScope,
  known: string | undefined,
  /** Values the step sets unless its mappings set them (the owner's Desk agent on a Desk account). */
  defaults: Rec = {},
): Promise<StepRun> {
  const adapter = targetAdapter(clients, step.app, step.module);
  const draft = { ...defaults, ...(await payloadOf(clients, step, scope)) };
  // A record created by a run that died before its write-back is found by the unique value it carries.
  const unique = uniqueMapped(step, draft);
  const existing =
    (await findExisting(adapter, step, scope, draft, known)) ??
    (await findSynced(adapter, step, scope)) ??
    (unique === undefined || adapter.upsert !== undefined ? undefined : await adapter.find(unique.key, unique.value));
  const ids = (record: Rec): Record<string, string> => {
    const id = text(record[adapter.idKey]);
    return id === undefined ? {} : { [adapter.idKey]: id };
  };
  if (existing !== undefined) {
    const id = text(existing[adapter.idKey]) ?? '';
    const output = { ...existing, [adapter.idKey]: id };
    if (step.action === 'create')
      return { output, record: { stepId: step.id, outcome: 'unchanged', ids: ids(output) } };
    if (step.document !== undefined && existing.status !== undefined && existing.status !== 'draft')
      return {
        output,
        record: { stepId: step.id, outcome: 'skipped', ids: ids(output), detail: `${existing.status}, not a draft` },
      };
    const input = step.contactPersons ? await payloadOf(clients, step, scope, existing) : draft;
    if (holds(existing, input)) return { output, record: { stepId: step.id, outcome: 'unchanged', ids: ids(output) } };
    await adapter.update(id, input);
    return {
      output: { ...existing, ...input, [adapter.idKey]: id },
      record: { stepId: step.id, outcome: 'updated', ids: ids(output) },
    };
  }
  if (step.action === 'update')
    throw new StepRefusedError(`${step.id}: no ${step.app}:${step.module} record to update`);
  let created: Rec;
  if (adapter.upsert !== undefined && unique !== undefined) {
    created = await adapter.upsert(unique.key, unique.value, draft);
  } else {
    created = await adapter.create(draft, createLookup(step, draft));
  }
  const id = text(created[adapter.idKey]);
  if (id === undefined)
    throw new Error(`${step.id}: the created ${step.app}:${step.module} record has no ${adapter.idKey}`);
  if (step.document?.status === 'sent') {
    if (step.document.kind === 'invoice') await clients.books.invoices.markStatus(id, 'sent');
    else await clients.books.estimates.markStatus(id, 'sent');
  }
  return {
    output: { ...draft, ...created },
    record: { stepId: step.id, outcome: 'created', ids: { [adapter.idKey]: id } },
  };
}

/** A for_each step: one record per item of the list. */
export async function runEachStep(
  clients: ZohoClients,
  step: ResolvedStep,
  scope: EvalScope,
  known: Record<string, string>,
): Promise<{ outputs: Rec[]; record: StepRecord }> {
  const forEach = step.forEach;
  const list = forEach === undefined ? [] : readSource(forEach, scope);
  const items = Array.isArray(list) ? list.filter(isRec) : [];
  const outputs: Rec[] = [];
  const ids: Record<string, string> = {};
  let created = 0;
  for (const item of items) {
    const itemKey = typeof item.id === 'string' ? item.id : String(outputs.length);
    const run = await runStep(clients, step, { ...scope, item }, known[itemKey]);
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
