/**
 * Which org a command talks to. With Zoho credentials in the environment: that org (or a served sandbox, through
 * the URL overrides). With none: the embedded sandbox, started in-process on a loopback port with its org under
 * `.zlc/sandbox/` (or `ZLC_SANDBOX_DIR`). Either way the client talks real HTTP: one code path, and the access token
 * is shared with every other zlc process on the machine through `<state dir>/tokens/`.
 * `@zlc/zoho` and `@zlc/sandbox` load when a target is opened, not when a command that may open one is imported.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Sandbox } from '@zlc/sandbox';
import type { OnZohoEvent, ZohoClients, ZohoConfig } from '@zlc/zoho';
import { zohoProgress } from './render/zoho-progress.js';
import { sandboxDataDir } from './sandbox-options.js';
import { stateDir } from './state-dir.js';

export interface Target {
  kind: 'zoho' | 'embedded-sandbox';
  /** What the command prints first: `Target: …`. Never contains a secret. */
  label: string;
  /** Stable identity for plan files (see `targetIdentity`). */
  identity: string;
  config: ZohoConfig;
  clients: ZohoClients;
  /** The embedded sandbox, when that is the target. */
  sandbox?: Sandbox;
  close(): Promise<void>;
}

export type OpenTargetResult = { ok: true; target: Target } | { ok: false; errors: string[] };

export interface OpenTargetOptions {
  /** Receives the Zoho clients' events. Default: token waits and cache trouble as lines on stderr. */
  onZohoEvent?: OnZohoEvent;
  /** `--insecure`: accept `http://` URL overrides to other machines. Default false. */
  insecure?: boolean;
}

export async function openTarget(
  env: Readonly<Record<string, string | undefined>>,
  options: OpenTargetOptions = {},
): Promise<OpenTargetResult> {
  const { insecureUrlErrors } = await import('./transport-policy.js');
  const insecure = insecureUrlErrors(env, options.insecure === true);
  if (insecure.length > 0) return { ok: false, errors: insecure };
  const { createZohoClients, loadZohoConfig, namesZohoOrg, targetIdentity } = await import('@zlc/zoho');
  // Any credential or host set means the user meant a real (or served) org: a missing one is an error, not a fallback.
  const explicit = namesZohoOrg(env);
  let sandbox: Sandbox | undefined;
  let source: Readonly<Record<string, string | undefined>> = env;
  const dataDir = sandboxDataDir(env);
  if (!explicit) {
    mkdirSync(dataDir, { recursive: true });
    const { startSandbox } = await import('@zlc/sandbox');
    sandbox = await startSandbox({ dataDir, seed: 'default' });
    source = sandbox.env;
  }
  const loaded = loadZohoConfig(source);
  if (!loaded.ok) {
    await sandbox?.close();
    return { ok: false, errors: loaded.errors.map((e) => e.message) };
  }
  const config = loaded.config;
  // One access token for every zlc process on this machine and grant, kept under the state dir (README, Targets).
  const clients = createZohoClients(config, {
    onEvent: options.onZohoEvent ?? zohoProgress((line) => process.stderr.write(`${line}\n`)),
    tokenCacheDir: join(stateDir(env), 'tokens'),
  });
  const identity = targetIdentity(config);
  const label =
    sandbox === undefined ? `Zoho ${identity}` : `embedded sandbox (${dataDir}); set ZOHO_* to target a real org`;
  return {
    ok: true,
    target: {
      kind: sandbox === undefined ? 'zoho' : 'embedded-sandbox',
      label,
      identity,
      config,
      clients,
      ...(sandbox === undefined ? {} : { sandbox }),
      close: async () => {
        clients.close();
        await sandbox?.close();
      },
    },
  };
}
