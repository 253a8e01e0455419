/**
 * What the Desk module keeps in the store: one collection per resource, documents in the sandbox's own compact
 * form (epoch milliseconds, ids as strings). Response shapes are built from these by the `*-shape.ts` files.
 */
import type { Collection, SandboxContext } from '../core/types.js';

export type DeskModuleName = 'accounts' | 'contacts' | 'tickets';
export const DESK_MODULES: readonly DeskModuleName[] = ['accounts', 'contacts', 'tickets'];

/** A custom-field value as stored: what the API accepts and returns inside `cf`. */
export type CfValue = string | null;
export type CfValues = Record<string, CfValue>;

export interface OrgRecord {
  id: string;
  companyName: string;
  portalName: string;
  edition: 'FREE' | 'EXPRESS' | 'PROFESSIONAL' | 'ENTERPRISE';
  createdTime: number;
}

export interface DepartmentRecord {
  id: string;
  name: string;
  description: string | null;
  isDefault: boolean;
  isEnabled: boolean;
  creatorId: string;
  createdTime: number;
  agentIds: string[];
}

/** A team of one department; `agentIds` are its members (Team.json `agents`). */
export interface TeamRecord {
  id: string;
  name: string;
  description: string | null;
  departmentId: string;
  agentIds: string[];
  createdTime: number;
}

export interface AgentRecord {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  roleId: string;
  profileId: string;
  isConfirmed: boolean;
  status: 'ACTIVE' | 'DISABLED';
  departmentIds: string[];
  createdTime: number;
}

export interface AccountRecord {
  id: string;
  accountName: string;
  email: string | null;
  phone: string | null;
  website: string | null;
  industry: string | null;
  description: string | null;
  code: string | null;
  fax: string | null;
  street: string | null;
  city: string | null;
  state: string | null;
  country: string | null;
  annualrevenue: string | null;
  ownerId: string | null;
  cf: CfValues;
  createdTime: number;
  modifiedTime: number;
}

export interface ContactRecord {
  id: string;
  firstName: string | null;
  lastName: string;
  email: string | null;
  secondaryEmail: string | null;
  phone: string | null;
  mobile: string | null;
  accountId: string | null;
  ownerId: string | null;
  title: string | null;
  type: string | null;
  description: string | null;
  street: string | null;
  city: string | null;
  state: string | null;
  country: string | null;
  zip: string | null;
  twitter: string | null;
  facebook: string | null;
  cf: CfValues;
  createdTime: number;
  modifiedTime: number;
}

export interface TicketRecord {
  id: string;
  ticketNumber: string;
  subject: string;
  description: string | null;
  departmentId: string;
  contactId: string;
  accountId: string | null;
  assigneeId: string | null;
  status: string;
  priority: string | null;
  channel: string;
  email: string | null;
  phone: string | null;
  category: string | null;
  subCategory: string | null;
  classification: string | null;
  language: string | null;
  dueDate: number | null;
  resolution: string | null;
  cf: CfValues;
  createdTime: number;
  modifiedTime: number;
  closedTime: number | null;
  modifiedBy: string | null;
}

export type DeskFieldType =
  | 'Text'
  | 'Number'
  | 'Percent'
  | 'Decimal'
  | 'Currency'
  | 'Date'
  | 'DateTime'
  | 'Email'
  | 'Phone'
  | 'Picklist'
  | 'URL'
  | 'Textarea'
  | 'Boolean'
  | 'Multiselect'
  | 'LookUp';

export interface FieldRecord {
  id: string;
  module: DeskModuleName;
  apiName: string;
  displayLabel: string;
  type: DeskFieldType;
  maxLength: number;
  isCustomField: boolean;
  isMandatory: boolean;
  isEncryptedField: boolean;
  decimalPlaces: number | null;
  roundingOption: 'roundOff' | 'roundDown' | 'roundUp' | 'normal' | null;
  roundingPrecision: number | null;
  defaultValue: string | null;
  /** Picklist values of every layout together, in first-seen order (what `GET /fields` lists). */
  pickListValues: string[] | null;
  /**
   * A custom picklist's values per layout id, as `PATCH /layouts/{id}/fields/{fieldId}` sets them (Layout.json
   * `updateLayoutField`); absent on standard fields and on fields stored before layouts held values.
   */
  layoutValues?: Record<string, string[]>;
  /** `sortBy` of the layout field settings (Layout.json `updateLayoutFieldRequestJson`). */
  sortBy?: 'alphabetical' | 'userDefined';
  /** For the ticket `status` field: each value's statusType. */
  statusTypes: Record<string, string> | null;
  lookup: { moduleApiName: string; relatedListLabel: string } | null;
  toolTip: string | null;
  createdTime: number;
  modifiedTime: number;
}

export interface LayoutRecord {
  id: string;
  module: DeskModuleName;
  layoutName: string;
  departmentId: string | null;
  isDefaultLayout: boolean;
  createdTime: number;
}

export type SubscriptionValue = { departmentIds: string[] | null; fields: string[]; includePrevState: boolean } | null;

export interface WebhookRecord {
  id: string;
  name: string;
  url: string;
  description: string | null;
  isEnabled: boolean;
  ignoreSourceId: string | null;
  includeEventsFrom: string[];
  /** Event type → its options (`null` for events that take none, e.g. `Account_Add`). */
  subscriptions: Record<string, SubscriptionValue>;
  createdBy: string;
  createdTime: number;
  modifiedTime: number;
}

export interface DeskCounters {
  ticketNumber: number;
}

export interface DeskData {
  org: Collection<OrgRecord>;
  departments: Collection<DepartmentRecord>;
  agents: Collection<AgentRecord>;
  teams: Collection<TeamRecord>;
  accounts: Collection<AccountRecord>;
  contacts: Collection<ContactRecord>;
  tickets: Collection<TicketRecord>;
  fields: Collection<FieldRecord>;
  layouts: Collection<LayoutRecord>;
  webhooks: Collection<WebhookRecord>;
  counters: Collection<DeskCounters>;
}

/** The collections, each opened on first use (opening one reads all its documents from disk). */
export function deskData(ctx: SandboxContext): DeskData {
  const s = ctx.store;
  return {
    get org() {
      return s.collection<OrgRecord>('desk:org');
    },
    get departments() {
      return s.collection<DepartmentRecord>('desk:departments');
    },
    get agents() {
      return s.collection<AgentRecord>('desk:agents');
    },
    get teams() {
      return s.collection<TeamRecord>('desk:teams');
    },
    get accounts() {
      return s.collection<AccountRecord>('desk:accounts');
    },
    get contacts() {
      return s.collection<ContactRecord>('desk:contacts');
    },
    get tickets() {
      return s.collection<TicketRecord>('desk:tickets');
    },
    get fields() {
      return s.collection<FieldRecord>('desk:fields');
    },
    get layouts() {
      return s.collection<LayoutRecord>('desk:layouts');
    },
    get webhooks() {
      return s.collection<WebhookRecord>('desk:webhooks');
    },
    get counters() {
      return s.collection<DeskCounters>('desk:counters');
    },
  };
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : iso(ms);
}

export function webUrl(ctx: SandboxContext, kind: string, id: string): string {
  const portal = deskData(ctx).org.values().next().value?.portalName ?? 'sandbox';
  return `${ctx.baseUrl}/support/${portal}/ShowHomePage.do#${kind}/dv/${id}`;
}
