#!/usr/bin/env node
// Installs the workspace with pnpm when it is not installed yet, or when a manifest or the lockfile changed.
// Used by `npm run demo` and `npm test` so that both work on a fresh clone with only Node and npm.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PNPM_VERSION = '12.4.2';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stampFile = join(root, 'node_modules', '.zlc-install-stamp');

function manifestHash() {
  const hash = createHash('sha256');
  const files = ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml', 'bench/package.json'];
  for (const dir of readdirSync(join(root, 'packages'))) files.push(join('packages', dir, 'package.json'));
  for (const file of files) {
    const path = join(root, file);
    hash.update(file).update(existsSync(path) ? readFileSync(path) : '');
  }
  return hash.digest('hex');
}

const wanted = manifestHash();
if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === wanted) process.exit(0);

// better-sqlite3 compiles from source here (no prebuilt download); point node-gyp at the headers shipped with Node.
const env = { ...process.env };
if (!env.npm_config_nodedir) {
  const prefix = dirname(dirname(process.execPath));
  if (existsSync(join(prefix, 'include', 'node', 'node.h'))) env.npm_config_nodedir = prefix;
}

const direct = spawnSync('pnpm', ['--version'], { encoding: 'utf8', shell: process.platform === 'win32' });
const usePnpm = direct.status === 0 && direct.stdout.trim() === PNPM_VERSION;
const [cmd, args] = usePnpm
  ? ['pnpm', ['install', '--frozen-lockfile']]
  : ['npx', ['-y', `pnpm@${PNPM_VERSION}`, 'install', '--frozen-lockfile']];
console.error(`zlc: installing the workspace (${cmd} ${args.join(' ')}) …`);
const result = spawnSync(cmd, args, {
  cwd: root,
  env,
  stdio: ['ignore', 'inherit', 'inherit'],
  shell: process.platform === 'win32',
});
if (result.status !== 0) {
  console.error(
    'zlc: install failed; see the output above. Node 20+ and npm with access to the npm registry are required.',
  );
  process.exit(result.status ?? 1);
}
writeFileSync(stampFile, manifestHash());
