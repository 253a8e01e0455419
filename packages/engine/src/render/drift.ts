/**
 * A drift report as text (the terminal) and as markdown fit for an issue body: a heading that says how much
 * differs, then one section per kind, each entry with what differs or what to do. Bounded like a plan comment.
 */
import type { DriftEntry, DriftReport } from '../drift.js';
import { MARKDOWN_MAX_CHARS } from './markdown.js';

export interface DriftRenderOptions {
  /** The model file, named in the summary. Default `lifecycle.yaml`. */
  file?: string;
  /** The commit of the model, named in the summary when given (CI passes its SHA). */
  commit?: string;
  /** Upper bound of the markdown's length. Default 60,000 (a GitHub issue body allows 65,536). */
  maxChars?: number;
}

function countsText(report: DriftReport): string {
  const { changes, manual, orphans } = report.counts;
  return `${changes} change${changes === 1 ? '' : 's'} to apply, ${manual} manual step${manual === 1 ? '' : 's'} undone, ${orphans} orphan${orphans === 1 ? '' : 's'}`;
}

/** One line: "No drift: …" or "Drift: N changes to apply, …". */
export function driftSummaryLine(report: DriftReport, file = 'lifecycle.yaml'): string {
  return report.drifted
    ? `Drift: ${countsText(report)} (${report.target} against ${file}).`
    : `No drift: ${report.target} matches ${file}.`;
}

const SECTIONS = [
  [
    'changes',
    'Changes `zlc apply` would make',
    'The org differs from the model here; `zlc plan` shows the same, `zlc apply` makes it so.',
  ],
  [
    'manual',
    'Manual steps undone',
    'zlc cannot make these through the API; do each step in the app, then run `zlc drift` again.',
  ],
  [
    'orphans',
    'Orphans',
    'In the org, of a kind zlc manages, and not in the model: add them to the model, or remove them with a `remove:` entry.',
  ],
] as const;

export function renderDriftText(report: DriftReport, options: DriftRenderOptions = {}): string {
  const out: string[] = [];
  for (const [key, title] of SECTIONS) {
    const entries: DriftEntry[] = report[key];
    if (entries.length === 0) continue;
    out.push(title);
    for (const e of entries) {
      out.push(`  ${e.symbol} ${e.address}  ${e.title}`);
      for (const line of e.details) out.push(`      ${line.text}`);
    }
    out.push('');
  }
  if (report.warnings.length > 0) out.push('Warnings', ...report.warnings.map((w) => `  ! ${w}`), '');
  out.push(driftSummaryLine(report, options.file));
  return `${out.join('\n')}\n`;
}

function fence(lines: readonly string[]): string {
  const body = lines.join('\n').replaceAll('```', "'''");
  return `\`\`\`\n${body}\n\`\`\``;
}

export function renderDriftMarkdown(report: DriftReport, options: DriftRenderOptions = {}): string {
  const max = options.maxChars ?? MARKDOWN_MAX_CHARS;
  const file = options.file ?? 'lifecycle.yaml';
  const head = [
    `## zlc drift: ${report.drifted ? countsText(report) : 'none'}`,
    '',
    `Org \`${report.target}\` checked against \`${file}\`${options.commit === undefined ? '' : ` at \`${options.commit}\``} on ${report.checkedAt}.`,
    '',
  ];
  const body: string[] = [];
  for (const [key, title, what] of SECTIONS) {
    const entries: DriftEntry[] = report[key];
    if (entries.length === 0) continue;
    body.push(`### ${title} (${entries.length})`, '', what, '');
    for (const e of entries) {
      body.push(`- \`${e.symbol} ${e.address}\` ${e.title}`);
      if (e.details.length > 0) body.push('', fence(e.details.map((l) => l.text)).replace(/^/gm, '  '), '');
    }
    body.push('');
  }
  if (report.warnings.length > 0) body.push('### Warnings', '', ...report.warnings.map((w) => `- ${w}`), '');
  if (!report.drifted) body.push('The org matches the model: nothing to apply, no manual step open, no orphan.', '');
  const tail = ['_Run `zlc drift` again after fixing; this report is replaced, not appended._', ''];
  let text = [...head, ...body, ...tail].join('\n');
  if (text.length > max) {
    const note = `\n_…cut at ${max.toLocaleString('en-US')} characters: run \`zlc drift\` for the whole report._\n`;
    text = `${text.slice(0, max - note.length)}${note}`;
  }
  return text;
}
