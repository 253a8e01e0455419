/**
 * The plan as a pull-request comment: summary table, highlights, one collapsed `<details>` per change, and the
 * counts. Always under `maxChars` (default 60,000, below GitHub's 65,536 comment limit): when the changes do not
 * fit, the rest are left out and a line says how many.
 */
import type { Plan } from '../plan-types.js';
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
  tail.push(`**${cell(closingLine(plan, options.file ?? 'lifecycle.yaml'))}**`);

  const highlights = plan.summary.highlights.map((h) => `- ${cell(h)}`);
  const blocks = plan.actions
    .filter((a) => a.action !== 'noop')
    .map((a) => {
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
    });

  const reserve = 300;
  let used = head.join('\n').length + tail.join('\n').length + reserve;
  const body: string[] = [];
  const keptHighlights: string[] = [];
  for (const h of highlights) {
    if (used + h.length + 1 > max / 4) break;
    keptHighlights.push(h);
    used += h.length + 1;
  }
  if (keptHighlights.length > 0) body.push('**What changes for the business**', '', ...keptHighlights, '');
  if (keptHighlights.length < highlights.length)
    body.push(`_${highlights.length - keptHighlights.length} more highlights not shown._`, '');
  if (blocks.length > 0) body.push('#### Changes', '');
  let shown = 0;
  for (const block of blocks) {
    if (used + block.length + 1 > max) break;
    body.push(block);
    used += block.length + 1;
    shown++;
  }
  if (shown < blocks.length)
    body.push(
      `_${blocks.length - shown} more changes not shown (this comment stays under ${max.toLocaleString('en-US')} characters); run \`zlc plan\` to see them all._`,
      '',
    );
  return `${[...head, ...body, ...tail].join('\n')}\n`;
}
