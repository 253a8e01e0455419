/**
 * One `webhooks[]` item of a create or update (webhooks.yaml `WebhookCreateInput` / `WebhookUpdateInput`: the same
 * required keys — name, module, url, http_method, authentication, feature_type — since an update replaces the whole
 * webhook). Checks run in the order of the schema's `required` list; the first failure is the answer.
 */
import type { SandboxContext } from '../core/types.js';
import {
  ambiguity,
  dependentMismatch,
  dependentMissing,
  expectedFieldMissing,
  invalid,
  isCrmError,
  missing,
  notAllowed,
  tooLong,
  unsupported,
  wrongType,
} from './automation-errors.js';
import {
  type DateTimeFormat,
  FEATURE_TYPES,
  type FeatureType,
  type ModuleRef,
  type WebhookAuthentication,
  type WebhookDoc,
  type WebhookMethod,
} from './automation-model.js';
import { type CrmError, crmError } from './errors.js';
import { isObj, type Obj } from './settings-body.js';
import { modules } from './state.js';
import { webhookBody } from './webhook-body.js';
import { paramContainer } from './webhook-params.js';
import { webhookUrl } from './webhook-url.js';

/** The stricter of the input schema (250) and the response schema (50). */
export const MAX_NAME = 50;
/** The strictest of the input schema (500), the response schema (255) and the 400 example (250). */
export const MAX_DESCRIPTION = 250;
/** `AutomationModuleDetailsResponse`: names and ids ≤ 255 characters. */
const MAX_TEXT = 255;
/** `WebhookCreateInput.name`: no tilde; `InvalidNameErrorResponse`: no `#` or `%`. */
const NAME_FORBIDDEN = /[~#%]/;
const METHODS: readonly WebhookMethod[] = ['POST', 'GET', 'PUT', 'DELETE'];
/** "You can not set up webhooks for Call Logs and Notes modules" (Zoho's Create Webhook page). */
const NO_WEBHOOK_MODULES = new Set(['Notes', 'Calls']);
/** Which methods take which keys (createWebhooks description). */
const ALLOWED_BY_METHOD: Record<string, readonly WebhookMethod[]> = {
  headers: ['POST', 'PUT', 'DELETE'],
  url_parameters: ['GET', 'DELETE'],
  body: ['POST', 'PUT'],
};
const KEYS = new Set([
  'name',
  'module',
  'url',
  'http_method',
  'authentication',
  'description',
  'related_module',
  'feature_type',
  'headers',
  'url_parameters',
  'body',
  'date_time_format',
]);

export type WebhookInput = Omit<WebhookDoc, 'id' | 'created_time' | 'modified_time' | 'created_by' | 'modified_by'>;

function name(raw: unknown, p: string): string | CrmError {
  if (raw === undefined || raw === null) return missing('name', `${p}.name`);
  if (typeof raw !== 'string') return wrongType('name', `${p}.name`, 'text');
  if (raw.length > MAX_NAME)
    return crmError('INVALID_DATA', 'The lenght of name has exceeded the limit', {
      maximum_length: MAX_NAME,
      api_name: 'name',
      json_path: `${p}.name`,
    });
  if (NAME_FORBIDDEN.test(raw)) return invalid('name', `${p}.name`, 'Special characters not allowed');
  return raw;
}

/** Both `api_name` and `id` are required by the schema (`AutomationModuleDetailsResponse`); neither: "at least one". */
export function webhookModule(ctx: SandboxContext, raw: unknown, p: string): ModuleRef | CrmError {
  if (raw === undefined || raw === null) return missing('module', p);
  if (!isObj(raw)) return wrongType('module', p, 'jsonobject');
  const idWhere = { api_name: 'id', json_path: `${p}.id` };
  const nameWhere = { api_name: 'api_name', json_path: `${p}.api_name` };
  const extra = Object.keys(raw).find((k) => k !== 'api_name' && k !== 'id');
  if (extra !== undefined) return tooLong('module', p, 2);
  if (raw.api_name === undefined && raw.id === undefined) return expectedFieldMissing([nameWhere, idWhere]);
  if (raw.api_name !== undefined && typeof raw.api_name !== 'string')
    return wrongType('api_name', nameWhere.json_path, 'text');
  if (raw.id !== undefined && typeof raw.id !== 'string') return wrongType('id', idWhere.json_path, 'bigint');
  if (typeof raw.api_name === 'string' && raw.api_name.length > MAX_TEXT)
    return tooLong('api_name', nameWhere.json_path, MAX_TEXT);
  if (raw.id === undefined) return missing('id', idWhere.json_path);
  if (raw.api_name === undefined) return missing('api_name', nameWhere.json_path);
  const found = [...modules(ctx).values()].find((m) => m.id === raw.id);
  if (found === undefined) return invalid('id', idWhere.json_path, 'the module id given seems to be invalid');
  if (found.api_name !== raw.api_name) return ambiguity(idWhere, nameWhere);
  return { api_name: found.api_name, id: found.id };
}

function method(raw: unknown, p: string): WebhookMethod | CrmError {
  if (raw === undefined || raw === null)
    return crmError('MANDATORY_NOT_FOUND', 'The method type is not given ', {
      api_name: 'http_method',
      json_path: `${p}.http_method`,
    });
  if (typeof raw !== 'string') return wrongType('http_method', `${p}.http_method`, 'text');
  const found = METHODS.find((m) => m === raw);
  return found ?? invalid('http_method', `${p}.http_method`, 'The method type given is invalid');
}

function authentication(raw: unknown, p: string): WebhookAuthentication | CrmError {
  const path = `${p}.authentication`;
  if (raw === undefined || raw === null) return missing('authentication', path);
  if (!isObj(raw)) return wrongType('authentication', path, 'jsonobject');
  if (Object.keys(raw).some((k) => k !== 'type' && k !== 'connection_name')) return tooLong('authentication', path, 2);
  if (raw.type === undefined || raw.type === null) return missing('type', `${path}.type`);
  if (typeof raw.type !== 'string') return wrongType('type', `${path}.type`, 'text');
  if (raw.type !== 'general' && raw.type !== 'connection')
    return unsupported('type', `${path}.type`, ['general', 'connection']);
  const connection = raw.connection_name;
  const typeWhere = { api_name: 'type', json_path: `${path}.type` };
  const connWhere = { api_name: 'connection_name', json_path: `${path}.connection_name` };
  if (raw.type === 'general') {
    if (typeof connection === 'string' && connection !== '')
      return dependentMismatch(typeWhere, connWhere, 'provide appropriate authentication type');
    return { type: 'general' };
  }
  if (typeof connection !== 'string' || connection === '')
    return dependentMissing(connWhere, typeWhere, 'Dependent Field missing');
  // The sandbox org has no Zoho connections, so no connection name is valid (sandbox choice).
  return invalid('connection_name', connWhere.json_path, 'Please provide valid connection name');
}

function featureType(raw: unknown, p: string): FeatureType | CrmError {
  if (raw === undefined || raw === null) return missing('feature_type', `${p}.feature_type`);
  if (typeof raw !== 'string') return wrongType('feature_type', `${p}.feature_type`, 'text');
  const found = FEATURE_TYPES.find((f) => f === raw);
  return found ?? invalid('feature_type', `${p}.feature_type`, 'the given feature name is invalid');
}

function description(raw: unknown, p: string): string | null | CrmError {
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== 'string') return wrongType('description', `${p}.description`, 'text');
  return raw.length > MAX_DESCRIPTION ? tooLong('description', `${p}.description`, MAX_DESCRIPTION) : raw;
}

