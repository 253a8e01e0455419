/**
 * The standard fields zlc relies on, per app and module, as a new Zoho org has them. Pure data.
 * Custom fields are declared in `fields:`; these make references to standard fields resolve and type-check.
 * Virtual modules (`virtual: true`) are related records reached through a source (deal products, Books
 * contact persons and line items, CRM users); they cannot carry custom fields.
 */
import { BOOKS_MODULES } from './catalogue/books.js';
import { CRM_MODULES } from './catalogue/crm.js';
import { DESK_MODULES } from './catalogue/desk.js';
import type { StandardModule } from './catalogue/standard-field.js';
import type { App } from './model-types.js';

export { DEFAULT_DEAL_STAGES } from './catalogue/crm.js';
export type { StandardField, StandardModule } from './catalogue/standard-field.js';

const MODULES: readonly StandardModule[] = [...CRM_MODULES, ...BOOKS_MODULES, ...DESK_MODULES];

/** Every standard module. */
export function standardModules(): readonly StandardModule[] {
  return MODULES;
}

/** One standard module by app and name (exact spelling), or undefined. */
export function standardModule(app: App, name: string): StandardModule | undefined {
  return MODULES.find((m) => m.app === app && m.name === name);
}
