/**
 * The `fields` array of a create or update: at most `max` items, else fields.yaml's `LimitExceededResponse`
 * (`{code: "LIMIT_EXCEEDED", details: {limit}}`, with its example message); otherwise as every settings body (`itemsOf`).
 */
import type { SandboxResponse } from '../core/types.js';
import { crmError, errorResponse, MESSAGES } from './errors.js';
import { isObj, itemsOf, type Obj } from './settings-body.js';

export function fieldsOfBody(body: unknown, max: number): Obj[] | SandboxResponse {
  if (isObj(body) && Array.isArray(body.fields) && body.fields.length > max)
    return errorResponse(400, crmError('LIMIT_EXCEEDED', MESSAGES.configuredLimit, { limit: max }));
  return itemsOf(body, 'fields', max);
}
