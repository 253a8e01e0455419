/** `--template NAME` → the template, or the message that says what exists (with did-you-mean for a typo). */
import { closest } from '@zlc/model';
import { listTemplates, type Template, templatesRoot } from './templates.js';

export type Picked = { ok: true; template: Template } | { ok: false; message: string };

function available(templates: readonly Template[]): string {
  return templates.map((t) => `  ${t.name.padEnd(24)}${t.summary}`).join('\n');
}

export function pickTemplate(name: string | undefined): Picked {
  const root = templatesRoot();
  const templates = root === undefined ? [] : listTemplates(root);
  if (templates.length === 0) return { ok: false, message: 'No templates found: zlc is installed incompletely.' };
  if (name === undefined)
    return { ok: false, message: `Choose a template with --template NAME:\n${available(templates)}` };
  const template = templates.find((t) => t.name === name);
  if (template !== undefined) return { ok: true, template };
  const near = closest(
    name,
    templates.map((t) => t.name),
  );
  const hint = near === undefined ? '' : ` Did you mean ${near}?`;
  return { ok: false, message: `There is no template "${name}".${hint} The templates are:\n${available(templates)}` };
}
