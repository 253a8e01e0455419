/**
 * Where Zoho's OpenAPI documents are wrong about Zoho: each entry names the defect, the operations it touches and
 * the source that shows what Zoho really does. Nothing else is excused; an entry covers only the errors it names.
 */

export interface SpecDefect {
  id: string;
  /** `product:operationId` as the proxy reports it; empty: every operation of `product`. */
  operations: readonly string[];
  product?: 'crm' | 'books' | 'desk';
  direction?: 'request' | 'response';
  kind?: 'schema' | 'undocumented_status';
  statuses?: readonly number[];
  /** The normalised JSON path of the error (numbers as `*`). */
  at?: RegExp;
  message?: RegExp;
  /** The request path (no query string), for a defect that only some paths of an operation show. */
  path?: RegExp;
  /** What the document gets wrong. */
  defect: string;
  /** Where Zoho's real behaviour is shown (a page, an example in the same document, an SDK). */
  source: string;
}

const BOOKS_ERRORS = 'https://www.zoho.com/books/api/v3/introduction/ ("Errors": 400, 401, 404, 405, 429, 500)';

/** Books operations whose OAS documents only 200 or 201. */
const BOOKS_ERROR_STATUSES = [400, 401, 404, 405, 429, 500] as const;

export const SPEC_DEFECTS: readonly SpecDefect[] = [
  {
    id: 'books-error-statuses',
    product: 'books',
    operations: [],
    kind: 'undocumented_status',
    statuses: BOOKS_ERROR_STATUSES,
    defect: "Books' OAS documents only 200/201 per operation; Books answers errors with these statuses on every call",
    source: BOOKS_ERRORS,
  },
  {
    id: 'books-estimates-invoices-page-context',
    operations: ['books:list_estimates', 'books:list_invoices'],
    direction: 'response',
    at: /^\/page_context$/,
    message: /^must be array$/,
    defect: 'estimates.yml and invoices.yml type page_context as an array; every other Books list has an object',
    source:
      "the same files' list examples and contacts.yml list-contacts-response: page_context {page, per_page, has_more_page}",
  },
  {
    id: 'books-invoice-upsert-amounts',
    operations: ['books:update_invoice_using_custom_field'],
    direction: 'response',
    at: /^\/invoice\/(total|balance)$/,
    message: /^must be string$/,
    defect: 'invoices.yml types total and balance as strings in this one answer',
    source: 'invoices.yml get_invoice and create_invoice examples: numeric total and balance',
  },
  {
    id: 'books-payment-flattened-invoices',
    operations: ['books:create_customer_payment'],
    direction: 'request',
    at: /^\/body$/,
    message: /^must have required property '(invoice_id|amount_applied)'$/,
    defect:
      'customer-payments.yml requires invoice_id and amount_applied at the top level (its parameter table flattened the invoices[] entries)',
    source: 'customer-payments.yml create example: invoices: [{invoice_id, amount_applied}]',
  },
  {
    id: 'desk-search-json-not-copied',
    product: 'desk',
    operations: ['desk:getAccount', 'desk:getContact', 'desk:getTicket'],
    path: /^\/api\/v1\/(accounts|contacts|tickets)\/search$/,
    defect:
      "The local copy of Desk's OAS (../shared/specs/desk/v1.0) has no Search.json, so the proxy takes GET /api/v1/{accounts,contacts,tickets}/search for the get-by-id template /{module}/{id}: the literal 'search' fails the id pattern, and the search answer ({data, count}, or 204 when nothing matches) is judged as one record",
    source:
      'zoho/zohodesk-oas v1.0/Search.json (commit 75e1ba570236a06c964d05759dbabd7497248d09): GET /api/v1/accounts/search (searchAccounts), /api/v1/contacts/search (searchContacts) and /api/v1/tickets/search (searchTickets), each answering 200 with search{Accounts,Contacts,Tickets}Response ({data, count}, both required) or 204 (Common.json emptyResponse)',
  },
  {
    id: 'crm-record-statuses',
    operations: [
      'crm:Create Records',
      'crm:Update Records',
      'crm:Update Record',
      'crm:Upsert Records',
      'crm:Delete Records',
      'crm:Delete Record',
      'crm:Get Records',
      'crm:Get Record',
      'crm:Get Related Records',
    ],
    kind: 'undocumented_status',
    statuses: [201, 202, 204, 207, 304, 400],
    defect: 'record.json and related_records.json document only 200 for every operation',
    source:
      'https://www.zoho.com/crm/developer/docs/api/v8/status-codes.html (201 created, 202 accepted, 204 no content, 207 multi-status, 304 not modified, 400 bad request)',
  },
  {
    id: 'crm-fields-picklist-update-keys',
    operations: ['crm:putFieldsWithId', 'crm:updateField'],
    direction: 'request',
    at: /^\/body\/fields\/\*\/pick_list_values\/\*$/,
    message: /^must NOT have additional properties: (_delete|sequence_number|probability|forecast_type)$/,
    defect:
      "fields.yaml's update schema has no key to delete or order a picklist value, nor a Deals Stage value's probability and forecast type, though its answers order the values (sequence_number), layouts.yaml shows Stage values with probability and forecast_type, and no other v8 call sets those (pipeline.yaml's maps carry no probability)",
    source:
      "Zoho's previous v8 field document, zoho/crm-oas v8.0/fields.json (../shared/specs/crm/fields.json: pick_list_values with _delete, sequence_number, probability, forecast_type), and Zoho's v8 TypeScript SDK (zoho/zohocrm-typescript-sdk-8.0 core/com/zoho/crm/api/fields/pick_list_value.ts sends _delete, sequence_number, probability and forecast_type)",
  },
  {
    id: 'crm-layout-patch-required',
    operations: ['crm:updateLayout'],
    direction: 'request',
    at: /^\/body\/layouts\/\*\/sections\/\*\/fields\/\*$/,
    message: /^must NOT have additional properties: required$/,
    defect:
      "layouts.yaml's PATCH field object (FieldUpdateObject) has no required, though the same document's answers carry a required flag per layout field and no other v8 call sets it",
    source:
      "Zoho's Update Custom Layout page: a field is made mandatory through the Layouts API with required: true (../shared/reference/zoho-api.md §7; https://www.zoho.com/crm/developer/docs/api/v6/update-custom-layout.html); zoho/crm-oas v8.0/layouts.json (../shared/specs/crm/layouts.json: the PATCH body's section fields take required); Zoho's v8 SDK layouts/section_field.ts setRequired",
  },
  {
    id: 'crm-related-lists-visible',
    operations: ['crm:Get Related Lists', 'crm:Get Related List'],
    direction: 'response',
    at: /^\/related_lists\/\*$/,
    message: /^must have required property 'visible'$/,
    defect: "related_lists.json lists 'visible' among a related list's required keys but never defines it",
    source:
      'zoho/crm-oas v8.0/related_lists/related_lists.yaml, getRelatedLists: the related list schemas enumerate their keys with additionalProperties false, without visible, and none of its seven 200 examples has it (status carries the visibility)',
  },
  {
    id: 'crm-related-lists-invalid-data',
    operations: ['crm:Get Related Lists', 'crm:Get Related List'],
    direction: 'response',
    statuses: [400],
    message:
      /^must (match a schema in anyOf|be equal to one of the allowed values: \["(INVALID_MODULE|REQUIRED_PARAM_MISSING)"(,null)?\]|have required property 'param')$/,
    defect:
      'related_lists.json documents only INVALID_MODULE and REQUIRED_PARAM_MISSING (with details.param) as 400 answers',
    source:
      'zoho/crm-oas v8.0/related_lists/related_lists.yaml, getRelatedLists: 400 INVALID_DATA for a status outside visible/user_hidden/scheduled_for_deletion (example InvalidParameterValue) and "Invalid Layout Id" among InvalidDataError messages',
  },
  {
    id: 'crm-notifications-channel-id',
    operations: ['crm:Enable Notifications', 'crm:Get Notifications'],
    at: /^(\/body)?\/watch\/\*\/channel_id$/,
    message: /^must be object$/,
    defect: "notifications.json types a channel's channel_id as an object; it is a number given as digits",
    source:
      'zoho/crm-oas v8.0/notifications, createNotifications request example and getNotifications response-200-sample: channel_id "1000000068001"; the same file types details.events[].channel_id as a string',
  },
  {
    id: 'crm-users-time-zone',
    operations: ['crm:Get Users', 'crm:Get User'],
    direction: 'response',
    at: /^\/users\/\*\/time_zone$/,
    message: /^must be object,null$/,
    defect: "users.json types a user's time_zone as an object; Zoho sends the zone's name",
    source:
      "Zoho's official CRM SDK (@zohocrm/typescript-sdk-8.0 3.0.0, config/json_details.json users.Users time_zone: type TimeZone, parsed from a zone name such as Asia/Kolkata by its JSON converter)",
  },
];
