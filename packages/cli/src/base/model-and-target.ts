/**
 * What most commands do first, in one place: read the model (diagnostics on stderr and exit 1 when it is invalid,
 * or the same text in the `--json` envelope's error) and open the target (exit 1 naming each missing or
 * inconsistent setting). Loads the libraries it needs when called, so importing a command stays cheap.
 */
import type { Command } from '@oclif/core';
import type { ResolvedModel } from '@zlc/model';
import { modelOptions, type SafetyFlags } from '../safety-flags.js';
import type { OpenTargetOptions, Target } from '../target.js';

interface Quiet {
  /** True under --json: the message goes into the envelope instead of stderr. */
  readonly jsonMode: boolean;
}

/** The resolved model, or the command ends with exit 1 after showing the diagnostics. */
export async function loadModelOrExit(
  command: Command & Quiet,
  file: string,
  flags: SafetyFlags,
  what = 'nothing was done',
): Promise<ResolvedModel> {
  const { loadModelFile } = await import('@zlc/model');
  const loaded = await loadModelFile(file, modelOptions(flags));
  if (loaded.result.ok) return loaded.result.resolved;
  const { renderDiagnostics } = await import('../render/diagnostics.js');
  const text = renderDiagnostics(loaded.result.diagnostics, {
    ...(loaded.text === undefined ? {} : { text: loaded.text }),
    color: false,
  });
  if (command.jsonMode) return command.error(`${text}\n${file} is invalid: ${what}.`, { exit: 1 });
  command.logToStderr(`${text}\n${file} is invalid: ${what}.`);
  return command.exit(1) as never;
}

/** The target the environment names, or the command ends with exit 1 naming what is wrong. */
export async function openTargetOrExit(
  command: Command,
  env: Readonly<Record<string, string | undefined>>,
  options: OpenTargetOptions = {},
): Promise<Target> {
  const { openTarget } = await import('../target.js');
  const opened = await openTarget(env, options);
  if (!opened.ok) return command.error(opened.errors.join('\n'), { exit: 1 });
  return opened.target;
}
