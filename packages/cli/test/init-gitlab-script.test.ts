/**
 * The GitLab API script `zlc init --ci gitlab` writes, run as the pipeline runs it, against a small stand-in for the
 * GitLab REST API endpoints it uses (docs.gitlab.com/ee/api: notes.html, commits.html "List merge requests associated
 * with a commit", merge_requests.html "List MR pipelines", jobs.html "List pipeline jobs" and "Download a single
 * artifact file by job ID", issues.html): the plan note is made once and then updated in place, the plan file comes
 * from the plan job of the merge request that made the commit, and the drift issue is opened, updated and closed.
 *
 * @module-tag e2e
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIFT_LABEL, DRIFT_MARKER, PLAN_MARKER } from '../src/init/github.js';
import { GITLAB_SCRIPT, gitlabScript } from '../src/init/gitlab.js';

const run = promisify(execFile);
const TOKEN = 'glpat-test';

interface Note {
  id: number;
  body: string;
}
interface Issue {
  iid: number;
  description: string;
  labels: string[];
  state: string;
  notes: string[];
}

const notes: Note[] = [];
const issues: Issue[] = [];
let server: Server;
let dir: string;
let env: Record<string, string>;

/** The stand-in: JSON in and out, PRIVATE-TOKEN required, one page per list. */
function gitlab(method: string, path: string, body: Record<string, string>): [number, unknown] {
  const p = '/api/v4/projects/42';
  if (path === `${p}/merge_requests/7/notes` && method === 'GET') return [200, notes];
  if (path === `${p}/merge_requests/7/notes` && method === 'POST') {
    notes.push({ id: notes.length + 1, body: body.body ?? '' });
    return [201, notes.at(-1)];
  }
  const note = /\/merge_requests\/7\/notes\/(\d+)$/.exec(path);
  if (note && method === 'PUT') {
    const found = notes.find((n) => n.id === Number(note[1]));
    if (found === undefined) return [404, { message: '404 Not found' }];
    found.body = body.body ?? '';
    return [200, found];
  }
  // A commit pushed straight to the branch exists but has no merge request: an empty list.
  if (path === `${p}/repository/commits/merge1/merge_requests`)
    return [
      200,
      [
        { iid: 6, state: 'closed', sha: 'other' },
        { iid: 7, state: 'merged', sha: 'head1' },
      ],
    ];
  if (/\/repository\/commits\/\w[\w-]*\/merge_requests$/.test(path)) return [200, []];
  if (path === `${p}/merge_requests/7/pipelines`)
    return [
      200,
      [
        { id: 10, sha: 'old' },
        { id: 11, sha: 'head1' },
      ],
    ];
  if (path === `${p}/pipelines/11/jobs`)
    return [
      200,
      [
        { id: 20, name: 'zlc-drift' },
        { id: 21, name: 'zlc-plan' },
      ],
    ];
  if (path === `${p}/jobs/21/artifacts/plan.json`) return [200, { formatVersion: 1, from: 'job 21' }];
  if (path === `${p}/issues` && method === 'GET') return [200, issues.filter((i) => i.state === 'opened')];
  if (path === `${p}/issues` && method === 'POST') {
    issues.push({
      iid: issues.length + 1,
      description: body.description ?? '',
      labels: [body.labels ?? ''],
      state: 'opened',
      notes: [],
    });
    return [201, issues.at(-1)];
  }
  const issue = /\/issues\/(\d+)(\/notes)?$/.exec(path);
  const found = issues.find((i) => i.iid === Number(issue?.[1]));
  if (issue && found && issue[2] && method === 'POST') {
    found.notes.push(body.body ?? '');
    return [201, {}];
  }
  if (issue && found && method === 'PUT') {
    if (body.description !== undefined) found.description = body.description;
    if (body.state_event === 'close') found.state = 'closed';
    return [200, found];
  }
  return [404, { message: `404 ${method} ${path}` }];
}

