/**
 * A webhook's `body` (webhooks.yaml `WebhookRequestBody`): `type` and `format` are required keys; `form_data` carries
 * `form_data_content` (`DependentFieldMissingFormData`) and a null format; `raw` carries `raw_data_content` (≤ 500
 * characters, its merge fields checked like module parameters) and a format of JSON, XML, Text or HTML; `none` has a
 * null format. Messages from the createWebhooks 400 examples.
 */
import {
  dependentMissing,
  invalid,
  isCrmError,
  missing,
  tooLong,
  unsupported,
  wrongType,
} from './automation-errors.js';
import { RAW_FORMATS, type RawFormat, type WebhookBody } from './automation-model.js';
import type { CrmError } from './errors.js';
import { isObj, type Obj } from './settings-body.js';
import { isModuleMergeField, type ParamScope, paramContainer } from './webhook-params.js';

export const MAX_RAW_CONTENT = 500;
const BODY_KEYS = ['type', 'format', 'form_data_content', 'raw_data_content'];
const BODY_TYPES = ['form_data', 'raw', 'none'] as const;

function rawBody(scope: ParamScope, raw: Obj, path: string): WebhookBody | CrmError {
  const format = raw.format;
  if (typeof format !== 'string' || !RAW_FORMATS.includes(format as RawFormat))
    return invalid('format', `${path}.format`, 'invalid format passed in body');
  const content = raw.raw_data_content;
  if (content === undefined || content === null)
    return dependentMissing(
      { api_name: 'raw_data_content', json_path: `${path}.raw_data_content` },
      { api_name: 'format', json_path: `${path}.format` },
      'raw data content key is mandatory for raw body type',
    );
  if (typeof content !== 'string') return wrongType('raw_data_content', `${path}.raw_data_content`, 'text');
  if (content.length > MAX_RAW_CONTENT) return tooLong('raw_data_content', `${path}.raw_data_content`, MAX_RAW_CONTENT);
  const tokens = content.match(/\$\{![^}]*\}/g) ?? [];
  if (tokens.some((t) => !isModuleMergeField(scope, t)))
    return invalid('raw_data_content', `${path}.raw_data_content`, 'Unsupported fields are present');
  return { type: 'raw', format: format as RawFormat, raw_data_content: content };
}

function formBody(scope: ParamScope, raw: Obj, path: string): WebhookBody | CrmError {
  if (raw.format !== null) return invalid('format', `${path}.format`, 'invalid format passed in body');
  if (raw.form_data_content === undefined || raw.form_data_content === null)
    return dependentMissing(
      { api_name: 'form_data_content', json_path: `${path}.form_data_content` },
      { api_name: 'type', json_path: `${path}.type` },
      'form data content key is mandatory for form body type',
    );
  const content = paramContainer(scope, raw.form_data_content, 'form_data_content', `${path}.form_data_content`, {
    oneListRequired: true,
    userDefined: 'user_defined_parameter',
  });
  if (isCrmError(content)) return content;
  const { userDefined, ...lists } = content;
  return {
    type: 'form_data',
    format: null,
    form_data_content: userDefined === undefined ? lists : { ...lists, user_defined_parameter: userDefined },
  };
}

/** The stored body, or the documented error. */
export function webhookBody(scope: ParamScope, raw: unknown, path: string): WebhookBody | CrmError {
  if (!isObj(raw)) return wrongType('body', path, 'jsonobject');
  const extra = Object.keys(raw).find((k) => !BODY_KEYS.includes(k));
  if (extra !== undefined) return unsupported(extra, `${path}.${extra}`, BODY_KEYS, 'invalid data');
  if (raw.type === undefined || raw.type === null) return missing('type', `${path}.type`);
  if (typeof raw.type !== 'string') return wrongType('type', `${path}.type`, 'text');
  if (!BODY_TYPES.includes(raw.type as (typeof BODY_TYPES)[number]))
    return invalid('type', `${path}.type`, 'invalid body type passed');
  if (!('format' in raw)) return missing('format', `${path}.format`);
  if (raw.type === 'raw') return rawBody(scope, raw, path);
  if (raw.type === 'form_data') return formBody(scope, raw, path);
  if (raw.format !== null) return invalid('format', `${path}.format`, 'invalid format passed in body');
  return { type: 'none', format: null };
}
