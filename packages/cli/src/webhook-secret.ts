/**
 * The webhook secret for a target, the same for `plan`, `apply` and `flow serve`: the env var named by
 * `runtime.secret_env`, or — on the embedded sandbox only — a random one kept in the sandbox's data dir
 * (`<ZLC_SANDBOX_DIR or .zlc/sandbox>/webhook-secret`), so each sandbox org has its own and nothing needs setting up.
 * It loads `@zlc/engine`: commands import this module inside `run()`, so that their `--help` does not pay for it.
 */
import { type ResolvedSecret, resolveWebhookSecret } from '@zlc/engine';
import type { ResolvedModel } from '@zlc/model';
import { sandboxDataDir } from './sandbox-options.js';
import type { Target } from './target.js';

export function webhookSecretFor(
  target: Pick<Target, 'kind'>,
  model: ResolvedModel,
  env: Readonly<Record<string, string | undefined>>,
): ResolvedSecret {
  return resolveWebhookSecret({
    env,
    secretEnv: model.runtime.secretEnv,
    sandbox: target.kind === 'embedded-sandbox',
    stateDir: sandboxDataDir(env),
  });
}
