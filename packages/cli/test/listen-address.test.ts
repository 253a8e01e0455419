import { describe, expect, it } from 'vitest';
import { listenAddress } from '../src/commands/flow/listen-address.js';

describe('where flow serve listens', () => {
  it('takes --port and --host over PORT and HOST, and those over ZLC_RUNTIME_URL and the defaults', () => {
    const env = { PORT: '9000', HOST: '0.0.0.0', ZLC_RUNTIME_URL: 'http://127.0.0.1:7000' };
    expect(listenAddress({ port: 8100, host: '::1' }, env)).toEqual({ ok: true, port: 8100, host: '::1' });
    expect(listenAddress({}, env)).toEqual({ ok: true, port: 9000, host: '0.0.0.0' });
    expect(listenAddress({}, { ZLC_RUNTIME_URL: 'http://127.0.0.1:7000' })).toEqual({
      ok: true,
      port: 7000,
      host: '127.0.0.1',
    });
    expect(listenAddress({}, { ZLC_RUNTIME_URL: 'https://flow.example.com/zlc' })).toEqual({
      ok: true,
      port: 8787,
      host: '127.0.0.1',
    });
    expect(listenAddress({}, { PORT: ' ', HOST: '' })).toEqual({ ok: true, port: 8787, host: '127.0.0.1' });
  });

  it('refuses a PORT that is not a port number, naming PORT', () => {
    for (const port of ['http', '70000', '-1', '80.5']) {
      const result = listenAddress({}, { PORT: port });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toContain(`PORT is "${port}"`);
    }
    expect(listenAddress({ port: 8080 }, { PORT: 'http' })).toEqual({ ok: true, port: 8080, host: '127.0.0.1' });
  });
});
