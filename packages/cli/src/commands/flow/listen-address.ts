/**
 * Where `zlc flow serve` listens. The port: `--port`, else `PORT` (as container platforms set it), else the port of
 * `ZLC_RUNTIME_URL`, else 8787. The address: `--host`, else `HOST`, else 127.0.0.1 (this machine only).
 */
export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '127.0.0.1';

export type ListenAddress = { ok: true; port: number; host: string } | { ok: false; error: string };

export function listenAddress(
  flags: { port?: number | undefined; host?: string | undefined },
  env: Readonly<Record<string, string | undefined>>,
): ListenAddress {
  let port = flags.port;
  if (port === undefined) {
    const fromEnv = env.PORT?.trim();
    if (fromEnv) {
      if (!/^\d{1,5}$/.test(fromEnv) || Number(fromEnv) > 65_535)
        return { ok: false, error: `PORT is "${fromEnv}": give a port number from 0 to 65535, or pass --port.` };
      port = Number(fromEnv);
    }
  }
  if (port === undefined) {
    const url = env.ZLC_RUNTIME_URL?.trim();
    let fromUrl = 0;
    try {
      fromUrl = url ? Number(new URL(url).port) : 0;
    } catch {
      return { ok: false, error: `ZLC_RUNTIME_URL is not a URL: give one like http://127.0.0.1:8787, or pass --port.` };
    }
    port = fromUrl || DEFAULT_PORT;
  }
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    return { ok: false, error: `--port ${port}: give a port number from 0 to 65535.` };
  const host = flags.host?.trim() || env.HOST?.trim() || DEFAULT_HOST;
  return { ok: true, port, host };
}
