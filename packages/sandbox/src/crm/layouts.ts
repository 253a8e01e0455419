/**
 * `/settings/layouts` (layouts.yaml): a module's layouts with their sections, each field's `required` flag (which
 * record writes enforce) and picklist values; `PATCH /settings/layouts/{id}` changes one layout (`layout-update.ts`).
 */
import { JsonBody, withJsonList } from '../core/json-body.js';
import type { Handler, SandboxContext, SandboxResponse } from '../core/types.js';
import { layoutFieldJson } from './field-json.js';
import type { FieldDef, LayoutDef, ModuleDef } from './model.js';
import { isModule, moduleParam } from './module-guard.js';
import { convertMapping } from './oas-fillers.js';
import { currentUser, fieldMap, layoutsOf, profiles } from './state.js';

/** The layout's own keys, without its sections (layouts.yaml `LayoutResponseSchema`). */
function layoutHead(ctx: SandboxContext, mod: ModuleDef, l: LayoutDef): Record<string, unknown> {
  const { id, name } = currentUser(ctx);
  const user = { name, id };
  const view = { name: l.name, id: l.id, type: 'layout' };
  return {
    has_more_profiles: false,
    created_time: l.created_time,
    convert_mapping: convertMapping(ctx, mod.api_name),
    visible: true,
    created_for: null,
    profiles: [...profiles(ctx).values()].map((p) => ({
      _default_assignment_view: view,
      default: true,
      name: p.name,
      id: p.id,
      _default_view: view,
    })),
    source: 'crm',
    created_by: user,
    display_label: l.display_label,
    show_business_card: false,
    actions_allowed: {
      edit: true,
      rename: true,
      clone: true,
      downgrade: true,
      delete: false,
      deactivate: false,
      set_layout_permissions: true,
    },
    modified_time: l.modified_time,
    api_name: l.api_name,
    name: l.name,
    modified_by: user,
    generated_type: 'system',
    id: l.id,
    status: l.status,
  };
}

type SectionDef = LayoutDef['sections'][number];

/** A section's own keys, without its fields. */
function sectionHead(s: SectionDef): Record<string, unknown> {
  return {
    isSubformSection: false,
    type: 'used',
    display_label: s.display_label,
    mode: 'all',
    sequence_number: s.sequence_number,
    actions_allowed: {
      add_field: true,
      rename: true,
      change_tab_traversal: true,
      reorder: true,
      delete: false,
      remove_field: true,
      change_column_count: true,
    },
    tab_traversal: 'left_to_right',
    api_name: s.api_name,
    column_count: s.column_count,
    name: s.name,
    generated_type: 'default',
    id: s.id,
    properties: null,
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
    ...layoutHead(ctx, mod, l),
    sections: l.sections.map((s) => ({ ...sectionHead(s), fields: sectionFields(s, fields, layoutFieldJson) })),
  };
}

/**
 * `layoutJson` as JSON text, each field's part serialised once per change of the field (or of its flag or
 * position): after a field create the answer is assembled again, not serialised again.
 */
function layoutText(ctx: SandboxContext, mod: ModuleDef, l: LayoutDef, fields: Map<string, FieldDef>): string {
  const sections = l.sections.map((s) =>
    withJsonList(
      sectionHead(s),
      'fields',
      sectionFields(s, fields, (f, required, sequence) =>
        ctx.store.memoDoc(`crm:fields:${mod.api_name}`, f.id, `layout|${required}|${sequence}`, () =>
          JSON.stringify(layoutFieldJson(f, required, sequence)),
        ),
      ),
    ),
  );
  return withJsonList(layoutHead(ctx, mod, l), 'sections', sections);
}

/** The collections a module's layouts answer is built from (its layouts and fields, the convert targets' layouts…). */
const layoutSources = (moduleApi: string): string[] => [
  `crm:layouts:${moduleApi}`,
  `crm:fields:${moduleApi}`,
  'crm:users',
  'crm:profiles',
  ...['Contacts', 'Deals', 'Accounts', 'Sales_Orders', 'Invoices'].map((m) => `crm:layouts:${m}`),
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
