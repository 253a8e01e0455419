/**
 * The plan as a pull-request comment: summary table, highlights, one collapsed `<details>` per change, and the
 * counts. Always under `maxChars` (default 60,000, below GitHub's 65,536 comment limit): when the changes do not
 * fit, the rest are left out and a line says how many.
 */
import type { Plan, PlanAction } from '../plan-types.js';
import { closingLine, countsLine, detailLines, hasChanges, symbolOf } from './describe.js';

export const MARKDOWN_MAX_CHARS = 60_000;

export interface MarkdownRenderOptions {
  maxChars?: number;
  file?: string;
}

/** Keeps table cells and summaries on one line and free of markup. */
function cell(text: string): string {
  return text
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ')
    .replace(/</g, '&lt;');
}

function fence(text: string): string {
  return text.replace(/```/g, '`\u200b``');
}

export function renderPlanMarkdown(plan: Plan, options: MarkdownRenderOptions = {}): string {
  const max = options.maxChars ?? MARKDOWN_MAX_CHARS;
  const head = headLines(plan);
  const tail = tailLines(plan, options.file ?? 'lifecycle.yaml');
  const budget = { max, used: head.join('\n').length + tail.join('\n').length + 300 };
  const body = [
    ...highlightLines(
      plan.summary.highlights.map((h) => `- ${cell(h)}`),
      budget,
    ),
    ...changeLines(plan, budget),
  ];
  return `${[...head, ...body, ...tail].join('\n')}\n`;
}

/** The comment's length so far (with room kept for the lines that say what was left out), and its limit. */
interface Budget {
  max: number;
  used: number;
}

/** Title, target, the stages table and the handoffs the plan affects. */
function headLines(plan: Plan): string[] {
  const head: string[] = [];
  const changed = hasChanges(plan);
  const manualOnly = plan.counts.manual > 0 ? ` (${plan.counts.manual} manual step(s) open)` : '';
  head.push(
    `### zlc plan — ${changed ? countsLine(plan.counts).replace(/^Plan: /, '') : `no changes${manualOnly}`}`,
    '',
  );
  head.push(`Target: \`${cell(plan.target)}\``, '');
  head.push('| # | Stage | Owner | Required fields | |', '|---|---|---|---|---|');
  plan.summary.stages.forEach((s, i) => {
    head.push(
      `| ${i + 1} | ${cell(s.name)} | ${cell(s.owner)} | ${cell(s.requiredFields.join(', '))} | ${s.changed ? '~' : ''} |`,
    );
  });
  head.push('');
  const affected = plan.summary.handoffs.filter((h) => h.affected);
  if (affected.length > 0)
    head.push(`**Handoffs affected:** ${affected.map((h) => `\`${cell(h.id)}\` (${cell(h.trigger)})`).join(', ')}`, '');
  return head;
}

/** Orphans, warnings and the closing line. */
function tailLines(plan: Plan, file: string): string[] {
  const tail: string[] = [];
  if (plan.orphans.length > 0) {
    tail.push(
      `<details><summary>${plan.orphans.length} orphaned object(s): in the org, not in the model (never deleted implicitly)</summary>`,
      '',
      ...plan.orphans.slice(0, 50).map((o) => `- \`${cell(o.address)}\``),
      ...(plan.orphans.length > 50 ? [`- … and ${plan.orphans.length - 50} more`] : []),
      '',
      '</details>',
      '',
    );
  }
  if (plan.warnings.length > 0)
    tail.push('**Warnings**', '', ...plan.warnings.slice(0, 20).map((w) => `- ${cell(w)}`), '');
  tail.push(`**${cell(closingLine(plan, file))}**`);
  return tail;
}

/** The highlights that fit in a quarter of the comment. */
function highlightLines(highlights: readonly string[], budget: Budget): string[] {
  const lines: string[] = [];
  const kept: string[] = [];
  for (const h of highlights) {
    if (budget.used + h.length + 1 > budget.max / 4) break;
    kept.push(h);
    budget.used += h.length + 1;
  }
  if (kept.length > 0) lines.push('**What changes for the business**', '', ...kept, '');
  if (kept.length < highlights.length)
    lines.push(`_${highlights.length - kept.length} more highlights not shown._`, '');
  return lines;
}

/** One collapsed diff per change, as many as fit. */
function changeLines(plan: Plan, budget: Budget): string[] {
  const blocks = plan.actions.filter((a) => a.action !== 'noop').map(changeBlock);
  const lines: string[] = [];
  if (blocks.length > 0) lines.push('#### Changes', '');
  let shown = 0;
  for (const block of blocks) {
    if (budget.used + block.length + 1 > budget.max) break;
    lines.push(block);
    budget.used += block.length + 1;
    shown++;
  }
  if (shown < blocks.length)
    lines.push(
      `_${blocks.length - shown} more changes not shown (this comment stays under ${budget.max.toLocaleString('en-US')} characters); run \`zlc plan\` to see them all._`,
      '',
    );
  return lines;
}

function changeBlock(a: PlanAction): string {
  const lines = detailLines(a).map((l) => {
    const mark = l.kind === 'add' ? '+' : l.kind === 'remove' ? '-' : l.kind === 'change' ? '!' : '#';
    return `${mark} ${l.text}`;
  });
  return [
    `<details><summary><code>${symbolOf(a)} ${cell(a.address)}</code> ${cell(a.title)}</summary>`,
    '',
    '```diff',
    fence(lines.join('\n')),
    '```',
    '</details>',
    '',
  ].join('\n');
}
