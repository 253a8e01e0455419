/**
 * What `zlc init` writes, as data: a pure function from the template and the choices to the files (path → text), and
 * the checks on the target folder made before anything is written, so a refusal leaves nothing half done.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type CiSystem, ciCommands, ciSettings, type Installer } from './ci-commands.js';
import { clientReadme } from './client-readme.js';
import { DRIFT_LABEL, DRIFT_MARKER, githubFiles, PLAN_MARKER } from './github.js';
import { GITLAB_SCRIPT, gitlabPipeline, gitlabScript } from './gitlab.js';
import { modelDescription, readme, type Template } from './templates.js';

export const MODEL_FILE = 'lifecycle.yaml';
/** The schema's local copy: committed (unlike `.zlc/`), so a clone has it too. */
export const LOCAL_SCHEMA = 'schema/lifecycle.schema.json';
const MODELINE = /^# yaml-language-server: \$schema=.*$/;

export interface ScaffoldOptions {
  template: Template;
  /** The language's JSON Schema; its `$id` is the versioned URL. */
  schema: Record<string, unknown>;
  installer: Installer;
  ci: CiSystem | 'none';
  /** The model's `runtime.secret_env`. */
  secretEnv: string;
  /** Point the modeline at the local copy instead of the versioned URL. */
  offlineSchema: boolean;
}

/** The schema's `$id`: where editors fetch the language for this version. */
export function schemaUrl(schema: Record<string, unknown>): string {
  const id = schema.$id;
  if (typeof id !== 'string' || !id.startsWith('https://'))
    throw new Error('lifecycle.schema.json has no https $id: zlc is installed incompletely.');
  return id;
}

/** The template's model with its first line pointing editors at `target`. */
export function withModeline(text: string, target: string): string {
  const line = `# yaml-language-server: $schema=${target}`;
  const [first, ...rest] = text.split('\n');
  return first !== undefined && MODELINE.test(first) ? [line, ...rest].join('\n') : `${line}\n${text}`;
}

const GITIGNORE = `# zlc's local state: the embedded sandbox org, journal, locks, the access token cache, the report store.
.zlc/
# Plans and reports written by zlc and by CI.
plan.json
plan.md
drift.md
`;

/** The files to write, by path relative to the target folder. */
export function scaffoldFiles(options: ScaffoldOptions): Record<string, string> {
  const url = schemaUrl(options.schema);
  const ci = options.ci === 'none' ? 'github' : options.ci;
  const commands = ciCommands(options.installer, ci);
  const settings = ciSettings(options.secretEnv);
  const files: Record<string, string> = {};
  for (const name of readdirSync(options.template.dir)) {
    const path = join(options.template.dir, name);
    if (name === 'README.md' || name === MODEL_FILE || !statSync(path).isFile()) continue;
    files[name] = readFileSync(path, 'utf8');
  }
  const model = readFileSync(join(options.template.dir, MODEL_FILE), 'utf8');
  files[MODEL_FILE] = withModeline(model, options.offlineSchema ? `./${LOCAL_SCHEMA}` : url);
  files[LOCAL_SCHEMA] = `${JSON.stringify(options.schema, null, 2)}\n`;
  files['.gitignore'] = GITIGNORE;
  files['README.md'] = clientReadme({
    template: options.template.name,
    packageName: options.installer.name,
    description: modelDescription(readme(options.template.dir)),
    commands,
    settings,
    ci: options.ci,
    schemaUrl: url,
    localSchema: LOCAL_SCHEMA,
    modeline: options.offlineSchema ? 'local' : 'url',
  });
  const workflow = { commands, settings, model: MODEL_FILE };
  if (options.ci === 'github') Object.assign(files, githubFiles(workflow));
  if (options.ci === 'gitlab') {
    files['.gitlab-ci.yml'] = gitlabPipeline(workflow);
    files[GITLAB_SCRIPT] = gitlabScript({
      model: MODEL_FILE,
      marker: PLAN_MARKER,
      driftMarker: DRIFT_MARKER,
      driftLabel: DRIFT_LABEL,
    });
  }
  return files;
}

/**
 * Why the folder cannot take the files, or undefined. A folder with anything in it but `.git` (an empty clone) is
 * refused unless `force`; even then a path that is a folder where a file goes is refused.
 */
export function targetProblem(dir: string, paths: readonly string[], force: boolean): string | undefined {
  if (!existsSync(dir)) return undefined;
  if (!statSync(dir).isDirectory()) return `${dir} is a file, not a folder: name a new or empty folder.`;
  const present = readdirSync(dir).filter((name) => name !== '.git');
  if (present.length > 0 && !force) {
    const shown = present.slice(0, 5).join(', ') + (present.length > 5 ? `, … (${present.length} in all)` : '');
    return `${dir} is not empty (${shown}): name a new or empty folder, or give --force to write the template's files over what is there (other files stay).`;
  }
  const blocked = paths.filter((path) => existsSync(join(dir, path)) && !statSync(join(dir, path)).isFile());
  if (blocked.length > 0)
    return `${blocked.map((p) => join(dir, p)).join(', ')}: a folder where init writes a file; move it away first.`;
  return undefined;
}

/** Writes the files; returns the ones that replaced a file already there. */
export function writeScaffold(dir: string, files: Record<string, string>): string[] {
  const replaced: string[] = [];
  for (const [path, text] of Object.entries(files)) {
    const target = join(dir, path);
    if (existsSync(target)) replaced.push(path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  return replaced;
}
