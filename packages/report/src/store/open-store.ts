/**
 * Where the store lives: `<state dir>/reports/<digest of the target>.db`, one file per org so that two orgs never
 * mix. The digest keeps ids out of the file name.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { ReportStore } from './report-store.js';
import { openSqliteStore } from './sqlite-store.js';

export function reportStorePath(stateDir: string, targetIdentity: string): string {
  const digest = createHash('sha256').update(targetIdentity).digest('hex').slice(0, 16);
  return join(stateDir, 'reports', `${digest}.db`);
}

export function openReportStore(stateDir: string, targetIdentity: string): ReportStore {
  return openSqliteStore(reportStorePath(stateDir, targetIdentity));
}
