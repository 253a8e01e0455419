/**
 * The onboarding templates `zlc init` copies: one folder each, holding `lifecycle.yaml` and a README whose first
 * paragraph says what the template is for. In this repository they are `examples/`; an installed package carries
 * them in its own `templates/` folder.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Template {
  name: string;
  /** The folder holding the template's files. */
  dir: string;
  /** The README's first paragraph after its title: what the template models. */
  summary: string;
}

/**
 * The folder templates are read from, or undefined when there is none (a broken install). Found by walking up from
 * this module — which sits in src/, dist/ or a bundle chunk depending on how zlc runs — to the package root holding
 * `templates/` beside its package.json, or to the repository root holding `examples/` beside pnpm-workspace.yaml.
 */
export function templatesRoot(from: string = fileURLToPath(import.meta.url)): string | undefined {
  for (let dir = dirname(from); dir !== dirname(dir); dir = dirname(dir)) {
    if (isDir(join(dir, 'templates')) && existsSync(join(dir, 'package.json'))) return join(dir, 'templates');
    if (isDir(join(dir, 'examples')) && existsSync(join(dir, 'pnpm-workspace.yaml'))) return join(dir, 'examples');
  }
  return undefined;
}

function isDir(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
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
