/**
 * The standard modules and fields of a new Zoho CRM org (Standard edition), as compact specs the seed expands.
 * API names, labels, data types, lengths and picklist values follow Zoho's standard field metadata
 * (`GET /settings/fields?module=…` on a fresh org; see SPEC.md, CRM, Seeds).
 */
import type { DataType } from './model.js';

export interface FieldSpec {
  api: string;
  label: string;
  type: DataType;
  length?: number;
  /** System mandatory (a field definition property, e.g. `Last_Name`). */
  mandatory?: boolean;
  /** Mandatory in the standard layout only. */
  layoutRequired?: boolean;
  readOnly?: boolean;
  picklist?: readonly string[];
  lookup?: string;
  decimals?: number;
}

export interface ModuleSpec {
  api: string;
  singular: string;
  plural: string;
  displayField: string;
  apiSupported?: boolean;
  fields: readonly FieldSpec[];
}

/** The Quotes `Quote_Stage` picklist of a new org. */
const QUOTE_STAGES = [
  '-None-',
  'Draft',
  'Negotiation',
  'Delivered',
  'On Hold',
  'Confirmed',
  'Closed Won',
  'Closed Lost',
];

const INDUSTRY = [
  '-None-',
  'ASP (Application Service Provider)',
  'Data/Telecom OEM',
  'ERP (Enterprise Resource Planning)',
  'Government/Military',
  'Large Enterprise',
  'ManagementISV',
  'MSP (Management Service Provider)',
  'Network Equipment Enterprise',
  'Non-management ISV',
  'Optical Networking',
  'Service Provider',
  'Small/Medium Enterprise',
  'Storage Equipment',
  'Storage Service Provider',
  'Systems Integrator',
  'Wireless Industry',
  'Communications',
  'Consulting',
  'Education',
  'Financial Services',
  'Manufacturing',
  'Real Estate',
  'Technology',
] as const;
const LEAD_SOURCE = [
  '-None-',
  'Advertisement',
  'Cold Call',
  'Employee Referral',
  'External Referral',
  'Online Store',
  'X (Twitter)',
  'Facebook',
  'Partner',
  'Public Relations',
  'Sales Email Alias',
  'Seminar Partner',
  'Internal Seminar',
  'Trade Show',
  'Web Download',
  'Web Research',
  'Chat',
] as const;
const RATING = ['-None-', 'Acquired', 'Active', 'Market Failed', 'Project Cancelled', 'Shut Down'] as const;
const SALUTATION = ['-None-', 'Mr.', 'Mrs.', 'Ms.', 'Dr.', 'Prof.'] as const;

/** Deals `Stage` with probability and forecast type, as a new org's Standard pipeline has them. */
export const DEAL_STAGES: readonly {
  name: string;
  probability: number;
  forecast: 'Open' | 'Closed Won' | 'Closed Lost';
}[] = [
  { name: 'Qualification', probability: 10, forecast: 'Open' },
  { name: 'Needs Analysis', probability: 20, forecast: 'Open' },
  { name: 'Value Proposition', probability: 40, forecast: 'Open' },
  { name: 'Identify Decision Makers', probability: 60, forecast: 'Open' },
  { name: 'Proposal/Price Quote', probability: 75, forecast: 'Open' },
  { name: 'Negotiation/Review', probability: 90, forecast: 'Open' },
  { name: 'Closed Won', probability: 100, forecast: 'Closed Won' },
  { name: 'Closed Lost', probability: 0, forecast: 'Closed Lost' },
  { name: 'Closed Lost to Competition', probability: 0, forecast: 'Closed Lost' },
];

