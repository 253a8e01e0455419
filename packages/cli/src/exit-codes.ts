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
  /**
   * The saved plan does not fit: another target or model, objects changed in the org since, it is not the plan the
   * model and org give now (edited), or it is unsigned or badly signed while a signing key is set.
   */
  stale: 4,
  /** Another apply holds the lock on this org (`zlc force-unlock ID` if it is dead). */
  locked: 5,
  /** Not confirmed, or a removal or replace would delete data and `--allow-data-loss` was not given. */
  refused: 6,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The exit-code paragraph every org-changing command shows in `--help`. */
export const EXIT_CODES_HELP = `Exit codes:
  0  applied, or nothing to do
  1  error: invalid model or plan file, bad configuration, or a bug
  3  partial failure: some actions failed and their dependents were skipped; fix and run apply again
  4  plan refused: wrong target, the model or org changed since, the plan differs from the one the model and
     org give now (edited), or it is unsigned or badly signed while ZLC_PLAN_SIGNING_KEY is set
  5  locked: another apply is running against this org (zlc force-unlock ID when it is dead)
  6  refused: not confirmed, or a change would delete data without --allow-data-loss`;

export function refusalExit(refusal: Refusal): ExitCode {
  switch (refusal.kind) {
    case 'format_version':
      return EXIT.error;
    case 'target_mismatch':
    case 'config_changed':
    case 'stale':
    case 'plan_differs':
    case 'plan_signature':
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
