/**
 * `PATCH /settings/layouts/{id}?module=` (layouts.yaml `updateLayout`): one layout per request, at most five
 * sections and "no more than five fields in total across all sections". Per section (by `id` or `api_name`), per
 * field (by `id`): add it to the section or move it (`sequence_number`), take it out to the unused fields
 * (`_delete: {permanent: false}`), and set its mandatory flag (`required`; see SPEC.md on where that key is
 * sourced). Creating fields or sections through a layout, and deleting them permanently, are not emulated.
 */
import type { Handler, SandboxContext } from '../core/types.js';
import { type CrmError, crmError, errorResponse, invalidBody, MESSAGES } from './errors.js';
import type { FieldDef, LayoutDef, LayoutSection, ModuleDef } from './model.js';
import { isModule, moduleParam } from './module-guard.js';
import { type ItemResult, isObj, itemsAnswer, itemsOf, type Obj, str, succeeded } from './settings-body.js';
import { fieldMap, layoutsOf, now } from './state.js';

export const SECTIONS_PER_LAYOUT_PATCH = 5;
export const FIELDS_PER_LAYOUT_PATCH = 5;

const notSupported = (apiName: string, jsonPath: string, message: string): CrmError =>
  crmError('NOT_SUPPORTED', message, { api_name: apiName, json_path: jsonPath });

/** The five-section and five-field caps of one PATCH (layouts.yaml `updateLayout` request body). */
function overLimits(sections: unknown[], p: string): CrmError | undefined {
  if (sections.length > SECTIONS_PER_LAYOUT_PATCH)
    return crmError('LIMIT_EXCEEDED', 'You can include a maximum of five sections per request', {
      limit: SECTIONS_PER_LAYOUT_PATCH,
      limit_due_to: [{ api_name: 'sections', json_path: `${p}.sections` }],
    });
  const fields = sections.reduce<number>((n, s) => n + (isObj(s) && Array.isArray(s.fields) ? s.fields.length : 0), 0);
  if (fields > FIELDS_PER_LAYOUT_PATCH)
    return crmError('LIMIT_EXCEEDED', 'You can include no more than five fields in total across all sections', {
      limit: FIELDS_PER_LAYOUT_PATCH,
      limit_due_to: [{ api_name: 'fields', json_path: `${p}.sections` }],
    });
  return undefined;
}

/** One field entry of a section: add or move it, take it out, or set its flag. */
function applyField(next: LayoutDef, section: LayoutSection, f: FieldDef, raw: Obj, fp: string): CrmError | undefined {
  if (raw.required !== undefined && typeof raw.required !== 'boolean')
    return invalidBody('required', `${fp}.required`, 'boolean');
  const at = section.fields.findIndex((x) => x.id === f.id);
  if (raw._delete !== undefined) {
    const permanent = isObj(raw._delete) ? raw._delete.permanent : undefined;
    if (permanent !== false) return notSupported('_delete', `${fp}._delete`, 'deleting a field through a layout');
    if (f.system_mandatory)
      return crmError('NOT_ALLOWED', 'system mandatory field cannot be removed', { api_name: 'id', json_path: fp });
    if (at >= 0) section.fields.splice(at, 1);
    return undefined;
  }
  if (f.system_mandatory && raw.required === false)
    return crmError('NOT_ALLOWED', 'system mandatory field cannot be made optional', {
      api_name: 'required',
      json_path: `${fp}.required`,
    });
  for (const s of next.sections) if (s !== section) s.fields = s.fields.filter((x) => x.id !== f.id);
  const current = section.fields[at];
  const entry = {
    id: f.id,
    api_name: f.api_name,
    required: typeof raw.required === 'boolean' ? raw.required : (current?.required ?? false),
    sequence_number: 0,
  };
  if (at >= 0) section.fields.splice(at, 1);
  const place = typeof raw.sequence_number === 'number' ? raw.sequence_number - 1 : at >= 0 ? at : Infinity;
  section.fields.splice(Math.max(0, Math.min(place, section.fields.length)), 0, entry);
  section.fields.forEach((x, i) => {
    x.sequence_number = i + 1;
  });
  return undefined;
}

const expected = (path: string, a: string, b: string, message: string): CrmError =>
  crmError('EXPECTED_FIELD_MISSING', message, {
    expected_fields: [
      { api_name: a, json_path: `${path}.${a}` },
      { api_name: b, json_path: `${path}.${b}` },
    ],
  });

