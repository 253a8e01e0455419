/** `crm_webhook` attributes and their codec. */
import type { Attributes } from '../../plan-types.js';
import { type AttributeCodec, attributeReader, nameValues, toAttributes } from '../attributes.js';

export interface NameValue {
  name: string;
  value: string;
}

/**
 * `apply` maps it to `POST /settings/automation/webhooks` and `PUT …/webhooks/{id}` in the shape webhooks.yaml
 * documents: `name`, `url`, `http_method`, `module` (the client adds its id), `authentication: {type}`,
 * `feature_type`, `headers: {module_parameters: [], custom_parameters: [{name: secretHeader, value: <the secret>}]}`
 * (only the reference is in the plan: the secret comes from the environment), and a form body
 * `{type: "form_data", format: null, form_data_content: {module_parameters, custom_parameters}}`.
 */
export type CrmWebhookAttributes = {
  name: string;
  module: string;
  url: string;
  httpMethod: string;
  /** Zoho's `feature_type`: `workflow` for a workflow rule's webhook. */
  featureType: string;
  /** Zoho's `authentication.type`: `general` (no Zoho connection). */
  authentication: string;
  secretHeader: string;
  /** `env:NAME`, `env:NAME#other` or `env:NAME#unset` (see shared/webhook-secret.ts). */
  secret: string;
  /** Header parameters besides the secret, sorted by name (none when zlc wrote the webhook). */
  otherHeaders: NameValue[];
  /** Form fields Zoho fills from the record (`${!Deals.Id}`), sorted by name. */
  moduleParameters: NameValue[];
  /** Form fields sent as written, sorted by name. */
  customParameters: NameValue[];
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
      featureType: r.optionalString('featureType') ?? 'workflow',
      authentication: r.optionalString('authentication') ?? 'general',
      secretHeader: r.string('secretHeader'),
      secret: r.optionalString('secret') ?? '',
      otherHeaders: nameValues(r.json('otherHeaders')),
      moduleParameters: nameValues(r.json('moduleParameters')),
      customParameters: nameValues(r.json('customParameters')),
    };
  },
};
