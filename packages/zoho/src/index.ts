/**
 * @zlc/zoho — the only code in zlc that talks to Zoho: configuration, OAuth, transport, rate budget, retries,
 * error classification, pagination, and the CRM v8, Books v3 and Desk v1 clients.
 */

export type { TokenInfo } from './auth/token-manager.js';
export * from './books/index.js';
export { backoffDelay } from './budget/backoff.js';
export { type Clock, systemClock } from './budget/clock.js';
export { DailyQuota } from './budget/daily-quota.js';
export {
  BOOKS_CONCURRENCY,
  BOOKS_REQUESTS_PER_DAY,
  BOOKS_REQUESTS_PER_MINUTE,
  type BooksPlan,
  booksRateBudget,
  CRM_CONCURRENCY,
  CRM_HEAVY_CONCURRENCY,
  type CrmEdition,
  DEFAULT_EDITIONS,
  DESK_CONCURRENCY,
  type DeskEdition,
  defaultBudget,
  type Editions,
  type ProductBudget,
} from './budget/defaults.js';
export { RateBudget } from './budget/rate-budget.js';
export { TokenBucket } from './budget/token-bucket.js';
export { collect } from './collect.js';
export { DATA_CENTRE_HOSTS, DATA_CENTRES, type DataCentre, type DataCentreHosts } from './config/data-centres.js';
export {
  type LoadZohoConfigResult,
  loadZohoConfig,
  namesZohoOrg,
  ZOHO_ENV_VARS,
  type ZohoConfig,
  type ZohoConfigError,
  type ZohoEnvVar,
} from './config/load-config.js';
export { targetIdentity } from './config/target-identity.js';
export { createZohoClients, type ZohoClientOptions, type ZohoClients } from './create-clients.js';
export { type CreateOnceOptions, createOnce } from './create-once.js';
export * from './crm/index.js';
export * from './desk/index.js';
export {
  crmUsersIn,
  type DeskDirectory,
  findBooksUser,
  findCrmUser,
  findDeskAgent,
  findDeskDepartment,
  findDeskTeam,
  findNamed,
  type OrgDirectory,
  readOrgDirectory,
  teamsOf,
  withEveryTeam,
} from './directory.js';
export { redactDatabaseUrl, redactHeaders, redactUrl } from './errors/redact.js';
export { toZohoError, type ZohoResponseLike } from './errors/to-zoho-error.js';
export {
  isZohoError,
  ZohoAuthError,
  type ZohoDelivery,
  type ZohoEndpoint,
  ZohoError,
  type ZohoErrorKind,
  type ZohoErrorSource,
  type ZohoFieldDetail,
  ZohoNotFoundError,
  type ZohoProduct,
  ZohoRateLimitedError,
  ZohoRejectedError,
  ZohoUnavailableError,
} from './errors/zoho-error.js';
export type { OnZohoEvent, ZohoEvent, ZohoEventType } from './events.js';
export type { HttpMethod, ZohoReply, ZohoRequest } from './transport/product-transport.js';
