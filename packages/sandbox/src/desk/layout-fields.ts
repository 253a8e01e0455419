/**
 * `PATCH /layouts/{layoutId}/fields/{fieldId}` (Layout.json `updateLayoutField`): a field's settings within one
 * layout — a picklist's `allowedValues`, `defaultValue`, `sortBy`, `isMandatory` — the body
 * `updateLayoutFieldRequestJson` (closed), answered with the field as the layout has it (Layout.json
 * `commonFieldResponse` and its example). Picklist values live per layout; `GET /fields` lists every layout's
 * values together.
 */
import type { Route, SandboxContext, SandboxRequest, SandboxResponse } from '../core/types.js';
import { deskError, type FieldError, fieldError, invalidData } from './errors.js';
import { layoutFieldShape } from './layout-field-shape.js';
import { deskData, type FieldRecord, type LayoutRecord } from './records.js';
import { checkBody, type Rules, str } from './validate.js';

const RULES: Rules = {
  allowedValues: { kind: 'array' },
  defaultValue: { kind: 'string', max: 120 },
  sortBy: { kind: 'string', max: 20, pattern: /^(alphabetical|userDefined)$/ },
  isMandatory: { kind: 'boolean' },
  isNested: { kind: 'boolean' },
};

/** The values of `raw`: non-empty strings of at most 120 characters (the item schema), each once. */
function readValues(raw: unknown): string[] | FieldError {
  const bad = fieldError('/allowedValues', 'invalid', "'allowedValues' must be distinct values of 1–120 characters.");
  if (!Array.isArray(raw)) return bad;
  const out: string[] = [];
  for (const item of raw) {
    if (typeof item !== 'string' || item.trim().length === 0 || item.length > 120 || out.includes(item)) return bad;
    out.push(item);
  }
  return out;
}

/** Every layout's values of `f` together, in the order of the module's layouts and then of each list. */
function unionOf(ctx: SandboxContext, f: FieldRecord, perLayout: Record<string, string[]>): string[] {
  const out: string[] = [];
  for (const layout of deskData(ctx).layouts.values()) {
    if (layout.module !== f.module) continue;
    for (const value of perLayout[layout.id] ?? []) if (!out.includes(value)) out.push(value);
  }
  return out;
}

function isPicklist(f: FieldRecord): boolean {
  return f.type === 'Picklist' || f.type === 'Multiselect';
}

function problems(f: FieldRecord, body: Record<string, unknown>, values: string[] | undefined): FieldError[] {
  const errors: FieldError[] = [];
  if (body.allowedValues !== undefined && !isPicklist(f))
    errors.push(fieldError('/allowedValues', 'invalid', "'allowedValues' applies to Picklist and Multiselect fields."));
  if (body.isNested === true)
    errors.push(fieldError('/isNested', 'invalid', 'Nested picklists are not available in this portal.'));
  const def = str(body, 'defaultValue');
  if (def && isPicklist(f) && !(values ?? []).includes(def))
    errors.push(fieldError('/defaultValue', 'invalid', "'defaultValue' must be one of the allowed values."));
  if (def && f.type === 'Boolean' && def !== 'true' && def !== 'false')
    errors.push(fieldError('/defaultValue', 'invalid', "'defaultValue' must be true or false."));
  return errors;
}

function updateLayoutField(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const data = deskData(ctx);
  const layout: LayoutRecord | undefined = data.layouts.get(req.params.layoutId ?? '');
  if (layout === undefined) return invalidData([fieldError('/layoutId', 'invalid', 'No layout exists with this id.')]);
  const f = data.fields.get(req.params.fieldId ?? '');
  if (f === undefined || f.module !== layout.module)
    return invalidData([fieldError('/fieldId', 'invalid', 'No field with this id is in the layout.')]);
  const checked = checkBody(req.body, RULES, 'update');
  if (!checked.ok) return checked.response;
  const body = checked.body;
  if (!f.isCustomField) return deskError(422, 'UNPROCESSABLE_ENTITY', 'System fields cannot be edited.');
  const read = body.allowedValues === undefined ? undefined : readValues(body.allowedValues);
  if (read !== undefined && !Array.isArray(read)) return invalidData([read]);
  const current = f.layoutValues?.[layout.id] ?? [];
  const values = read ?? current;
  const errors = problems(f, body, values);
  if (errors.length > 0) return invalidData(errors);
  const next: FieldRecord = { ...f, modifiedTime: ctx.clock.now() };
  if (read !== undefined) {
    next.layoutValues = { ...(f.layoutValues ?? {}), [layout.id]: read };
    next.pickListValues = unionOf(ctx, f, next.layoutValues);
  }
  const def = str(body, 'defaultValue');
  if (def !== undefined) next.defaultValue = def;
  const sortBy = str(body, 'sortBy');
  if (sortBy === 'alphabetical' || sortBy === 'userDefined') next.sortBy = sortBy;
  if (typeof body.isMandatory === 'boolean') next.isMandatory = body.isMandatory;
  data.fields.put(f.id, next);
  return { status: 200, body: layoutFieldShape(next, layout.id) };
}

export const layoutFieldRoutes: Route[] = [
  { method: 'PATCH', path: '/api/v1/layouts/:layoutId/fields/:fieldId', handler: updateLayoutField },
];
