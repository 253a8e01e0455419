/**
 * The files that hold the org's client secret and refresh token are readable by their owner only.
 *
 * @module-tag e2e
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENV_FILE, STORE_FILE, startSandbox, writeEnvFile } from '@zlc/sandbox';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'zlc-private-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const modeOf = (file: string) => statSync(file).mode & 0o777;

describe.runIf(process.platform !== 'win32')('files holding secrets', () => {
  it('are made 0600 (the store, its WAL files, sandbox.env) in a 0700 data dir', async () => {
    const data = join(dir, 'fresh');
    const sandbox = await startSandbox({ dataDir: data, seed: 'empty' });
    try {
      const envFile = writeEnvFile(sandbox, data);
      expect(modeOf(data)).toBe(0o700);
      for (const file of [join(data, STORE_FILE), envFile, `${join(data, STORE_FILE)}-wal`])
        if (existsSync(file)) expect(modeOf(file), file).toBe(0o600);
      expect(modeOf(envFile)).toBe(0o600);
    } finally {
      await sandbox.close();
    }
  });

  it('are made 0600 again when an older run left them readable by others', async () => {
    const data = join(dir, 'loose');
    mkdirSync(data);
    const first = await startSandbox({ dataDir: data, seed: 'empty' });
    await first.close();
    writeFileSync(join(data, ENV_FILE), '# old\n');
    chmodSync(join(data, ENV_FILE), 0o644);
    chmodSync(join(data, STORE_FILE), 0o644);
    const again = await startSandbox({ dataDir: data });
    try {
      expect(modeOf(join(data, STORE_FILE))).toBe(0o600);
      writeEnvFile(again, data);
      expect(modeOf(join(data, ENV_FILE))).toBe(0o600);
    } finally {
      await again.close();
    }
  });
});
