/**
 * The standard fields zlc relies on, per app and module, as a new Zoho org has them. Pure data.
 * Custom fields are declared in `fields:`; these make references to standard fields resolve and type-check.
 * Virtual modules (`virtual: true`) are related records reached through a source (deal products, Books
 * contact persons and line items, CRM users); they cannot carry custom fields.
 */
import type { App } from './model-types.js';

/** A standard field: api name, the product's native type, fixed picklist values, lookup target. */
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

const label = (apiName: string) => apiName.replace(/^cf_/, '').replace(/[_.]/g, ' ');
const f = (apiName: string, type: string): StandardField => ({ apiName, type, label: label(apiName) });
const ro = (apiName: string, type: string): StandardField => ({ apiName, type, label: label(apiName), readOnly: true });
const pick = (apiName: string, type: string, values: readonly string[]): StandardField => ({
  apiName,
  type,
  label: label(apiName),
  values,
});
const look = (apiName: string, type: string, target: string): StandardField => ({
  apiName,
  type,
  label: label(apiName),
  lookup: target,
});

/** Zoho CRM's default Deal stages, used when the model declares no `pipeline`. */
export const DEFAULT_DEAL_STAGES: readonly string[] = [
  'Qualification',
  'Needs Analysis',
  'Value Proposition',
  'Id. Decision Makers',
  'Proposal/Price Quote',
  'Negotiation/Review',
  'Closed Won',
  'Closed Lost',
  'Closed-Lost to Competition',
];

const LEAD_SOURCE = [
  '-None-',
  'Advertisement',
  'Cold Call',
  'Employee Referral',
  'External Referral',
  'Online Store',
  'Partner',
  'Public Relations',
  'Sales Email Alias',
  'Seminar Partner',
  'Internal Seminar',
  'Trade Show',
  'Web Download',
  'Web Research',
  'Chat',
];
const LEAD_STATUS = [
  '-None-',
  'Attempted to Contact',
  'Contact in Future',
  'Contacted',
  'Junk Lead',
  'Lost Lead',
  'Not Contacted',
  'Pre-Qualified',
  'Not Qualified',
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
];
const ACCOUNT_TYPE = [
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
  'Supplier',
  'Vendor',
];
const RATING = ['-None-', 'Acquired', 'Active', 'Market Failed', 'Project Cancelled', 'Shut Down'];
const ADDRESS_CRM = (prefix: string, code: string) => [
  f(`${prefix}_Street`, 'text'),
  f(`${prefix}_City`, 'text'),
  f(`${prefix}_State`, 'text'),
  f(`${prefix}_${code}`, 'text'),
  f(`${prefix}_Country`, 'text'),
];
const CRM_COMMON = [
  ro('id', 'bigint'),
  look('Owner', 'ownerlookup', 'crm:users'),
  ro('Created_Time', 'datetime'),
  ro('Modified_Time', 'datetime'),
  f('Description', 'textarea'),
];

const BOOKS_ADDRESS = (prefix: string) =>
  ['attention', 'address', 'street2', 'city', 'state', 'zip', 'country', 'phone'].map((part) =>
    f(`${prefix}.${part}`, 'string'),
  );

