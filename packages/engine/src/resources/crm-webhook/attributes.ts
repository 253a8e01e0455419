/** `crm_webhook` attributes and their codec. */
import type { Attributes } from '../../plan-types.js';
import { type AttributeCodec, attributeReader, nameValues, toAttributes } from '../attributes.js';

export interface NameValue {
  name: string;
  value: string;
}

/**
 * `apply` maps it to `POST/PUT /settings/automation/webhooks`: `name`, `url`, `http_method`, `module.api_name`,
 * `headers.custom_parameters: [{name: secretHeader, value: <the secret>}]` (only the reference is in the plan: read
 * the secret from the environment), `body: {type: "form_data", custom_parameters: body}`.
 */
export type CrmWebhookAttributes = {
  name: string;
  module: string;
  url: string;
  httpMethod: string;
  secretHeader: string;
  /** `env:NAME`, `env:NAME#other` or `env:NAME#unset` (see shared/webhook-secret.ts). */
  secret: string;
  /** Form body, sorted by name; values may hold merge fields such as `${Deals.id}`. */
  body: NameValue[];
};

export const crmWebhookCodec: AttributeCodec<CrmWebhookAttributes> = {
  encode: toAttributes,
  decode(a: Attributes): CrmWebhookAttributes {
    const r = attributeReader(a, 'crm_webhook');
    return {
      name: r.string('name'),
      module: r.string('module'),
      url: r.string('url'),
      httpMethod: r.optionalString('httpMethod') ?? 'POST',
      secretHeader: r.string('secretHeader'),
      secret: r.optionalString('secret') ?? '',
      body: nameValues(r.json('body')),
    };
  },
};
