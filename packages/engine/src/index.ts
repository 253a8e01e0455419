// Apply side: journal, lock, apply, export.
export * from './journal.js';
export * from './lock.js';
export * from './plan-types.js';
