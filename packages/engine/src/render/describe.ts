/** Shared pieces of the text and markdown renderings: symbols, values and attribute lines. */
import type { AttributeChange, Attributes, JsonValue, Plan, PlanAction, PlanCounts } from '../plan-types.js';

export function symbolOf(action: PlanAction): string {
  switch (action.action) {
    case 'create':
      return '+';
    case 'update':
      return '~';
    case 'replace':
      return '-/+';
    case 'remove':
      return '-';
    case 'manual':
      return '!';
    case 'noop':
      return ' ';
  }
}

export function valueText(value: JsonValue | undefined): string {
  if (value === undefined) return '(none)';
  const text = JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

export function countsLine(counts: PlanCounts): string {
  return `Plan: ${counts.add} to add, ${counts.change} to change, ${counts.remove} to remove, ${counts.manual} manual.`;
}

/**
 * Whether applying the plan would change the org. Manual steps are listed and counted but are not changes zlc
 * makes (the next plan verifies them), so a plan with only manual steps left is "no changes" — also for
 * `--detailed-exitcode`.
 */
export function hasChanges(plan: Plan): boolean {
  const { add, change, remove } = plan.counts;
  return add + change + remove > 0;
}

/** The last line: the counts, or "No changes" (saying how many manual steps are still open, if any). */
export function closingLine(plan: Plan, file: string): string {
  if (hasChanges(plan)) return countsLine(plan.counts);
  const manual = plan.counts.manual;
  if (manual === 0) return `No changes. The org matches ${file}.`;
  return `No changes to apply. ${manual} manual step${manual === 1 ? ' is' : 's are'} still open (listed above); the next plan checks ${manual === 1 ? 'it' : 'them'}.`;
}

export type LineKind = 'add' | 'remove' | 'change' | 'note';
export interface DetailLine {
  kind: LineKind;
  text: string;
}

function attributeLines(attributes: Attributes, kind: LineKind): DetailLine[] {
  return Object.keys(attributes)
    .sort()
    .map((key) => ({ kind, text: `${key}: ${valueText(attributes[key])}` }));
}

function changeLine(change: AttributeChange): DetailLine {
  if (change.before === undefined) return { kind: 'add', text: `${change.path}: ${valueText(change.after)}` };
  if (change.after === undefined) return { kind: 'remove', text: `${change.path}: ${valueText(change.before)}` };
  if (Array.isArray(change.before) && Array.isArray(change.after)) {
    const before = new Set(change.before.map((v) => JSON.stringify(v)));
    const after = new Set(change.after.map((v) => JSON.stringify(v)));
    const added = [...after].filter((v) => !before.has(v));
    const removed = [...before].filter((v) => !after.has(v));
    if (added.length + removed.length > 0 && added.length + removed.length < before.size + after.size) {
      const parts = [...added.map((v) => `+${v}`), ...removed.map((v) => `-${v}`)];
      return { kind: 'change', text: `${change.path}: ${parts.join(' ')}` };
    }
  }
  return { kind: 'change', text: `${change.path}: ${valueText(change.before)} → ${valueText(change.after)}` };
}

/** The lines under an action's header: attributes for creates, changes for updates, steps for manual ones. */
export function detailLines(action: PlanAction): DetailLine[] {
  const lines: DetailLine[] = [];
  switch (action.action) {
    case 'create':
      lines.push(...attributeLines(action.after, 'add'));
      break;
    case 'update':
      lines.push(...action.changes.map(changeLine));
      break;
    case 'replace':
      lines.push({ kind: 'note', text: `replaced: ${action.reason}` });
      lines.push(...action.changes.map(changeLine));
      break;
    case 'remove':
      lines.push({ kind: 'note', text: `reason: ${action.reason}` });
      break;
    case 'manual':
      if (action.movedFrom !== undefined) lines.push({ kind: 'note', text: `renamed from ${action.movedFrom}` });
      action.steps.forEach((step, i) => {
        lines.push({ kind: 'note', text: `${i + 1}. ${step}` });
      });
      break;
    case 'noop':
      break;
  }
  if (action.impact !== undefined) lines.push({ kind: 'note', text: `impact: ${action.impact.message}` });
  if (action.requiresAllowDataLoss === true)
    lines.push({ kind: 'note', text: 'deletes data: apply refuses this without --allow-data-loss' });
  return lines;
}
