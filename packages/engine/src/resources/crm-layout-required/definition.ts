/**
 * `crm_layout_required`: the mandatory flag of a declared CRM custom field in the module's standard layout, for
 * fields the model requires everywhere (`required: true`). Stage-scoped requirements (`required_in`, a stage's
 * `required_fields`) are not layout flags — a layout flag would block records in earlier stages — they gate the
 * handoffs and show in the business summary.
 */
import type { ResolvedModel } from '@zlc/model';
import type { CrmLayout } from '@zlc/zoho';
import { lazyFingerprint } from '../../fingerprint.js';
import type { PlanAction, RemoteResource, Resource } from '../../plan-types.js';
import { crmFieldAddress } from '../crm-field/definition.js';
import { addressOf, type ImpactScope, type ResourceDef } from '../resource-def.js';
import { type ImpactQuery, keyParts } from '../shared/impact.js';
import { STANDARD_LAYOUT } from '../shared/standard-layout.js';
import { type CrmLayoutRequiredAttributes, crmLayoutRequiredCodec } from './attributes.js';
import { crmLayoutRequiredExecutor } from './executor.js';

export type { CrmLayoutRequiredAttributes } from './attributes.js';

function address(module: string, layout: string, apiName: string): string {
  return addressOf('crm_layout_required', module, layout, apiName);
}

function title(module: string, layout: string, apiName: string): string {
  return `${module} › ${apiName} mandatory in layout ${layout}`;
}

function declared(model: ResolvedModel): Map<string, Set<string>> {
  const byModule = new Map<string, Set<string>>();
  for (const f of model.customFields) {
    if (f.app !== 'crm') continue;
    const set = byModule.get(f.module) ?? new Set<string>();
    set.add(f.apiName);
    byModule.set(f.module, set);
  }
  return byModule;
}

/** A new mandatory flag: the records that have no value (all of them when the field is new too). */
function impacts(action: PlanAction, { creating }: ImpactScope): ImpactQuery[] {
  if (action.action !== 'create') return [];
  const [module = '', , apiName = ''] = keyParts(action.address);
  const fresh = creating.has(crmFieldAddress(module, apiName));
  return [
    {
      kind: 'coql',
      address: action.address,
      module,
      query: `select COUNT(id) from ${module} where ${fresh ? 'id is not null' : `${apiName} is null`}`,
      describe: (n) => `${n} ${module} have no ${apiName}, which becomes mandatory`,
    },
  ];
}

export const crmLayoutRequired: ResourceDef = {
  type: 'crm_layout_required',
  product: 'crm',
  immutable: [],
  impacts,
  executor: crmLayoutRequiredExecutor,

  desired(model): Resource[] {
    return model.customFields
      .filter((f) => f.app === 'crm' && f.required)
      .map((f) => {
        const attributes: CrmLayoutRequiredAttributes = {
          module: f.module,
          layout: STANDARD_LAYOUT,
          apiName: f.apiName,
          required: true,
        };
        return {
          address: address(f.module, STANDARD_LAYOUT, f.apiName),
          type: 'crm_layout_required',
          product: 'crm',
          title: title(f.module, STANDARD_LAYOUT, f.apiName),
          attributes: crmLayoutRequiredCodec.encode(attributes),
          dependsOn: [crmFieldAddress(f.module, f.apiName)],
        };
      });
  },

  /** Reads the layouts of modules with declared fields; reports each declared field that a layout requires. */
  async read(clients, scope): Promise<RemoteResource[]> {
    const byModule = declared(scope.model);
    const modules = [...byModule.keys()].sort();
    const lists = await Promise.all(
      modules.map((m) => scope.once<CrmLayout[]>(`crm:layouts:${m}`, () => clients.crm.listLayouts(m))),
    );
    const out: RemoteResource[] = [];
    modules.forEach((module, i) => {
      const wanted = byModule.get(module) ?? new Set<string>();
      const layout = (lists[i] ?? []).find((l) => l.name === STANDARD_LAYOUT);
      if (!layout) return;
      for (const section of layout.sections ?? []) {
        for (const field of section.fields ?? []) {
          if (!wanted.has(field.api_name) || field.required !== true) continue;
          const attributes: CrmLayoutRequiredAttributes = {
            module,
            layout: layout.name,
            apiName: field.api_name,
            required: true,
          };
          out.push({
            address: address(module, layout.name, field.api_name),
            type: 'crm_layout_required',
            product: 'crm',
            title: title(module, layout.name, field.api_name),
            attributes: crmLayoutRequiredCodec.encode(attributes),
            dependsOn: [],
            remoteId: layout.id,
            fingerprint: lazyFingerprint(() => field),
          });
        }
      }
    });
    return out;
  },

  /** A declared field the model no longer requires: clear the flag instead of reporting an orphan. */
  whenUnwanted: (remote) => ({ ...remote.attributes, required: false }),
};
