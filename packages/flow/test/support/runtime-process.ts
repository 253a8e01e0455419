/** `zlc flow serve` as a child process (to kill it with SIGKILL), and a proxy that delivers every webhook twice. */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { ROOT } from './flow-world.js';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const address = server.address();
  await new Promise<void>((r) => server.close(() => r()));
  return typeof address === 'object' && address !== null ? address.port : 0;
}

export interface ServeProcess {
  child: ChildProcess;
  output: string[];
}

/** Starts `zlc flow serve` and resolves once it listens. */
export async function startServe(env: Record<string, string>, args: readonly string[]): Promise<ServeProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'packages/cli/bin/run.js', 'flow', 'serve', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`flow serve did not start:\n${output.join('')}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (output.join('').includes('Listening on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => output.push(c.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`flow serve exited with ${code}:\n${output.join('')}`));
    });
  });
  child.removeAllListeners('exit');
  return { child, output };
}

export async function kill(serve: ServeProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (serve.child.exitCode !== null || serve.child.signalCode !== null) return;
  const exited = new Promise<void>((r) => serve.child.once('exit', () => r()));
  serve.child.kill(signal);
  await exited;
}

/**
 * Forwards every request twice (at once), the two copies to the runtimes in turn (both to the one there is), and
 * answers with the first answer below 500, as a load balancer in front of several runtimes would: each webhook
 * lands twice, and a runtime that is down does not make the sender see a failure while another one answered.
 */
export async function doublingProxy(targets: () => string[]): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const send = (target: string) =>
        fetch(`${target}${req.url ?? '/'}`, {
          method: req.method ?? 'GET',
          headers: Object.fromEntries(
            Object.entries(req.headers).flatMap(([k, v]) =>
              typeof v === 'string' && k !== 'host' && k !== 'content-length' && k !== 'connection' ? [[k, v]] : [],
            ),
          ),
          ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body }),
        }).then(async (r) => ({ status: r.status, text: await r.text() }));
      const all = targets();
      Promise.allSettled([0, 1].map((i) => send(all[i % all.length] ?? ''))).then((answers) => {
        const fulfilled = answers.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []));
        const best = fulfilled.find((a) => a.status < 500) ?? fulfilled[0];
        if (best !== undefined) {
          res.writeHead(best.status, { 'content-type': 'application/json' });
          res.end(best.text);
        } else {
          res.writeHead(502);
          res.end();
        }
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
