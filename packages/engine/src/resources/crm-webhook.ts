/** `crm_webhook`: a CRM webhook action (by name) that posts a handoff's trigger to the runtime. */
import type { CrmWebhook } from '@zlc/zoho';
import { lazyFingerprint } from '../fingerprint.js';
import type { RemoteResource, Resource } from '../plan-types.js';
import { crmHooks, removedNames } from './crm-handoff-hooks.js';
import { addressOf, isRecord, type ResourceDef, str, toAttributes } from './resource-def.js';
import { CRM_SECRET_HEADER, hookName, hookUrl } from './webhook-secret.js';

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
  httpMethod: 'POST';
  secretHeader: string;
  /** `env:NAME#sha256:ab12cd34` (see webhook-secret.ts). */
  secret: string;
  /** Form body, sorted by name; values may hold merge fields such as `${Deals.id}`. */
  body: NameValue[];
};

export function crmWebhookAddress(name: string): string {
  return addressOf('crm_webhook', name);
}

function byName(a: NameValue, b: NameValue): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function pairsOf(raw: unknown): NameValue[] {
  if (!isRecord(raw)) return [];
  const out: NameValue[] = [];
  for (const key of ['module_parameters', 'custom_parameters']) {
    const list = raw[key];
    if (!Array.isArray(list)) continue;
    for (const p of list) {
      if (isRecord(p) && typeof p.name === 'string' && typeof p.value === 'string')
        out.push({ name: p.name, value: p.value });
    }
  }
  return out;
}

export const crmWebhook: ResourceDef = {
  type: 'crm_webhook',
  product: 'crm',
  immutable: [],

  desired(model, context): Resource[] {
    if (context.runtimeUrl === undefined) return [];
    const runtimeUrl = context.runtimeUrl;
    return crmHooks(model).map(({ handoff, module }) => {
      const name = hookName(handoff.id);
      const attributes: CrmWebhookAttributes = {
        name,
        module,
        url: hookUrl(runtimeUrl, 'crm', handoff.id),
        httpMethod: 'POST',
        secretHeader: CRM_SECRET_HEADER,
        secret: context.secretRef,
        body: [
          { name: 'handoff', value: handoff.id },
          { name: 'id', value: `\${${module}.id}` },
          { name: 'module', value: module },
        ].sort(byName),
      };
      return {
        address: crmWebhookAddress(name),
        type: 'crm_webhook',
        product: 'crm',
        title: `CRM webhook ${name} → ${attributes.url}`,
        attributes: toAttributes(attributes),
        dependsOn: [],
      };
    });
  },

  /** Reads every webhook (one call); keeps zlc's own (`zlc-…`) and those named in `remove:`. */
  async read(clients, scope): Promise<RemoteResource[]> {
    const removed = removedNames(scope.model, 'webhook');
    const hooks = await scope.once<CrmWebhook[]>('crm:webhooks', () => clients.crm.listWebhooks());
    return hooks
      .filter((h) => h.name.startsWith('zlc-') || removed.has(h.name))
      .map((h) => {
        const headers = pairsOf(h.headers);
        const secretPair = headers.find((p) => p.name.toLowerCase() === CRM_SECRET_HEADER.toLowerCase());
        const body = isRecord(h.body) ? pairsOf(h.body) : [];
        const attributes: CrmWebhookAttributes = {
          name: h.name,
          module: str(h.module?.api_name) ?? '',
          url: h.url ?? '',
          httpMethod: 'POST',
          secretHeader: secretPair?.name ?? CRM_SECRET_HEADER,
          secret: scope.secretRefOf(secretPair?.value),
          body: body.sort(byName),
        };
        const attrs = toAttributes(attributes);
        if ((h.http_method ?? 'POST').toUpperCase() !== 'POST') attrs.httpMethod = (h.http_method ?? '').toUpperCase();
        return {
          address: crmWebhookAddress(h.name),
          type: 'crm_webhook' as const,
          product: 'crm' as const,
          title: `CRM webhook ${h.name} → ${attributes.url}`,
          attributes: attrs,
          dependsOn: [],
          remoteId: h.id,
          // The secret itself never enters a plan, not even hashed in full: its reference stands in for it.
          fingerprint: lazyFingerprint(() => ({
            ...h,
            headers: [...headers.filter((p) => p !== secretPair), { name: 'secret', value: attributes.secret }],
          })),
        };
      });
  },
};
