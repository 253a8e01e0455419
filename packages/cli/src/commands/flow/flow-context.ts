/** What every `zlc flow` command needs: the ledger (and, through the base command, the model and the target). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from '@oclif/core';
import type { Ledger, LedgerSpec } from '@zlc/flow';
import type { ResolvedModel } from '@zlc/model';
import { DEFAULT_STATE_DIR, stateDir } from '../../state-dir.js';

/** The SQLite ledger's path when `runtime.ledger.path` is not given: it follows the state dir. */
const DEFAULT_LEDGER_PATH = `${DEFAULT_STATE_DIR}/flow.db`;

/**
 * The ledger the model describes: `--ledger PATH` (a SQLite file), else `runtime.ledger` — a SQLite path (default
 * `<state dir>/flow.db`) or PostgreSQL, its URL in the variable `url_env` names and its tables in the schema
 * `ZLC_LEDGER_SCHEMA` (default `zlc`).
 */
export function ledgerSpec(
  command: Command,
  model: ResolvedModel,
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
): LedgerSpec {
  if (flag) return { kind: 'sqlite', path: flag };
  const ledger = model.runtime.ledger;
  if (ledger.kind === 'sqlite')
    return ledger.path === DEFAULT_LEDGER_PATH ? { kind: 'sqlite', path: join(stateDir(env), 'flow.db') } : ledger;
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
      `No ledger at ${spec.path}: flow serve or flow poll makes it. Check --ledger, runtime.ledger.path or the state dir.`,
      { exit: 1 },
    );
  const { openLedger } = await import('@zlc/flow');
  return openLedger(spec);
}
