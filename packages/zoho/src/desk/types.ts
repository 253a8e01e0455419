/**
 * Desk v1 shapes, written from `../shared/specs/desk/v1.0/*.json`. Ids are ~18-digit numeric strings.
 * Only the properties zlc relies on are named; the rest stays under the index signature.
 */

export interface DeskOrganization {
  [key: string]: unknown;
  id: string;
  companyName?: string;
  portalName?: string;
  isDefault?: boolean;
  edition?: string;
}

export interface DeskDepartment {
  [key: string]: unknown;
  id: string;
  name: string;
  isEnabled?: boolean;
  isDefault?: boolean;
}

export interface DeskAgent {
  [key: string]: unknown;
  id: string;
  name?: string;
  emailId?: string;
  status?: string;
  roleId?: string;
}

/** A team of one department (zoho/zohodesk-oas `v1.0/Team.json` `teamResponse`). */
export interface DeskTeam {
  [key: string]: unknown;
  id: string;
  name: string;
  departmentId: string;
  /** Agents added to the team by hand. */
  agents?: string[];
  /** Every agent the team holds: its own, and those of its roles and sub-teams. */
  derivedAgents?: string[];
}

export interface DeskAccountInput {
  [key: string]: unknown;
  accountName: string;
  email?: string;
  website?: string;
  phone?: string;
  industry?: string;
  cf?: Record<string, unknown>;
}

export interface DeskAccount {
  [key: string]: unknown;
  id: string;
  accountName: string;
  cf?: Record<string, unknown>;
}

export interface DeskContactInput {
  [key: string]: unknown;
  lastName: string;
  firstName?: string;
  email?: string;
  phone?: string;
  accountId?: string;
  cf?: Record<string, unknown>;
}

export interface DeskContact {
  [key: string]: unknown;
  id: string;
  lastName?: string;
  email?: string;
  accountId?: string | null;
}

export interface DeskTicketInput {
  [key: string]: unknown;
  subject: string;
  departmentId: string;
  contactId?: string;
  contact?: { lastName?: string; email?: string };
  description?: string;
  status?: string;
  priority?: string;
  accountId?: string;
  cf?: Record<string, unknown>;
}

export interface DeskTicket {
  [key: string]: unknown;
  id: string;
  ticketNumber?: string;
  subject?: string;
  status?: string;
  statusType?: string;
  departmentId?: string;
  accountId?: string | null;
  contactId?: string;
}

/** Modules whose fields and layouts zlc reads and writes. */
export type DeskModule = 'tickets' | 'contacts' | 'accounts' | 'tasks' | 'products' | 'calls' | 'events' | 'contracts';

export interface DeskField {
  [key: string]: unknown;
  id: string;
  apiName: string;
  displayLabel?: string;
  type?: string;
  isCustomField?: boolean;
  isMandatory?: boolean;
  maxLength?: number;
  /** Picklist and Multiselect: the values of every layout together (Field.json `picklistWithValuesResponse`). */
  pickListValues?: { value: string }[];
}

/** What every field body carries (Field.json `commonFieldRequest`). */
interface DeskFieldBase {
  displayLabel: string;
  toolTip?: string;
  isTrackLastActivityTime?: boolean;
}

/**
 * A field body as Field.json's `createFieldNewRequest` and `editFieldNewRequest` define it: one closed shape per
 * `type`, the same for create and update. Text, Number and Phone need `maxLength`; Decimal and Currency also need
 * `decimalPlaces`; a LookUp needs `lookup`. Picklist values are not part of it: they belong to each layout
 * (`updateLayoutField`, Layout.json).
 */
export type DeskFieldInput = DeskFieldBase &
  (
    | { type: 'Text' | 'Number' | 'Phone'; maxLength: number; isEncryptedField?: boolean }
    | { type: 'Decimal'; maxLength: number; decimalPlaces: number; isEncryptedField?: boolean }
    | {
        type: 'Currency';
        maxLength: number;
        decimalPlaces: number;
        roundingOption?: 'roundOff' | 'roundDown' | 'roundUp' | 'normal';
        roundingPrecision?: number;
      }
    | { type: 'Percent' | 'Email' | 'URL'; isEncryptedField?: boolean }
    | { type: 'Date' | 'DateTime' | 'Textarea' }
    | { type: 'Picklist' | 'Multiselect'; subType?: 'Plain' | 'ColorCoded' }
    | { type: 'Boolean'; defaultValue?: 'true' | 'false' }
    | { type: 'LookUp'; lookup: { module: { apiName: string }; relatedListLabel: string } }
  );

export type DeskFieldType = DeskFieldInput['type'];

/** A field's settings within one layout (Layout.json `updateLayoutFieldRequestJson`). */
export interface DeskLayoutFieldInput {
  /** Picklist and Multiselect values in this layout, in order. */
  allowedValues?: string[];
  defaultValue?: string;
  sortBy?: 'alphabetical' | 'userDefined';
  isMandatory?: boolean;
}

export interface DeskLayoutField {
  [key: string]: unknown;
  id: string;
  apiName?: string;
  allowedValues?: unknown[];
}

export interface DeskLayout {
  [key: string]: unknown;
  id: string;
  layoutName?: string;
  module?: string;
  departmentId?: string;
  isDefaultLayout?: boolean;
}

export interface DeskWebhook {
  [key: string]: unknown;
  id: string;
  name: string;
  url?: string;
  isEnabled?: boolean;
  subscriptions?: Record<string, unknown>;
}

export interface DeskWebhookInput {
  [key: string]: unknown;
  name: string;
  url: string;
  subscriptions: Record<string, unknown>;
  description?: string;
  isEnabled?: boolean;
}
