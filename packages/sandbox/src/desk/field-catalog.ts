/**
 * The standard (system) fields a new Desk org has on accounts, contacts and tickets, as `GET /fields` lists them.
 * Only the fields the sandbox's records carry are listed; custom fields are added through `POST /fields`.
 */
import type { DeskFieldType, DeskModuleName } from './records.js';

export interface StandardField {
  apiName: string;
  displayLabel: string;
  type: DeskFieldType;
  maxLength: number;
  isMandatory?: boolean;
  pickListValues?: string[];
  statusTypes?: Record<string, string>;
  lookup?: { moduleApiName: string; relatedListLabel: string };
}

/** Ticket statuses of a new org and the statusType each one counts as. */
export const TICKET_STATUSES: Record<string, 'Open' | 'On Hold' | 'Closed'> = {
  Open: 'Open',
  'On Hold': 'On Hold',
  Escalated: 'Open',
  Closed: 'Closed',
};

export const TICKET_PRIORITIES = ['High', 'Medium', 'Low'];
export const TICKET_CHANNELS = ['Email', 'Phone', 'Web', 'Chat', 'Forums', 'Twitter', 'Facebook', 'Feedback Widget'];
export const TICKET_CLASSIFICATIONS = ['Question', 'Problem', 'Feature', 'Others'];

const address: StandardField[] = [
  { apiName: 'street', displayLabel: 'Street', type: 'Text', maxLength: 250 },
  { apiName: 'city', displayLabel: 'City', type: 'Text', maxLength: 30 },
  { apiName: 'state', displayLabel: 'State', type: 'Text', maxLength: 30 },
  { apiName: 'country', displayLabel: 'Country', type: 'Text', maxLength: 30 },
];

export const STANDARD_FIELDS: Record<DeskModuleName, StandardField[]> = {
  accounts: [
    { apiName: 'accountName', displayLabel: 'Account Name', type: 'Text', maxLength: 200, isMandatory: true },
    { apiName: 'email', displayLabel: 'Email', type: 'Email', maxLength: 255 },
    { apiName: 'phone', displayLabel: 'Phone', type: 'Phone', maxLength: 30 },
    { apiName: 'website', displayLabel: 'Website', type: 'URL', maxLength: 120 },
    { apiName: 'fax', displayLabel: 'Fax', type: 'Text', maxLength: 30 },
    { apiName: 'industry', displayLabel: 'Industry', type: 'Text', maxLength: 120 },
    { apiName: 'code', displayLabel: 'Code', type: 'Text', maxLength: 30 },
    { apiName: 'annualrevenue', displayLabel: 'Annual Revenue', type: 'Text', maxLength: 100 },
    ...address,
    { apiName: 'description', displayLabel: 'Description', type: 'Textarea', maxLength: 65535 },
  ],
  contacts: [
    { apiName: 'firstName', displayLabel: 'First Name', type: 'Text', maxLength: 40 },
    { apiName: 'lastName', displayLabel: 'Last Name', type: 'Text', maxLength: 200, isMandatory: true },
    {
      apiName: 'accountId',
      displayLabel: 'Account Name',
      type: 'LookUp',
      maxLength: 300,
      lookup: { moduleApiName: 'accounts', relatedListLabel: 'Contacts' },
    },
    { apiName: 'email', displayLabel: 'Email', type: 'Email', maxLength: 255 },
    { apiName: 'secondaryEmail', displayLabel: 'Secondary Email', type: 'Email', maxLength: 100 },
    { apiName: 'phone', displayLabel: 'Phone', type: 'Phone', maxLength: 50 },
    { apiName: 'mobile', displayLabel: 'Mobile', type: 'Phone', maxLength: 50 },
    { apiName: 'title', displayLabel: 'Title', type: 'Text', maxLength: 100 },
    { apiName: 'type', displayLabel: 'Type', type: 'Text', maxLength: 120 },
    { apiName: 'twitter', displayLabel: 'Twitter', type: 'Text', maxLength: 100 },
    { apiName: 'facebook', displayLabel: 'Facebook', type: 'Text', maxLength: 100 },
    ...address,
    { apiName: 'zip', displayLabel: 'Zip', type: 'Text', maxLength: 30 },
    { apiName: 'description', displayLabel: 'Description', type: 'Textarea', maxLength: 65535 },
  ],
  tickets: [
    { apiName: 'subject', displayLabel: 'Subject', type: 'Text', maxLength: 1000, isMandatory: true },
    {
      apiName: 'departmentId',
      displayLabel: 'Department',
      type: 'LookUp',
      maxLength: 300,
      isMandatory: true,
      lookup: { moduleApiName: 'departments', relatedListLabel: 'Tickets' },
    },
    {
      apiName: 'contactId',
      displayLabel: 'Contact Name',
      type: 'LookUp',
      maxLength: 300,
      isMandatory: true,
      lookup: { moduleApiName: 'contacts', relatedListLabel: 'Tickets' },
    },
    {
      apiName: 'accountId',
      displayLabel: 'Account Name',
      type: 'LookUp',
      maxLength: 300,
      lookup: { moduleApiName: 'accounts', relatedListLabel: 'Tickets' },
    },
    { apiName: 'email', displayLabel: 'Email', type: 'Email', maxLength: 150 },
    { apiName: 'phone', displayLabel: 'Phone', type: 'Phone', maxLength: 120 },
    {
      apiName: 'status',
      displayLabel: 'Status',
      type: 'Picklist',
      maxLength: 120,
      pickListValues: Object.keys(TICKET_STATUSES),
      statusTypes: TICKET_STATUSES,
    },
    {
      apiName: 'priority',
      displayLabel: 'Priority',
      type: 'Picklist',
      maxLength: 120,
      pickListValues: TICKET_PRIORITIES,
    },
    { apiName: 'channel', displayLabel: 'Channel', type: 'Picklist', maxLength: 120, pickListValues: TICKET_CHANNELS },
    {
      apiName: 'classification',
      displayLabel: 'Classification',
      type: 'Picklist',
      maxLength: 120,
      pickListValues: TICKET_CLASSIFICATIONS,
    },
    { apiName: 'category', displayLabel: 'Category', type: 'Text', maxLength: 120 },
    { apiName: 'subCategory', displayLabel: 'Sub Category', type: 'Text', maxLength: 120 },
    { apiName: 'dueDate', displayLabel: 'Due Date', type: 'DateTime', maxLength: 100 },
    { apiName: 'language', displayLabel: 'Language', type: 'Text', maxLength: 120 },
    { apiName: 'description', displayLabel: 'Description', type: 'Textarea', maxLength: 65535 },
    { apiName: 'resolution', displayLabel: 'Resolution', type: 'Textarea', maxLength: 65535 },
  ],
};
