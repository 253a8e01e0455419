export {
  addBooksCustomFields,
  addCrmSyncedCustomer,
  type BooksCustomFieldSpec,
  type BooksFieldStandIn,
  type CrmSyncedAccount,
  endpointOf,
  type SandboxEndpoint,
  setBooksCustomFields,
} from './admin-books.js';
export {
  type BooksHookStandIn,
  type BooksInvoiceHookSpec,
  setBooksInvoiceWebhooks,
} from './admin-books-webhooks.js';
export { type CatalogueField, type CatalogueModule, standardCatalogue } from './catalogue.js';
export { ADMIN_KEY_HEADER } from './core/admin.js';
export { DataDirBusyError } from './core/dir-lock.js';
export type { FaultKind, FaultMatch, FaultRule } from './core/faults.js';
export { type FaultsParse, parseFaults, parseFaultsText } from './core/faults-file.js';
export { EDITIONS, type Edition, editionLimits, type ProductLimits } from './core/limits.js';
export type { Credentials } from './core/oauth.js';
export type { DeliveryRecord, OutboundAllow, OutboundPolicy } from './core/outbound.js';
export type { SandboxStats } from './core/stats.js';
export { STORE_FILE } from './core/store.js';
export type * from './core/types.js';
export { type OrgIds, type Sandbox, type SandboxEvent, type SandboxOptions, startSandbox } from './sandbox.js';
export {
  DEFAULT_DATA_DIR,
  ENV_FILE,
  formatEnvFile,
  loadFaultsFile,
  type ResetResult,
  resetDataDir,
  resetServedDataDir,
  SEED_NAMES,
  type ServedReset,
  writeEnvFile,
} from './serve.js';
