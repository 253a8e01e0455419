/**
 * The field object of Field.json (`commonFieldResponse` plus the per-type extras of `fieldResponse`): exactly those
 * properties, because Desk's schemas forbid any other.
 */
import type { SandboxContext } from '../core/types.js';
import { deskData, type FieldRecord, iso } from './records.js';

export function fieldShape(ctx: SandboxContext, f: FieldRecord): Record<string, unknown> {
  const base: Record<string, unknown> = {
    id: f.id,
    name: f.apiName,
    apiName: f.apiName,
    displayLabel: f.displayLabel,
    i18NLabel: f.displayLabel,
    type: f.type,
    maxLength: f.maxLength,
    isMandatory: f.isMandatory,
    isCustomField: f.isCustomField,
    isEncryptedField: f.isEncryptedField,
    sourceType: f.isCustomField ? 'USERDEFINED' : 'SYSTEM',
    ...(f.toolTip === null ? {} : { toolTip: f.toolTip, toolTipType: 'placeHolder' }),
    createdTime: iso(f.createdTime),
    modifiedTime: iso(f.modifiedTime),
  };
  switch (f.type) {
    case 'Decimal':
      return { ...base, decimalPlaces: f.decimalPlaces ?? 2 };
    case 'Currency':
      return {
        ...base,
        decimalPlaces: f.decimalPlaces ?? 2,
        roundingOption: f.roundingOption ?? 'normal',
        roundingPrecision: f.roundingPrecision ?? 2,
      };
    case 'Boolean':
      return { ...base, defaultValue: f.defaultValue === 'true' ? 'true' : 'false' };
    case 'Picklist':
    case 'Multiselect': {
      const values = f.pickListValues ?? [];
      const statusTypes = f.statusTypes;
      return {
        ...base,
        pickListValues: values.map((value) =>
          statusTypes === null ? { value } : { value, statusType: statusTypes[value] ?? 'Open' },
        ),
      };
    }
    case 'LookUp': {
      const target = f.lookup?.moduleApiName ?? 'accounts';
      return {
        ...base,
        lookup: {
          onDelete: 'SET_NULL',
          relatedListLabel: f.lookup?.relatedListLabel ?? f.displayLabel,
          module: { apiName: target, nameField: NAME_FIELDS[target] ?? 'name', id: moduleId(ctx, target) },
        },
      };
    }
    default:
      return base;
  }
}

const NAME_FIELDS: Record<string, string> = {
  accounts: 'accountName',
  contacts: 'lastName',
  tickets: 'subject',
  departments: 'name',
};

const MODULE_ORDER = [
  'tickets',
  'contacts',
  'accounts',
  'departments',
  'agents',
  'products',
  'tasks',
  'calls',
  'events',
];

/** Module ids are fixed per org: derived from the org id so that they look like Desk ids and never change. */
export function moduleId(ctx: SandboxContext, apiName: string): string {
  const org = deskData(ctx).org.values().next().value;
  const index = MODULE_ORDER.indexOf(apiName);
  const base = org?.id ?? ctx.org.deskOrgId;
  return `${base.slice(0, 7)}${String(1000 + (index < 0 ? MODULE_ORDER.length : index)).padStart(11, '0')}`;
}