const MODULES: readonly StandardModule[] = [
  // ---- CRM -------------------------------------------------------------------------------------------------
  {
    app: 'crm',
    name: 'Leads',
    singular: 'lead',
    virtual: false,
    fields: [
      ...CRM_COMMON,
      f('First_Name', 'text'),
      f('Last_Name', 'text'),
      f('Full_Name', 'text'),
      f('Company', 'text'),
      f('Designation', 'text'),
      f('Email', 'email'),
      f('Phone', 'phone'),
      f('Mobile', 'phone'),
      f('Website', 'website'),
      pick('Lead_Source', 'picklist', LEAD_SOURCE),
      pick('Lead_Status', 'picklist', LEAD_STATUS),
      pick('Industry', 'picklist', INDUSTRY),
      f('Annual_Revenue', 'currency'),
      f('No_of_Employees', 'integer'),
      pick('Rating', 'picklist', RATING),
      f('Street', 'text'),
      f('City', 'text'),
      f('State', 'text'),
      f('Zip_Code', 'text'),
      f('Country', 'text'),
    ],
  },
  {
    app: 'crm',
    name: 'Contacts',
    singular: 'contact',
    virtual: false,
    fields: [
      ...CRM_COMMON,
      f('First_Name', 'text'),
      f('Last_Name', 'text'),
      f('Full_Name', 'text'),
      f('Email', 'email'),
      f('Secondary_Email', 'email'),
      f('Phone', 'phone'),
      f('Mobile', 'phone'),
      f('Title', 'text'),
      f('Department', 'text'),
      look('Account_Name', 'lookup', 'crm:Accounts'),
      pick('Lead_Source', 'picklist', LEAD_SOURCE),
      f('Mailing_Street', 'text'),
      f('Mailing_City', 'text'),
      f('Mailing_State', 'text'),
      f('Mailing_Zip', 'text'),
      f('Mailing_Country', 'text'),
      f('Email_Opt_Out', 'boolean'),
    ],
  },
  {
    app: 'crm',
    name: 'Accounts',
    singular: 'account',
    virtual: false,
    fields: [
      ...CRM_COMMON,
      f('Account_Name', 'text'),
      f('Account_Number', 'text'),
      f('Account_Site', 'text'),
      f('Website', 'website'),
      f('Phone', 'phone'),
      f('Fax', 'phone'),
      pick('Account_Type', 'picklist', ACCOUNT_TYPE),
      pick('Industry', 'picklist', INDUSTRY),
      f('Annual_Revenue', 'currency'),
      f('Employees', 'integer'),
      pick('Ownership', 'picklist', [
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
      pick('Rating', 'picklist', RATING),
      look('Parent_Account', 'lookup', 'crm:Accounts'),
      f('Ticker_Symbol', 'text'),
      f('SIC_Code', 'integer'),
      ...ADDRESS_CRM('Billing', 'Code'),
      ...ADDRESS_CRM('Shipping', 'Code'),
    ],
  },
  {
    app: 'crm',
    name: 'Deals',
    singular: 'deal',
    virtual: false,
    fields: [
      ...CRM_COMMON,
      f('Deal_Name', 'text'),
      f('Amount', 'currency'),
      pick('Stage', 'picklist', DEFAULT_DEAL_STAGES),
      f('Closing_Date', 'date'),
      look('Account_Name', 'lookup', 'crm:Accounts'),
      look('Contact_Name', 'lookup', 'crm:Contacts'),
      f('Probability', 'percent'),
      f('Expected_Revenue', 'currency'),
      pick('Type', 'picklist', ['-None-', 'Existing Business', 'New Business']),
      pick('Lead_Source', 'picklist', LEAD_SOURCE),
      f('Next_Step', 'text'),
    ],
  },
  {
    app: 'crm',
    name: 'Products',
    singular: 'product',
    virtual: false,
    fields: [
      ...CRM_COMMON,
      f('Product_Name', 'text'),
      f('Product_Code', 'text'),
      f('Unit_Price', 'currency'),
      pick('Product_Category', 'picklist', ['-None-', 'Hardware', 'Software', 'CRM Applications']),
      f('Product_Active', 'boolean'),
      f('Taxable', 'boolean'),
      f('Qty_in_Stock', 'double'),
      f('Sales_Start_Date', 'date'),
      f('Sales_End_Date', 'date'),
    ],
  },
  {
    app: 'crm',
    name: 'Tasks',
    singular: 'task',
    virtual: false,
    fields: [
      ...CRM_COMMON,
      f('Subject', 'text'),
      f('Due_Date', 'date'),
      pick('Status', 'picklist', ['Not Started', 'Deferred', 'In Progress', 'Completed', 'Waiting for input']),
      pick('Priority', 'picklist', ['High', 'Highest', 'Low', 'Lowest', 'Normal']),
      look('What_Id', 'lookup', 'crm:Deals'),
      look('Who_Id', 'lookup', 'crm:Contacts'),
    ],
  },
  {
    app: 'crm',
    name: 'Deal_Products',
    singular: 'product',
    virtual: true,
    fields: [
      look('Product_Name', 'lookup', 'crm:Products'),
      f('Product_Code', 'text'),
      f('Quantity', 'double'),
      f('List_Price', 'currency'),
      f('Discount', 'currency'),
      f('Total', 'currency'),
      f('Description', 'textarea'),
    ],
  },
  {
    app: 'crm',
    name: 'users',
    singular: 'user',
    virtual: true,
    fields: [ro('id', 'bigint'), f('full_name', 'text'), f('email', 'email'), f('role', 'text')],
  },
  // ---- Books -----------------------------------------------------------------------------------------------
  {
    app: 'books',
    name: 'contacts',
    singular: 'customer',
    virtual: false,
    fields: [
      ro('contact_id', 'string'),
      ro('id', 'string'),
      f('contact_name', 'string'),
      f('company_name', 'string'),
      pick('contact_type', 'dropdown', ['customer', 'vendor']),
      f('email', 'email'),
      f('phone', 'phone'),
      f('website', 'url'),
      f('currency_code', 'string'),
      f('currency_id', 'string'),
      f('payment_terms', 'number'),
      f('payment_terms_label', 'string'),
      f('notes', 'multiline'),
      pick('status', 'dropdown', ['active', 'inactive']),
      ro('outstanding_receivable_amount', 'amount'),
      ...BOOKS_ADDRESS('billing_address'),
      ...BOOKS_ADDRESS('shipping_address'),
    ],
  },
  {
    app: 'books',
    name: 'contactpersons',
    singular: 'contact_person',
    virtual: true,
    fields: [
      ro('contact_person_id', 'string'),
      f('first_name', 'string'),
      f('last_name', 'string'),
      f('email', 'email'),
      f('phone', 'phone'),
      f('mobile', 'phone'),
      f('designation', 'string'),
      f('department', 'string'),
      f('is_primary_contact', 'check_box'),
    ],
  },
  {
    app: 'books',
    name: 'items',
    singular: 'item',
    virtual: false,
    fields: [
      ro('item_id', 'string'),
      ro('id', 'string'),
      f('name', 'string'),
      f('sku', 'string'),
      f('rate', 'amount'),
      f('description', 'multiline'),
      pick('product_type', 'dropdown', ['goods', 'service']),
      f('unit', 'string'),
      pick('status', 'dropdown', ['active', 'inactive']),
    ],
  },
  {
    app: 'books',
    name: 'estimates',
    singular: 'estimate',
    virtual: false,
    fields: [
      ro('estimate_id', 'string'),
      ro('id', 'string'),
      ro('estimate_number', 'string'),
      look('customer_id', 'lookup', 'books:contacts'),
      f('reference_number', 'string'),
      f('date', 'date'),
      f('expiry_date', 'date'),
      pick('status', 'dropdown', ['draft', 'sent', 'invoiced', 'accepted', 'declined', 'expired']),
      ro('total', 'amount'),
      f('currency_code', 'string'),
      f('notes', 'multiline'),
      f('terms', 'multiline'),
      f('salesperson_name', 'string'),
      f('discount', 'amount'),
    ],
  },
  {
    app: 'books',
    name: 'invoices',
    singular: 'invoice',
    virtual: false,
    fields: [
      ro('invoice_id', 'string'),
      ro('id', 'string'),
      ro('invoice_number', 'string'),
      look('customer_id', 'lookup', 'books:contacts'),
      f('reference_number', 'string'),
      f('date', 'date'),
      f('due_date', 'date'),
      f('payment_terms', 'number'),
      pick('status', 'dropdown', ['draft', 'sent', 'overdue', 'paid', 'void', 'unpaid', 'partially_paid', 'viewed']),
      ro('total', 'amount'),
      ro('balance', 'amount'),
      f('currency_code', 'string'),
      f('notes', 'multiline'),
      f('terms', 'multiline'),
      f('salesperson_name', 'string'),
      look('invoiced_estimate_id', 'lookup', 'books:estimates'),
      f('discount', 'amount'),
    ],
  },
  {
    app: 'books',
    name: 'line_items',
    singular: 'line_item',
    virtual: true,
    fields: [
      look('item_id', 'lookup', 'books:items'),
      f('name', 'string'),
      f('description', 'multiline'),
      f('rate', 'amount'),
      f('quantity', 'decimal'),
      f('discount', 'amount'),
      f('tax_id', 'string'),
      f('unit', 'string'),
    ],
  },
  {
    app: 'books',
    name: 'customerpayments',
    singular: 'payment',
    virtual: false,
    fields: [
      ro('payment_id', 'string'),
      ro('id', 'string'),
      look('customer_id', 'lookup', 'books:contacts'),
      pick('payment_mode', 'dropdown', [
        'cash',
        'check',
        'creditcard',
        'banktransfer',
        'bankremittance',
        'autotransaction',
        'others',
      ]),
      f('amount', 'amount'),
      f('date', 'date'),
      f('reference_number', 'string'),
      f('description', 'multiline'),
    ],
  },
  // ---- Desk ------------------------------------------------------------------------------------------------
  {
    app: 'desk',
    name: 'accounts',
    singular: 'account',
    virtual: false,
    fields: [
      ro('id', 'Text'),
      f('accountName', 'Text'),
      f('email', 'Email'),
      f('website', 'URL'),
      f('phone', 'Phone'),
      f('industry', 'Text'),
      f('description', 'Textarea'),
      f('street', 'Text'),
      f('city', 'Text'),
      f('state', 'Text'),
      f('code', 'Text'),
      f('country', 'Text'),
      ro('createdTime', 'DateTime'),
      ro('modifiedTime', 'DateTime'),
    ],
  },
  {
    app: 'desk',
    name: 'contacts',
    singular: 'contact',
    virtual: false,
    fields: [
      ro('id', 'Text'),
      f('firstName', 'Text'),
      f('lastName', 'Text'),
      f('email', 'Email'),
      f('secondaryEmail', 'Email'),
      f('phone', 'Phone'),
      f('mobile', 'Phone'),
      f('title', 'Text'),
      look('accountId', 'LookUp', 'desk:accounts'),
      f('description', 'Textarea'),
      ro('createdTime', 'DateTime'),
    ],
  },
  {
    app: 'desk',
    name: 'tickets',
    singular: 'ticket',
    virtual: false,
    fields: [
      ro('id', 'Text'),
      ro('ticketNumber', 'Text'),
      f('subject', 'Text'),
      f('description', 'Textarea'),
      pick('status', 'Picklist', ['Open', 'On Hold', 'Escalated', 'Closed']),
      { ...pick('statusType', 'Picklist', ['Open', 'On Hold', 'Closed']), readOnly: true },
      pick('priority', 'Picklist', ['High', 'Medium', 'Low']),
      pick('channel', 'Picklist', ['Email', 'Phone', 'Web', 'Chat', 'Forums', 'Twitter', 'Facebook']),
      pick('classification', 'Picklist', ['Question', 'Problem', 'Feature', 'Others']),
      f('category', 'Text'),
      look('accountId', 'LookUp', 'desk:accounts'),
      look('contactId', 'LookUp', 'desk:contacts'),
      f('departmentId', 'Text'),
      f('dueDate', 'DateTime'),
      ro('createdTime', 'DateTime'),
      ro('modifiedTime', 'DateTime'),
      ro('closedTime', 'DateTime'),
    ],
  },
];

/** Every standard module. */
export function standardModules(): readonly StandardModule[] {
  return MODULES;
}

/** One standard module by app and name (exact spelling), or undefined. */
export function standardModule(app: App, name: string): StandardModule | undefined {
  return MODULES.find((m) => m.app === app && m.name === name);
}

/** Desk `statusType` values (fixed by Desk; `status` display names map onto them). */
export const DESK_STATUS_TYPES: readonly string[] = ['Open', 'On Hold', 'Closed'];
