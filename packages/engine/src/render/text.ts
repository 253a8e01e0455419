/** The plan for a terminal: business summary, per-resource changes with `+ ~ - -/+ !`, orphans, the counts line. */
import type { Plan, PlanAction } from '../plan-types.js';
import { closingLine, type DetailLine, detailLines, hasChanges, symbolOf } from './describe.js';

/** The styles a plan is painted with; the CLI gives them (a terminal library's), the engine only names them. */
export type PlanStyle = Record<Colour, (text: string) => string>;

export interface TextRenderOptions {
  /** How to paint each part (colours on a terminal). Default: plain text. */
  style?: PlanStyle;
  /** The model file's name for the "No changes" line. Default `lifecycle.yaml`. */
  file?: string;
}

type Colour = 'green' | 'yellow' | 'red' | 'magenta' | 'cyan' | 'dim' | 'bold';

function colourOf(action: PlanAction): Colour {
  switch (action.action) {
    case 'create':
      return 'green';
    case 'update':
      return 'yellow';
    case 'remove':
      return 'red';
    case 'replace':
      return 'magenta';
    case 'manual':
      return 'cyan';
    case 'noop':
      return 'dim';
  }
}

const LINE_COLOUR: Record<DetailLine['kind'], Colour> = { add: 'green', remove: 'red', change: 'yellow', note: 'dim' };
const LINE_SYMBOL: Record<DetailLine['kind'], string> = { add: '+', remove: '-', change: '~', note: '#' };

export function renderPlanText(plan: Plan, options: TextRenderOptions = {}): string {
  const style = options.style;
  const paint = (colour: Colour, text: string) => (style === undefined ? text : style[colour](text));
  const out: string[] = [];
  const { summary } = plan;

  out.push(paint('bold', 'Lifecycle'));
  for (const [i, stage] of summary.stages.entries()) {
    const mark = stage.changed ? paint('yellow', ' ~') : '';
    const required = stage.requiredFields.length > 0 ? `; requires ${stage.requiredFields.join(', ')}` : '';
    out.push(`  ${i + 1}. ${stage.name} (owner: ${stage.owner}${required})${mark}`);
  }
  if (summary.handoffs.length > 0) {
    out.push(paint('bold', 'Handoffs'));
    for (const h of summary.handoffs) {
      out.push(`  ${h.id}: when ${h.trigger}${h.affected ? paint('yellow', ' ~ affected') : ''}`);
      if (h.writes !== undefined && h.writes.length > 0) out.push(`    writes ${h.writes.join(', ')}`);
    }
  }
  if (summary.highlights.length > 0) {
    out.push(paint('bold', 'What changes for the business'));
    for (const line of summary.highlights) out.push(`  • ${line}`);
  }
  out.push('');

  const changing = plan.actions.filter((a) => a.action !== 'noop');
  if (changing.length > 0) {
    out.push(paint('bold', 'Changes'));
    for (const action of changing) {
      const symbol = symbolOf(action);
      out.push(paint(colourOf(action), `  ${symbol} ${action.address}`) + paint('dim', `  ${action.title}`));
      for (const line of detailLines(action))
        out.push(paint(LINE_COLOUR[line.kind], `      ${LINE_SYMBOL[line.kind]} ${line.text}`));
    }
    out.push('');
  }

  if (plan.orphans.length > 0) {
    out.push(paint('bold', 'Orphaned (in the org, not in the model; never deleted implicitly)'));
    for (const o of plan.orphans) out.push(`  ? ${o.address}  ${paint('dim', o.title)}`);
    out.push(paint('dim', `    ${plan.orphans[0]?.hint ?? ''}`));
    out.push('');
  }
  if (plan.warnings.length > 0) {
    out.push(paint('bold', 'Warnings'));
    for (const w of plan.warnings) out.push(paint('yellow', `  ! ${w}`));
    out.push('');
  }
  const closing = closingLine(plan, options.file ?? 'lifecycle.yaml');
  out.push(hasChanges(plan) ? paint('bold', closing) : paint('green', closing));
  return `${out.join('\n')}\n`;
}
