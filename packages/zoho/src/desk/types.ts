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
  allowedValues?: { value: string }[];
}

export interface DeskFieldInput {
  [key: string]: unknown;
  displayLabel: string;
  type: string;
  maxLength?: number;
  allowedValues?: { value: string }[];
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
