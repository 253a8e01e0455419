/** `crm_webhook`: a CRM webhook action (by name) that posts a handoff's trigger to the runtime. */
import type { CrmWebhook } from '@zlc/zoho';
import { lazyFingerprint } from '../../fingerprint.js';
import type { PlanAction, RemoteResource, Resource } from '../../plan-types.js';
import { addressOf, type ImpactScope, isRecord, type ResourceDef, str } from '../resource-def.js';
import { crmHooks, removedNames } from '../shared/handoff-hooks.js';
import type { ImpactQuery } from '../shared/impact.js';
import { CRM_SECRET_HEADER, hookName, hookUrl } from '../shared/webhook-secret.js';
import { type CrmWebhookAttributes, crmWebhookCodec, type NameValue } from './attributes.js';
import { crmWebhookExecutor } from './executor.js';

export type { CrmWebhookAttributes, NameValue } from './attributes.js';

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

/**
 * A removal of a webhook that workflow rules still call (rules the same plan does not remove): those rules stop
 * sending what they send, so the plan counts them and apply asks for `--allow-data-loss`.
 */
function impacts(action: PlanAction, { model }: ImpactScope): ImpactQuery[] {
  if (action.action !== 'remove') return [];
  const removedRules = model.remove.flatMap((r) => (r.kind === 'workflow' ? [r.name] : []));
  const name = String(action.before.name ?? action.address);
  return [
    {
      kind: 'crm_rules_calling',
      address: action.address,
      webhookId: action.remoteId,
      except: removedRules,
      describe: (n) => `${n} CRM workflow rule${n === 1 ? '' : 's'} call ${name}, and would stop calling it`,
    },
  ];
}

export const crmWebhook: ResourceDef = {
  type: 'crm_webhook',
  product: 'crm',
  immutable: [],
  impacts,
  executor: crmWebhookExecutor,

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
        attributes: crmWebhookCodec.encode(attributes),
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
        attributes.httpMethod = (h.http_method ?? 'POST').toUpperCase();
        const attrs = crmWebhookCodec.encode(attributes);
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
