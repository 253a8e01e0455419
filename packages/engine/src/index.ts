// Apply side: journal, lock, apply, export.
export * from './apply/index.js';
// Plan side: resources, desired state, fingerprints.
export { configHash } from './config-hash.js';
export { desiredResources } from './desired.js';
export { canonicalJson, fingerprint } from './fingerprint.js';
export * from './journal.js';
export * from './lock.js';
export * from './plan-types.js';
export * from './resources/index.js';