/** The section an entry names (layouts.yaml's examples: by id or api_name; a new one needs a display_label). */
function sectionOf(next: LayoutDef, raw: Obj, sp: string): LayoutSection | CrmError {
  const named = raw.id !== undefined || raw.api_name !== undefined;
  if (!named && raw._delete !== undefined)
    return crmError('DEPENDENT_FIELD_MISSING', 'section id or api_name is missing', {
      dependee: { api_name: '_delete', json_path: `${sp}._delete` },
      api_name: 'api_name',
      json_path: `${sp}.api_name`,
    });
  if (!named && raw.display_label === undefined)
    return expected(sp, 'id', 'display_label', 'should contain either id or display_label');
  if (!named) return notSupported('sections', sp, 'creating a section through a layout');
  const section = next.sections.find((s) => s.id === str(raw.id) || s.api_name === str(raw.api_name));
  return section ?? crmError('INVALID_DATA', MESSAGES.invalidId, { api_name: 'id', json_path: `${sp}.id` });
}

const TAB_TRAVERSAL = new Set(['left_to_right', 'top_to_bottom']);

function applySection(next: LayoutDef, raw: unknown, sp: string, byId: Map<string, FieldDef>): CrmError | undefined {
  if (!isObj(raw)) return invalidBody('sections', sp, 'jsonobject');
  const section = sectionOf(next, raw, sp);
  if ('code' in section) return section;
  if (raw.tab_traversal !== undefined && !TAB_TRAVERSAL.has(String(raw.tab_traversal)))
    return invalidBody('tab_traversal', `${sp}.tab_traversal`, 'text');
  if (raw._delete !== undefined) return notSupported('_delete', `${sp}._delete`, 'deleting a section');
  if (typeof raw.display_label === 'string') section.display_label = raw.display_label;
  if (raw.fields !== undefined && !Array.isArray(raw.fields)) return invalidBody('fields', `${sp}.fields`, 'jsonarray');
  for (const [fi, rawField] of (Array.isArray(raw.fields) ? raw.fields : []).entries()) {
    const fp = `${sp}.fields[${fi}]`;
    if (!isObj(rawField)) return invalidBody('fields', fp, 'jsonobject');
    if (rawField.id === undefined && rawField.field_label === undefined)
      return expected(fp, 'id', 'field_label', 'should contain either id or field_label');
    if (rawField.id === undefined)
      return notSupported('field_label', `${fp}.field_label`, 'creating a field through a layout');
    if (rawField.association_details !== undefined || rawField.element_type === 'mirror_field')
      return notSupported('association_details', fp, 'field-of-lookup associations and mirror fields');
    const f = byId.get(str(rawField.id) ?? '');
    if (!f) return crmError('INVALID_DATA', MESSAGES.invalidId, { api_name: 'id', json_path: `${fp}.id` });
    const refused = applyField(next, section, f, rawField, fp);
    if (refused) return refused;
  }
  return undefined;
}

function updateLayout(ctx: SandboxContext, mod: ModuleDef, item: Obj, layoutId: string): ItemResult {
  const p = '$.layouts[0]';
  const layout = layoutsOf(ctx, mod.api_name).get(layoutId);
  if (!layout)
    return { ok: false, error: crmError('INVALID_DATA', MESSAGES.invalidId, { api_name: 'id', json_path: p }) };
  if (item.sections !== undefined && !Array.isArray(item.sections))
    return { ok: false, error: invalidBody('sections', `${p}.sections`, 'jsonarray') };
  const sections = Array.isArray(item.sections) ? item.sections : [];
  const over = overLimits(sections, p);
  if (over) return { ok: false, error: over };
  const byId = new Map([...fieldMap(ctx, mod.api_name).values()].map((f) => [f.id, f]));
  const next: LayoutDef = structuredClone(layout);
  if (typeof item.name === 'string' && item.name.trim() !== '') next.name = item.name;
  for (const [si, raw] of sections.entries()) {
    const refused = applySection(next, raw, `${p}.sections[${si}]`, byId);
    if (refused) return { ok: false, error: refused };
  }
  next.modified_time = now(ctx);
  layoutsOf(ctx, mod.api_name).put(next.id, next);
  return succeeded(next.id, 'layout updated');
}

export const updateLayoutById: Handler = (req, ctx) => {
  const mod = moduleParam(ctx, req.query);
  if (!isModule(mod)) return mod;
  const items = itemsOf(req.body, 'layouts', 1);
  if (!Array.isArray(items)) return items;
  const item = items[0] ?? {};
  if (Object.keys(item).length === 0)
    return errorResponse(400, crmError('INVALID_DATA', MESSAGES.invalidData, { expected_data_type: 'jsonobject' }));
  return itemsAnswer('layouts', [updateLayout(ctx, mod, item, req.params.id ?? '')], 200);
};
