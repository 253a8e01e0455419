/**
 * Compiler-style rendering of model diagnostics:
 *
 *   lifecycle.yaml:105:12 error dangling-reference unknown owner 'salse'
 *     105 |     owner: salse
 *         |            ^^^^^
 *     hint: did you mean 'sales'?
 */
import type { Diagnostic } from '@zlc/model';

export interface RenderOptions {
  /** The file text, to quote the offending line; omitted when the file could not be read. */
  text?: string;
  /** ANSI colour (only on a TTY). */
  color: boolean;
}

const ANSI = {
  red: '\u001b[31m',
  yellow: '\u001b[33m',
  cyan: '\u001b[36m',
  dim: '\u001b[2m',
  bold: '\u001b[1m',
  reset: '\u001b[0m',
};

export function renderDiagnostic(diagnostic: Diagnostic, options: RenderOptions): string {
  const paint = (code: keyof typeof ANSI, text: string) => (options.color ? `${ANSI[code]}${text}${ANSI.reset}` : text);
  const where = diagnostic.line > 0 ? `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}` : diagnostic.file;
  const severity = diagnostic.severity === 'error' ? paint('red', 'error') : paint('yellow', 'warning');
  const message = printable(diagnostic.message);
  const lines = [`${paint('bold', where)} ${severity} ${paint('dim', diagnostic.code)} ${message}`];
  const sourceLine = diagnostic.line > 0 ? lineOf(options.text, diagnostic.line) : undefined;
  if (sourceLine !== undefined) {
    const gutter = String(diagnostic.line);
    const { shown, start } = excerpt(sourceLine, Math.max(0, diagnostic.column - 1));
    const token = /^[^\s,\]}]+/.exec(shown.slice(start))?.[0] ?? '';
    const width = Math.max(1, Math.min(token.length, 60));
    lines.push(`  ${paint('dim', `${gutter} |`)} ${shown}`);
    lines.push(
      `  ${paint('dim', `${' '.repeat(gutter.length)} |`)} ${' '.repeat(start)}${paint(diagnostic.severity === 'error' ? 'red' : 'yellow', '^'.repeat(width))}`,
    );
  }
  if (diagnostic.hint !== undefined) lines.push(`  ${paint('cyan', 'hint:')} ${printable(diagnostic.hint)}`);
  return lines.join('\n');
}

/** Characters of a source line shown around the column; a longer line is cut, with … where it was. */
export const EXCERPT_WIDTH = 200;

/** The 1-based line of `text`, found without splitting the whole file (a diagnostic may point anywhere). */
function lineOf(text: string | undefined, line: number): string | undefined {
  if (text === undefined) return undefined;
  let start = 0;
  for (let n = 1; n < line; n++) {
    const next = text.indexOf('\n', start);
    if (next < 0) return undefined;
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? text.length : end).replace(/\r$/, '');
}

/**
 * The part of a source line to quote: at most `EXCERPT_WIDTH` characters around the column, with control characters
 * (escape sequences a file could smuggle into a terminal) shown as `?`. `start` is the column within the excerpt.
 */
export function excerpt(line: string, column: number): { shown: string; start: number } {
  const clean = printable(line.replace(/\t/g, ' '));
  if (clean.length <= EXCERPT_WIDTH) return { shown: clean, start: column };
  const from = Math.max(0, Math.min(column - EXCERPT_WIDTH / 4, clean.length - EXCERPT_WIDTH));
  const head = from > 0 ? '…' : '';
  const tail = from + EXCERPT_WIDTH < clean.length ? '…' : '';
  return { shown: `${head}${clean.slice(from, from + EXCERPT_WIDTH)}${tail}`, start: column - from + head.length };
}

/** Text from a file, safe to print: C0/C1 control characters and DEL become `?`. */
function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters to neutralise
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

/** All diagnostics, separated by blank lines, followed by a one-line count. */
export function renderDiagnostics(diagnostics: readonly Diagnostic[], options: RenderOptions): string {
  const blocks = diagnostics.map((d) => renderDiagnostic(d, options));
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  blocks.push(`${count(errors, 'error')}, ${count(warnings, 'warning')}`);
  return blocks.join('\n\n');
}
