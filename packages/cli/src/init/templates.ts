/**
 * The onboarding templates `zlc init` copies: one folder each, holding `lifecycle.yaml` and a README whose first
 * paragraph says what the template is for. In this repository they are `examples/`; a built package carries them in
 * its own `templates/` folder beside `src/` or `dist/`, which is looked at first.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where templates are looked for, in order: the package's own copy, then the repository's `examples/`. */
const TEMPLATE_ROOTS = [
  new URL('../../templates/', import.meta.url),
  new URL('../../../../examples/', import.meta.url),
];

export interface Template {
  name: string;
  /** The folder holding the template's files. */
  dir: string;
  /** The README's first paragraph after its title: what the template models. */
  summary: string;
}

/** The folder templates are read from, or undefined when neither place exists (a broken install). */
export function templatesRoot(): string | undefined {
  for (const url of TEMPLATE_ROOTS) {
    const dir = fileURLToPath(url);
    if (existsSync(dir) && statSync(dir).isDirectory()) return dir;
  }
  return undefined;
}

/** Every template under `root`, by name: each folder that holds a `lifecycle.yaml`. */
export function listTemplates(root: string): Template[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, entry.name, 'lifecycle.yaml')))
    .map((entry) => {
      const dir = join(root, entry.name);
      return { name: entry.name, dir, summary: firstParagraph(readme(dir)) };
    })
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** The template's README, or an empty string when it has none. */
export function readme(dir: string): string {
  const file = join(dir, 'README.md');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

/** The first paragraph after the title, on one line. */
function firstParagraph(text: string): string {
  const paragraphs = text.split(/\n\s*\n/).filter((p) => !p.trimStart().startsWith('#'));
  return (paragraphs[0] ?? '').replace(/\s*\n\s*/g, ' ').trim();
}

/**
 * The README's description of the model, for the client's README: everything after the title and before the
 * `## Use it` section (which speaks of this repository, not of the client's).
 */
export function modelDescription(text: string): string {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.startsWith('# ')) + 1;
  const end = lines.findIndex((line, i) => i >= start && /^## Use it\b/.test(line));
  return lines
    .slice(start, end === -1 ? undefined : end)
    .join('\n')
    .trim();
}
