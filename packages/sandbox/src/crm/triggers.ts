/** What happens after records are written: workflow rules (webhook actions) and notification channels. */
import type { SandboxContext } from '../core/types.js';
import type { ModuleDef, RecordDoc } from './model.js';
import { notifyChannels } from './watch-fire.js';
import { runWorkflowRules } from './workflow-fire.js';

export interface RecordEvent {
  operation: 'insert' | 'update' | 'delete';
  doc: RecordDoc;
  /** The record before the write (updates and deletes). */
  previous: RecordDoc | undefined;
  /** api_names whose value changed. */
  changed: string[];
}

/** Runs after the write is stored; only queues deliveries, so the API answer never waits for a receiver. */
export function afterWrite(
  ctx: SandboxContext,
  mod: ModuleDef,
  events: RecordEvent[],
  options: { workflow: boolean },
): void {
  if (events.length === 0) return;
  if (options.workflow) runWorkflowRules(ctx, mod, events);
  notifyChannels(ctx, mod, events);
}