const owner = (label: string): FieldSpec => ({ api: 'Owner', label, type: 'ownerlookup' });
const SYSTEM: readonly FieldSpec[] = [
  { api: 'Created_By', label: 'Created By', type: 'ownerlookup', readOnly: true },
  { api: 'Modified_By', label: 'Modified By', type: 'ownerlookup', readOnly: true },
  { api: 'Created_Time', label: 'Created Time', type: 'datetime', readOnly: true },
  { api: 'Modified_Time', label: 'Modified Time', type: 'datetime', readOnly: true },
];
const t = (api: string, label: string, length = 255, extra: Partial<FieldSpec> = {}): FieldSpec => ({
  api,
  label,
  type: 'text',
  length,
  ...extra,
});
const pick = (api: string, label: string, values: readonly string[], extra: Partial<FieldSpec> = {}): FieldSpec => ({
  api,
  label,
  type: 'picklist',
  picklist: values,
  ...extra,
});
const address = (prefix: string, label: string): FieldSpec[] => [
  t(`${prefix}_Street`, `${label} Street`, 250),
  t(`${prefix}_City`, `${label} City`, 100),
  t(`${prefix}_State`, `${label} State`, 100),
  t(`${prefix}_Code`, `${label} Code`, 30),
  t(`${prefix}_Country`, `${label} Country`, 100),
];
const description: FieldSpec = { api: 'Description', label: 'Description', type: 'textarea', length: 32000 };

