/** `crm_field`: a CRM custom field (module + api_name) with its picklist values. */
import type { ResolvedField } from '@zlc/model';
import type { CrmField, CrmLayout, CrmPicklistValue, ZohoClients } from '@zlc/zoho';
import type { PlanAction, RemoteResource, Resource } from '../../plan-types.js';
import {
  addressOf,
  fieldModules,
  type ImpactScope,
  isRecord,
  type ReadScope,
  type ResourceDef,
  str,
} from '../resource-def.js';
import { and, coqlWhere, type ImpactQuery, keyParts, quote, removedValues } from '../shared/impact.js';
import { lazyRemote } from '../shared/lazy-remote.js';
import { standardLayoutFields } from '../shared/standard-layout.js';
import { type CrmFieldAttributes, crmFieldCodec } from './attributes.js';
import { crmFieldExecutor } from './executor.js';

export type { CrmFieldAttributes } from './attributes.js';

export const TEXT_DEFAULT_LENGTH = 255;
const NONE = '-None-';

export function crmFieldAddress(module: string, apiName: string): string {
  return addressOf('crm_field', module, apiName);
}

function isPicklist(dataType: string): boolean {
  return dataType === 'picklist' || dataType === 'multiselectpicklist';
}

export function desiredCrmFieldAttributes(field: ResolvedField): CrmFieldAttributes {
  const dataType = field.nativeType;
  return {
    module: field.module,
    apiName: field.apiName,
    label: field.label,
    dataType,
    length: dataType === 'text' ? (field.length ?? TEXT_DEFAULT_LENGTH) : undefined,
    picklist: isPicklist(dataType) ? (field.values ?? []).map((v) => v.display).filter((v) => v !== NONE) : undefined,
    unique: field.unique,
    lookupModule: dataType === 'lookup' ? field.lookup?.module : undefined,
  };
}

function title(module: string, apiName: string, dataType: string): string {
  return `${module} › ${apiName} (${dataType})`;
}

function crmDataType(raw: CrmField): string {
  return raw.data_type ?? 'text';
}

/**
 * A custom field as zlc compares it. Its picklist values come from a layout (`values`): the fields API's answers
 * carry none ("does not contain layout-specific configurations such as … picklist values", fields.yaml).
 */
export function normaliseCrmField(
  module: string,
  raw: CrmField,
  values?: readonly CrmPicklistValue[],
): CrmFieldAttributes {
  const dataType = crmDataType(raw);
  const sorted = [...(values ?? raw.pick_list_values ?? [])]
    .sort((a, b) => (a.sequence_number ?? 0) - (b.sequence_number ?? 0))
    .map((v) => v.display_value)
    .filter((v) => v !== NONE);
  return {
    module,
    apiName: raw.api_name,
    label: raw.field_label ?? raw.display_label ?? raw.api_name,
    dataType,
    length: dataType === 'text' ? (raw.length ?? TEXT_DEFAULT_LENGTH) : undefined,
    picklist: isPicklist(dataType) ? sorted : undefined,
    unique: isRecord(raw.unique) && typeof raw.unique.case_sensitive === 'boolean',
    lookupModule: dataType === 'lookup' ? str(raw.lookup?.module?.api_name) : undefined,
  };
}

/**
 * A new field a stage requires (the records already in that stage have no value), a picklist update that takes
 * values out (the records using them), a removal or a replace — delete and create again, since CRM cannot change a
 * custom field's type (Zoho CRM help, "Working with Custom Fields") — (the records with a value, which go with it).
 */
function impacts(action: PlanAction, { model }: ImpactScope): ImpactQuery[] {
  const [module = '', ...rest] = keyParts(action.address);
  const apiName = rest.join('.');
  const count = (where: string, describe: (n: number) => string): ImpactQuery[] => [
    {
      kind: 'coql',
      address: action.address,
      module,
      query: `select COUNT(id) from ${module} where ${where}`,
      describe,
    },
  ];
  switch (action.action) {
    case 'create': {
      const field = model.customFields.find((f) => f.app === 'crm' && f.module === module && f.apiName === apiName);
      const stage = model.stages
        .filter((s) => s.app === 'crm' && s.module === module && field?.requiredInStages.includes(s.id))
        .sort((a, b) => a.index - b.index)[0];
      if (!stage) return [];
      return count(
        and(coqlWhere(stage.entry, module)),
        (n) => `${n} ${module} in ${stage.name} have no ${apiName} (required from ${stage.name} on)`,
      );
    }
    case 'update': {
      const gone = removedValues(action, 'picklist');
      if (gone.length === 0) return [];
      return count(
        `${apiName} in (${gone.map(quote).join(', ')})`,
        (n) => `${n} ${module} use the removed ${apiName} value${gone.length > 1 ? 's' : ''} ${gone.join(', ')}`,
      );
    }
    case 'replace':
      return count(
        `${apiName} is not null`,
        (n) => `${n} ${module} have a value in ${apiName}, which the replace (delete, then create) would lose`,
      );
    case 'remove':
      return count(`${apiName} is not null`, (n) => `${n} ${module} have a value in ${apiName}, which would be lost`);
    case 'manual':
    case 'noop':
      return [];
  }
}

/**
 * A module's fields, and the picklist values of its custom picklists from the Standard layout (read only when the
 * module has one; the layouts list is shared with the mandatory flags).
 */
async function readModule(
  clients: ZohoClients,
  scope: ReadScope,
  module: string,
): Promise<{ fields: CrmField[]; values: Map<string, CrmPicklistValue[]> }> {
  const fields = await scope.once(`crm:fields:${module}`, () => clients.crm.listFields(module));
  const values = new Map<string, CrmPicklistValue[]>();
  if (!fields.some((f) => f.custom_field === true && isPicklist(f.data_type ?? ''))) return { fields, values };
  const layouts = await scope.once<CrmLayout[]>(`crm:layouts:${module}`, () => clients.crm.listLayouts(module));
  for (const f of standardLayoutFields(layouts)) if (f.id !== undefined) values.set(f.id, f.pick_list_values ?? []);
  return { fields, values };
}

export const crmField: ResourceDef = {
  type: 'crm_field',
  product: 'crm',
  immutable: ['dataType', 'lookupModule'],
  impacts,
  executor: crmFieldExecutor,

  desired(model): Resource[] {
    return model.customFields
      .filter((f) => f.app === 'crm')
      .map((f) => ({
        address: crmFieldAddress(f.module, f.apiName),
        type: 'crm_field',
        product: 'crm',
        title: title(f.module, f.apiName, f.nativeType),
        attributes: crmFieldCodec.encode(desiredCrmFieldAttributes(f)),
        dependsOn: [],
      }));
  },

  async read(clients, scope): Promise<RemoteResource[]> {
    const modules = fieldModules(scope.model, 'crm');
    const lists = await Promise.all(modules.map((m) => readModule(clients, scope, m)));
    return modules.flatMap((module, i) =>
      (lists[i]?.fields ?? [])
        .filter((f) => f.custom_field === true)
        .map((f) =>
          lazyRemote(
            {
              address: crmFieldAddress(module, f.api_name),
              type: 'crm_field',
              product: 'crm',
              title: title(module, f.api_name, crmDataType(f)),
              remoteId: f.id,
            },
            f,
            () => crmFieldCodec.encode(normaliseCrmField(module, f, lists[i]?.values.get(f.id))),
          ),
        ),
    );
  },
};
