export {
  type ApiAnswer,
  accessToken,
  type Conformance,
  type ConformanceReport,
  type ConformanceViolation,
  callAdmin,
  callApi,
  conformanceAvailable,
  expectConformance,
  freshAccessToken,
  withConformance,
} from '@zlc/testkit';
export { sandboxPerFile } from './per-file.js';
export { testProduct } from './test-product.js';
