/** Record writes: create, update (one or many), upsert with duplicate_check_fields, delete. */
import type { Handler, SandboxContext, SandboxRequest, SandboxResponse } from '../core/types.js';
import {
  batchStatus,
  crmError,
  errorResponse,
  invalidBody,
  invalidIdError,
  MESSAGES,
  mandatoryMissing,
  requiredParamMissing,
} from './errors.js';
import type { ModuleDef, RecordDoc } from './model.js';
import { isModule, recordModule } from './module-guard.js';
import { prepareWrite } from './record-write.js';
import { noteStageChanges } from './stage-history.js';
import { currentUser, deletedOf, fieldMap, now, recordsOf } from './state.js';
import { afterWrite, type RecordEvent } from './triggers.js';
import { recordName } from './values.js';

const MAX_RECORDS = 100;

type Item = Record<string, unknown>;

function dataArray(body: unknown): unknown[] | SandboxResponse {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return errorResponse(400, crmError('INVALID_DATA', MESSAGES.invalidData, { expected_data_type: 'jsonobject' }));
  }
  const data = (body as Item).data;
  if (data === undefined || (Array.isArray(data) && data.length === 0)) {
    return errorResponse(400, mandatoryMissing('data', '$.data'));
  }
  if (!Array.isArray(data)) return errorResponse(400, invalidBody('data', '$.data', 'jsonarray'));
  if (data.length > MAX_RECORDS) {
    return errorResponse(
      400,
      crmError('LIMIT_EXCEEDED', 'Record insertion limit has been exceeded.', { limit: MAX_RECORDS }),
    );
  }
  return data;
}

/** Whether workflow rules run: Zoho runs them unless `trigger` is given without `workflow`. */
function workflowsOn(body: unknown): boolean {
  const trigger = typeof body === 'object' && body !== null ? (body as Item).trigger : undefined;
  return !Array.isArray(trigger) || trigger.includes('workflow');
}

function success(doc: RecordDoc, message: string, extra: Item = {}): Item {
  return {
    code: 'SUCCESS',
    details: {
      Modified_Time: doc.Modified_Time,
      Modified_By: doc.Modified_By,
      Created_Time: doc.Created_Time,
      id: doc.id,
      Created_By: doc.Created_By,
    },
    message,
    status: 'success',
    ...extra,
  };
}

function answer(items: Item[], okStatus: number): SandboxResponse {
  const ok = items.filter((i) => i.status === 'success').length;
  return { status: batchStatus(ok, items.length, okStatus), body: { data: items } };
}

/** Runs a batch in one store transaction, then the triggers (which only queue deliveries). */
function writeBatch(
  ctx: SandboxContext,
  mod: ModuleDef,
  body: unknown,
  run: (items: Item[], events: RecordEvent[]) => void,
): Item[] {
  const items: Item[] = [];
  const events: RecordEvent[] = [];
  ctx.store.transaction(() => {
    run(items, events);
    noteStageChanges(ctx, mod, events);
  });
  if (events.length > 0) afterWrite(ctx, mod, events, { workflow: workflowsOn(body) });
  return items;
}

export const createRecords: Handler = (req, ctx) => {
  const mod = recordModule(ctx, req.params.module);
  if (!isModule(mod)) return mod;
  const data = dataArray(req.body);
  if (!Array.isArray(data)) return data;
  const items = writeBatch(ctx, mod, req.body, (out, events) => {
    for (const [i, input] of data.entries()) {
      const r = prepareWrite(ctx, mod, input, i, undefined);
      if (!r.ok) {
        out.push({ ...r.error });
        continue;
      }
      events.push({ operation: 'insert', doc: r.doc, previous: undefined, changed: r.changed });
      recordsOf(ctx, mod.api_name).put(r.doc.id, r.doc);
      out.push(success(r.doc, 'record added'));
    }
  });
  return answer(items, 201);
};

function updateOne(
  ctx: SandboxContext,
  mod: ModuleDef,
  input: unknown,
  i: number,
  id: string | undefined,
): { item: Item; event?: RecordEvent } {
  if (id === undefined) return { item: { ...mandatoryMissing('id', `$.data[${i}].id`) } };
  const existing = recordsOf(ctx, mod.api_name).get(id);
  if (!existing)
    return { item: { ...invalidIdError(id), details: { id, api_name: 'id', json_path: `$.data[${i}].id` } } };
  const r = prepareWrite(ctx, mod, input, i, existing);
  if (!r.ok) return { item: { ...r.error } };
  recordsOf(ctx, mod.api_name).put(r.doc.id, r.doc);
  return {
    item: success(r.doc, 'record updated'),
    event: { operation: 'update', doc: r.doc, previous: existing, changed: r.changed },
  };
}

const idOf = (input: unknown): string | undefined => {
  const id = typeof input === 'object' && input !== null ? (input as Item).id : undefined;
  return typeof id === 'string' && id !== '' ? id : undefined;
};

export const updateRecords: Handler = (req, ctx) => {
  const mod = recordModule(ctx, req.params.module);
  if (!isModule(mod)) return mod;
  const data = dataArray(req.body);
  if (!Array.isArray(data)) return data;
  const items = writeBatch(ctx, mod, req.body, (out, events) => {
    for (const [i, input] of data.entries()) {
      const { item, event } = updateOne(ctx, mod, input, i, idOf(input));
      out.push(item);
      if (event) events.push(event);
    }
  });
  return answer(items, 200);
};

export const updateRecord: Handler = (req, ctx) => {
  const mod = recordModule(ctx, req.params.module);
  if (!isModule(mod)) return mod;
  const data = dataArray(req.body);
  if (!Array.isArray(data)) return data;
  const items = writeBatch(ctx, mod, req.body, (out, events) => {
    const { item, event } = updateOne(ctx, mod, data[0], 0, req.params.id);
    out.push(item);
    if (event) events.push(event);
  });
  return answer(items, 200);
};

