/** What every `zlc flow` command needs: the model, the ledger path, and (for those that talk to an org) the target. */
import type { Command } from '@oclif/core';
import type { FlowEvent } from '@zlc/flow';
import type { ResolvedModel } from '@zlc/model';
import { modelOptions, type SafetyFlags } from '../../safety-flags.js';

export async function loadFlowModel(command: Command, file: string, flags: SafetyFlags): Promise<ResolvedModel> {
  const { loadModelFile } = await import('@zlc/model');
  const { renderDiagnostics } = await import('../../render/diagnostics.js');
  const loaded = await loadModelFile(file, modelOptions(flags));
  if (!loaded.result.ok) {
    command.logToStderr(
      renderDiagnostics(loaded.result.diagnostics, {
        ...(loaded.text === undefined ? {} : { text: loaded.text }),
        color: false,
      }),
    );
    return command.exit(1);
  }
  return loaded.result.resolved;
}

/** `--ledger`, else `runtime.ledger.path` (default `.zlc/flow.db`). */
export function ledgerPath(command: Command, model: ResolvedModel, flag: string | undefined): string {
  if (flag) return flag;
  if (model.runtime.ledger.kind !== 'sqlite')
    return command.error('runtime.ledger.kind postgres is not supported by this zlc yet; use sqlite', { exit: 1 });
  return model.runtime.ledger.path;
}

/** An `onEvent` that logs one line per runtime event worth a look. */
export function logFlowEvents(command: Command): (event: FlowEvent) => void {
  return (event) => {
    const line = renderFlowEvent(event);
    if (line !== undefined) command.log(line);
  };
}

/** One line per runtime event worth a look. */
function renderFlowEvent(event: FlowEvent): string | undefined {
  switch (event.type) {
    case 'listening':
      return `Listening on ${event.url}`;
    case 'intake_accepted':
      return event.result === 'duplicate'
        ? undefined
        : `${event.source} ${event.handoff} ${event.recordId}: ${event.result} (entry ${event.entryId})`;
    case 'intake_refused':
      return `refused ${event.status} ${event.path}: ${event.reason}`;
    case 'entry_started':
      return undefined;
    case 'entry_done':
      return `#${event.entryId} ${event.handoff} ${event.recordId}: ${event.outcome === 'done' ? 'done' : 'not in the stage; nothing to do'} (${event.ms} ms)`;
    case 'entry_blocked':
      return `#${event.entryId} ${event.handoff} ${event.recordId}: blocked — ${event.reason}`;
    case 'entry_retry':
      return `#${event.entryId} ${event.handoff} ${event.recordId}: attempt ${event.attempt} failed, retrying in ${Math.round(event.delayMs / 1000)} s — ${event.error}`;
    case 'entry_failed':
      return `#${event.entryId} ${event.handoff} ${event.recordId}: ${event.final} — ${event.error}`;
    case 'poll_done':
      return `poll ${event.handoff}: ${event.seen} seen, ${event.offered} new or changed`;
  }
}
