/** `/settings/layouts` (layouts.json): sections and per-field `required` flags, which record writes enforce. */
import { JsonBody, withJsonList } from '../core/json-body.js';
import type { Handler, SandboxContext, SandboxResponse } from '../core/types.js';
import { type CrmError, crmError, invalidBody, MESSAGES } from './errors.js';
import { fieldJson } from './field-defs.js';
import type { FieldDef, LayoutDef, ModuleDef } from './model.js';
import { isModule, moduleParam } from './module-guard.js';
import { layoutFillers } from './oas-fillers.js';
import { type ItemResult, isObj, itemsAnswer, itemsOf, type Obj, str, succeeded } from './settings-body.js';
import { currentUser, fieldMap, layoutsOf, now, profiles } from './state.js';

/** The field's own JSON with the layout's keys set on it (in place: spreading a ~90-key object is slow). */
function layoutField(f: FieldDef, required: boolean, sequence: number, layout: LayoutDef): Record<string, unknown> {
  const json = fieldJson(f, [{ id: layout.id, name: layout.name, api_name: layout.api_name }]);
  json.required = required;
  json.sequence_number = sequence;
  json.section_id = null;
  json.validation_rule = null;
  json.default_value = null;
  json.static_values = [];
  json._delete = { permanent: null };
  return json;
}

/** The layout's own keys, without its sections. */
function layoutHead(ctx: SandboxContext, l: LayoutDef): Record<string, unknown> {
  const user = currentUser(ctx);
  return {
    id: l.id,
    name: l.name,
    api_name: l.api_name,
    display_label: l.display_label,
    status: l.status,
    visible: true,
    source: 'crm',
    mode: null,
    display_type: -1,
    generated_type: 'default',
    has_more_profiles: false,
    show_business_card: false,
    created_time: l.created_time,
    modified_time: l.modified_time,
    created_by: user,
    modified_by: user,
    ...layoutFillers(),
    actions_allowed: {
      edit: true,
      rename: true,
      clone: true,
      downgrade: true,
      delete: false,
      deactivate: false,
      set_layout_permissions: true,
    },
    profiles: [...profiles(ctx).values()].map((p) => ({
      name: p.name,
      id: p.id,
      default: true,
      _default_view: { name: null, id: null, type: null },
    })),
  };
}

type SectionDef = LayoutDef['sections'][number];

/** A section's own keys, without its fields. */
function sectionHead(s: SectionDef): Record<string, unknown> {
  return {
    id: s.id,
    name: s.name,
    display_label: s.display_label,
    api_name: s.api_name,
    sequence_number: s.sequence_number,
    column_count: s.column_count,
    tab_traversal: 'left_to_right',
    isSubformSection: false,
    generated_type: 'default',
    type: 'used',
    properties: { reorder_rows: null, maximum_rows: null, tooltip: { name: 'Info Icon', value: '' } },
    _delete: { permanent: null },
  };
}

/** A section's fields that still exist, with their layout flags and 1-based positions. */
function sectionFields<T>(
  s: SectionDef,
  fields: Map<string, FieldDef>,
  f: (field: FieldDef, required: boolean, sequence: number) => T,
): T[] {
  return s.fields.flatMap((lf, i) => {
    const field = fields.get(lf.api_name);
    return field ? [f(field, lf.required || field.system_mandatory, i + 1)] : [];
  });
}

export function layoutJson(ctx: SandboxContext, mod: ModuleDef, l: LayoutDef): Record<string, unknown> {
  const fields = fieldMap(ctx, mod.api_name);
  return {
    ...layoutHead(ctx, l),
    sections: l.sections.map((s) => ({
      ...sectionHead(s),
      fields: sectionFields(s, fields, (f, required, sequence) => layoutField(f, required, sequence, l)),
    })),
  };
}

/**
 * `layoutJson` as JSON text, each field's part serialised once per change of the field (or of its flag, position
 * or layout): after a field create the answer is assembled again, not serialised again.
 */
function layoutText(ctx: SandboxContext, mod: ModuleDef, l: LayoutDef, fields: Map<string, FieldDef>): string {
  const sections = l.sections.map((s) =>
    withJsonList(
      sectionHead(s),
      'fields',
      sectionFields(s, fields, (f, required, sequence) =>
        ctx.store.memoDoc(
          `crm:fields:${mod.api_name}`,
          f.id,
          `layout|${l.id}/${l.name}/${l.api_name}|${required}|${sequence}`,
          () => JSON.stringify(layoutField(f, required, sequence, l)),
        ),
      ),
    ),
  );
  return withJsonList(layoutHead(ctx, l), 'sections', sections);
}

/** The collections a module's layouts answer is built from (its layouts and fields; the acting user; profiles). */
const layoutSources = (moduleApi: string): string[] => [
  `crm:layouts:${moduleApi}`,
  `crm:fields:${moduleApi}`,
  'crm:users',
  'crm:profiles',
];

export const listLayouts: Handler = (req, ctx) => {
  const mod = moduleParam(ctx, req.query);
  if (!isModule(mod)) return mod;
  // Built once per change of what it shows: on the large org the answer is ~0.5 MB a module.
  return ctx.store.memo(`crm:listLayouts:${mod.api_name}`, layoutSources(mod.api_name), (): SandboxResponse => {
    const list = [...layoutsOf(ctx, mod.api_name).values()];
    if (list.length === 0) return { status: 204 };
    const fields = fieldMap(ctx, mod.api_name);
    const parts = list.map((l) => layoutText(ctx, mod, l, fields));
    return { status: 200, body: JsonBody.ofText(withJsonList({}, 'layouts', parts)) };
  });
};

