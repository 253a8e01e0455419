import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import axios, { type AxiosInstance } from 'axios';

export interface HttpOptions {
  /** Per-request timeout, ms (default 30 000). */
  timeoutMs: number;
  /** Sockets kept per host (default 64, above every product's concurrency cap). */
  maxSockets: number;
}

export const DEFAULT_HTTP_OPTIONS: HttpOptions = { timeoutMs: 30_000, maxSockets: 64 };

export interface HttpClient {
  axios: AxiosInstance;
  /** Destroys the keep-alive agents so the process can exit. */
  close(): void;
}

/**
 * The one axios instance of a run, with keep-alive agents. Every status comes back as a response (the
 * transport classifies it); only network failures and timeouts throw.
 */
export function createHttpClient(options: HttpOptions = DEFAULT_HTTP_OPTIONS): HttpClient {
  const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: options.maxSockets });
  const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: options.maxSockets });
  const instance = axios.create({
    timeout: options.timeoutMs,
    httpAgent,
    httpsAgent,
    validateStatus: () => true,
    maxRedirects: 0,
    headers: { accept: 'application/json' },
  });
  return {
    axios: instance,
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