beforeAll(async () => {
  server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const [status, body] =
        request.headers['private-token'] === TOKEN
          ? gitlab(request.method ?? 'GET', url.pathname, text === '' ? {} : JSON.parse(text))
          : [401, { message: '401 Unauthorized' }];
      response.writeHead(status, { 'content-type': 'application/json', 'x-next-page': '' });
      response.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  dir = mkdtempSync(join(tmpdir(), 'zlc-gitlab-'));
  mkdirSync(join(dir, '.gitlab'));
  writeFileSync(
    join(dir, GITLAB_SCRIPT),
    gitlabScript({ model: 'lifecycle.yaml', marker: PLAN_MARKER, driftMarker: DRIFT_MARKER, driftLabel: DRIFT_LABEL }),
  );
  const { port } = server.address() as AddressInfo;
  env = {
    PATH: process.env.PATH ?? '',
    CI_API_V4_URL: `http://127.0.0.1:${port}/api/v4`,
    CI_PROJECT_ID: '42',
    CI_MERGE_REQUEST_IID: '7',
    ZLC_GITLAB_TOKEN: TOKEN,
  };
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const script = (args: string[], extra: Record<string, string> = {}) =>
  run(process.execPath, [GITLAB_SCRIPT, ...args], { cwd: dir, env: { ...env, ...extra } });

describe('the GitLab API script', () => {
  it('posts the plan as one note and updates that note on the next push', async () => {
    writeFileSync(join(dir, 'plan.md'), '### zlc plan — 3 to add\n');
    await script(['note', 'planned'], { CI_COMMIT_SHA: 'head0' });
    writeFileSync(join(dir, 'plan.md'), '### zlc plan — no changes\n');
    await script(['note', 'planned'], { CI_COMMIT_SHA: 'head1' });
    expect(notes).toHaveLength(1);
    expect(notes[0]?.body).toBe(
      `${PLAN_MARKER}\nzlc plan of \`lifecycle.yaml\` at head1\n\n### zlc plan — no changes\n`,
    );
  });

  it('posts a failed plan with its output in the same note', async () => {
    writeFileSync(join(dir, 'zlc-output.txt'), 'lifecycle.yaml:3:1 error unknown-key\n');
    await script(['note', 'failed'], { CI_COMMIT_SHA: 'head2' });
    expect(notes).toHaveLength(1);
    expect(notes[0]?.body).toContain('**zlc plan failed.**');
    expect(notes[0]?.body).toContain('unknown-key');
  });

  it("fetches plan.json from the plan job of the merge request that made the commit, at that request's last commit", async () => {
    const { stdout } = await script(['fetch-plan'], { CI_COMMIT_SHA: 'merge1' });
    expect(stdout).toContain('Fetched plan.json from job 21 (merge request !7 at head1)');
    expect(JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8'))).toEqual({ formatVersion: 1, from: 'job 21' });
  });

  it('refuses to apply a commit no merge request made', async () => {
    const refused = await script(['fetch-plan'], { CI_COMMIT_SHA: 'direct-push' }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused).toMatchObject({ code: 1 });
    expect((refused as { stderr: string }).stderr).toContain('No merged merge request made direct-push');
  });

  it('opens one drift issue, updates it while drift lasts, and closes it when the org matches again', async () => {
    writeFileSync(join(dir, 'drift.md'), '## zlc drift: 2 to change\n');
    await script(['drift', '2'], { CI_COMMIT_SHA: 'a' });
    writeFileSync(join(dir, 'drift.md'), '## zlc drift: 1 to change\n');
    await script(['drift', '2'], { CI_COMMIT_SHA: 'b' });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ state: 'opened', labels: [DRIFT_LABEL] });
    expect(issues[0]?.description).toBe(`${DRIFT_MARKER}\n## zlc drift: 1 to change\n`);
    await script(['drift', '0'], { CI_COMMIT_SHA: 'c' });
    expect(issues[0]?.state).toBe('closed');
    expect(issues[0]?.notes).toEqual(['No drift at c: closing.']);
  });

  it('says what to set when the token is missing', async () => {
    const refused = await script(['note', 'planned'], { ZLC_GITLAB_TOKEN: '' }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused).toMatchObject({ code: 1 });
    expect((refused as { stderr: string }).stderr).toContain('ZLC_GITLAB_TOKEN is not set');
  });
});
