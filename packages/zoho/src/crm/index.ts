import type { ProductContext } from '../product-context.js';
import { crmAutomation } from './automation.js';
import { crmMetadata } from './metadata.js';
import { crmOrgAndUsers } from './org-and-users.js';
import { crmRecords } from './records.js';

/** The Zoho CRM v8 client of one run. */
export function createCrmClient(ctx: ProductContext) {
  return {
    ...crmOrgAndUsers(ctx),
    ...crmMetadata(ctx),
    ...crmAutomation(ctx),
    records: crmRecords(ctx),
  };
}

export type CrmClient = ReturnType<typeof createCrmClient>;
export * from './limits.js';
export type { CrmUserType } from './org-and-users.js';
export { CRM_MAX_PER_PAGE } from './paging.js';
export type { CreateRecordOnceOptions, ListRecordsOptions, SearchOptions } from './records.js';
export { COQL_MAX_LIMIT, COQL_MAX_REACH, CRM_MAX_BATCH } from './records.js';
export type * from './types.js';
