/**
 * Flags that mean the same on every command that has them, defined once. State locations are set the same way
 * everywhere: a flag, or its environment variable, or the default — `--state-dir` (`ZLC_STATE_DIR`, `.zlc`) holds the
 * journal, locks, the shared access token and the report store; `--sandbox-dir` (`ZLC_SANDBOX_DIR`, default
 * `<state dir>/sandbox`; `--data` on the sandbox commands) holds the embedded sandbox's org.
 */
import { Flags } from '@oclif/core';

export const fileFlag = Flags.string({ char: 'f', description: 'The model file.', default: 'lifecycle.yaml' });

/** `-o/--out` on every command that writes a file. */
export function outFlag(what: string) {
  return Flags.string({ char: 'o', description: `Write ${what} to this file.` });
}

export const stateDirFlag = Flags.string({
  description: 'Where zlc keeps its state: journal, locks, the shared access token, the report store.',
  env: 'ZLC_STATE_DIR',
  helpValue: 'DIR',
});

export const sandboxDirFlag = Flags.string({
  description: "The embedded sandbox's org (used when no ZOHO_* settings name an org). Default: <state dir>/sandbox.",
  env: 'ZLC_SANDBOX_DIR',
  aliases: ['data'],
  helpValue: 'DIR',
});

/** The flags that say where state is kept, for commands that open a target or keep state. */
export const locationFlags = { 'state-dir': stateDirFlag, 'sandbox-dir': sandboxDirFlag };
