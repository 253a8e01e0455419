/**
 * The GitHub Actions workflows of a scaffolded repository: a plan on every pull request (one comment, updated in
 * place, found by its marker), apply on merge to main from the plan reviewed for that commit, and a scheduled drift
 * check that keeps one issue current. Every zlc line comes from `ciCommands`, which the README also prints.
 */
import {
  type CiCommands,
  type CiJob,
  type CiSetting,
  DRIFT_MARKDOWN,
  PLAN_FILE,
  PLAN_MARKDOWN,
} from './ci-commands.js';

/** A GitHub expression, `${{ … }}` (spelled out here so that TypeScript does not read it as interpolation). */
const gh = (expression: string): string => `\${{ ${expression} }}`;

export const PLAN_MARKER = '<!-- zlc-plan -->';
export const DRIFT_MARKER = '<!-- zlc-drift -->';
export const DRIFT_LABEL = 'zlc-drift';

export interface WorkflowOptions {
  commands: CiCommands;
  settings: CiSetting[];
  /** The model file the workflows plan (the repository's `lifecycle.yaml`). */
  model: string;
}

/** The env block every job that talks to the org carries: secrets from secrets, the rest from variables. */
function envBlock(settings: CiSetting[], job: CiJob, indent: string): string {
  return settings
    .filter((s) => s.jobs === undefined || s.jobs.includes(job))
    .map((s) => `${indent}${s.name}: ${gh(`${s.secret ? 'secrets' : 'vars'}.${s.name}`)}`)
    .join('\n');
}

/**
 * Refuses to go on when a required setting is empty: with no Zoho settings at all, zlc would plan against a
 * throw-away embedded sandbox, and a green check on that would mean nothing.
 */
export function settingsGuard(settings: CiSetting[], where: string): string[] {
  const names = settings.filter((s) => s.required).map((s) => s.name);
  return [
    'missing=""',
    `for name in ${names.join(' ')}; do`,
    `  if [ -z "$(printenv "$name")" ]; then echo "$name is not set: add it in ${where} (README.md, Continuous integration)."; missing=1; fi`,
    'done',
    'test -z "$missing"',
  ];
}

function steps(lines: string[], indent: string): string {
  return lines.map((line) => `${indent}${line}`).join('\n');
}

function setupSteps(options: WorkflowOptions): string {
  return `      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - name: Install zlc
        run: ${options.commands.install}
      - name: Check the Zoho settings
        run: |
${steps(settingsGuard(options.settings, 'Settings → Secrets and variables → Actions'), '          ')}`;
}

export function planWorkflow(options: WorkflowOptions): string {
  const head = gh('github.event.pull_request.head.sha');
  return `# zlc plan: on every pull request, validate the model and plan it against the org (read-only), post the plan as
# one comment that each new push updates in place, and keep the plan file for the apply on merge.
name: zlc plan

on:
  pull_request:

permissions:
  contents: read
  pull-requests: write

concurrency:
  group: zlc-plan-${gh('github.event.pull_request.number')}
  cancel-in-progress: true

jobs:
  plan:
    runs-on: ubuntu-latest
    env:
${envBlock(options.settings, 'plan', '      ')}
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${head}
${setupSteps(options)}
      - name: Validate and plan
        id: plan
        run: |
          ${options.commands.validate} > zlc-output.txt 2>&1 || { cat zlc-output.txt; exit 1; }
          ${options.commands.plan} 2>> zlc-output.txt || { cat zlc-output.txt; exit 1; }
          cat ${PLAN_MARKDOWN}
      - name: Keep the plan for the apply on merge
        uses: actions/upload-artifact@v4
        with:
          name: zlc-plan-${head}
          path: |
            ${PLAN_FILE}
            ${PLAN_MARKDOWN}
          retention-days: 90
      - name: Post the plan on the pull request
        if: always() && (steps.plan.outcome == 'success' || steps.plan.outcome == 'failure')
        uses: actions/github-script@v7
        env:
          MODEL: ${options.model}
          COMMIT: ${head}
          PLANNED: ${gh('steps.plan.outcome')}
        with:
          script: |
            const fs = require('node:fs');
            const marker = '${PLAN_MARKER}';
            const { MODEL, COMMIT, PLANNED } = process.env;
            const result = PLANNED === 'success'
              ? fs.readFileSync('${PLAN_MARKDOWN}', 'utf8')
              : ['**zlc plan failed.**', '', '\`\`\`', fs.readFileSync('zlc-output.txt', 'utf8').slice(-20000), '\`\`\`'].join('\\n');
            const body = [marker, \`zlc plan of \\\`\${MODEL}\\\` at \${COMMIT}\`, '', result].join('\\n');
            const { owner, repo } = context.repo;
            const issue_number = context.issue.number;
            const comments = await github.paginate(github.rest.issues.listComments, { owner, repo, issue_number, per_page: 100 });
            const mine = comments.find((c) => c.body?.startsWith(marker));
            if (mine) await github.rest.issues.updateComment({ owner, repo, comment_id: mine.id, body });
            else await github.rest.issues.createComment({ owner, repo, issue_number, body });
`;
}

