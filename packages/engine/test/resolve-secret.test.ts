/** The embedded sandbox's generated webhook secret lives in a file only its owner can read. */
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveWebhookSecret } from '@zlc/engine';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'zlc-secret-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const options = (stateDir: string) => ({ env: {}, secretEnv: 'ZLC_WEBHOOK_SECRET', sandbox: true, stateDir });

describe.runIf(process.platform !== 'win32')('the stored webhook secret', () => {
  it('is made once, 0600, and read back the same', () => {
    const state = join(dir, 'fresh');
    const made = resolveWebhookSecret(options(state));
    expect(statSync(join(state, 'webhook-secret')).mode & 0o777).toBe(0o600);
    expect(resolveWebhookSecret(options(state)).value).toBe(made.value);
  });

  it('keeps a secret whose file was left readable by others, and makes the file 0600 again', () => {
    const state = join(dir, 'loose');
    resolveWebhookSecret(options(state));
    writeFileSync(join(state, 'webhook-secret'), 'kept-secret\n');
    chmodSync(join(state, 'webhook-secret'), 0o644);
    expect(resolveWebhookSecret(options(state)).value).toBe('kept-secret');
    expect(statSync(join(state, 'webhook-secret')).mode & 0o777).toBe(0o600);
  });
});
