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
  const lines = [`${paint('bold', where)} ${severity} ${paint('dim', diagnostic.code)} ${diagnostic.message}`];
  const sourceLine = diagnostic.line > 0 ? options.text?.split(/\r?\n/)[diagnostic.line - 1] : undefined;
  if (sourceLine !== undefined) {
    const gutter = String(diagnostic.line);
    const shown = sourceLine.replace(/\t/g, ' ');
    const start = Math.max(0, diagnostic.column - 1);
    const token = /^[^\s,\]}]+/.exec(shown.slice(start))?.[0] ?? '';
    const width = Math.max(1, Math.min(token.length, 60));
    lines.push(`  ${paint('dim', `${gutter} |`)} ${shown}`);
    lines.push(
      `  ${paint('dim', `${' '.repeat(gutter.length)} |`)} ${' '.repeat(start)}${paint(diagnostic.severity === 'error' ? 'red' : 'yellow', '^'.repeat(width))}`,
    );
  }
  if (diagnostic.hint !== undefined) lines.push(`  ${paint('cyan', 'hint:')} ${diagnostic.hint}`);
  return lines.join('\n');
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
