export {
  type Conformance,
  type ConformanceReport,
  type ConformanceViolation,
  conformanceAvailable,
  withConformance,
} from './conformance.js';
export { type ApiAnswer, accessToken, callApi, freshAccessToken, sandboxPerFile } from './sandbox.js';
export { testProduct } from './test-product.js';
