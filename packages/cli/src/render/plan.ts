/** A plan in the format asked for: text (painted on a terminal), markdown, or the JSON plan file. */
import { type Plan, renderPlanJson, renderPlanMarkdown, renderPlanText } from '@zlc/engine';
import { colorOn, styleFor } from './style.js';

export function renderPlanAs(plan: Plan, format: 'text' | 'markdown' | 'json', file: string): string {
  switch (format) {
    case 'json':
      return renderPlanJson(plan);
    case 'markdown':
      return renderPlanMarkdown(plan, { file });
    case 'text':
      return renderPlanText(plan, { style: styleFor(colorOn(process.stdout)), file });
  }
}