export function applyWorkflow(options: WorkflowOptions): string {
  return `# zlc apply: on every push to main, apply the plan that was reviewed on the pull request merged as that commit.
# zlc apply makes the plan again from the model and the org and refuses (exit 4) when it differs from the reviewed
# one: the org or main changed since. Then plan again in a new pull request. Applies never overlap (concurrency).
name: zlc apply

on:
  push:
    branches: [main]

permissions:
  contents: read
  actions: read
  pull-requests: read

concurrency:
  group: zlc-apply
  cancel-in-progress: false

jobs:
  apply:
    runs-on: ubuntu-latest
    env:
${envBlock(options.settings, 'apply', '      ')}
    steps:
      - uses: actions/checkout@v4
${setupSteps(options)}
      - name: Fetch the plan reviewed for this commit
        env:
          GH_TOKEN: ${gh('github.token')}
        run: |
          head=$(gh api "repos/${gh('github.repository')}/commits/${gh('github.sha')}/pulls" --jq '[.[] | select(.merged_at != null)][0].head.sha // empty')
          if [ -z "$head" ]; then echo "No merged pull request made ${gh('github.sha')}: nothing reviewed to apply. Change main through pull requests."; exit 1; fi
          run=$(gh run list --workflow zlc-plan.yml --commit "$head" --status success --limit 1 --json databaseId --jq '.[0].databaseId // empty')
          if [ -z "$run" ]; then echo "No successful zlc plan for $head (the pull request's last commit): plan it before merging."; exit 1; fi
          gh run download "$run" --name "zlc-plan-$head" --dir .
      - name: Apply
        run: |
          status=0
          ${options.commands.apply} || status=$?
          if [ "$status" -eq 4 ]; then echo "The reviewed plan is stale: the org or main changed since it was made. Open a pull request to plan again."; fi
          exit "$status"
`;
}

export function driftWorkflow(options: WorkflowOptions): string {
  return `# zlc drift: every weekday morning, check that the org still matches the model (changes, Books manual steps
# undone, orphans) and keep one issue labelled ${DRIFT_LABEL} current: opened or updated when there is drift, closed when
# there is none.
name: zlc drift

on:
  schedule:
    - cron: '17 6 * * 1-5'
  workflow_dispatch:

permissions:
  contents: read
  issues: write

concurrency:
  group: zlc-drift
  cancel-in-progress: false

jobs:
  drift:
    runs-on: ubuntu-latest
    env:
${envBlock(options.settings, 'drift', '      ')}
    steps:
      - uses: actions/checkout@v4
${setupSteps(options)}
      - name: Check for drift
        id: drift
        run: |
          status=0
          ${options.commands.drift} || status=$?
          echo "status=$status" >> "$GITHUB_OUTPUT"
          if [ "$status" -ne 0 ] && [ "$status" -ne 2 ]; then exit "$status"; fi
      - name: Open, update or close the drift issue
        uses: actions/github-script@v7
        env:
          DRIFTED: ${gh("steps.drift.outputs.status == '2'")}
        with:
          script: |
            const fs = require('node:fs');
            const marker = '${DRIFT_MARKER}';
            const label = '${DRIFT_LABEL}';
            const { owner, repo } = context.repo;
            const open = await github.paginate(github.rest.issues.listForRepo, { owner, repo, state: 'open', labels: label, per_page: 100 });
            const mine = open.find((i) => i.body?.startsWith(marker));
            if (process.env.DRIFTED === 'true') {
              const body = [marker, fs.readFileSync('${DRIFT_MARKDOWN}', 'utf8')].join('\\n');
              if (mine) await github.rest.issues.update({ owner, repo, issue_number: mine.number, body });
              else await github.rest.issues.create({ owner, repo, title: 'zlc drift: the Zoho org differs from the model', body, labels: [label] });
            } else if (mine) {
              await github.rest.issues.createComment({ owner, repo, issue_number: mine.number, body: \`No drift at \${context.sha}: closing.\` });
              await github.rest.issues.update({ owner, repo, issue_number: mine.number, state: 'closed' });
            }
`;
}

/** The three workflow files, by path. */
export function githubFiles(options: WorkflowOptions): Record<string, string> {
  return {
    '.github/workflows/zlc-plan.yml': planWorkflow(options),
    '.github/workflows/zlc-apply.yml': applyWorkflow(options),
    '.github/workflows/zlc-drift.yml': driftWorkflow(options),
  };
}
