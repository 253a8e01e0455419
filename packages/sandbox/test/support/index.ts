export { type Conformance, conformanceAvailable, withConformance } from './conformance.js';
export { type ApiAnswer, accessToken, callApi, sandboxPerFile } from './sandbox.js';
export { testProduct } from './test-product.js';
