/** Rules on `runtime` and `reports`: the ledger is described consistently; reports are not repeated. */
import type { Finding } from '../diagnostic.js';
import type { ModelIndex } from '../model-index.js';

export function ledgerIsConsistent(index: ModelIndex): Finding[] {
  const ledger = index.model.runtime?.ledger;
  if (ledger === undefined) return [];
  const at = ['runtime', 'ledger'];
  if ((ledger.kind ?? 'sqlite') === 'postgres') {
    const findings: Finding[] = [];
    if (ledger.url_env === undefined)
      findings.push({
        code: 'missing-key',
        severity: 'error',
        path: at,
        message: 'a postgres ledger needs url_env, the environment variable holding its URL',
        hint: 'url_env: ZLC_LEDGER_URL (never the URL itself)',
      });
    if (ledger.path !== undefined)
      findings.push({
        code: 'invalid-value',
        severity: 'error',
        path: [...at, 'path'],
        atKey: true,
        message: '`path` is for sqlite ledgers',
      });
    return findings;
  }
  if (ledger.url_env !== undefined)
    return [
      {
        code: 'invalid-value',
        severity: 'error',
        path: [...at, 'url_env'],
        atKey: true,
        message: '`url_env` is for postgres ledgers',
        hint: 'set kind: postgres, or remove url_env',
      },
    ];
  return [];
}

export function runtimeIsReachable(index: ModelIndex): Finding[] {
  if ((index.model.handoffs ?? []).length === 0 || index.model.runtime?.url !== undefined) return [];
  return [
    {
      code: 'missing-key',
      severity: 'warning',
      path: index.model.runtime === undefined ? [] : ['runtime'],
      message: 'handoffs are declared but runtime.url is not: webhooks will have nowhere to go',
      hint: 'set runtime.url, or ZLC_RUNTIME_URL when applying',
    },
  ];
}

export function reportsAreDistinct(index: ModelIndex): Finding[] {
  const seen = new Set<string>();
  const findings: Finding[] = [];
  (index.model.reports ?? []).forEach((report, i) => {
    const key = `${report.id}|${report.title ?? ''}`;
    if (seen.has(key))
      findings.push({
        code: 'duplicate-id',
        severity: 'error',
        path: ['reports', i],
        message: `report '${report.id}' is listed twice`,
        hint: 'give the second one its own title',
      });
    seen.add(key);
  });
  return findings;
}
