/**
 * COQL's `include_meta: ["fields"]` (coql.yaml `executeCOQLQuery`): the answer carries, per selected field of the
 * module, its metadata in the shape of the document's `CoqlFieldSchema` and its SuccessResponseWithFieldsMeta
 * example. The only value `include_meta` takes is `fields`.
 */
import type { SandboxContext, SandboxResponse } from '../core/types.js';
import { coqlErrors } from './coql-errors.js';
import type { Column } from './coql-parse.js';
import { layoutRefs } from './fields.js';
import type { FieldDef, ModuleDef } from './model.js';
import { fieldMap, layoutsOf } from './state.js';

/** The request's `include_meta`, checked against its schema (an array of one item, `fields`). */
export function includeMetaProblem(raw: unknown): SandboxResponse | undefined {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw)) return coqlErrors.includeMeta(undefined, 'jsonarray');
  if (raw.length === 0) return coqlErrors.includeMeta(0, undefined);
  for (const [i, item] of raw.entries()) {
    if (typeof item !== 'string') return coqlErrors.includeMeta(i, 'text');
    if (item !== 'fields' || i > 0) return coqlErrors.includeMeta(i, undefined);
  }
  return undefined;
}

function required(ctx: SandboxContext, mod: ModuleDef, f: FieldDef): boolean {
  if (f.system_mandatory) return true;
  for (const l of layoutsOf(ctx, mod.api_name).values())
    for (const s of l.sections) if (s.fields.some((x) => x.id === f.id && x.required)) return true;
  return false;
}

function fieldMeta(ctx: SandboxContext, mod: ModuleDef, f: FieldDef): Record<string, unknown> {
  const writable = !f.read_only;
  const column = f.api_name.toUpperCase();
  return {
    id: f.id,
    api_name: f.api_name,
    field_label: f.field_label,
    display_label: f.display_label,
    data_type: f.data_type,
    json_type: f.json_type,
    length: f.length,
    decimal_place: f.decimal_place,
    custom_field: f.custom_field,
    system_mandatory: f.system_mandatory,
    required: required(ctx, mod, f),
    read_only: f.read_only,
    field_read_only: f.field_read_only,
    visible: f.visible,
    quick_sequence_number: String(f.sequence_number),
    created_time: f.created_time,
    modified_time: f.modified_time,
    created_source: f.custom_field ? 'crm' : 'default',
    generated_type: f.custom_field ? 2 : 1,
    type: 'used',
    table_name: `Crm${mod.singular_label.replace(/\W/g, '')}Details`,
    column_name: column,
    lucene_colname: column,
    webhook: true,
    filterable: true,
    searchable: true,
    sortable: f.data_type !== 'multiselectpicklist' && f.data_type !== 'textarea',
    public: false,
    separator: false,
    virtual_field: false,
    display_field: false,
    enable_colour_code: false,
    colour_code_enabled_by_system: false,
    history_tracking_enabled: false,
    pick_list_values_sorted_lexically: false,
    display_type: -1,
    ui_type: 1,
    operation_type: { web_update: writable, api_create: writable, web_create: writable, api_update: writable },
    view_type: { view: true, edit: writable, quick_create: f.system_mandatory, create: writable },
    email_parser: { fields_update_supported: false, record_operations_supported: true },
    pick_list_values: (f.pick_list_values ?? []).map((v) => ({
      id: v.id,
      display_value: v.display_value,
      // Required by CoqlFieldSchema; its example derives it from the display value ("Option 1" → "option_1").
      reference_value: v.display_value.toLowerCase().replace(/[^a-z0-9]+/g, '_'),
      actual_value: v.actual_value,
      sequence_number: v.sequence_number,
      type: v.type,
    })),
    layout_associations: layoutRefs(ctx, mod, f.id),
    unique: f.unique ? { case_sensitive: f.unique.case_sensitive } : {},
    lookup: f.lookup
      ? { api_name: f.lookup.api_name, display_label: f.lookup.display_label, module: f.lookup.module }
      : {},
    default_value: f.default_value ?? null,
    tooltip: f.tooltip ?? null,
    currency: {},
    formula: {},
    auto_number: {},
    rollup_summary: {},
    multi_module_lookup: {},
    multiselectlookup: {},
    convert_mapping: {},
    association_details: null,
    refer_from_field: null,
    external: null,
    range: null,
  };
}

/** `fields` of the answer: the metadata of each selected field of the module itself (not lookup paths). */
export function fieldsMeta(ctx: SandboxContext, mod: ModuleDef, columns: readonly Column[]): Record<string, unknown> {
  const defs = fieldMap(ctx, mod.api_name);
  const out: Record<string, unknown> = {};
  for (const c of columns) {
    const f = c.aggregate ? undefined : defs.get(c.path);
    if (f !== undefined) out[f.api_name] = fieldMeta(ctx, mod, f);
  }
  return out;
}
