/**
 * Sandbox benchmarks: seeding the `large` org (time and the seed process's own peak memory; targets < 60 s and
 * < 1.5 GB), and the latency of a metadata call on the default org.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandbox } from '@zlc/sandbox';
import { percentile, round, type Scenario } from '../scenario.js';

const here = dirname(fileURLToPath(import.meta.url));

function runChild(script: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', script, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString('utf8');
    });
    child.stderr.on('data', (c: Buffer) => {
      err = (err + c.toString('utf8')).slice(-4000);
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve(out.trim().split('\n').at(-1) ?? '');
      else reject(new Error(`${script} exited with ${code}: ${err}`));
    });
  });
}

export const sandboxSeedLarge: Scenario = {
  name: 'sandbox-seed-large',
  description: 'Seed the large org into a fresh data dir (child process): wall time and peak RSS',
  async run(ctx) {
    const dir = mkdtempSync(join(tmpdir(), 'zlc-bench-seed-'));
    try {
      ctx.log(`seeding into ${dir}`);
      const line = await runChild(join(here, 'sandbox-seed-child.ts'), [join(dir, 'org')]);
      const figures = JSON.parse(line) as Record<string, number>;
      return {
        ...figures,
        seconds: round((figures.startMs ?? 0) / 1000, 1),
        targetSeconds: 60,
        targetPeakRssMb: 1536,
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export const sandboxFieldsLatency: Scenario = {
  name: 'sandbox-fields-latency',
  description: 'GET /crm/v8/settings/fields?module=Deals ×500 on the default org: p50/p99 in ms',
  async run(ctx) {
    const sandbox = await startSandbox({ limits: { crm: { dailyCredits: Infinity } } });
    try {
      const params = new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: sandbox.credentials.clientId,
        client_secret: sandbox.credentials.clientSecret,
        refresh_token: sandbox.credentials.refreshToken,
      });
      const tokenAnswer = (await (
        await fetch(`${sandbox.urls.accounts}/oauth/v2/token?${params}`, { method: 'POST' })
      ).json()) as { access_token?: string };
      const token = tokenAnswer.access_token;
      if (token === undefined) throw new Error('no access token');
      const url = `${sandbox.url}/crm/v8/settings/fields?module=Deals`;
      const headers = { authorization: `Zoho-oauthtoken ${token}` };
      const first = await fetch(url, { headers });
      if (first.status !== 200) throw new Error(`fields answered ${first.status}`);
      const bytes = (await first.arrayBuffer()).byteLength;
      const times: number[] = [];
      for (let i = 0; i < 500; i++) {
        const started = performance.now();
        const response = await fetch(url, { headers });
        await response.arrayBuffer();
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      ctx.log(`${times.length} calls, ${bytes} bytes each`);
      return {
        calls: times.length,
        responseBytes: bytes,
        p50Ms: round(percentile(times, 50)),
        p99Ms: round(percentile(times, 99)),
      };
    } finally {
      await sandbox.close();
    }
  },
};
