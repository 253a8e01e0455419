/** Rules on `runtime` and `reports`: the ledger is described consistently; reports are not repeated. */
import type { Finding } from '../diagnostic.js';
import { insecureHost } from '../loopback.js';
import { danglingFinding, lookupField, type ModelIndex } from '../model-index.js';
import { DESK_WEBHOOK_URL_MAX, deskHookUrlLength } from '../runtime-hooks.js';

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

/**
 * `http://` to another machine would send the webhook secret (CRM's header, Desk's token) and every event in clear
 * text. An error unless `--insecure` (then `validateSource` makes it a warning); loopback stays allowed for local runs.
 */
export function runtimeUrlIsSecure(index: ModelIndex): Finding[] {
  const url = index.model.runtime?.url;
  const host = url === undefined ? undefined : insecureHost(url);
  if (host === undefined) return [];
  return [
    {
      code: 'insecure-url',
      severity: 'error',
      path: ['runtime', 'url'],
      message: `runtime.url is http:// to ${host}, another machine: the webhook secret and every event would cross the network unencrypted`,
      hint: 'use https://, or pass --insecure on a network you trust',
    },
  ];
}

/** Desk refuses webhook URLs over 100 characters, so a long `runtime.url` would make apply fail on Desk. */
export function deskHookUrlsFit(index: ModelIndex): Finding[] {
  const url = index.model.runtime?.url;
  if (url === undefined) return [];
  const findings: Finding[] = [];
  for (const handoff of index.model.handoffs ?? []) {
    if (handoff.trigger?.on !== 'ticket_event') continue;
    const length = deskHookUrlLength(url, handoff.id);
    if (length > DESK_WEBHOOK_URL_MAX)
      findings.push({
        code: 'invalid-value',
        severity: 'error',
        path: ['runtime', 'url'],
        message: `the Desk webhook URL of handoff '${handoff.id}' would be ${length} characters; Zoho Desk accepts at most ${DESK_WEBHOOK_URL_MAX}`,
        hint: `shorten runtime.url by ${length - DESK_WEBHOOK_URL_MAX} characters, or the handoff id`,
      });
  }
  return findings;
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

/**
 * Report options name what exists and fits: `renewal_field` resolves to a date field, `grace_days` belongs to the
 * reconciliation and `renewal_field` to retention_renewals (elsewhere they would be silently ignored).
 */
export function reportOptionsFit(index: ModelIndex): Finding[] {
  const findings: Finding[] = [];
  for (const [i, report] of (index.model.reports ?? []).entries()) {
    const misplaced = (key: 'renewal_field' | 'grace_days', owner: string) =>
      void findings.push({
        code: 'invalid-value',
        severity: 'error',
        path: ['reports', i, key],
        atKey: true,
        message: `\`${key}\` is an option of the ${owner} report, not of '${report.id}'`,
        hint: `move it to the ${owner} entry, or remove it`,
      });
    if (report.grace_days !== undefined && report.id !== 'reconciliation') misplaced('grace_days', 'reconciliation');
    if (report.renewal_field === undefined) continue;
    if (report.id !== 'retention_renewals') {
      misplaced('renewal_field', 'retention_renewals');
      continue;
    }
    const field = lookupField(index, report.renewal_field);
    if (!field.ok) {
      findings.push(danglingFinding(['reports', i, 'renewal_field'], field));
      continue;
    }
    if (field.value.kind !== 'date' && field.value.kind !== 'datetime')
      findings.push({
        code: 'invalid-value',
        severity: 'error',
        path: ['reports', i, 'renewal_field'],
        message: `${report.renewal_field} is a ${field.value.kind} field; the renewal date must be a date`,
        hint: 'name a date field, e.g. crm:Accounts.Renewal_Date',
      });
  }
  return findings;
}
