import { toZohoError } from '../errors/to-zoho-error.js';
import { isRecord, stringField } from '../parse.js';
import type { ZohoReply } from '../transport/product-transport.js';
import { unexpectedBody } from '../transport/read-body.js';
import type { CrmRecordResult } from './types.js';

/**
 * Reads CRM's per-entry answer to a write (`{data|fields|webhooks…: [{code, details, message, status}]}`),
 * which Zoho sends with 200, 201, 202 or 207 depending on how many entries failed.
 */
export function crmResults(reply: ZohoReply, key: string): CrmRecordResult[] {
  const body = reply.data;
  if (!isRecord(body) || !Array.isArray(body[key])) throw unexpectedBody('crm', `${key} result`);
  return body[key].map((entry, index): CrmRecordResult => {
    if (!isRecord(entry)) throw unexpectedBody('crm', `${key} result`);
    const details = isRecord(entry.details) ? entry.details : {};
    const code = stringField(entry, 'code') ?? 'UNKNOWN';
    if (entry.status === 'success') {
      const action = stringField(entry, 'action');
      return {
        status: 'success',
        code,
        action: action === 'insert' || action === 'update' || action === 'delete' ? action : undefined,
        id: stringField(details, 'id') ?? '',
        index,
      };
    }
    return {
      status: 'error',
      code,
      message: stringField(entry, 'message') ?? code,
      index,
      field: stringField(details, 'api_name'),
    };
  });
}

/** The single result of a one-entry write; a failed entry becomes the classified `ZohoError`. */
export function crmSingleResult(
  reply: ZohoReply,
  key: string,
  request: string,
): CrmRecordResult & { status: 'success' } {
  const results = crmResults(reply, key);
  const first = results[0];
  if (first === undefined) throw unexpectedBody('crm', `${key} result`);
  if (first.status === 'error') {
    const entries = isRecord(reply.data) ? reply.data[key] : [];
    const status = Math.max(reply.status, 400);
    throw toZohoError({ status, data: { data: entries }, headers: {} }, 'crm', request);
  }
  return first;
}
