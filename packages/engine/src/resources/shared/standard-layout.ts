/**
 * The layout zlc manages in each CRM module: the one named `Standard` (every module has it, layouts.yaml), else the
 * first. Its fields carry the mandatory flags and the picklist values the fields API leaves out.
 */
import type { CrmLayout, CrmLayoutField } from '@zlc/zoho';

export const STANDARD_LAYOUT = 'Standard';

export function standardLayout(layouts: readonly CrmLayout[]): CrmLayout | undefined {
  return layouts.find((l) => l.name === STANDARD_LAYOUT) ?? layouts[0];
}

export function standardLayoutFields(layouts: readonly CrmLayout[]): CrmLayoutField[] {
  return (standardLayout(layouts)?.sections ?? []).flatMap((s) => s.fields ?? []);
}