/** System duplicate-check fields per module (used when `duplicate_check_fields` is absent). */
const SYSTEM_DUP: Record<string, string[]> = {
  Leads: ['Email'],
  Contacts: ['Email'],
  Accounts: ['Account_Name'],
  Deals: ['Deal_Name'],
  Products: ['Product_Name'],
  Vendors: ['Vendor_Name'],
  Campaigns: ['Campaign_Name'],
  Price_Books: ['Price_Book_Name'],
};

function sameValue(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined || b === null || b === undefined || b === '') return false;
  const key = (v: unknown): string =>
    typeof v === 'object' && v !== null ? String((v as Item).id) : String(v).toLowerCase();
  return key(a) === key(b);
}

/** The record an upsert updates: the one its `id` names, else the first whose duplicate-check field matches. */
function findDuplicate(
  ctx: SandboxContext,
  mod: ModuleDef,
  input: unknown,
  dupFields: string[],
): { match: RecordDoc | undefined; matchedField?: string } {
  const explicit = idOf(input);
  const byId = explicit ? recordsOf(ctx, mod.api_name).get(explicit) : undefined;
  if (byId) return { match: byId };
  const obj = typeof input === 'object' && input !== null ? (input as Item) : {};
  for (const f of dupFields) {
    if (obj[f] === undefined) continue;
    for (const doc of recordsOf(ctx, mod.api_name).values()) {
      if (sameValue(doc[f], obj[f])) return { match: doc, matchedField: f };
    }
  }
  return { match: undefined };
}

export const upsertRecords: Handler = (req, ctx) => {
  const mod = recordModule(ctx, req.params.module);
  if (!isModule(mod)) return mod;
  const data = dataArray(req.body);
  if (!Array.isArray(data)) return data;
  const fields = fieldMap(ctx, mod.api_name);
  const dupRaw = (req.body as Item).duplicate_check_fields;
  let dupFields: string[];
  if (dupRaw === undefined) {
    dupFields = [
      ...(SYSTEM_DUP[mod.api_name] ?? [mod.display_field]),
      ...[...fields.values()].filter((f) => f.unique).map((f) => f.api_name),
    ];
  } else if (!Array.isArray(dupRaw) || !dupRaw.every((f) => typeof f === 'string' && fields.has(f))) {
    return errorResponse(400, invalidBody('duplicate_check_fields', '$.duplicate_check_fields'));
  } else {
    dupFields = dupRaw;
  }
  const items = writeBatch(ctx, mod, req.body, (out, events) => {
    for (const [i, input] of data.entries()) {
      const { match, matchedField } = findDuplicate(ctx, mod, input, dupFields);
      if (match) {
        const { item, event } = updateOne(ctx, mod, input, i, match.id);
        out.push(
          item.status === 'success'
            ? { ...item, action: 'update', ...(matchedField ? { duplicate_field: matchedField } : {}) }
            : item,
        );
        if (event) events.push(event);
        continue;
      }
      const r = prepareWrite(ctx, mod, input, i, undefined);
      if (!r.ok) {
        out.push({ ...r.error });
        continue;
      }
      recordsOf(ctx, mod.api_name).put(r.doc.id, r.doc);
      events.push({ operation: 'insert', doc: r.doc, previous: undefined, changed: r.changed });
      out.push(success(r.doc, 'record added', { action: 'insert' }));
    }
  });
  return answer(items, 200);
};

function deleteOne(ctx: SandboxContext, mod: ModuleDef, id: string): { item: Item; event?: RecordEvent } {
  const doc = recordsOf(ctx, mod.api_name).get(id);
  if (!doc) return { item: { ...invalidIdError(id) } };
  const user = currentUser(ctx);
  recordsOf(ctx, mod.api_name).delete(id);
  deletedOf(ctx, mod.api_name).put(id, {
    id,
    display_name: recordName(ctx, mod.api_name, id) ?? String(doc[mod.display_field] ?? id),
    type: 'recycle',
    deleted_time: now(ctx),
    deleted_by: user,
    created_by: typeof doc.Created_By === 'object' && doc.Created_By !== null ? (doc.Created_By as typeof user) : user,
  });
  return {
    item: { code: 'SUCCESS', details: { id }, message: 'record deleted', status: 'success' },
    event: { operation: 'delete', doc, previous: doc, changed: [] },
  };
}

function deleteMany(ctx: SandboxContext, mod: ModuleDef, ids: string[], req: SandboxRequest): SandboxResponse {
  const items: Item[] = [];
  const events: RecordEvent[] = [];
  ctx.store.transaction(() => {
    for (const id of ids) {
      const { item, event } = deleteOne(ctx, mod, id);
      items.push(item);
      if (event) events.push(event);
    }
  });
  afterWrite(ctx, mod, events, { workflow: req.query.get('wf_trigger') !== 'false' });
  return answer(items, 200);
}

export const deleteRecords: Handler = (req, ctx) => {
  const mod = recordModule(ctx, req.params.module);
  if (!isModule(mod)) return mod;
  const raw = req.query.get('ids');
  if (raw === null || raw.trim() === '') return requiredParamMissing('ids');
  const ids = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (ids.length > MAX_RECORDS)
    return errorResponse(400, crmError('LIMIT_EXCEEDED', 'Record count exceeded', { limit: MAX_RECORDS }));
  return deleteMany(ctx, mod, ids, req);
};

export const deleteRecord: Handler = (req, ctx) => {
  const mod = recordModule(ctx, req.params.module);
  if (!isModule(mod)) return mod;
  return deleteMany(ctx, mod, [req.params.id ?? ''], req);
};
