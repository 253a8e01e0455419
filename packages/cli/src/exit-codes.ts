/**
 * Exit codes of the commands that change an org (`apply`, `export`, `force-unlock`), in one table so that `--help`,
 * the docs and CI scripts agree. `plan --detailed-exitcode` keeps its own 0/1/2 (see the plan command).
 */
import type { ApplyResult, Refusal } from '@zlc/engine';

export const EXIT = {
  /** Applied, or nothing to do (manual steps may remain; they are listed). */
  ok: 0,
  /** Bad input or configuration (invalid model, unreadable plan file, missing credentials), or an internal error. */
  error: 1,
  /** Partial failure: some actions failed; their dependents were skipped. Fix the cause and run apply again. */
  partial: 3,
  /** The saved plan no longer fits: another target, another model, or objects changed in the org since the plan. */
  stale: 4,
  /** Another apply holds the lock on this org (`zlc force-unlock ID` if it is dead). */
  locked: 5,
  /** Not confirmed, or a removal would delete data and `--allow-data-loss` was not given. */
  refused: 6,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The exit-code paragraph every org-changing command shows in `--help`. */
export const EXIT_CODES_HELP = `Exit codes:
  0  applied, or nothing to do
  1  error: invalid model or plan file, bad configuration, or a bug
  3  partial failure: some actions failed and their dependents were skipped; fix and run apply again
  4  stale plan: wrong target, the model changed, or objects changed in the org since the plan
  5  locked: another apply is running against this org (zlc force-unlock ID when it is dead)
  6  refused: not confirmed, or a removal would delete data without --allow-data-loss`;

export function refusalExit(refusal: Refusal): ExitCode {
  switch (refusal.kind) {
    case 'format_version':
      return EXIT.error;
    case 'target_mismatch':
    case 'config_changed':
    case 'stale':
      return EXIT.stale;
    case 'locked':
    case 'lock_corrupt':
      return EXIT.locked;
    case 'data_loss':
    case 'declined':
      return EXIT.refused;
  }
}

export function applyExit(result: ApplyResult): ExitCode {
  switch (result.status) {
    case 'refused':
      return refusalExit(result.refusal);
    case 'no_changes':
    case 'applied':
      return EXIT.ok;
    case 'partial':
      return EXIT.partial;
  }
}
