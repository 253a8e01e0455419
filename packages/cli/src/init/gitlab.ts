/**
 * GitLab CI for a scaffolded repository: plan on merge requests (one note, updated in place, found by its marker),
 * apply on the default branch from the plan reviewed on the merge request that made the commit (resource_group: one
 * apply at a time), and drift on a schedule keeping one issue current. GitLab has no github-script: the API calls are
 * a small Node script written beside the pipeline (Node 20's fetch, no dependencies). Every zlc line comes from
 * `ciCommands`, which the README also prints.
 */
import { type CiCommands, type CiSetting, DRIFT_MARKDOWN, PLAN_FILE, PLAN_MARKDOWN } from './ci-commands.js';
import { settingsGuard } from './github.js';

export const GITLAB_SCRIPT = '.gitlab/zlc-gitlab.mjs';
export const GITLAB_TOKEN = 'ZLC_GITLAB_TOKEN';

export interface PipelineOptions {
  commands: CiCommands;
  settings: CiSetting[];
  model: string;
}

function script(lines: string[], indent = '    '): string {
  return lines.map((line) => `${indent}- ${quote(line)}`).join('\n');
}

/** A YAML scalar for a shell line: single-quoted, so `:`, `#`, `>` and `$` reach the shell as written. */
function quote(line: string): string {
  return `'${line.replaceAll("'", "''")}'`;
}

export function gitlabPipeline(options: PipelineOptions): string {
  const { commands } = options;
  const guard = settingsGuard(options.settings, 'Settings → CI/CD → Variables').join('; ').replace('do;', 'do');
  return `# zlc: plan on merge requests, apply on the default branch, drift on a schedule (CI/CD → Schedules).
# Settings (Settings → CI/CD → Variables, secrets masked): see README.md, Continuous integration.
workflow:
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
    - if: $CI_PIPELINE_SOURCE == "schedule"
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH

stages: [plan, apply, drift]

default:
  image: node:20

.zlc:
  before_script:
${script([commands.install, guard])}

zlc-plan:
  extends: .zlc
  stage: plan
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
  script:
${script([
  `${commands.validate} > zlc-output.txt 2>&1 || { cat zlc-output.txt; node ${GITLAB_SCRIPT} note failed; exit 1; }`,
  `${commands.plan} 2>> zlc-output.txt || { cat zlc-output.txt; node ${GITLAB_SCRIPT} note failed; exit 1; }`,
  `cat ${PLAN_MARKDOWN}`,
  `node ${GITLAB_SCRIPT} note planned`,
])}
  artifacts:
    name: zlc-plan-$CI_COMMIT_SHA
    paths: [${PLAN_FILE}, ${PLAN_MARKDOWN}]
    expire_in: 90 days

zlc-apply:
  extends: .zlc
  stage: apply
  resource_group: zlc-apply
  rules:
    - if: $CI_PIPELINE_SOURCE == "push" && $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
  script:
${script([
  `node ${GITLAB_SCRIPT} fetch-plan`,
  `status=0; ${commands.apply} || status=$?; if [ "$status" -eq 4 ]; then echo "The reviewed plan is stale: the org or the default branch changed since. Open a merge request to plan again."; fi; exit "$status"`,
])}

zlc-drift:
  extends: .zlc
  stage: drift
  resource_group: zlc-drift
  rules:
    - if: $CI_PIPELINE_SOURCE == "schedule"
  script:
${script([
  `status=0; ${commands.drift} || status=$?; if [ "$status" -ne 0 ] && [ "$status" -ne 2 ]; then exit "$status"; fi; node ${GITLAB_SCRIPT} drift "$status"`,
])}
`;
}

/**
 * The API calls GitLab's pipeline needs, as a script of its own (committed in the client's repository): `note
 * planned|failed` upserts the merge request's plan note; `fetch-plan` downloads plan.json from the plan job of the
 * merge request that made this commit; `drift STATUS` opens, updates or closes the drift issue.
 */
export function gitlabScript(options: {
  model: string;
  marker: string;
  driftMarker: string;
  driftLabel: string;
}): string {
  return [scriptHelpers(), noteFunction(options), FETCH_PLAN, driftFunction(options), SCRIPT_MAIN].join('');
}

