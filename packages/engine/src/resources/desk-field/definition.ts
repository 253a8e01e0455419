/** `desk_field`: a Desk custom field (module + apiName). */
import type { DeskField, DeskModule } from '@zlc/zoho';
import type { PlanAction, RemoteResource, Resource } from '../../plan-types.js';
import { addressOf, fieldModules, isRecord, type ResourceDef, str } from '../resource-def.js';
import {
  deskCustomFieldTerm,
  type ImpactQuery,
  isDeskSearchModule,
  keyParts,
  removedValues,
} from '../shared/impact.js';
import { lazyRemote } from '../shared/lazy-remote.js';
import { type DeskFieldAttributes, deskFieldCodec } from './attributes.js';
import { deskFieldExecutor } from './executor.js';

export type { DeskFieldAttributes } from './attributes.js';

/** Server defaults: `maxLength` of the types that have one, and `decimalPlaces`. */
export const DESK_DEFAULT_LENGTH: Record<string, number> = { Text: 255, Phone: 30 };
export const DESK_DEFAULT_DECIMALS = 2;
const HAS_DECIMALS = new Set(['Decimal', 'Currency']);
const HAS_VALUES = new Set(['Picklist', 'Multiselect']);

export function deskFieldAddress(module: string, apiName: string): string {
  return addressOf('desk_field', module, apiName);
}

function title(module: string, apiName: string, type: string): string {
  return `Desk ${module} › ${apiName} (${type})`;
}

/** Field.json lists a picklist's values, of every layout together, as `pickListValues: [{value}]`. */
function valuesOf(raw: DeskField): string[] {
  const list: unknown[] = Array.isArray(raw.pickListValues) ? raw.pickListValues : [];
  const out: string[] = [];
  for (const v of list) {
    const value = isRecord(v) ? str(v.value) : str(v);
    if (value !== undefined) out.push(value);
  }
  return out;
}

function deskFieldType(raw: DeskField): string {
  return raw.type ?? 'Text';
}

export function normaliseDeskField(module: string, raw: DeskField): DeskFieldAttributes {
  const type = deskFieldType(raw);
  const decimals =
    typeof raw.decimalPlaces === 'number' ? raw.decimalPlaces : Number(raw.decimalPlaces ?? DESK_DEFAULT_DECIMALS);
  return {
    module,
    apiName: raw.apiName,
    label: raw.displayLabel ?? raw.apiName,
    fieldType: type,
    maxLength: type in DESK_DEFAULT_LENGTH ? Number(raw.maxLength ?? DESK_DEFAULT_LENGTH[type]) : undefined,
    decimals: HAS_DECIMALS.has(type) ? decimals : undefined,
    values: HAS_VALUES.has(type) ? valuesOf(raw) : undefined,
  };
}

/**
 * A removal or a replace (delete, then create) loses every value of the field; an update that takes picklist values
 * out loses the records' use of them. Counted with Desk's search (`customField1=cf_x:${notempty}`, or the values).
 */
function impacts(action: PlanAction): ImpactQuery[] {
  const [module = '', apiName = ''] = keyParts(action.address);
  if (!isDeskSearchModule(module)) return [];
  const count = (values: string[] | 'not_empty', describe: (n: number) => string): ImpactQuery[] => [
    {
      kind: 'desk_search',
      address: action.address,
      module,
      params: { customField1: deskCustomFieldTerm(apiName, values) },
      describe,
    },
  ];
  switch (action.action) {
    case 'remove':
      return count('not_empty', (n) => `${n} Desk ${module} have a value in ${apiName}, which would be lost`);
    case 'replace':
      return count(
        'not_empty',
        (n) => `${n} Desk ${module} have a value in ${apiName}, which the replace (delete, then create) would lose`,
      );
    case 'update': {
      const gone = removedValues(action, 'values');
      if (gone.length === 0) return [];
      return count(
        gone,
        (n) => `${n} Desk ${module} use the removed ${apiName} value${gone.length > 1 ? 's' : ''} ${gone.join(', ')}`,
      );
    }
    case 'create':
    case 'manual':
    case 'noop':
      return [];
  }
}

export const deskField: ResourceDef = {
  type: 'desk_field',
  product: 'desk',
  // Field.json `editFieldNewRequest` changes the label, maxLength and decimalPlaces in place, and Layout.json
  // `updateLayoutField` the picklist values; only the type cannot change (a different `type` is refused).
  immutable: ['fieldType'],
  impacts,
  executor: deskFieldExecutor,

  desired(model): Resource[] {
    return model.customFields
      .filter((f) => f.app === 'desk')
      .map((f) => {
        const type = f.nativeType;
        const attributes: DeskFieldAttributes = {
          module: f.module,
          apiName: f.apiName,
          label: f.label,
          fieldType: type,
          maxLength: type in DESK_DEFAULT_LENGTH ? (f.length ?? DESK_DEFAULT_LENGTH[type]) : undefined,
          decimals: HAS_DECIMALS.has(type) ? (f.decimals ?? DESK_DEFAULT_DECIMALS) : undefined,
          values: HAS_VALUES.has(type) ? (f.values ?? []).map((v) => v.display) : undefined,
        };
        return {
          address: deskFieldAddress(f.module, f.apiName),
          type: 'desk_field',
          product: 'desk',
          title: title(f.module, f.apiName, type),
          attributes: deskFieldCodec.encode(attributes),
          dependsOn: [],
        };
      });
  },

  async read(clients, scope): Promise<RemoteResource[]> {
    const modules = fieldModules(scope.model, 'desk') as DeskModule[];
    const lists = await Promise.all(
      modules.map((m) => scope.once(`desk:fields:${m}`, () => clients.desk.listFields(m))),
    );
    return modules.flatMap((module, i) =>
      (lists[i] ?? [])
        .filter((f) => f.isCustomField === true)
        .map((f) =>
          lazyRemote(
            {
              address: deskFieldAddress(module, f.apiName),
              type: 'desk_field',
              product: 'desk',
              title: title(module, f.apiName, deskFieldType(f)),
              remoteId: f.id,
            },
            f,
            () => deskFieldCodec.encode(normaliseDeskField(module, f)),
          ),
        ),
    );
  },
};
