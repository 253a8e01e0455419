/**
 * The body Desk's fields API takes for a `desk_field` (Field.json `createFieldNewRequest` / `editFieldNewRequest`:
 * one closed shape per type, the same for create and update), and the per-layout picklist values
 * (Layout.json `updateLayoutField`), which that body cannot carry.
 */
import type { DeskField, DeskFieldInput, DeskModule } from '@zlc/zoho';
import type { ExecutorContext } from '../executor.js';
import type { DeskFieldAttributes } from './attributes.js';

/** Desk's largest `maxLength` per type, used when neither the model nor the org gives one (Field.json). */
const MAX_LENGTH: Record<string, number> = { Text: 255, Phone: 255, Number: 9, Decimal: 16, Currency: 16 };
const DEFAULT_DECIMALS = 2;

function lengthOf(a: DeskFieldAttributes, current: DeskField | undefined): number {
  const fromOrg = typeof current?.maxLength === 'number' ? current.maxLength : Number(current?.maxLength ?? Number.NaN);
  return a.maxLength ?? (Number.isInteger(fromOrg) ? fromOrg : (MAX_LENGTH[a.fieldType] ?? 255));
}

/**
 * The documented body for `a`; `current` (the field as the org has it) supplies the `maxLength` a Number, Decimal
 * or Currency field must repeat on update when the model does not set one.
 */
export function deskFieldBody(a: DeskFieldAttributes, current?: DeskField): DeskFieldInput {
  const displayLabel = a.label;
  switch (a.fieldType) {
    case 'Text':
    case 'Number':
    case 'Phone':
      return { displayLabel, type: a.fieldType, maxLength: lengthOf(a, current) };
    case 'Decimal':
    case 'Currency':
      return {
        displayLabel,
        type: a.fieldType,
        maxLength: lengthOf(a, current),
        decimalPlaces: a.decimals ?? DEFAULT_DECIMALS,
      };
    case 'Percent':
    case 'Email':
    case 'URL':
    case 'Date':
    case 'DateTime':
    case 'Textarea':
    case 'Picklist':
    case 'Multiselect':
    case 'Boolean':
      return { displayLabel, type: a.fieldType };
    default:
      throw new Error(
        `Desk field ${a.module}.${a.apiName}: zlc cannot create or change a ${a.fieldType} field through Desk's fields API; make it in Desk's settings or choose another type`,
      );
  }
}

/**
 * Sets a picklist's values in every layout of its module (tickets have one layout per department): Desk keeps
 * picklist values per layout, and `GET /fields` lists them together.
 */
export async function setLayoutValues(
  ctx: ExecutorContext,
  module: DeskModule,
  fieldId: string,
  values: readonly string[],
): Promise<void> {
  const layouts = await ctx.once(`desk:layouts:${module}`, () => ctx.clients.desk.listLayouts(module));
  for (const layout of layouts) {
    await ctx.clients.desk.updateLayoutField(layout.id, fieldId, { allowedValues: [...values] });
  }
}