function dateTimeFormat(raw: unknown, p: string): DateTimeFormat | null | CrmError {
  if (raw === undefined || raw === null) return null;
  const path = `${p}.date_time_format`;
  if (!isObj(raw)) return wrongType('date_time_format', path, 'jsonobject');
  const out: DateTimeFormat = {};
  for (const key of ['date_format', 'datetime_format', 'time_zone'] as const) {
    const v = raw[key];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') return wrongType(key, `${path}.${key}`, 'text');
    out[key] = v;
  }
  if (out.time_zone !== undefined && !validTimeZone(out.time_zone))
    return invalid('time_zone', `${path}.time_zone`, 'The timezone given is invalid');
  return out;
}

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A key the chosen method does not take (`DependentMismatchResponse2`). */
function methodMismatch(item: Obj, m: WebhookMethod, p: string): CrmError | undefined {
  for (const [key, methods] of Object.entries(ALLOWED_BY_METHOD)) {
    const v = item[key];
    if (v !== undefined && v !== null && !methods.includes(m))
      return dependentMismatch(
        { api_name: 'http_method', json_path: `${p}.http_method` },
        { api_name: key, json_path: `${p}.${key}` },
        'Invalid value provided for the given http method',
      );
  }
  return undefined;
}

/** The identity part of the item: everything but the parameter collections. */
function identity(ctx: SandboxContext, item: Obj, p: string) {
  const values = {
    name: name(item.name, p),
    module: webhookModule(ctx, item.module, `${p}.module`),
    url: webhookUrl(item.url, `${p}.url`),
    http_method: method(item.http_method, p),
    authentication: authentication(item.authentication, p),
    feature_type: featureType(item.feature_type, p),
    description: description(item.description, p),
    date_time_format: dateTimeFormat(item.date_time_format, p),
  };
  const failed = Object.values(values).find(isCrmError);
  return failed ?? (values as { [K in keyof typeof values]: Exclude<(typeof values)[K], CrmError> });
}

