/**
 * The published package, as a user gets it: `pnpm pack` (what `changeset publish` runs) makes the tarball, npm
 * installs it into an empty folder outside the workspace (no tsx, no workspace packages, nothing of the repository),
 * and the installed `zlc` runs there: `--version`, `init demo --template b2b-saas --ci github`, then in `demo/` on its
 * lifecycle.yaml `validate`, `sandbox serve` (the native better-sqlite3 built by the install) and `plan` against that
 * served sandbox.
 *
 * The install skips dependencies' install scripts and gives the installed better-sqlite3 the native build the
 * workspace already compiled for this Node, when the versions agree: its prebuilt download is out of reach here, and
 * compiling it again costs minutes of a core while testing npm's compiler, not this package. When the versions differ,
 * npm rebuilds it from source. The timeouts are generous; nothing is timed.
 *
 * @module-tag e2e
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '@zlc/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLI = join(REPO_ROOT, 'packages', 'cli');
const pkg = JSON.parse(readFileSync(join(CLI, 'package.json'), 'utf8')) as { name: string; version: string };
const pnpm = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { packageManager: string })
  .packageManager;
const work = mkdtempSync(join(tmpdir(), 'zlc-package-'));
const folder = join(work, 'client');
const bin = join(folder, 'node_modules', '.bin', 'zlc');
/** What the installed zlc sees: PATH (for `node`) and HOME, nothing of the test's environment or of tsx. */
const baseEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1' };
let sandbox: ChildProcess | undefined;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, timeout = 120_000): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, env, timeout, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address !== null ? address.port : 0;
}

