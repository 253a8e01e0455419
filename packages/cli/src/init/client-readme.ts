/**
 * The README of a scaffolded repository, for the client's Zoho admins: how to change the model, plan and apply,
 * what CI needs, and the steps only a person can do (Books custom fields, the runtime). The commands it shows are
 * the ones the workflows run (`ciCommands`).
 */
import type { CiCommands, CiSetting, CiSystem } from './ci-commands.js';
import { DRIFT_LABEL } from './github.js';
import { GITLAB_SCRIPT, GITLAB_TOKEN } from './gitlab.js';

export interface ClientReadmeOptions {
  template: string;
  packageName: string;
  /** The template's own description of the model. */
  description: string;
  commands: CiCommands;
  settings: CiSetting[];
  ci: CiSystem | 'none';
  schemaUrl: string;
  localSchema: string;
  /** What the modeline of lifecycle.yaml points at. */
  modeline: 'url' | 'local';
}

function settingsTable(settings: CiSetting[], ci: CiSystem): string {
  const where = (s: CiSetting) =>
    ci === 'gitlab' ? (s.secret ? 'variable, masked' : 'variable') : s.secret ? 'secret' : 'variable';
  return [
    '| name | kind | needed | what |',
    '|---|---|---|---|',
    ...settings.map((s) => `| \`${s.name}\` | ${where(s)} | ${s.required ? 'yes' : 'no'} | ${s.meaning} |`),
  ].join('\n');
}

function ciSection(options: ClientReadmeOptions, ci: CiSystem): string {
  const { commands } = options;
  const files =
    ci === 'github'
      ? `- \`.github/workflows/zlc-plan.yml\` — on every pull request: validates, plans, posts the plan as one comment
  (updated in place on each push; its header names the model file and the commit) and keeps \`plan.json\` as the
  artefact \`zlc-plan-<commit>\`.
- \`.github/workflows/zlc-apply.yml\` — on every push to \`main\`: finds the pull request merged as that commit, downloads
  the plan made for its last commit and applies it. One apply at a time (concurrency group \`zlc-apply\`).
- \`.github/workflows/zlc-drift.yml\` — every weekday at 06:17 UTC (and by hand): checks for drift and keeps one issue
  labelled \`${DRIFT_LABEL}\` current — opened or updated when the org differs, closed when it matches again.`
      : `- \`.gitlab-ci.yml\` — \`zlc-plan\` on every merge request: validates, plans, posts the plan as one note (updated in
  place; its header names the model file and the commit) and keeps \`plan.json\` as an artefact. \`zlc-apply\` on the
  default branch: fetches the plan of the merge request that made the commit and applies it, one at a time
  (\`resource_group: zlc-apply\`). \`zlc-drift\` on a schedule (create one under Build → Pipeline schedules): keeps one
  issue labelled \`${DRIFT_LABEL}\` current.
- \`${GITLAB_SCRIPT}\` — the GitLab API calls those jobs make (notes, artefacts, the drift issue). It needs
  \`${GITLAB_TOKEN}\`: a project access token with the \`api\` scope and the Developer role, as a masked variable.`;
  const where =
    ci === 'github'
      ? 'Settings → Secrets and variables → Actions:\nsecrets under *Secrets*, the rest under *Variables*'
      : 'Settings → CI/CD → Variables. A variable marked\n*Protected* reaches only protected branches, so merge-request plans would not see it: protect the branch, not the\nvariables, or give plans a read-only client of their own';
  return `## Continuous integration

${files}

Each job installs zlc and runs exactly these commands:

\`\`\`sh
${commands.install}
${commands.validate}
${commands.plan}     # pull requests
${commands.apply}                                     # on merge
${commands.drift}   # on the schedule
\`\`\`

\`zlc apply plan.json\` applies nothing on trust: it makes the plan again from the model and the org and goes ahead only
if it says the same as the reviewed plan. When the org or the main branch changed since the review, it refuses
(exit 4) and changes nothing: open a pull request to plan again. A push to the main branch that no reviewed plan
belongs to is refused too.

Settings — ${where}. With no Zoho settings zlc would plan against a throw-away sandbox, so each job first checks
that the required ones are set:

${settingsTable(options.settings, ci)}

Give CI its own Zoho self client, not the runtime's: Zoho allows 10 access tokens per refresh token in 10 minutes,
and a burst of CI runs must not use the runtime's.`;
}

export function clientReadme(options: ClientReadmeOptions): string {
  const { commands } = options;
  const modeline =
    options.modeline === 'url'
      ? `Its first line points editors (yaml-language-server, e.g. VS Code's YAML extension) at the language's schema for
this zlc version, by its versioned URL, which works wherever the file is copied:
${options.schemaUrl}. Offline, point it at the copy in \`${options.localSchema}\` instead
(\`zlc init --offline-schema\` writes it that way).`
      : `Its first line points editors (yaml-language-server, e.g. VS Code's YAML extension) at \`${options.localSchema}\`, the
language's schema for this zlc version (also published at ${options.schemaUrl}).`;
  return `# Zoho operating model

This repository holds the operating model of our Zoho CRM, Books and Desk in \`lifecycle.yaml\`, applied with
zlc (Zoho lifecycle as code, the npm package \`${options.packageName}\`). It started from the \`${options.template}\` template.
${modeline}

## Install

Node 20 or newer, then:

\`\`\`sh
${commands.install}
\`\`\`

Every command has \`--help\` with examples and its exit codes (\`zlc help\` lists them).

## Changing the model

1. Edit \`lifecycle.yaml\` on a branch and run \`${commands.validate}\` (no network, no credentials).
2. \`zlc plan\` shows what would change. With no \`ZOHO_*\` settings it plans against an embedded sandbox org under
   \`.zlc/\`; with them (below) against the real org, read-only.
3. Open a pull request: CI posts the plan. Review it like code.
4. Merge: CI applies the reviewed plan.

To work against the real org from a shell, set the \`ZOHO_*\` settings listed under Continuous integration and run
\`zlc doctor\` (credentials, scopes, limits, conflicts, the runtime) before the first apply.

## Steps only a person can do

- **Books custom fields.** Books has no API for custom fields. The plan lists each as a manual step (\`!\`) with every
  setting — label, data type, options, *Prevent Duplicate Values* (the handoffs find Books records by the unique
  ones) and API name. Do them in Books → Settings → Preferences → the module → Field Customization; the next plan
  checks every setting, and \`zlc drift\` reports any left undone.
- **The runtime first.** Desk checks a webhook's URL when the webhook is made, so the handoff runtime
  (\`zlc flow serve\`) must answer at \`runtime.url\` before an apply creates Desk webhooks; otherwise that action fails
  (exit 3) and the next apply finishes it.
- **Data loss is never silent.** A change that would delete data (a removed field or picklist value) shows how many
  records it affects, and apply refuses it (exit 6) unless \`--allow-data-loss\` is given. CI's apply never gives it:
  apply such a change from a shell after reading the plan.

${options.ci === 'none' ? '' : `${ciSection(options, options.ci)}\n\n`}## The model

${options.description}
`;
}