export const getLayout: Handler = (req, ctx) => {
  const mod = moduleParam(ctx, req.query);
  if (!isModule(mod)) return mod;
  const l = layoutsOf(ctx, mod.api_name).get(req.params.id ?? '');
  return l ? { status: 200, body: { layouts: [layoutJson(ctx, mod, l)] } } : { status: 204 };
};

/** Updates sections: each listed field gets its `required` flag, is added to the section, or leaves it (`_delete`). */
function updateLayout(ctx: SandboxContext, mod: ModuleDef, item: Obj, i: number, id: string | undefined): ItemResult {
  const result = applyLayoutUpdate(ctx, mod, item, i, id);
  return result.ok ? result : { ok: false, error: layoutError(result.error) };
}

/** Layout errors carry Zoho's `message`/`info_message` inside `details` (layouts.json), and "invalid data" outside. */
function layoutError(e: CrmError): CrmError {
  const d = e.details;
  const text = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : '');
  return crmError(e.code, MESSAGES.invalidData, {
    api_name: text('api_name'),
    json_path: text('json_path'),
    expected_data_type: text('expected_data_type'),
    message: e.message,
    info_message: e.message,
    parent_api_name: '',
    supported_values: [],
  });
}

function applyLayoutUpdate(
  ctx: SandboxContext,
  mod: ModuleDef,
  item: Obj,
  i: number,
  id: string | undefined,
): ItemResult {
  const p = `$.layouts[${i}]`;
  const layout = id ? layoutsOf(ctx, mod.api_name).get(id) : undefined;
  if (!layout) return { ok: false, error: invalidBody('id', `${p}.id`) };
  const fields = fieldMap(ctx, mod.api_name);
  const byId = new Map([...fields.values()].map((f) => [f.id, f]));
  const next: LayoutDef = structuredClone(layout);
  if (item.sections !== undefined && !Array.isArray(item.sections))
    return { ok: false, error: invalidBody('sections', `${p}.sections`, 'jsonarray') };
  for (const [si, rawSection] of (Array.isArray(item.sections) ? item.sections : []).entries()) {
    const sp = `${p}.sections[${si}]`;
    if (!isObj(rawSection)) return { ok: false, error: invalidBody('sections', sp, 'jsonobject') };
    const section = next.sections.find((s) => s.id === str(rawSection.id) || s.api_name === str(rawSection.api_name));
    if (!section) return { ok: false, error: invalidBody('id', `${sp}.id`) };
    if (typeof rawSection.display_label === 'string') section.display_label = rawSection.display_label;
    if (rawSection.fields !== undefined && !Array.isArray(rawSection.fields))
      return { ok: false, error: invalidBody('fields', `${sp}.fields`, 'jsonarray') };
    for (const [fi, rawField] of (Array.isArray(rawSection.fields) ? rawSection.fields : []).entries()) {
      const fp = `${sp}.fields[${fi}]`;
      if (!isObj(rawField)) return { ok: false, error: invalidBody('fields', fp, 'jsonobject') };
      const f = byId.get(str(rawField.id) ?? '') ?? fields.get(str(rawField.api_name) ?? '');
      if (!f) return { ok: false, error: invalidBody('id', `${fp}.id`) };
      if (rawField.required !== undefined && typeof rawField.required !== 'boolean')
        return { ok: false, error: invalidBody('required', `${fp}.required`, 'boolean') };
      for (const s of next.sections)
        if (s !== section) s.fields = s.fields.filter((x) => x.id !== f.id || isObj(rawField._delete));
      const at = section.fields.findIndex((x) => x.id === f.id);
      if (isObj(rawField._delete) || rawField._delete === true) {
        if (f.system_mandatory)
          return {
            ok: false,
            error: crmError('NOT_ALLOWED', 'system mandatory field cannot be removed', {
              api_name: f.api_name,
              json_path: fp,
            }),
          };
        if (at >= 0) section.fields.splice(at, 1);
        continue;
      }
      if (f.system_mandatory && rawField.required === false) {
        return {
          ok: false,
          error: crmError('NOT_ALLOWED', 'system mandatory field cannot be made optional', {
            api_name: f.api_name,
            json_path: `${fp}.required`,
          }),
        };
      }
      const required =
        typeof rawField.required === 'boolean' ? rawField.required : (section.fields[at]?.required ?? false);
      if (at >= 0) section.fields[at] = { ...section.fields[at]!, required };
      else
        section.fields.push({ id: f.id, api_name: f.api_name, required, sequence_number: section.fields.length + 1 });
    }
  }
  next.modified_time = now(ctx);
  layoutsOf(ctx, mod.api_name).put(next.id, next);
  return succeeded(next.id, 'layout updated');
}

export const updateLayouts: Handler = (req, ctx) => {
  const mod = moduleParam(ctx, req.query);
  if (!isModule(mod)) return mod;
  const items = itemsOf(req.body, 'layouts', 10);
  if (!Array.isArray(items)) return items;
  return itemsAnswer(
    'layouts',
    items.map((item, i) => updateLayout(ctx, mod, item, i, str(item.id))),
    200,
  );
};

export const updateLayoutById: Handler = (req, ctx) => {
  const mod = moduleParam(ctx, req.query);
  if (!isModule(mod)) return mod;
  const items = itemsOf(req.body, 'layouts', 1);
  if (!Array.isArray(items)) return items;
  return itemsAnswer('layouts', [updateLayout(ctx, mod, items[0] ?? {}, 0, req.params.id)], 200);
};
