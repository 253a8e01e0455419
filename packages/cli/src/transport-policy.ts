/**
 * The URLs from the environment that carry tokens or the webhook secret — the `ZOHO_*_URL` host overrides (OAuth
 * refresh tokens, access tokens, org data) and `ZLC_RUNTIME_URL` (where webhooks, with their secret, are sent) — must
 * be https unless they stay on this machine, or `--insecure` says the network is trusted.
 */
import { insecureHost } from '@zlc/model';

const CHECKED = ['ZOHO_ACCOUNTS_URL', 'ZOHO_API_URL', 'ZOHO_DESK_URL', 'ZLC_RUNTIME_URL'] as const;

/** One message per offending variable; empty when all is well or `insecure` is set. */
export function insecureUrlErrors(env: Readonly<Record<string, string | undefined>>, insecure: boolean): string[] {
  if (insecure) return [];
  return CHECKED.flatMap((name) => {
    const value = env[name]?.trim();
    const host = value ? insecureHost(value) : undefined;
    if (host === undefined) return [];
    const carries = name === 'ZLC_RUNTIME_URL' ? 'the webhook secret and every event' : 'OAuth tokens and org data';
    return [
      `${name} is http:// to ${host}, another machine: ${carries} would cross the network unencrypted. Use https://, or pass --insecure on a network you trust.`,
    ];
  });
}
