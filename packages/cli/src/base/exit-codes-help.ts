/**
 * Every command lists its exit codes in `--help`, from one table per command, in one format. A command's
 * description ends with the paragraph `withExitCodes` adds, so `--help`, the README and CI scripts agree.
 */

/** Exit code → what it means, in the order `--help` lists them. */
export type ExitCodes = readonly (readonly [code: number, meaning: string])[];

/** The paragraph `--help` shows: `Exit codes:` and one indented line per code. */
export function exitCodesParagraph(codes: ExitCodes): string {
  return ['Exit codes:', ...codes.map(([code, meaning]) => `  ${String(code).padEnd(3)}${meaning}`)].join('\n');
}

/** The description with the command's exit codes as its last paragraph. */
export function withExitCodes(description: string, codes: ExitCodes): string {
  return `${description}\n\n${exitCodesParagraph(codes)}`;
}

/** What exit 1 means on every command: bad input, refused before anything changed, or a bug. */
export const USAGE_ERROR =
  'bad input: a typo in a command or flag, an invalid model or file, bad configuration (the message says which), or a bug';
