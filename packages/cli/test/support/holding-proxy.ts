/**
 * An HTTP proxy in front of the sandbox that holds the requests a test names until the test releases them, one at a
 * time and in order: "this request lands after that one" without a latency that a loaded machine could outrun.
 * A held request is forwarded on release even when its client has gone (a killed process's request still lands).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

interface Held {
  req: IncomingMessage;
  body: Buffer;
  res: ServerResponse;
}

export interface HoldingProxy {
  url: string;
  /** Requests held so far and not yet released. */
  held(): number;
  /** Forwards the oldest held request and resolves with the sandbox's status once it has answered. */
  releaseNext(): Promise<number>;
  /** Stops holding: forwards every held request and those that come after. */
  releaseAll(): Promise<void>;
  close(): Promise<void>;
}

export async function holdingProxy(
  target: string,
  hold: (method: string, path: string) => boolean,
): Promise<HoldingProxy> {
  const queue: Held[] = [];
  let holding = true;
  const forward = async ({ req, body, res }: Held): Promise<number> => {
    const headers = Object.fromEntries(
      Object.entries(req.headers).flatMap(([k, v]) =>
        typeof v === 'string' && k !== 'host' && k !== 'content-length' && k !== 'connection' ? [[k, v]] : [],
      ),
    );
    const method = req.method ?? 'GET';
    const answer = await fetch(`${target}${req.url ?? '/'}`, {
      method,
      headers,
      ...(method === 'GET' || method === 'HEAD' ? {} : { body }),
    });
    const text = await answer.text();
    if (!res.destroyed) {
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
      res.end(text);
    }
    return answer.status;
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const held = { req, body: Buffer.concat(chunks), res };
      const path = new URL(req.url ?? '/', 'http://proxy').pathname;
      if (holding && hold(req.method ?? 'GET', path)) queue.push(held);
      else void forward(held).catch(() => res.destroy());
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    held: () => queue.length,
    releaseNext: () => {
      const next = queue.shift();
      if (next === undefined) throw new Error('no request is held');
      return forward(next);
    },
    releaseAll: async () => {
      holding = false;
      await Promise.all(queue.splice(0).map((held) => forward(held).catch(() => held.res.destroy())));
    },
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
