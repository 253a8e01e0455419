/**
 * Where the store lives: beside the runtime's ledger. With a SQLite ledger, `<state dir>/reports/<digest of the
 * target>.db`, one file per org so that two orgs never mix; with a PostgreSQL ledger, its database and schema, rows
 * keyed by the same digest. The digest keeps ids out of file names and keys.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { openPostgresStore } from './postgres-store.js';
import type { ReportStore } from './report-store.js';
import { openSqliteStore } from './sqlite-store.js';

export type ReportStoreSpec = { kind: 'sqlite'; stateDir: string } | { kind: 'postgres'; url: string; schema?: string };

function targetDigest(targetIdentity: string): string {
  return createHash('sha256').update(targetIdentity).digest('hex').slice(0, 16);
}

export function reportStorePath(stateDir: string, targetIdentity: string): string {
  return join(stateDir, 'reports', `${targetDigest(targetIdentity)}.db`);
}

export async function openReportStore(spec: ReportStoreSpec, targetIdentity: string): Promise<ReportStore> {
  if (spec.kind === 'sqlite') return openSqliteStore(reportStorePath(spec.stateDir, targetIdentity));
  return openPostgresStore({
    url: spec.url,
    target: targetDigest(targetIdentity),
    ...(spec.schema === undefined ? {} : { schema: spec.schema }),
  });
}
