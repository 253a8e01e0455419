/**
 * The HTTP request a fired webhook sends (webhooks.yaml): merge fields `${!<Module>.<API name>}` resolve in
 * `module_parameters` ("resolved at runtime from the triggering CRM record"), in a raw body (the create example's
 * `raw_data_content` holds them) and in the URL (it may begin with a merge-field token); `custom_parameters` and the
 * user-defined parameter are literals "sent unchanged". A `form_data` body goes as `multipart/form-data` (the
 * document names the type but not the encoding: sandbox choice), a raw body with the content type of its format.
 * The sandbox's outbound queue sends GET and POST: a PUT webhook goes as POST, a DELETE one as GET (sandbox limit).
 */
import type { OutboundRequest } from '../core/types.js';
import type { NameValue, ParamLists, RawFormat, WebhookDoc } from './automation-model.js';
import type { FieldDef, RecordDoc } from './model.js';
import { RECORD_ID_FIELD } from './webhook-params.js';

type Request = Pick<OutboundRequest, 'url' | 'method' | 'headers' | 'body'>;

const CONTENT_TYPES: Record<RawFormat, string> = {
  JSON: 'application/json',
  XML: 'application/xml',
  Text: 'text/plain',
  HTML: 'text/html',
};

function valueText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(valueText).join(';');
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return String(o.name ?? o.id ?? '');
  }
  return String(v);
}

/** Replaces each `${!<module>.<field>}` of the webhook's module with the record's value; other text stays. */
export function mergeFields(text: string, module: string, fields: FieldDef[], doc: RecordDoc): string {
  return text.replace(/\$\{!([A-Za-z][A-Za-z0-9_]*)\.([A-Za-z][A-Za-z0-9_]*)\}/g, (whole, m: string, key: string) => {
    if (m !== module) return whole;
    if (key === RECORD_ID_FIELD) return doc.id;
    const field = fields.find((f) => f.api_name === key);
    return field === undefined ? whole : valueText(doc[field.api_name]);
  });
}

function pairs(lists: ParamLists, merge: (s: string) => string, literal?: NameValue): [string, string][] {
  return [
    ...lists.module_parameters.map((p): [string, string] => [p.name, merge(p.value)]),
    ...lists.custom_parameters.map((p): [string, string] => [p.name, p.value]),
    ...(literal === undefined ? [] : [[literal.name, literal.value] as [string, string]]),
  ];
}

/** `multipart/form-data` text fields (RFC 7578), one part per pair. */
export function multipart(fields: [string, string][], boundary: string): string {
  const quote = (s: string) => s.replace(/"/g, '%22').replace(/\r|\n/g, ' ');
  const parts = fields.map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${value}\r\n`,
  );
  return `${parts.join('')}--${boundary}--\r\n`;
}

export function webhookRequest(hook: WebhookDoc, fields: FieldDef[], doc: RecordDoc): Request {
  const merge = (s: string) => mergeFields(s, hook.module.api_name, fields, doc);
  const target = merge(hook.url);
  const url = new URL(target.startsWith('www.') ? `http://${target}` : target);
  if (hook.url_parameters !== null)
    for (const [k, v] of pairs(hook.url_parameters, merge, hook.url_parameters.user_defined_parameters))
      url.searchParams.append(k, v);
  const headers: Record<string, string> = {};
  if (hook.headers !== null) for (const [k, v] of pairs(hook.headers, merge)) headers[k] = v;
  const method = hook.http_method === 'GET' || hook.http_method === 'DELETE' ? 'GET' : 'POST';
  const body = hook.body;
  if (method === 'GET' || body === null || body.type === 'none') return { url: url.toString(), method, headers };
  if (body.type === 'raw') {
    const escapeValue = body.format === 'JSON' ? (s: string) => JSON.stringify(s).slice(1, -1) : (s: string) => s;
    const content = body.raw_data_content.replace(/\$\{![^}]*\}/g, (token) => escapeValue(merge(token)));
    headers['content-type'] = CONTENT_TYPES[body.format];
    return { url: url.toString(), method, headers, body: content };
  }
  const boundary = `----ZohoCrmWebhook${doc.id}`;
  const form = body.form_data_content;
  headers['content-type'] = `multipart/form-data; boundary=${boundary}`;
  return {
    url: url.toString(),
    method,
    headers,
    body: multipart(pairs(form, merge, form.user_defined_parameter), boundary),
  };
}
