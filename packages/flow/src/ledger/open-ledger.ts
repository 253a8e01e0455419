/** Opens the ledger the model's `runtime.ledger` describes: a SQLite file, or PostgreSQL through an env variable. */
import type { Ledger } from './ledger.js';
import { PostgresLedger } from './postgres-ledger.js';
import { SqliteLedger } from './sqlite-ledger.js';

export type LedgerSpec =
  | { kind: 'sqlite'; path: string }
  /** `url` is the database URL itself (read from the variable `runtime.ledger.url_env` names); `schema` its tables'. */
  | { kind: 'postgres'; url: string; schema?: string };

export async function openLedger(spec: LedgerSpec, now?: () => number): Promise<Ledger> {
  if (spec.kind === 'sqlite') return new SqliteLedger(spec.path, now);
  return PostgresLedger.open({
    url: spec.url,
    ...(spec.schema === undefined ? {} : { schema: spec.schema }),
    ...(now === undefined ? {} : { now }),
  });
}
