/** What every `zlc flow` command needs: the model, the ledger, and (for those that talk to an org) the target. */
import { existsSync } from 'node:fs';
import type { Command } from '@oclif/core';
import type { Ledger, LedgerSpec } from '@zlc/flow';
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

/**
 * The ledger the model describes: `--ledger PATH` (a SQLite file), else `runtime.ledger` — a SQLite path (default
 * `.zlc/flow.db`) or PostgreSQL, its URL in the variable `url_env` names and its tables in the schema
 * `ZLC_LEDGER_SCHEMA` (default `zlc`).
 */
export function ledgerSpec(
  command: Command,
  model: ResolvedModel,
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): LedgerSpec {
  if (flag) return { kind: 'sqlite', path: flag };
  const ledger = model.runtime.ledger;
  if (ledger.kind === 'sqlite') return ledger;
  const url = env[ledger.urlEnv]?.trim();
  if (!url)
    return command.error(
      `runtime.ledger is PostgreSQL, its URL in ${ledger.urlEnv}, which is not set. Set it (postgres://user:password@host:5432/database) or use a SQLite ledger.`,
      { exit: 1 },
    );
  const schema = env.ZLC_LEDGER_SCHEMA?.trim();
  return { kind: 'postgres', url, ...(schema ? { schema } : {}) };
}

/**
 * Opens the ledger for a command that reads what the runtime recorded (`status`, `replay`): a SQLite file that
 * is not there is an error, not a new empty ledger (a mistyped path would otherwise look like "nothing to do").
 */
export async function openExistingLedger(command: Command, spec: LedgerSpec): Promise<Ledger> {
  if (spec.kind === 'sqlite' && spec.path !== ':memory:' && !existsSync(spec.path))
    return command.error(
      `No ledger at ${spec.path}: flow serve or flow poll makes it. Check --ledger or runtime.ledger.path.`,
      { exit: 1 },
    );
  const { openLedger } = await import('@zlc/flow');
  return openLedger(spec);
}
