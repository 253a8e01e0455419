/**
 * The base of every zlc command (like sf's SfCommand): `--json` with one envelope, usage errors that exit 1 and
 * suggest the flag meant, warnings collected for the envelope, and the exit code taken from what `run()` returns.
 * A command's `run()` parses, calls one library function and returns `this.done(exit, result)`; text for people
 * goes through `this.log` (stdout) and `this.logToStderr` (progress, notes), which `--json` silences.
 *
 * The envelope, printed alone on stdout under `--json`:
 * `{"status": <exit code>, "result": <the command's typed result, or null>, "warnings": [...], "error"?: {name, message}}`.
 */
import { Command, type Interfaces } from '@oclif/core';

/** What `run()` returns: the exit code and the command's typed result (the envelope's `result`). */
export interface Outcome<R> {
  exit: number;
  result: R;
}

/** What `--json` prints (schemas of each command's `result` are its TypeScript result types). */
export interface JsonEnvelope<R> {
  status: number;
  result: R | null;
  warnings: string[];
  error?: { name: string; message: string };
}

interface ErrorLike {
  name?: string;
  message: string;
  /** oclif's errors carry their exit code here. */
  oclif?: { exit?: number };
  /** A parse error (unknown flag, bad option, missing argument) carries what was parsed. */
  parse?: unknown;
  /** NonExistentFlagsError: the flags that were not recognised. */
  flags?: unknown;
  code?: string;
}

function isErrorLike(value: unknown): value is ErrorLike {
  return typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string';
}

export abstract class ZlcCommand<R> extends Command {
  static override enableJsonFlag = true;

  /** Warnings for the envelope (and, without --json, shown on stderr as they happen). */
  protected readonly warnings: string[] = [];

  abstract override run(): Promise<Outcome<R>>;

  /** The outcome `run()` returns. */
  protected done(exit: number, result: R): Outcome<R> {
    return { exit, result };
  }

  /** True under `--json`: nothing but the envelope reaches stdout. */
  get jsonMode(): boolean {
    return this.jsonEnabled();
  }

  /** A warning: kept for the envelope, and shown on stderr without --json. */
  protected warning(text: string): void {
    this.warnings.push(text);
    this.logToStderr(`warning: ${text}`);
  }

  /** Refuses with a message on stderr (or in the envelope) and the exit code; nothing after it runs. */
  protected fail(message: string, exit = 1): never {
    return this.error(message, { exit });
  }

  protected override async _run<T>(): Promise<T> {
    const outcome = await super._run<T>();
    const exit = (outcome as Partial<Outcome<R>> | undefined)?.exit;
    if (typeof exit === 'number') process.exitCode = exit;
    return outcome;
  }

  protected override toSuccessJson(outcome: unknown): JsonEnvelope<R> {
    const { exit, result } = outcome as Outcome<R>;
    return { status: exit, result, warnings: this.warnings };
  }

  protected override toErrorJson(error: unknown): JsonEnvelope<R> {
    const known = isErrorLike(error);
    return {
      status: known ? (error.oclif?.exit ?? 1) : 1,
      result: null,
      warnings: this.warnings,
      error: { name: known ? (error.name ?? 'Error') : 'Error', message: known ? error.message : String(error) },
    };
  }

  /**
   * Usage errors (an unknown flag, a bad choice, a missing argument) exit 1 — exit 2 is `--detailed-exitcode`'s
   * "changes present" — and an unknown flag names the closest one. `this.exit(n)` ends quietly with n.
   */
  protected override async catch(caught: Interfaces.CommandError): Promise<unknown> {
    const error = caught as Interfaces.CommandError & ErrorLike;
    if (isErrorLike(error) && error.parse !== undefined) {
      error.oclif = { ...error.oclif, exit: 1 };
      error.message = await this.withSuggestion(error);
    }
    if (isErrorLike(error) && error.code === 'EEXIT') {
      const exit = error.oclif?.exit ?? 1;
      process.exitCode = exit;
      if (this.jsonMode) this.logJson({ status: exit, result: null, warnings: this.warnings });
      if (this.jsonMode) return undefined;
      throw error;
    }
    if (this.jsonMode) {
      const envelope = this.toErrorJson(error);
      process.exitCode = envelope.status;
      this.logJson(envelope);
      return undefined;
    }
    // A refusal from `fail()`: said as it is (oclif would wrap it at 80 columns and indent it), then the exit code.
    if (isErrorLike(error) && error.parse === undefined && error.oclif?.exit !== undefined) {
      process.stderr.write(`Error: ${error.message}\n`);
      return this.exit(error.oclif.exit);
    }
    throw error;
  }

  /** The parse error's message, with "did you mean --x?" for each unknown flag close to a real one. */
  private async withSuggestion(error: ErrorLike): Promise<string> {
    if (!Array.isArray(error.flags)) return error.message;
    const { closest } = await import('@zlc/model');
    const names = Object.entries(this.ctor.flags ?? {}).flatMap(([name, flag]) => [
      name,
      ...((flag as { aliases?: string[] }).aliases ?? []),
    ]);
    if (this.ctor.enableJsonFlag) names.push('json');
    const hints = error.flags.flatMap((given) => {
      const bare = String(given).replace(/^-+/, '').split('=')[0] ?? '';
      const match = closest(bare, names);
      return match === undefined ? [] : [`${String(given)}: did you mean --${match}?`];
    });
    if (hints.length === 0) return error.message;
    const [first, ...rest] = error.message.split('\n');
    return [first, ...hints, ...rest].join('\n');
  }
}