/** The script's head: usage, the token check, an authenticated call and paging. */
function scriptHelpers(): string {
  return `// zlc's GitLab API calls (written by zlc init): node ${GITLAB_SCRIPT} note planned|failed | fetch-plan | drift STATUS
// Needs ${GITLAB_TOKEN}: a project access token with the api scope and the Developer role (CI/CD → Variables, masked).
import { readFileSync, writeFileSync } from 'node:fs';

const api = process.env.CI_API_V4_URL;
const project = \`\${api}/projects/\${process.env.CI_PROJECT_ID}\`;
const token = process.env.${GITLAB_TOKEN};
if (!token) fail('${GITLAB_TOKEN} is not set: add a project access token (api scope, Developer role) under CI/CD → Variables.');

function fail(message) {
  console.error(message);
  process.exit(1);
}

async function call(method, url, body) {
  const response = await fetch(url, {
    method,
    headers: { 'PRIVATE-TOKEN': token, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok) fail(\`GitLab answered \${response.status} to \${method} \${url}: \${await response.text()}\`);
  return response;
}

/** Every item of a paged list (GitLab's x-next-page header). */
async function all(url) {
  const items = [];
  for (let page = '1'; page; ) {
    const response = await call('GET', \`\${url}\${url.includes('?') ? '&' : '?'}per_page=100&page=\${page}\`);
    items.push(...(await response.json()));
    page = response.headers.get('x-next-page') ?? '';
  }
  return items;
}

`;
}

/** `note planned|failed`: the merge request's one plan note, made or updated in place. */
function noteFunction(options: { model: string; marker: string }): string {
  return `async function note(outcome) {
  const marker = '${options.marker}';
  const result = outcome === 'planned'
    ? readFileSync('${PLAN_MARKDOWN}', 'utf8')
    : ['**zlc plan failed.**', '', '\`\`\`', readFileSync('zlc-output.txt', 'utf8').slice(-20000), '\`\`\`'].join('\\n');
  const body = [marker, \`zlc plan of \\\`${options.model}\\\` at \${process.env.CI_COMMIT_SHA}\`, '', result].join('\\n');
  const notes = \`\${project}/merge_requests/\${process.env.CI_MERGE_REQUEST_IID}/notes\`;
  const mine = (await all(notes)).find((n) => n.body?.startsWith(marker));
  if (mine) await call('PUT', \`\${notes}/\${mine.id}\`, { body });
  else await call('POST', notes, { body });
}

`;
}

/** `fetch-plan`: plan.json from the plan job of the merge request that made this commit. */
const FETCH_PLAN = `async function fetchPlan() {
  const sha = process.env.CI_COMMIT_SHA;
  const requests = await all(\`\${project}/repository/commits/\${sha}/merge_requests\`);
  const merged = requests.find((mr) => mr.state === 'merged');
  if (!merged) fail(\`No merged merge request made \${sha}: nothing reviewed to apply. Change the default branch through merge requests.\`);
  const pipelines = await all(\`\${project}/merge_requests/\${merged.iid}/pipelines\`);
  for (const pipeline of pipelines.filter((p) => p.sha === merged.sha)) {
    const jobs = await all(\`\${project}/pipelines/\${pipeline.id}/jobs?scope[]=success\`);
    const plan = jobs.find((job) => job.name === 'zlc-plan');
    if (!plan) continue;
    const file = await call('GET', \`\${project}/jobs/\${plan.id}/artifacts/${PLAN_FILE}\`);
    writeFileSync('${PLAN_FILE}', Buffer.from(await file.arrayBuffer()));
    console.log(\`Fetched ${PLAN_FILE} from job \${plan.id} (merge request !\${merged.iid} at \${merged.sha}).\`);
    return;
  }
  fail(\`No successful zlc-plan job for \${merged.sha} (the last commit of !\${merged.iid}): plan it before merging.\`);
}

`;

/** `drift STATUS`: the one open drift issue, opened, updated or closed. */
function driftFunction(options: { driftMarker: string; driftLabel: string }): string {
  return `async function drift(status) {
  const marker = '${options.driftMarker}';
  const label = '${options.driftLabel}';
  const open = await all(\`\${project}/issues?state=opened&labels=\${label}\`);
  const mine = open.find((issue) => issue.description?.startsWith(marker));
  if (status === '2') {
    const description = [marker, readFileSync('${DRIFT_MARKDOWN}', 'utf8')].join('\\n');
    if (mine) await call('PUT', \`\${project}/issues/\${mine.iid}\`, { description });
    else await call('POST', \`\${project}/issues\`, { title: 'zlc drift: the Zoho org differs from the model', description, labels: label });
  } else if (mine) {
    await call('POST', \`\${project}/issues/\${mine.iid}/notes\`, { body: \`No drift at \${process.env.CI_COMMIT_SHA}: closing.\` });
    await call('PUT', \`\${project}/issues/\${mine.iid}\`, { state_event: 'close' });
  }
}

`;
}

const SCRIPT_MAIN = `const [command, argument] = process.argv.slice(2);
if (command === 'note') await note(argument);
else if (command === 'fetch-plan') await fetchPlan();
else if (command === 'drift') await drift(argument);
else fail('usage: node ${GITLAB_SCRIPT} note planned|failed | fetch-plan | drift STATUS');
`;
