/** `zlc doctor` for people: a mark and a title per check, its findings indented, and what to do when it failed. */
import type { CheckStatus, DoctorCheck, DoctorReport } from '@zlc/engine';
import type { Style } from './style.js';

const MARK: Record<CheckStatus, string> = { pass: '✓', warn: '!', fail: '✗', info: 'i' };
const COLOUR: Record<CheckStatus, keyof Style> = { pass: 'green', warn: 'yellow', fail: 'red', info: 'cyan' };

export function renderCheck(check: DoctorCheck, style: Style): string {
  const lines = [`${style[COLOUR[check.status]](MARK[check.status])} ${check.title}`];
  for (const finding of check.findings) lines.push(`    ${finding}`);
  if (check.hint !== undefined && (check.status === 'fail' || check.status === 'warn'))
    lines.push(`    ${style.dim(`→ ${check.hint}`)}`);
  return lines.join('\n');
}

export function renderDoctorSummary(report: DoctorReport): string {
  const failed = report.checks.filter((c) => c.status === 'fail').length;
  return failed === 0
    ? `\nReady: every check passed for ${report.target}.`
    : `\nNot ready: ${failed} check${failed === 1 ? '' : 's'} failed for ${report.target} (above, with what to do).`;
}
