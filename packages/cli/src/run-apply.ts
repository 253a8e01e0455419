/**
 * The apply run behind `zlc apply`: the engine's `applyModel` with the target's state locations, the webhook secret,
 * progress lines from its events, the question (only "yes" applies; no terminal, no question: refused), and Ctrl-C
 * (first: start nothing new and let what is in flight finish and be journalled; second: quit). Loads `@zlc/engine`.
 */
import type { Command } from '@oclif/core';
import { type ApplyEvent, type ApplyResult, applyModel, type Plan } from '@zlc/engine';
import type { ResolvedModel } from '@zlc/model';
import { LOCK_URL_ENV } from './lock-store.js';
import { renderApplyEvent } from './render/apply.js';
import { renderPlanAs } from './render/plan.js';
import { stateDir } from './state-dir.js';
import type { Target } from './target.js';
import { webhookSecretFor } from './webhook-secret.js';

export interface RunApplyOptions {
  file: string;
  allowDataLoss: boolean;
  /** Ask for "yes" before changing anything. */
  ask: boolean;
  saved: Plan | undefined;
  signingKey: string | undefined;
}

/** The result, or undefined when reading the org or the plan failed before any outcome existed (said on stderr). */
export async function runApply(
  command: Command,
  target: Target,
  model: ResolvedModel,
  env: Readonly<Record<string, string | undefined>>,
  options: RunApplyOptions,
): Promise<ApplyResult | undefined> {
  let stopping = false;
  const onInterrupt = () => {
    stopping = true;
    command.logToStderr('Stopping: no new actions start; those in flight finish. Ctrl-C again to quit at once.');
    process.once('SIGINT', () => process.exit(130));
  };
  process.once('SIGINT', onInterrupt);
  try {
    const secret = webhookSecretFor(target, model, env);
    const runtimeUrl = env.ZLC_RUNTIME_URL?.trim();
    const state = stateDir(env);
    const { openLockStore } = await import('./lock-store.js');
    const lockStore = await openLockStore(env, `${state}/locks`);
    if (env[LOCK_URL_ENV]?.trim()) command.log(`Lock: ${lockStore.location}`);
    return await applyModel(model, {
      clients: target.clients,
      identity: target.identity,
      journalDir: `${state}/journal`,
      lockDir: `${state}/locks`,
      lockStore,
      allowDataLoss: options.allowDataLoss,
      shouldStop: () => stopping,
      ...(options.saved === undefined ? {} : { saved: options.saved }),
      ...(options.signingKey === undefined ? {} : { signingKey: options.signingKey }),
      ...(secret.value === undefined ? {} : { webhookSecret: secret.value }),
      ...(secret.warning === undefined ? {} : { warnings: [secret.warning] }),
      ...(runtimeUrl ? { runtimeUrlOverride: runtimeUrl } : {}),
      onEvent: (event: ApplyEvent) => {
        const text =
          event.type === 'plan_ready' ? renderPlanAs(event.plan, 'text', options.file) : renderApplyEvent(event);
        if (text !== undefined) command.log(text);
      },
      ...(options.ask ? { confirm: async () => ask(command, target.identity) } : {}),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    command.logToStderr(`zlc apply failed: ${message}`);
    return undefined;
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}

/** Asks for "yes" on a terminal; without one, refuses (use --auto-approve in scripts). */
async function ask(command: Command, identity: string): Promise<boolean> {
  if (!process.stdin.isTTY) {
    command.logToStderr('No terminal to ask on: run with --auto-approve to apply without a question.');
    return false;
  }
  const { input } = await import('@inquirer/prompts');
  const answer = await input({ message: `Apply these changes to ${identity}? Only "yes" is accepted:` });
  return answer.trim() === 'yes';
}
