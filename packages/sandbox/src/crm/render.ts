/** Records as the API shows them: every field of the module (or the chosen ones), lookups with current names. */
import type { SandboxContext } from '../core/types.js';
import type { FieldDef, ModuleDef, RecordDoc } from './model.js';
import { fieldList } from './state.js';
import { recordName } from './values.js';

function lookupValue(ctx: SandboxContext, field: FieldDef, doc: RecordDoc, value: unknown): unknown {
  if (field.data_type !== 'lookup' || typeof value !== 'object' || value === null) return value;
  const id = (value as { id?: unknown }).id;
  if (typeof id !== 'string') return value;
  const target =
    field.api_name === 'What_Id' && typeof doc.$se_module === 'string' ? doc.$se_module : field.lookup?.module.api_name;
  const name = target ? recordName(ctx, target, id) : undefined;
  return { id, name: name ?? (value as { name?: unknown }).name ?? null };
}

export interface Renderer {
  render(doc: RecordDoc): Record<string, unknown>;
}

/** `only` = the `fields` query parameter (api names); all fields when undefined. */
export function renderer(ctx: SandboxContext, mod: ModuleDef, only?: string[]): Renderer {
  const fields = fieldList(ctx, mod.api_name);
  const chosen = only ? fields.filter((f) => only.includes(f.api_name)) : fields;
  return {
    render(doc) {
      const out: Record<string, unknown> = {};
      for (const f of chosen) out[f.api_name] = lookupValue(ctx, f, doc, doc[f.api_name] ?? null);
      out.id = doc.id;
      if (typeof doc.$se_module === 'string' && (!only || only.includes('What_Id'))) out.$se_module = doc.$se_module;
      if (!only) {
        out.$currency_symbol = '$';
        out.$editable = true;
        out.$approval_state = 'approved';
      }
      return out;
    },
  };
}

/** `fields=a,b` → api names, or the names that do not exist. */
export function parseFieldsParam(
  ctx: SandboxContext,
  mod: ModuleDef,
  raw: string | null,
): { ok: true; fields: string[] | undefined } | { ok: false; unknown: string } {
  if (raw === null || raw.trim() === '') return { ok: true, fields: undefined };
  const known = new Set(fieldList(ctx, mod.api_name).map((f) => f.api_name));
  const names = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const n of names) if (n !== 'id' && !known.has(n)) return { ok: false, unknown: n };
  return { ok: true, fields: names.filter((n) => n !== 'id') };
}
