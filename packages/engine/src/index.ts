// Apply side: journal, lock, apply, export.
export * from './journal.js';
export * from './lock.js';
export * from './plan-types.js';
// Plan side: resources, desired state, fingerprints.
export { configHash } from './config-hash.js';
export { desiredResources } from './desired.js';
export { canonicalJson, fingerprint } from './fingerprint.js';
export * from './resources/index.js';
