/** `crm_field`: a CRM custom field (module + api_name) with its picklist values. */
import type { ResolvedField } from '@zlc/model';
import type { CrmField } from '@zlc/zoho';
import { lazyFingerprint } from '../fingerprint.js';
import type { RemoteResource, Resource } from '../plan-types.js';
import { addressOf, fieldModules, isRecord, type ResourceDef, str, toAttributes } from './resource-def.js';

/**
 * The attributes zlc manages on a CRM custom field. `apply` maps them to `POST/PATCH /settings/fields`:
 * `label` → `field_label`, `dataType` → `data_type`, `length`, `picklist` → `pick_list_values`
 * (`{display_value, actual_value}` each), `unique` → `unique: {casesensitive: "false"}`, `lookupModule` →
 * `lookup.module.api_name`.
 */
export type CrmFieldAttributes = {
  module: string;
  apiName: string;
  label: string;
  /** CRM `data_type`: text, textarea, email, phone, picklist, multiselectpicklist, integer, currency … */
  dataType: string;
  /** Maximum length; managed for `text` only (server default 255). */
  length?: number;
  /** Display values in order, without CRM's automatic `-None-`. Picklists only. */
  picklist?: string[];
  unique: boolean;
  /** Lookups only: the module looked up. */
  lookupModule?: string;
};

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

export function normaliseCrmField(module: string, raw: CrmField): CrmFieldAttributes {
  const dataType = raw.data_type ?? 'text';
  const values = [...(raw.pick_list_values ?? [])]
    .sort((a, b) => (a.sequence_number ?? 0) - (b.sequence_number ?? 0))
    .map((v) => v.display_value)
    .filter((v) => v !== NONE);
  return {
    module,
    apiName: raw.api_name,
    label: raw.field_label ?? raw.display_label ?? raw.api_name,
    dataType,
    length: dataType === 'text' ? (raw.length ?? TEXT_DEFAULT_LENGTH) : undefined,
    picklist: isPicklist(dataType) ? values : undefined,
    unique: isRecord(raw.unique) && Object.keys(raw.unique).length > 0,
    lookupModule: dataType === 'lookup' ? str(raw.lookup?.module?.api_name) : undefined,
  };
}

export const crmField: ResourceDef = {
  type: 'crm_field',
  product: 'crm',
  immutable: ['dataType', 'lookupModule'],

  desired(model): Resource[] {
    return model.customFields
      .filter((f) => f.app === 'crm')
      .map((f) => ({
        address: crmFieldAddress(f.module, f.apiName),
        type: 'crm_field',
        product: 'crm',
        title: title(f.module, f.apiName, f.nativeType),
        attributes: toAttributes(desiredCrmFieldAttributes(f)),
        dependsOn: [],
      }));
  },

  async read(clients, scope): Promise<RemoteResource[]> {
    const modules = fieldModules(scope.model, 'crm');
    const lists = await Promise.all(modules.map((m) => scope.once(`crm:fields:${m}`, () => clients.crm.listFields(m))));
    return modules.flatMap((module, i) =>
      (lists[i] ?? [])
        .filter((f) => f.custom_field === true)
        .map((f) => {
          const attributes = normaliseCrmField(module, f);
          return {
            address: crmFieldAddress(module, f.api_name),
            type: 'crm_field' as const,
            product: 'crm' as const,
            title: title(module, f.api_name, attributes.dataType),
            attributes: toAttributes(attributes),
            dependsOn: [],
            remoteId: f.id,
            fingerprint: lazyFingerprint(() => f),
          };
        }),
    );
  },
};