/** The stored fields of one request item, or the first documented error. */
export function webhookInput(ctx: SandboxContext, item: Obj, p: string, allowId: boolean): WebhookInput | CrmError {
  const extra = Object.keys(item).find((k) => !KEYS.has(k) && !(allowId && k === 'id'));
  if (extra !== undefined) return unsupported(extra, `${p}.${extra}`, [...KEYS], 'invalid data');
  const base = identity(ctx, item, p);
  if (isCrmError(base)) return base;
  if (NO_WEBHOOK_MODULES.has(base.module.api_name))
    return notAllowed('module', `${p}.module`, 'The given module is not supported');
  let related: ModuleRef | null = null;
  if (item.related_module !== undefined && item.related_module !== null) {
    const r = webhookModule(ctx, item.related_module, `${p}.related_module`);
    if (isCrmError(r)) return r;
    related = r;
  }
  if (base.feature_type === 'kiosk' && related === null)
    return dependentMissing(
      { api_name: 'related_module', json_path: `${p}.related_module` },
      { api_name: 'feature_type', json_path: `${p}.feature_type` },
      'Webhook action related module missing for kiosk feature',
    );
  const mismatch = methodMismatch(item, base.http_method, p);
  if (mismatch) return mismatch;
  const scope = { ctx, module: base.module.api_name };
  const headers =
    item.headers === undefined || item.headers === null
      ? null
      : paramContainer(scope, item.headers, 'headers', `${p}.headers`, {
          moduleParametersRequired: true,
          header: true,
        });
  if (isCrmError(headers)) return headers;
  const urlParams =
    item.url_parameters === undefined || item.url_parameters === null
      ? null
      : paramContainer(scope, item.url_parameters, 'url_parameters', `${p}.url_parameters`, {
          userDefined: 'user_defined_parameters',
        });
  if (isCrmError(urlParams)) return urlParams;
  const body = item.body === undefined || item.body === null ? null : webhookBody(scope, item.body, `${p}.body`);
  if (isCrmError(body)) return body;
  const { userDefined, ...urlLists } = urlParams ?? { module_parameters: [], custom_parameters: [] };
  return {
    ...base,
    related_module: related,
    headers:
      headers === null
        ? null
        : { module_parameters: headers.module_parameters, custom_parameters: headers.custom_parameters },
    url_parameters:
      urlParams === null
        ? null
        : userDefined === undefined
          ? urlLists
          : { ...urlLists, user_defined_parameters: userDefined },
    body,
  };
}
