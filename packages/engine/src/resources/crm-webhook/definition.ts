/** `crm_webhook`: a CRM webhook action (by name) that posts a handoff's trigger to the runtime. */
import { CRM_RECORD_ID_PARAM, crmRecordIdMergeField } from '@zlc/model';
import type { CrmParamLists, CrmWebhook, CrmWebhookSummary } from '@zlc/zoho';
import { lazyFingerprint } from '../../fingerprint.js';
import type { PlanAction, RemoteResource, Resource } from '../../plan-types.js';
import { addressOf, type ImpactScope, isRecord, type ReadScope, type ResourceDef, str } from '../resource-def.js';
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
  return a.name < b.name ? -1 : a.name > b.name ? 1 : a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
}

/** One list of a parameter collection as `{name, value}` pairs (anything else is skipped). */
function pairsOf(raw: Partial<CrmParamLists> | null | undefined, key: keyof CrmParamLists): NameValue[] {
  const list = raw?.[key];
  if (!Array.isArray(list)) return [];
  return list.flatMap((p) => (isRecord(p) && typeof p.name === 'string' && typeof p.value === 'string' ? [p] : []));
}

/** The org's webhook, read by id (the list holds summaries only), normalised like `desired`. */
function remoteOf(h: CrmWebhook, scope: ReadScope): RemoteResource {
  const headers = [...pairsOf(h.headers, 'module_parameters'), ...pairsOf(h.headers, 'custom_parameters')];
  const secretPair = pairsOf(h.headers, 'custom_parameters').find(
    (p) => p.name.toLowerCase() === CRM_SECRET_HEADER.toLowerCase(),
  );
  const form = h.body?.type === 'form_data' ? h.body.form_data_content : undefined;
  const attributes: CrmWebhookAttributes = {
    name: h.name,
    module: str(h.module?.api_name) ?? '',
    url: h.url ?? '',
    httpMethod: (h.http_method ?? '').toUpperCase(),
    featureType: h.feature_type ?? '',
    authentication: str(h.authentication?.type) ?? '',
    secretHeader: secretPair?.name ?? CRM_SECRET_HEADER,
    secret: scope.secretRefOf(secretPair?.value),
    otherHeaders: headers.filter((p) => p !== secretPair).sort(byName),
    moduleParameters: pairsOf(form, 'module_parameters').sort(byName),
    customParameters: pairsOf(form, 'custom_parameters').sort(byName),
  };
  return {
    address: crmWebhookAddress(h.name),
    type: 'crm_webhook',
    product: 'crm',
    title: `CRM webhook ${h.name} → ${attributes.url}`,
    attributes: crmWebhookCodec.encode(attributes),
    dependsOn: [],
    remoteId: h.id,
    // The secret itself never enters a plan, not even hashed in full: its reference stands in for it.
    fingerprint: lazyFingerprint(() => ({
      ...h,
      headers: [...attributes.otherHeaders, { name: 'secret', value: attributes.secret }],
    })),
  };
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
  immutable: ['module'],
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
        featureType: 'workflow',
        authentication: 'general',
        secretHeader: CRM_SECRET_HEADER,
        secret: context.secretRef,
        otherHeaders: [],
        moduleParameters: [{ name: CRM_RECORD_ID_PARAM, value: crmRecordIdMergeField(module) }],
        customParameters: [
          { name: 'handoff', value: handoff.id },
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

  /**
   * Lists the webhooks (summaries, one paged call shared with crm_workflow_rule), keeps zlc's own (`zlc-…`) and
   * those named in `remove:`, and reads each of them by id: only that answer holds headers and body.
   */
  async read(clients, scope): Promise<RemoteResource[]> {
    const removed = removedNames(scope.model, 'webhook');
    const hooks = await scope.once<CrmWebhookSummary[]>('crm:webhooks', () => clients.crm.listWebhooks());
    const managed = hooks.filter((h) => h.name.startsWith('zlc-') || removed.has(h.name));
    const full = await Promise.all(
      managed.map((h) => scope.once(`crm:webhook:${h.id}`, () => clients.crm.getWebhook(h.id))),
    );
    return full.flatMap((h) => (h === undefined ? [] : [remoteOf(h, scope)]));
  },
};
