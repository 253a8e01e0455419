/**
 * A read-only view of the standard modules and fields a new org has in the sandbox (CRM and Desk), for tools and
 * tests that check another catalogue against it. The sandbox's own seeds remain the source; nothing here is shared
 * with the client.
 */
import { STANDARD_MODULES } from './crm/standard-modules.js';
import { STANDARD_FIELDS } from './desk/field-catalog.js';

export interface CatalogueField {
  apiName: string;
  type: string;
  /** Picklist values (display values) in order, when the field has them. */
  values?: readonly string[];
}

export interface CatalogueModule {
  app: 'crm' | 'desk';
  name: string;
  fields: readonly CatalogueField[];
}

export function standardCatalogue(): CatalogueModule[] {
  const crm = STANDARD_MODULES.map(
    (m): CatalogueModule => ({
      app: 'crm',
      name: m.api,
      fields: m.fields.map((f) => ({ apiName: f.api, type: f.type, ...(f.picklist ? { values: f.picklist } : {}) })),
    }),
  );
  const desk = Object.entries(STANDARD_FIELDS).map(
    ([name, fields]): CatalogueModule => ({
      app: 'desk',
      name,
      fields: fields.map((f) => ({
        apiName: f.apiName,
        type: f.type,
        ...(f.pickListValues ? { values: f.pickListValues } : {}),
      })),
    }),
  );
  return [...crm, ...desk];
}
