/**
 * One record's create or update: field checks per data type, mandatory fields (field definitions and the
 * layout's `required` flags), unique fields, computed system fields. Pure with respect to the store: it reads,
 * and the caller writes the returned document.
 */
import type { SandboxContext } from '../core/types.js';
import { type CrmError, crmError, invalidBody, MESSAGES, mandatoryMissing } from './errors.js';
import { checkLineItems, LINE_ITEM_FIELDS, lineTotals } from './line-items.js';
import type { FieldDef, ModuleDef, RecordDoc } from './model.js';
import { DEAL_STAGES } from './standard-modules.js';
import { currentUser, fieldMap, findModule, layoutsOf, now, recordsOf } from './state.js';
import { checkValue } from './values.js';

export type WriteResult =
  | { ok: true; doc: RecordDoc; changed: string[]; previous: RecordDoc | undefined }
  | { ok: false; error: CrmError };

const SYSTEM_KEYS = new Set(['id', 'Created_Time', 'Modified_Time', 'Created_By', 'Modified_By', 'Tag']);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** api_names the active (or given) layout marks required, plus the system-mandatory fields. */
export function mandatoryFields(
  ctx: SandboxContext,
  mod: ModuleDef,
  fields: Map<string, FieldDef>,
  layoutId?: string,
): string[] {
  const out = new Set<string>();
  for (const f of fields.values()) if (f.system_mandatory) out.add(f.api_name);
  const layouts = [...layoutsOf(ctx, mod.api_name).values()];
  const layout = layouts.find((l) => l.id === layoutId) ?? layouts.find((l) => l.status === 'active');
  for (const s of layout?.sections ?? []) for (const f of s.fields) if (f.required) out.add(f.api_name);
  return [...out];
}

const isEmpty = (v: unknown): boolean =>
  v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

export function prepareWrite(
  ctx: SandboxContext,
  mod: ModuleDef,
  input: unknown,
  index: number,
  existing: RecordDoc | undefined,
): WriteResult {
  const base = `$.data[${index}]`;
  if (!isObject(input)) return { ok: false, error: invalidBody('data', base, 'jsonobject') };
  const fields = fieldMap(ctx, mod.api_name);
  const values: Record<string, unknown> = {};
  const seModule = typeof input.$se_module === 'string' ? findModule(ctx, input.$se_module)?.api_name : undefined;
  if (input.$se_module !== undefined && seModule === undefined) {
    return { ok: false, error: invalidBody('$se_module', `${base}.$se_module`) };
  }
  for (const [key, raw] of Object.entries(input)) {
    if (SYSTEM_KEYS.has(key) || key.startsWith('$')) continue;
    const field = fields.get(key);
    if (!field || field.read_only) continue; // Zoho ignores unknown and read-only keys in record bodies.
    const checked =
      existing && key === LINE_ITEM_FIELDS[mod.api_name]
        ? checkLineItems(ctx, field, raw, `${base}.${key}`, existing[key] ?? [])
        : checkValue(ctx, field, raw, `${base}.${key}`, key === 'What_Id' ? seModule : undefined);
    if (!checked.ok) return checked;
    values[key] = checked.value;
  }
  const layoutId = isObject(input.Layout) && typeof input.Layout.id === 'string' ? input.Layout.id : undefined;
  const time = now(ctx);
  const user = currentUser(ctx);
  const doc: RecordDoc = existing
    ? { ...existing, ...values, Modified_Time: time, Modified_By: user }
    : {
        Owner: user,
        ...values,
        id: ctx.ids.next('crm'),
        Created_Time: time,
        Modified_Time: time,
        Created_By: user,
        Modified_By: user,
      };
  if (seModule && values.What_Id !== undefined) doc.$se_module = seModule;
  if (mod.api_name === 'Deals') {
    if (isEmpty(doc.Pipeline)) doc.Pipeline = 'Standard (Standard)';
    if (values.Stage !== undefined && values.Probability === undefined) {
      doc.Probability = DEAL_STAGES.find((s) => s.name === doc.Stage)?.probability ?? doc.Probability ?? null;
    }
    const amount = typeof doc.Amount === 'number' ? doc.Amount : null;
    const probability = typeof doc.Probability === 'number' ? doc.Probability : null;
    doc.Expected_Revenue = amount !== null && probability !== null ? (amount * probability) / 100 : null;
  }
  const lineField = LINE_ITEM_FIELDS[mod.api_name];
  const totals = lineField === undefined ? undefined : lineTotals(doc[lineField]);
  if (totals !== undefined) Object.assign(doc, totals);
  if ((mod.api_name === 'Leads' || mod.api_name === 'Contacts') && fields.has('Full_Name')) {
    doc.Full_Name = [doc.First_Name, doc.Last_Name].filter((v) => typeof v === 'string' && v !== '').join(' ');
  }
  for (const api of mandatoryFields(ctx, mod, fields, layoutId)) {
    if (existing ? api in values && isEmpty(values[api]) : isEmpty(doc[api])) {
      return { ok: false, error: mandatoryMissing(api, `${base}.${api}`) };
    }
  }
  const duplicate = findUniqueClash(ctx, mod, fields, doc, values, index);
  if (duplicate) return { ok: false, error: duplicate };
  const changed = Object.keys(values).filter(
    (k) => JSON.stringify(existing?.[k] ?? null) !== JSON.stringify(values[k]),
  );
  return { ok: true, doc, changed, previous: existing };
}

function findUniqueClash(
  ctx: SandboxContext,
  mod: ModuleDef,
  fields: Map<string, FieldDef>,
  doc: RecordDoc,
  values: Record<string, unknown>,
  index: number,
): CrmError | undefined {
  const unique = [...fields.values()].filter(
    (f) => f.unique && values[f.api_name] !== undefined && !isEmpty(values[f.api_name]),
  );
  if (unique.length === 0) return undefined;
  const records = recordsOf(ctx, mod.api_name);
  for (const f of unique) {
    const api = f.api_name;
    // A unique field compares case-insensitively unless `case_sensitive` (fields.yaml `unique`).
    const sensitive = f.unique?.case_sensitive === true;
    const key = (v: unknown) => JSON.stringify(typeof v === 'string' && !sensitive ? v.toLowerCase() : v);
    // Indexed by the field's serialised value: a write costs what it finds, not a scan of the module.
    const holders = records.index(`unique:${api}:${sensitive ? 'cs' : 'ci'}`, (r) =>
      r[api] === undefined || r[api] === null ? [] : [key(r[api])],
    );
    const other = holders.get(key(values[api])).find((r) => r.id !== doc.id);
    if (other !== undefined) return duplicateError(mod, other, api, `$.data[${index}].${api}`);
  }
  return undefined;
}

export function duplicateError(mod: ModuleDef, other: RecordDoc, apiName: string, jsonPath: string): CrmError {
  const owner = isObject(other.Owner) ? other.Owner : { id: null, name: '' };
  return crmError('DUPLICATE_DATA', MESSAGES.duplicate, {
    api_name: apiName,
    json_path: jsonPath,
    duplicate_record: {
      id: other.id,
      module: { api_name: mod.api_name, id: mod.id },
      Owner: { id: owner.id ?? null, name: typeof owner.name === 'string' ? owner.name : '', email: owner.email },
    },
  });
}
