/** What a handoff needs before it may write anything: its `requires` paths, each non-empty. Pure. */
import type { ResolvedHandoff } from '@zlc/model';
import { isEmpty, readSource } from './read-source.js';
import type { EvalScope } from './snapshot.js';

/** The `requires` paths that are empty (a list with no records counts as empty), in model order. */
export function missingRequirements(handoff: ResolvedHandoff, scope: EvalScope): string[] {
  const missing: string[] = [];
  for (const source of handoff.requires) {
    const value = readSource(source, scope);
    const empty = Array.isArray(value) && source.field !== undefined ? value.some(isEmpty) : isEmpty(value);
    if (empty) missing.push(source.path);
  }
  return missing;
}

/** The sentence a blocked handoff's task and status show. */
export function blockedReason(handoff: ResolvedHandoff, missing: readonly string[]): string {
  return `${handoff.id} is waiting for: ${missing.join(', ')}`;
}
