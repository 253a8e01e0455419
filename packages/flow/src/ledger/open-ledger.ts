/** Opens the ledger the model's `runtime.ledger` describes: a SQLite file, or PostgreSQL through an env variable. */
import type { Ledger } from './ledger.js';
import { ledgerStart } from './ledger-start.js';
import { PostgresLedger } from './postgres-ledger.js';
import { SqliteLedger } from './sqlite-ledger.js';

export type LedgerSpec =
  | { kind: 'sqlite'; path: string }
  /** `url` is the database URL itself (read from the variable `runtime.ledger.url_env` names); `schema` its tables'. */
  | { kind: 'postgres'; url: string; schema?: string };

/** Opens the ledger; a new one records that it starts now (its first poll looks no further back). */
export async function openLedger(spec: LedgerSpec, now?: () => number): Promise<Ledger> {
  const ledger =
    spec.kind === 'sqlite'
      ? new SqliteLedger(spec.path, now)
      : await PostgresLedger.open({
          url: spec.url,
          ...(spec.schema === undefined ? {} : { schema: spec.schema }),
          ...(now === undefined ? {} : { now }),
        });
  await ledgerStart(ledger, now);
  return ledger;
}
