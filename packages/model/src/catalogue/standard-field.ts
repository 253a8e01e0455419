/** The shape of the built-in catalogue of standard fields, and small builders for its entries. */
import type { App } from '../model-types.js';

export interface StandardField {
  apiName: string;
  type: string;
  label: string;
  values?: readonly string[];
  /** `app:Module` for lookups. */
  lookup?: string;
  /** Read-only system field (ids, timestamps): fine as a source, never a target. */
  readOnly?: boolean;
}

export interface StandardModule {
  app: App;
  name: string;
  /** The singular noun used as a source name (`deal`, `account`, `ticket`). */
  singular: string;
  virtual: boolean;
  fields: readonly StandardField[];
}

export const label = (apiName: string) => apiName.replace(/^cf_/, '').replace(/[_.]/g, ' ');
export const f = (apiName: string, type: string): StandardField => ({ apiName, type, label: label(apiName) });
export const ro = (apiName: string, type: string): StandardField => ({
  apiName,
  type,
  label: label(apiName),
  readOnly: true,
});
export const pick = (apiName: string, type: string, values: readonly string[]): StandardField => ({
  apiName,
  type,
  label: label(apiName),
  values,
});
export const look = (apiName: string, type: string, target: string): StandardField => ({
  apiName,
  type,
  label: label(apiName),
  lookup: target,
});
