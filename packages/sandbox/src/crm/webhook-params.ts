/**
 * A webhook's parameter collections (`headers`, `url_parameters`, `body.form_data_content`), as webhooks.yaml gives
 * them: `module_parameters` (≤ 25) hold one merge field each, `${!<Module>.<field API name>}` of the webhook's own
 * module (`WebhookModuleParameters`: "Use the API field names and not display names … Invalid API names return
 * INVALID_DATA"); `custom_parameters` (≤ 10) are literals sent unchanged. Names and values ≤ 255 characters, names
 * unique in their collection (`DUPLICATE_DATA`), `HOST` is no header name.
 */
import type { SandboxContext } from '../core/types.js';
import { invalid, missing, paramPartMissing, tooLong, unsupported, wrongType } from './automation-errors.js';
import type { NameValue, ParamLists } from './automation-model.js';
import { type CrmError, crmError } from './errors.js';
import { isObj, type Obj } from './settings-body.js';
import { fieldMap } from './state.js';

export const MAX_MODULE_PARAMETERS = 25;
export const MAX_CUSTOM_PARAMETERS = 10;
const MAX_TEXT = 255;

/** `${!Deals.Id}`, `${!Deals.Deal_Name}`: a module and an API name; `Id` is the record id. */
export const MERGE_FIELD = /^\$\{!([A-Za-z][A-Za-z0-9_]*)\.([A-Za-z][A-Za-z0-9_]*)\}$/;
export const RECORD_ID_FIELD = 'Id';

export interface ParamScope {
  ctx: SandboxContext;
  /** The webhook's module, the only one its merge fields may name. */
  module: string;
}

function text(raw: Obj, key: 'name' | 'value', path: string): string | CrmError {
  const v = raw[key];
  if (v === undefined || v === null) return paramPartMissing(key, `${path}.${key}`);
  if (typeof v !== 'string') return wrongType(key, `${path}.${key}`, 'text');
  if (v.length > MAX_TEXT) return tooLong(key, `${path}.${key}`, MAX_TEXT);
  return v;
}

/** Whether `value` is one merge field of the scope's module that names a field of it (or the record id). */
export function isModuleMergeField(scope: ParamScope, value: string): boolean {
  const m = MERGE_FIELD.exec(value);
  if (m === null || m[1] !== scope.module) return false;
  return m[2] === RECORD_ID_FIELD || fieldMap(scope.ctx, scope.module).has(m[2] ?? '');
}

function nameValue(raw: unknown, path: string): NameValue | CrmError {
  if (!isObj(raw)) return wrongType('name', path, 'jsonobject');
  const name = text(raw, 'name', path);
  if (typeof name !== 'string') return name;
  const value = text(raw, 'value', path);
  if (typeof value !== 'string') return value;
  return { name, value };
}

function paramList(scope: ParamScope, raw: unknown, key: keyof ParamLists, path: string): NameValue[] | CrmError {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) return wrongType(key, path, 'jsonarray');
  const max = key === 'module_parameters' ? MAX_MODULE_PARAMETERS : MAX_CUSTOM_PARAMETERS;
  if (raw.length > max) return tooLong(key, path, max);
  const out: NameValue[] = [];
  for (const [i, item] of raw.entries()) {
    const p = nameValue(item, `${path}[${i}]`);
    if (!('name' in p && 'value' in p)) return p;
    if (key === 'module_parameters' && !isModuleMergeField(scope, p.value))
      return invalid('value', `${path}[${i}].value`, 'Unsupported fields are present');
    out.push(p);
  }
  return out;
}

function duplicateIn(lists: ParamLists, path: string, header: boolean): CrmError | undefined {
  const seen = new Set<string>();
  for (const key of ['module_parameters', 'custom_parameters'] as const) {
    for (const [i, p] of lists[key].entries()) {
      const where = `${path}.${key}[${i}].name`;
      if (header && p.name.toLowerCase() === 'host') return invalid('name', where, 'restricted parameter name found');
      const k = header ? p.name.toLowerCase() : p.name;
      if (seen.has(k))
        return crmError('DUPLICATE_DATA', 'duplicate parameter name found', { api_name: 'name', json_path: where });
      seen.add(k);
    }
  }
  return undefined;
}

export interface ContainerRules {
  /** `headers`: `module_parameters` must be present (it may be empty). */
  moduleParametersRequired?: boolean;
  /** `form_data_content`: at least one of the two lists. */
  oneListRequired?: boolean;
  /** The key of the single user-defined literal this container takes, if any. */
  userDefined?: 'user_defined_parameter' | 'user_defined_parameters';
  header?: boolean;
}

function unknownKey(raw: Obj, path: string, rules: ContainerRules): CrmError | undefined {
  const allowed = new Set<string>(['module_parameters', 'custom_parameters']);
  if (rules.userDefined !== undefined) allowed.add(rules.userDefined);
  const extra = Object.keys(raw).find((k) => !allowed.has(k));
  return extra === undefined ? undefined : unsupported(extra, `${path}.${extra}`, [...allowed], 'invalid data');
}

/** Validates one collection object; `apiName` names it in errors (`headers`, `url_parameters`, `form_data_content`). */
export function paramContainer(
  scope: ParamScope,
  raw: unknown,
  apiName: string,
  path: string,
  rules: ContainerRules = {},
): (ParamLists & { userDefined?: NameValue }) | CrmError {
  if (!isObj(raw)) return wrongType(apiName, path, 'jsonobject');
  const extra = unknownKey(raw, path, rules);
  if (extra) return extra;
  if (rules.moduleParametersRequired && !('module_parameters' in raw))
    return missing('module_parameters', `${path}.module_parameters`);
  if (rules.oneListRequired && raw.module_parameters === undefined && raw.custom_parameters === undefined)
    return invalid(apiName, path, 'inavlid form data content passed in body, include at least');
  const module_parameters = paramList(scope, raw.module_parameters, 'module_parameters', `${path}.module_parameters`);
  if (!Array.isArray(module_parameters)) return module_parameters;
  const custom_parameters = paramList(scope, raw.custom_parameters, 'custom_parameters', `${path}.custom_parameters`);
  if (!Array.isArray(custom_parameters)) return custom_parameters;
  const lists = { module_parameters, custom_parameters };
  const dup = duplicateIn(lists, path, rules.header === true);
  if (dup) return dup;
  const udRaw = rules.userDefined === undefined ? undefined : raw[rules.userDefined];
  if (udRaw === undefined || udRaw === null || rules.userDefined === undefined) return lists;
  const userDefined = nameValue(udRaw, `${path}.${rules.userDefined}`);
  return 'name' in userDefined && 'value' in userDefined ? { ...lists, userDefined } : userDefined;
}