export const STANDARD_MODULES: readonly ModuleSpec[] = [
  {
    api: 'Leads',
    singular: 'Lead',
    plural: 'Leads',
    displayField: 'Full_Name',
    fields: [
      owner('Lead Owner'),
      t('Company', 'Company', 200, { layoutRequired: true }),
      pick('Salutation', 'Salutation', SALUTATION),
      t('First_Name', 'First Name', 40),
      t('Last_Name', 'Last Name', 80, { mandatory: true }),
      t('Full_Name', 'Full Name', 255, { readOnly: true }),
      t('Designation', 'Title', 100),
      { api: 'Email', label: 'Email', type: 'email', length: 100 },
      { api: 'Secondary_Email', label: 'Secondary Email', type: 'email', length: 100 },
      { api: 'Phone', label: 'Phone', type: 'phone', length: 50 },
      { api: 'Mobile', label: 'Mobile', type: 'phone', length: 50 },
      { api: 'Fax', label: 'Fax', type: 'text', length: 50 },
      { api: 'Website', label: 'Website', type: 'website', length: 255 },
      pick('Lead_Source', 'Lead Source', LEAD_SOURCE),
      pick('Lead_Status', 'Lead Status', [
        '-None-',
        'Attempted to Contact',
        'Contact in Future',
        'Contacted',
        'Junk Lead',
        'Lost Lead',
        'Not Contacted',
        'Pre-Qualified',
        'Not Qualified',
      ]),
      pick('Industry', 'Industry', INDUSTRY),
      { api: 'No_of_Employees', label: 'No. of Employees', type: 'integer', length: 9 },
      { api: 'Annual_Revenue', label: 'Annual Revenue', type: 'currency', length: 16, decimals: 2 },
      pick('Rating', 'Rating', RATING),
      { api: 'Email_Opt_Out', label: 'Email Opt Out', type: 'boolean' },
      t('Skype_ID', 'Skype ID', 50),
      t('Twitter', 'Twitter', 50),
      t('Street', 'Street', 250),
      t('City', 'City', 100),
      t('State', 'State', 100),
      t('Zip_Code', 'Zip Code', 30),
      t('Country', 'Country', 100),
      description,
      ...SYSTEM,
    ],
  },
  {
    api: 'Contacts',
    singular: 'Contact',
    plural: 'Contacts',
    displayField: 'Full_Name',
    fields: [
      owner('Contact Owner'),
      pick('Salutation', 'Salutation', SALUTATION),
      t('First_Name', 'First Name', 40),
      t('Last_Name', 'Last Name', 80, { mandatory: true }),
      t('Full_Name', 'Full Name', 255, { readOnly: true }),
      { api: 'Account_Name', label: 'Account Name', type: 'lookup', lookup: 'Accounts' },
      { api: 'Vendor_Name', label: 'Vendor Name', type: 'lookup', lookup: 'Vendors' },
      { api: 'Email', label: 'Email', type: 'email', length: 100 },
      { api: 'Secondary_Email', label: 'Secondary Email', type: 'email', length: 100 },
      t('Title', 'Title', 100),
      t('Department', 'Department', 100),
      { api: 'Phone', label: 'Phone', type: 'phone', length: 50 },
      { api: 'Home_Phone', label: 'Home Phone', type: 'phone', length: 50 },
      { api: 'Other_Phone', label: 'Other Phone', type: 'phone', length: 50 },
      { api: 'Mobile', label: 'Mobile', type: 'phone', length: 50 },
      t('Fax', 'Fax', 50),
      { api: 'Date_of_Birth', label: 'Date of Birth', type: 'date' },
      t('Assistant', 'Assistant', 100),
      { api: 'Asst_Phone', label: 'Asst Phone', type: 'phone', length: 50 },
      { api: 'Reporting_To', label: 'Reporting To', type: 'lookup', lookup: 'Contacts' },
      pick('Lead_Source', 'Lead Source', LEAD_SOURCE),
      { api: 'Email_Opt_Out', label: 'Email Opt Out', type: 'boolean' },
      t('Skype_ID', 'Skype ID', 50),
      t('Twitter', 'Twitter', 50),
      t('Mailing_Street', 'Mailing Street', 250),
      t('Mailing_City', 'Mailing City', 100),
      t('Mailing_State', 'Mailing State', 100),
      t('Mailing_Zip', 'Mailing Zip', 30),
      t('Mailing_Country', 'Mailing Country', 100),
      t('Other_Street', 'Other Street', 250),
      t('Other_City', 'Other City', 100),
      t('Other_State', 'Other State', 100),
      t('Other_Zip', 'Other Zip', 30),
      t('Other_Country', 'Other Country', 100),
      description,
      ...SYSTEM,
    ],
  },
  {
    api: 'Accounts',
    singular: 'Account',
    plural: 'Accounts',
    displayField: 'Account_Name',
    fields: [
      owner('Account Owner'),
      t('Account_Name', 'Account Name', 200, { mandatory: true }),
      t('Account_Site', 'Account Site', 80),
      { api: 'Parent_Account', label: 'Parent Account', type: 'lookup', lookup: 'Accounts' },
      { api: 'Account_Number', label: 'Account Number', type: 'bigint', length: 40 },
      pick('Account_Type', 'Account Type', [
        '-None-',
        'Analyst',
        'Competitor',
        'Customer',
        'Distributor',
        'Integrator',
        'Investor',
        'Other',
        'Partner',
        'Press',
        'Prospect',
        'Reseller',
        'Vendor',
      ]),
      pick('Industry', 'Industry', INDUSTRY),
      { api: 'Annual_Revenue', label: 'Annual Revenue', type: 'currency', length: 16, decimals: 2 },
      pick('Rating', 'Rating', RATING),
      { api: 'Phone', label: 'Phone', type: 'phone', length: 50 },
      t('Fax', 'Fax', 50),
      { api: 'Website', label: 'Website', type: 'website', length: 255 },
      t('Ticker_Symbol', 'Ticker Symbol', 30),
      pick('Ownership', 'Ownership', [
        '-None-',
        'Other',
        'Private',
        'Public',
        'Subsidiary',
        'Partnership',
        'Government',
        'Privately Held',
        'Public Company',
      ]),
      { api: 'Employees', label: 'Employees', type: 'integer', length: 9 },
      { api: 'SIC_Code', label: 'SIC Code', type: 'integer', length: 9 },
      ...address('Billing', 'Billing'),
      ...address('Shipping', 'Shipping'),
      description,
      ...SYSTEM,
    ],
  },
  {
    api: 'Deals',
    singular: 'Deal',
    plural: 'Deals',
    displayField: 'Deal_Name',
    fields: [
      owner('Deal Owner'),
      t('Deal_Name', 'Deal Name', 120, { mandatory: true }),
      { api: 'Amount', label: 'Amount', type: 'currency', length: 16, decimals: 2 },
      { api: 'Closing_Date', label: 'Closing Date', type: 'date', mandatory: true },
      { api: 'Account_Name', label: 'Account Name', type: 'lookup', lookup: 'Accounts' },
      pick(
        'Stage',
        'Stage',
        DEAL_STAGES.map((s) => s.name),
        { mandatory: true },
      ),
      pick('Pipeline', 'Pipeline', ['Standard (Standard)'], { mandatory: true }),
      pick('Type', 'Type', ['-None-', 'Existing Business', 'New Business']),
      { api: 'Probability', label: 'Probability (%)', type: 'integer', length: 3 },
      { api: 'Expected_Revenue', label: 'Expected Revenue', type: 'currency', length: 16, decimals: 2, readOnly: true },
      t('Next_Step', 'Next Step', 100),
      pick('Lead_Source', 'Lead Source', LEAD_SOURCE),
      { api: 'Campaign_Source', label: 'Campaign Source', type: 'lookup', lookup: 'Campaigns' },
      { api: 'Contact_Name', label: 'Contact Name', type: 'lookup', lookup: 'Contacts' },
      description,
      ...SYSTEM,
    ],
  },
  {
    api: 'Products',
    singular: 'Product',
    plural: 'Products',
    displayField: 'Product_Name',
    fields: [
      owner('Product Owner'),
      t('Product_Name', 'Product Name', 120, { mandatory: true }),
      t('Product_Code', 'Product Code', 40),
      { api: 'Product_Active', label: 'Product Active', type: 'boolean' },
      { api: 'Vendor_Name', label: 'Vendor Name', type: 'lookup', lookup: 'Vendors' },
      pick('Manufacturer', 'Manufacturer', ['-None-', 'AltvetPet Inc.', 'LexPon Inc.', 'MetBeat Corp.']),
      pick('Product_Category', 'Product Category', ['-None-', 'Hardware', 'Software', 'CRM Applications']),
      { api: 'Sales_Start_Date', label: 'Sales Start Date', type: 'date' },
      { api: 'Sales_End_Date', label: 'Sales End Date', type: 'date' },
      { api: 'Support_Start_Date', label: 'Support Start Date', type: 'date' },
      { api: 'Support_Expiry_Date', label: 'Support End Date', type: 'date' },
      { api: 'Unit_Price', label: 'Unit Price', type: 'currency', length: 16, decimals: 2 },
      { api: 'Commission_Rate', label: 'Commission Rate', type: 'currency', length: 16, decimals: 2 },
      { api: 'Taxable', label: 'Taxable', type: 'boolean' },
      pick('Usage_Unit', 'Usage Unit', [
        '-None-',
        'Box',
        'Carton',
        'Dozen',
        'Each',
        'Hour(s)',
        'Impressions',
        'Lb',
        'M',
        'Pack',
        'Pages',
        'Pieces',
        'Quantity',
        'Reams',
        'Sheet',
        'Spiral Binder',
        'Square Feet',
      ]),
      { api: 'Qty_Ordered', label: 'Qty Ordered', type: 'double', length: 16, decimals: 2 },
      { api: 'Qty_in_Stock', label: 'Quantity in Stock', type: 'double', length: 16, decimals: 2 },
      { api: 'Reorder_Level', label: 'Reorder Level', type: 'double', length: 16, decimals: 2 },
      { api: 'Qty_in_Demand', label: 'Quantity in Demand', type: 'double', length: 16, decimals: 2 },
      description,
      ...SYSTEM,
    ],
  },
  {
    api: 'Tasks',
    singular: 'Task',
    plural: 'Tasks',
    displayField: 'Subject',
    fields: [
      owner('Task Owner'),
      t('Subject', 'Subject', 255, { mandatory: true }),
      { api: 'Due_Date', label: 'Due Date', type: 'date' },
      { api: 'Who_Id', label: 'Contact Name', type: 'lookup', lookup: 'Contacts' },
      { api: 'What_Id', label: 'Related To', type: 'lookup', lookup: 'Deals' },
      pick('Status', 'Status', ['Not Started', 'Deferred', 'In Progress', 'Completed', 'Waiting for input']),
      pick('Priority', 'Priority', ['High', 'Highest', 'Low', 'Lowest', 'Normal']),
      { api: 'Send_Notification_Email', label: 'Send Notification Email', type: 'boolean' },
      { api: 'Closed_Time', label: 'Closed Time', type: 'datetime', readOnly: true },
      description,
      ...SYSTEM,
    ],
  },
  minimal('Events', 'Event', 'Events', 'Event_Title', 'Title', [
    { api: 'Start_DateTime', label: 'From', type: 'datetime', mandatory: true },
    { api: 'End_DateTime', label: 'To', type: 'datetime', mandatory: true },
  ]),
  minimal('Calls', 'Call', 'Calls', 'Subject', 'Subject', [
    pick('Call_Type', 'Call Type', ['Outbound', 'Inbound', 'Missed'], { mandatory: true }),
    { api: 'Call_Start_Time', label: 'Call Start Time', type: 'datetime', mandatory: true },
  ]),
  minimal('Quotes', 'Quote', 'Quotes', 'Subject', 'Subject', [
    { api: 'Deal_Name', label: 'Deal Name', type: 'lookup', lookup: 'Deals' },
    { api: 'Account_Name', label: 'Account Name', type: 'lookup', lookup: 'Accounts', mandatory: true },
    pick('Quote_Stage', 'Quote Stage', QUOTE_STAGES),
    { api: 'Quoted_Items', label: 'Quoted Items', type: 'subform', mandatory: true },
    { api: 'Sub_Total', label: 'Sub Total', type: 'currency', length: 16, decimals: 2, readOnly: true },
    { api: 'Grand_Total', label: 'Grand Total', type: 'currency', length: 16, decimals: 2, readOnly: true },
  ]),
  minimal('Sales_Orders', 'Sales Order', 'Sales Orders', 'Subject', 'Subject', [
    { api: 'Deal_Name', label: 'Deal Name', type: 'lookup', lookup: 'Deals' },
    { api: 'Account_Name', label: 'Account Name', type: 'lookup', lookup: 'Accounts', mandatory: true },
    { api: 'Ordered_Items', label: 'Ordered Items', type: 'subform', mandatory: true },
    { api: 'Sub_Total', label: 'Sub Total', type: 'currency', length: 16, decimals: 2, readOnly: true },
    { api: 'Grand_Total', label: 'Grand Total', type: 'currency', length: 16, decimals: 2, readOnly: true },
  ]),
  minimal('Purchase_Orders', 'Purchase Order', 'Purchase Orders', 'Subject', 'Subject', [
    { api: 'Vendor_Name', label: 'Vendor Name', type: 'lookup', lookup: 'Vendors', mandatory: true },
  ]),
  minimal('Invoices', 'Invoice', 'Invoices', 'Subject', 'Subject', [
    { api: 'Deal_Name', label: 'Deal Name', type: 'lookup', lookup: 'Deals' },
    { api: 'Account_Name', label: 'Account Name', type: 'lookup', lookup: 'Accounts', mandatory: true },
    { api: 'Invoiced_Items', label: 'Invoiced Items', type: 'subform', mandatory: true },
    { api: 'Sub_Total', label: 'Sub Total', type: 'currency', length: 16, decimals: 2, readOnly: true },
    { api: 'Grand_Total', label: 'Grand Total', type: 'currency', length: 16, decimals: 2, readOnly: true },
  ]),
  minimal('Campaigns', 'Campaign', 'Campaigns', 'Campaign_Name', 'Campaign Name', [
    pick('Type', 'Type', [
      '-None-',
      'Conference',
      'Webinar',
      'Trade Show',
      'Public Relations',
      'Partners',
      'Referral Program',
      'Advertisement',
      'Banner Ads',
      'Direct mail',
      'Email',
      'Telemarketing',
      'Others',
    ]),
    pick('Status', 'Status', ['-None-', 'Planning', 'Active', 'Inactive', 'Complete']),
  ]),
  minimal('Vendors', 'Vendor', 'Vendors', 'Vendor_Name', 'Vendor Name', [
    { api: 'Email', label: 'Email', type: 'email', length: 100 },
  ]),
  minimal('Price_Books', 'Price Book', 'Price Books', 'Price_Book_Name', 'Price Book Name', [
    { api: 'Active', label: 'Active', type: 'boolean' },
  ]),
  minimal('Cases', 'Case', 'Cases', 'Subject', 'Subject', [
    pick('Status', 'Status', ['New', 'On Hold', 'Escalated', 'Closed'], { mandatory: true }),
    pick('Case_Origin', 'Case Origin', ['-None-', 'Email', 'Phone', 'Web'], { mandatory: true }),
    { api: 'Account_Name', label: 'Account Name', type: 'lookup', lookup: 'Accounts' },
  ]),
  minimal('Solutions', 'Solution', 'Solutions', 'Solution_Title', 'Solution Title', []),
];

function minimal(
  api: string,
  singular: string,
  plural: string,
  nameField: string,
  nameLabel: string,
  extra: readonly FieldSpec[],
): ModuleSpec {
  return {
    api,
    singular,
    plural,
    displayField: nameField,
    fields: [
      owner(`${singular} Owner`),
      t(nameField, nameLabel, 255, { mandatory: true }),
      ...extra,
      description,
      ...SYSTEM,
    ],
  };
}