/** `KEY=value` lines, as `zlc sandbox serve` writes them. */
function readEnvFile(path: string): Record<string, string> {
  const lines = readFileSync(path, 'utf8').split('\n');
  return Object.fromEntries(
    lines.filter((l) => /^\w+=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}

beforeAll(async () => {
  const packed = await run('npx', ['-y', pnpm, 'pack', '--pack-destination', work], CLI, process.env, 300_000);
  expect(packed.code, packed.stderr).toBe(0);
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
  if (tarball === undefined) throw new Error(`pnpm pack made no tarball:\n${packed.stdout}\n${packed.stderr}`);
  mkdirSync(folder);
  // npm 11 runs a dependency's install script only when allowed; better-sqlite3 compiles its native part in one.
  writeFileSync(
    join(folder, 'package.json'),
    JSON.stringify({ private: true, allowScripts: { 'better-sqlite3': true } }),
  );
  const installed = await run(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', join(work, tarball)],
    folder,
    process.env,
    600_000,
  );
  expect(installed.code, `${installed.stdout}\n${installed.stderr}`).toBe(0);
  await provideNativeBuild();
}, 2_700_000);

/** The workspace's compiled better-sqlite3 when it is the installed version; otherwise npm builds it from source. */
async function provideNativeBuild(): Promise<void> {
  const installedDir = join(folder, 'node_modules', 'better-sqlite3');
  const version = (dir: string) =>
    (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  const ours = dirname(createRequire(join(CLI, 'package.json')).resolve('better-sqlite3/package.json'));
  if (version(ours) === version(installedDir) && existsSync(join(ours, 'build', 'Release', 'better_sqlite3.node'))) {
    cpSync(join(ours, 'build'), join(installedDir, 'build'), { recursive: true });
    return;
  }
  // node-gyp builds against the headers that come with this Node, not a download.
  const nodedir = dirname(dirname(process.execPath));
  const rebuilt = await run(
    'npm',
    ['rebuild', 'better-sqlite3'],
    folder,
    { ...process.env, npm_config_nodedir: nodedir },
    2_400_000,
  );
  expect(rebuilt.code, `${rebuilt.stdout}\n${rebuilt.stderr}`).toBe(0);
}

afterAll(() => {
  sandbox?.kill('SIGINT');
  rmSync(work, { recursive: true, force: true });
});

describe('the packed @zlc/cli, installed with npm into an empty folder', () => {
  it('holds the built commands, the manifest, the schemas and the templates, and no TypeScript sources or tsx', () => {
    const root = join(folder, 'node_modules', ...pkg.name.split('/'));
    for (const file of ['bin/run.js', 'dist/commands.js', 'dist/hooks/command-not-found.js', 'oclif.manifest.json'])
      expect(existsSync(join(root, file)), file).toBe(true);
    for (const schema of ['lifecycle', 'plan', 'report'])
      expect(existsSync(join(root, 'schemas', `${schema}.schema.json`)), schema).toBe(true);
    for (const template of ['b2b-saas', 'services-agency', 'wholesale-distribution'])
      expect(existsSync(join(root, 'templates', template, 'lifecycle.yaml')), template).toBe(true);
    expect(existsSync(join(root, 'src'))).toBe(false);
    expect(existsSync(join(folder, 'node_modules', 'tsx'))).toBe(false);
    expect(readdirSync(join(folder, 'node_modules', '@zlc'))).toEqual(['cli']);
  });

  it('prints its version, scaffolds a client repository with init, and validates and plans its model on a served sandbox', async () => {
    const version = await run(bin, ['--version'], folder, baseEnv);
    expect(version.code, version.stderr).toBe(0);
    expect(version.stdout).toMatch(new RegExp(`^${pkg.name}/${pkg.version.replaceAll('.', '\\.')} `));

    // A client repository scaffolded by the installed zlc, then used from inside it (its own folder, not the one
    // zlc is installed in): the model is that folder's lifecycle.yaml.
    const init = await run(bin, ['init', 'demo', '--template', 'b2b-saas', '--ci', 'github'], folder, baseEnv);
    expect(init.code, init.stderr).toBe(0);
    const demo = join(folder, 'demo');
    expect(readdirSync(join(demo, '.github', 'workflows')).sort()).toEqual([
      'zlc-apply.yml',
      'zlc-drift.yml',
      'zlc-plan.yml',
    ]);
    expect(readFileSync(join(demo, 'lifecycle.yaml'), 'utf8').split('\n')[0]).toBe(
      `# yaml-language-server: $schema=https://unpkg.com/${pkg.name}@${pkg.version}/schemas/lifecycle.schema.json`,
    );
    const validate = await run(bin, ['validate'], demo, baseEnv);
    expect([validate.code, validate.stdout.trim()]).toEqual([
      0,
      expect.stringMatching(/^lifecycle\.yaml is valid: \d+ stages/),
    ]);

    const port = await freePort();
    sandbox = spawn(bin, ['sandbox', 'serve', '--port', String(port)], { cwd: demo, env: baseEnv, stdio: 'pipe' });
    let seen = '';
    await new Promise<void>((resolve, reject) => {
      const look = (chunk: Buffer) => {
        seen += chunk.toString('utf8');
        if (seen.includes('Press Ctrl-C')) resolve();
      };
      sandbox?.stdout?.on('data', look);
      sandbox?.stderr?.on('data', look);
      sandbox?.once('exit', (code) => reject(new Error(`zlc sandbox serve ended (${code}):\n${seen}`)));
    });
    const org = readEnvFile(join(demo, '.zlc', 'sandbox', 'sandbox.env'));
    expect(org.ZOHO_ACCOUNTS_URL).toContain(`127.0.0.1:${port}`);

    const text = await run(bin, ['plan', '--detailed-exitcode'], demo, { ...baseEnv, ...org });
    expect(text.code, text.stderr).toBe(2);
    expect(text.stdout.split('\n')[0]).toBe(
      `Target: Zoho sandbox books-org=${org.ZOHO_BOOKS_ORG_ID} desk-org=${org.ZOHO_DESK_ORG_ID}`,
    );
    expect(text.stdout).toMatch(/Plan: \d+ to add, \d+ to change, \d+ to remove, \d+ manual\./);

    const json = await run(bin, ['plan', '--format', 'json'], demo, { ...baseEnv, ...org });
    expect(json.code, json.stderr).toBe(0);
    const plan = JSON.parse(json.stdout) as { engineVersion: string; formatVersion: number };
    expect(plan.engineVersion).toBe(pkg.version);
  }, 300_000);

  it('validates with the schema validators compiled at build time, saying what the sources say of a broken model', async () => {
    const root = join(folder, 'node_modules', ...pkg.name.split('/'));
    // esbuild heads each bundled module with its path: schema-check.ts is there, and schema-ajv.ts, through which
    // the sources compile the schema at run time, is not (the bundle carries its compiled validators instead).
    const bundled = readdirSync(join(root, 'dist'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(root, 'dist', f), 'utf8'))
      .join('\n');
    expect(bundled).toContain('// ../model/src/schema-check.ts\n');
    expect(bundled).not.toContain('// ../model/src/schema-ajv.ts\n');

    const template = readFileSync(join(root, 'templates', 'b2b-saas', 'lifecycle.yaml'), 'utf8');
    const broken = template
      .replace('version: 1', 'version: 2')
      .replace('vocabulary:\n', 'vocabulary:\n  termz: {}\n')
      .replace('aliases: [Client]', 'aliases: [Client, Client]')
      .replace('      name: Customer\n', "      name: ''\n");
    expect(broken).not.toBe(template);
    writeFileSync(join(folder, 'broken.yaml'), broken);
    // The TypeScript sources through tsx (by URL: it is not installed in the client folder), compiling at run time.
    const tsx = pathToFileURL(join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
    const fromSources = ['--conditions=source', '--import', tsx, join(CLI, 'bin', 'run.js')];
    for (const args of [
      ['validate', '-f', 'broken.yaml'],
      ['validate', '-f', 'broken.yaml', '--json'],
    ]) {
      const installed = await run(bin, args, folder, baseEnv);
      const sources = await run(process.execPath, [...fromSources, ...args], folder, baseEnv);
      expect(installed.code, installed.stderr).toBe(1);
      expect([installed.code, installed.stdout]).toEqual([sources.code, sources.stdout]);
    }
  }, 120_000);
});
