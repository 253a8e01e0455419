/**
 * The request bodies of Field.json's `createFieldNewRequest` and `editFieldNewRequest`: one closed shape per `type`
 * (each branch has `additionalProperties: false`), the same for create and update. `displayLabel` is required in
 * both (`commonFieldRequest`); Text, Number and Phone require `maxLength`; Decimal and Currency require
 * `maxLength` and `decimalPlaces`; a LookUp requires `lookup`. No branch carries picklist values: Desk keeps those
 * per layout (Layout.json `updateLayoutField`).
 */
import { type FieldError, fieldError } from './errors.js';
import type { DeskFieldType } from './records.js';
import type { Rules } from './validate.js';

export const FIELD_TYPES: readonly DeskFieldType[] = [
  'Text',
  'Number',
  'Percent',
  'Decimal',
  'Currency',
  'Date',
  'DateTime',
  'Email',
  'Phone',
  'Picklist',
  'URL',
  'Textarea',
  'Boolean',
  'Multiselect',
  'LookUp',
];

const COMMON: Rules = {
  displayLabel: { kind: 'string', max: 200, required: true },
  type: { kind: 'string', max: 20, required: true },
  isTrackLastActivityTime: { kind: 'boolean' },
  toolTip: { kind: 'string', max: 200 },
  toolTipType: { kind: 'string', max: 20, pattern: /^(placeHolder|icon)$/ },
};

/** `maxLength`, `decimalPlaces`, `roundingPrecision` are `string|integer` with pattern `[0-9]+` (the `id` rule). */
const LENGTH: Rules = { maxLength: { kind: 'id', required: true } };
const ENCRYPTABLE: Rules = { isEncryptedField: { kind: 'boolean' } };
const DECIMALS: Rules = { decimalPlaces: { kind: 'id', required: true } };
const SUBTYPE: Rules = { subType: { kind: 'string', max: 20, pattern: /^(Plain|ColorCoded)$/ } };

const TYPE_RULES: Record<DeskFieldType, Rules> = {
  Text: { ...LENGTH, ...ENCRYPTABLE },
  Number: { ...LENGTH, ...ENCRYPTABLE },
  Percent: ENCRYPTABLE,
  Decimal: { ...LENGTH, ...DECIMALS, ...ENCRYPTABLE },
  Currency: {
    ...LENGTH,
    ...DECIMALS,
    roundingOption: { kind: 'string', max: 20, pattern: /^(roundOff|roundDown|roundUp|normal)$/ },
    roundingPrecision: { kind: 'id' },
  },
  Date: {},
  DateTime: {},
  Email: ENCRYPTABLE,
  Phone: { ...LENGTH, ...ENCRYPTABLE },
  Picklist: SUBTYPE,
  URL: ENCRYPTABLE,
  Textarea: {},
  Boolean: { defaultValue: { kind: 'string', max: 5, pattern: /^(true|false)$/ } },
  Multiselect: SUBTYPE,
  LookUp: { lookup: { kind: 'object', required: true } },
};

/** The body rules of `type` (an unknown type gets the common part only; `/type` is reported apart). */
export function fieldRules(type: DeskFieldType | undefined): Rules {
  return { ...COMMON, ...(type === undefined ? {} : TYPE_RULES[type]) };
}

export function fieldTypeOf(value: unknown): DeskFieldType | undefined {
  return FIELD_TYPES.find((t) => t === value);
}

/** Default and allowed `maxLength` per type (Field.json request schemas; types without one have a fixed length). */
export const LENGTHS: Record<DeskFieldType, { def: number; min: number; max: number }> = {
  Text: { def: 255, min: 1, max: 255 },
  Number: { def: 9, min: 1, max: 9 },
  Percent: { def: 5, min: 5, max: 5 },
  Decimal: { def: 16, min: 1, max: 16 },
  Currency: { def: 16, min: 3, max: 16 },
  Date: { def: 20, min: 20, max: 20 },
  DateTime: { def: 120, min: 120, max: 120 },
  Email: { def: 100, min: 100, max: 100 },
  Phone: { def: 30, min: 1, max: 255 },
  Picklist: { def: 120, min: 120, max: 120 },
  URL: { def: 255, min: 255, max: 255 },
  Textarea: { def: 32000, min: 32000, max: 32000 },
  Boolean: { def: 5, min: 5, max: 5 },
  Multiselect: { def: 32000, min: 32000, max: 32000 },
  LookUp: { def: 300, min: 300, max: 300 },
};

function intOf(body: Record<string, unknown>, key: string): number | undefined {
  const v = body[key];
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^[0-9]{1,15}$/.test(v)) return Number(v);
  return undefined;
}

export interface FieldNumbers {
  maxLength: number | undefined;
  decimalPlaces: number | undefined;
  roundingPrecision: number | undefined;
  errors: FieldError[];
}

/**
 * The numeric settings of a body already checked by `fieldRules(type)`, with their ranges: `maxLength` as the
 * type's schema, `decimalPlaces` 0–9, `roundingPrecision` 0–30 and at most `decimalPlaces` (Field.json
 * `currencyFieldJsonNew`).
 */
export function fieldNumbers(type: DeskFieldType, body: Record<string, unknown>): FieldNumbers {
  const errors: FieldError[] = [];
  const maxLength = intOf(body, 'maxLength');
  const decimalPlaces = intOf(body, 'decimalPlaces');
  const roundingPrecision = intOf(body, 'roundingPrecision');
  const len = LENGTHS[type];
  if (maxLength !== undefined && (maxLength < len.min || maxLength > len.max))
    errors.push(fieldError('/maxLength', 'invalid', `'maxLength' must be between ${len.min} and ${len.max}.`));
  if (decimalPlaces !== undefined && decimalPlaces > 9)
    errors.push(fieldError('/decimalPlaces', 'invalid', "'decimalPlaces' must be between 0 and 9."));
  if (roundingPrecision !== undefined && (roundingPrecision > 30 || roundingPrecision > (decimalPlaces ?? 30)))
    errors.push(
      fieldError(
        '/roundingPrecision',
        'invalid',
        "'roundingPrecision' must be between 0 and 30 and not above 'decimalPlaces'.",
      ),
    );
  return { maxLength, decimalPlaces, roundingPrecision, errors };
}
