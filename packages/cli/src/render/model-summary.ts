/** A readable, people-first rendering of a model summary: the lifecycle, who owns it, what flows where. */
import type { ModelSummary } from '@zlc/model';

export function renderModelSummary(summary: ModelSummary): string {
  const { counts } = summary;
  const lines: string[] = [];
  const fields = counts.customFields;
  lines.push(
    `${counts.stages} stages · ${counts.owners} owners · custom fields: CRM ${fields.crm}, Books ${fields.books}, Desk ${fields.desk} · ${counts.handoffs} handoffs (${counts.handoffSteps} steps) · ${counts.reports} reports`,
  );
  lines.push('', 'Lifecycle');
  summary.stages.forEach((stage, index) => {
    const arrow = index === 0 ? '  ' : '→ ';
    lines.push(`  ${arrow}${stage.name} (${stage.record}), owned by ${stage.owner}`);
    if (stage.requiredFields.length > 0) lines.push(`      requires ${stage.requiredFields.join(', ')}`);
    if (stage.handoffs.length > 0) lines.push(`      starts ${stage.handoffs.join(', ')}`);
  });
  if (summary.handoffs.length > 0) {
    lines.push('', 'Handoffs');
    for (const handoff of summary.handoffs) {
      lines.push(`  ${handoff.id}: when ${handoff.trigger} → ${handoff.targets.join(', ')}`);
    }
  }
  if (summary.reports.length > 0) {
    lines.push('', 'Reports');
    for (const report of summary.reports) lines.push(`  ${report}`);
  }
  return lines.join('\n');
}
