/**
 * Where the webhook secret comes from. Decision: the env var named by `runtime.secret_env` always wins. When it is
 * unset and the target is the embedded sandbox, a random secret is generated once and kept in
 * `<stateDir>/webhook-secret` (mode 0600) so plan, apply and `flow serve` agree without setup. Against real Zoho an
 * unset variable is not papered over: the plan says so in a warning and plans webhooks without a secret
 * (`env:NAME#unset`). The value is returned to the caller only; plans carry `secretRef`.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ResolveSecretOptions {
  env: Readonly<Record<string, string | undefined>>;
  /** `runtime.secretEnv` of the resolved model. */
  secretEnv: string;
  /** True when the target is the embedded sandbox. */
  sandbox: boolean;
  /** Where zlc keeps local state (the CLI uses `.zlc`). */
  stateDir: string;
}

export interface ResolvedSecret {
  value: string | undefined;
  source: 'env' | 'state-file' | 'unset';
  warning?: string;
}

export const SECRET_FILE = 'webhook-secret';

export function resolveWebhookSecret(options: ResolveSecretOptions): ResolvedSecret {
  const fromEnv = options.env[options.secretEnv]?.trim();
  if (fromEnv) return { value: fromEnv, source: 'env' };
  if (!options.sandbox)
    return {
      value: undefined,
      source: 'unset',
      warning: `${options.secretEnv} is not set: webhooks are planned without a secret and the runtime will reject their calls. Set it and plan again.`,
    };
  const file = join(options.stateDir, SECRET_FILE);
  const stored = readStored(file);
  if (stored) return { value: stored, source: 'state-file' };
  const value = randomBytes(16).toString('hex');
  mkdirSync(options.stateDir, { recursive: true, mode: 0o700 });
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  return { value, source: 'state-file' };
}

/** The stored secret, or undefined when there is none yet; a file made looser (by hand, by a copy) is made 0600. */
function readStored(file: string): string | undefined {
  let stored: string;
  try {
    stored = readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
  try {
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  } catch {
    // Not ours to change (another owner): the secret still works; the file's owner decides its mode.
  }
  return stored || undefined;
}
