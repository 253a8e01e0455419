/**
 * deploy/: the Dockerfile linted (dockerfile-utils) and read (dockerfile-ast) — Node 20, non-root, the installed
 * packed CLI installed with npm running `zlc flow serve`, a health check that really probes /healthz; the systemd unit checked by
 * `systemd-analyze verify` and `security`, and its ExecStart run as the unit would (working directory, Environment=,
 * an EnvironmentFile with PORT and HOST) until SIGTERM. This machine has no Docker engine: the image is not built.
 *
 * @module-tag e2e
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@zlc/sandbox';
import { cliCommand, freePort, waitFor } from '@zlc/testkit';
import { Copy, DockerfileParser } from 'dockerfile-ast';
import { ValidationSeverity, validate } from 'dockerfile-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const DEPLOY = join(ROOT, 'deploy');
const BIN = join(ROOT, 'packages', 'cli', 'bin', 'run.js');
const dockerfile = readFileSync(join(DEPLOY, 'Dockerfile'), 'utf8');
const unit = readFileSync(join(DEPLOY, 'zlc-flow.service'), 'utf8');

/** `KEY=value` lines of a systemd unit section, in order (a key may repeat). */
function section(text: string, name: string): [string, string][] {
  const out: [string, string][] = [];
  let inside = false;
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (t.startsWith('[')) inside = t === `[${name}]`;
    else if (inside && t !== '' && !t.startsWith('#')) {
      const eq = t.indexOf('=');
      out.push([t.slice(0, eq), t.slice(eq + 1)]);
    }
  }
  return out;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(cmd, args, { env }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

describe('deploy/Dockerfile', () => {
  const instructions = DockerfileParser.parse(dockerfile).getInstructions();
  const last = (keyword: string) => instructions.filter((i) => i.getKeyword() === keyword).at(-1);
  const finalStage = instructions.slice(instructions.findLastIndex((i) => i.getKeyword() === 'FROM'));

  it('passes the dockerfile-utils linter with every check at error level', () => {
    const strict = {
      deprecatedMaintainer: ValidationSeverity.ERROR,
      directiveCasing: ValidationSeverity.ERROR,
      emptyContinuationLine: ValidationSeverity.ERROR,
      instructionCasing: ValidationSeverity.ERROR,
      instructionCmdMultiple: ValidationSeverity.ERROR,
      instructionEntrypointMultiple: ValidationSeverity.ERROR,
      instructionHealthcheckMultiple: ValidationSeverity.ERROR,
      instructionJSONInSingleQuotes: ValidationSeverity.ERROR,
      instructionWorkdirRelative: ValidationSeverity.ERROR,
    };
    expect(validate(dockerfile, strict).map((d) => `${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
  });

  it('builds on Node 20, installs the pnpm the workspace pins, and copies only files the repository has', () => {
    const froms = instructions.filter((i) => i.getKeyword() === 'FROM').map((i) => i.getArgumentsContent());
    expect(froms.every((f) => /^node:20-/.test(f ?? ''))).toBe(true);
    const pinned = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { packageManager: string })
      .packageManager;
    expect(dockerfile).toContain(`npm install --global ${pinned}`);
    const sources = instructions
      .filter((i) => i instanceof Copy && i.getFromFlag() === null)
      .flatMap((i) =>
        i
          .getArguments()
          .slice(0, -1)
          .map((a) => a.getValue()),
      );
    expect(sources).toContain('packages');
    for (const source of sources) expect(existsSync(join(ROOT, source)), source).toBe(true);
  });

  it('installs the packed CLI with npm, as a user does (README, "Install"), and puts its zlc on PATH', () => {
    const run = instructions.filter((i) => i.getKeyword() === 'RUN').map((i) => i.getArgumentsContent() ?? '');
    expect(run.some((r) => r.includes('pnpm --filter @zlc/cli pack --pack-destination /tmp/pack'))).toBe(true);
    expect(run.some((r) => r.includes('npm install --global --prefix /opt/zlc'))).toBe(true);
    const copies = finalStage
      .filter((i): i is Copy => i instanceof Copy)
      .map((c) => [c.getFromFlag()?.getValue(), ...c.getArguments().map((a) => a.getValue())].join(' '));
    expect(copies).toContain('build /opt/zlc /opt/zlc');
  });

  it('runs `zlc flow serve` as the unprivileged node user, listening on all interfaces, with JSON logs', () => {
    const user = finalStage
      .filter((i) => i.getKeyword() === 'USER')
      .at(-1)
      ?.getArgumentsContent();
    expect(user).toBe('node');
    expect(last('ENTRYPOINT')?.getArgumentsContent()).toBe('["zlc"]');
    expect(last('CMD')?.getArgumentsContent()).toBe('["flow", "serve"]');
    const env = finalStage.find((i) => i.getKeyword() === 'ENV')?.getArgumentsContent() ?? '';
    for (const setting of ['HOST=0.0.0.0', 'PORT=8787', 'ZLC_LOG_FORMAT=json', 'PATH=/opt/zlc/bin:$PATH'])
      expect(env).toContain(setting);
  });

  describe('its health check', () => {
    let server: ReturnType<typeof import('node:http').createServer>;
    let port: number;
    const healthcheck = (): string[] => {
      const content = last('HEALTHCHECK')?.getArgumentsContent() ?? '';
      return JSON.parse(content.slice(content.indexOf('CMD') + 3).trim()) as string[];
    };
    beforeAll(async () => {
      const { createServer: http } = await import('node:http');
      server = http((req, res) => {
        res.writeHead(req.url === '/healthz' ? 200 : 404);
        res.end();
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      const address = server.address();
      port = typeof address === 'object' && address !== null ? address.port : 0;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it('is healthy when /healthz on PORT answers 200, and unhealthy when nothing listens there', async () => {
      const [cmd, ...args] = healthcheck();
      expect(cmd).toBe('node');
      expect(args.join(' ')).toContain('/healthz');
      const node = process.execPath;
      expect((await run(node, args, { ...process.env, PORT: String(port) })).code).toBe(0);
      expect((await run(node, args, { ...process.env, PORT: String(await freePort()) })).code).toBe(1);
    });
  });
});

describe('deploy/zlc-flow.service', () => {
  const service = section(unit, 'Service');
  const value = (key: string) => service.filter(([k]) => k === key).map(([, v]) => v);
  let dir: string;
  let sandbox: Sandbox;
  let child: ChildProcess | undefined;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zlc-unit-'));
    sandbox = await startSandbox({ seed: 'empty' });
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await sandbox?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('restarts always, reads its secrets from an EnvironmentFile, and runs hardened as its own user', () => {
    expect(value('Restart')).toEqual(['always']);
    expect(value('EnvironmentFile')).toEqual(['/etc/zlc/flow.env']);
    expect(value('User')).toEqual(['zlc']);
    for (const [key, wanted] of [
      ['NoNewPrivileges', 'yes'],
      ['ProtectSystem', 'strict'],
      ['ProtectHome', 'yes'],
      ['PrivateTmp', 'yes'],
      ['CapabilityBoundingSet', ''],
    ] as const)
      expect(value(key), key).toEqual([wanted]);
    // Secrets are not written into the unit itself (it is world-readable).
    expect(unit).not.toMatch(/ZOHO_CLIENT_SECRET|ZOHO_REFRESH_TOKEN|ZLC_WEBHOOK_SECRET|ZLC_LEDGER_URL/);
    const example = readFileSync(join(DEPLOY, 'flow.env.example'), 'utf8');
    for (const name of [
      'ZOHO_CLIENT_ID',
      'ZOHO_CLIENT_SECRET',
      'ZOHO_REFRESH_TOKEN',
      'ZOHO_DC',
      'ZOHO_BOOKS_ORG_ID',
      'ZOHO_DESK_ORG_ID',
      'ZLC_WEBHOOK_SECRET',
      'ZLC_LEDGER_URL',
      'PORT',
      'HOST',
    ])
      expect(example).toMatch(new RegExp(`^${name}=`, 'm'));
  });

  const analyze = existsSync('/usr/bin/systemd-analyze') || existsSync('/bin/systemd-analyze');
  it.skipIf(!analyze)(
    'passes systemd-analyze verify without a warning, and security rates its exposure OK',
    async () => {
      // The unit as installed, its command pointing at this checkout's zlc (verify checks the file exists).
      const copy = join(dir, 'zlc-flow.service');
      writeFileSync(copy, unit.replaceAll('/usr/local/bin/zlc', BIN));
      const verify = await run('systemd-analyze', ['verify', copy]);
      expect([verify.code, verify.stderr.trim()]).toEqual([0, '']);
      const security = await run('systemd-analyze', ['security', '--offline=yes', '--threshold=20', copy]);
      expect(security.code).toBe(0);
      expect(security.stdout).toMatch(/Overall exposure level for zlc-flow\.service: [01]\.\d OK/);
    },
  );

  it('runs its ExecStart as the unit would: PORT and HOST from the EnvironmentFile, ready, stopped by SIGTERM', async () => {
    const [exec] = value('ExecStart');
    const [bin, ...args] = (exec ?? '').split(/\s+/);
    expect(bin).toBe('/usr/local/bin/zlc');
    const workdir = join(dir, 'srv');
    mkdirSync(join(workdir, '.zlc'), { recursive: true });
    copyFileSync(join(ROOT, 'lifecycle.yaml'), join(workdir, 'lifecycle.yaml'));
    const port = await freePort();
    const envFile = {
      ...sandbox.env,
      ZLC_WEBHOOK_SECRET: 'unit-test-secret',
      PORT: String(port),
      HOST: '127.0.0.1',
    };
    const environment = Object.fromEntries(
      value('Environment').flatMap((line) => line.split(/\s+/).map((pair) => pair.split('=') as [string, string])),
    );
    // /usr/local/bin/zlc is what `npm i -g @zlc/cli` installs (package.test.ts runs that package); here the
    // bundle the CLI tests build from the checkout stands in for it.
    const zlc = cliCommand();
    child = spawn(zlc.node, [...zlc.args, ...args], {
      cwd: workdir,
      env: { PATH: process.env.PATH, ...envFile, ...environment },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    child.stdout?.on('data', (c: Buffer) => lines.push(c.toString()));
    child.stderr?.on('data', (c: Buffer) => lines.push(c.toString()));
    const running = child;
    await waitFor(() => lines.join('').includes('Listening on') || running.exitCode !== null, 'the unit to listen');
    expect(lines.join(''), lines.join('')).toContain(`Listening on http://127.0.0.1:${port}`);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status, await ready.clone().text()).toBe(200);
    const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(await metrics.text()).toContain('zlc_flow_entries{state="pending"} 0');
    expect(existsSync(join(workdir, '.zlc', 'flow.db'))).toBe(true);
    // 'close', not 'exit': every line the unit wrote is read by then.
    const exited = new Promise<number | null>((r) => child?.once('close', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    child = undefined;
    // JSON lines (Environment=ZLC_LOG_FORMAT=json), none holding the secret.
    const out = lines.join('').trim().split('\n');
    for (const line of out) expect(() => JSON.parse(line), line).not.toThrow();
    const records = out.map((line) => JSON.parse(line) as { event?: string; ready?: boolean; msg?: string });
    expect(records.find((r) => r.event === 'readiness_changed')).toMatchObject({ ready: true, msg: 'ready' });
    expect(out.join('\n')).not.toContain('unit-test-secret');
  }, 180_000);
});
