/**
 * The operations endpoints beside the webhooks: `GET /healthz` (the process answers: 200), `GET /readyz` (200 when
 * the ledger answers, an access token is in hand and a model is loaded; 503 with the reason of each failing check
 * otherwise) and `GET /metrics` (Prometheus text format). HEAD is answered like GET without a body; other methods
 * get 405. They take no secret: bind the runtime where only the webhook paths are public (README, production).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OnFlowEvent } from '../events.js';
import type { FlowMetrics } from './metrics.js';
import type { ReadinessCheck } from './readiness.js';

export const OPS_PATHS = ['/healthz', '/readyz', '/metrics'] as const;
export type OpsPath = (typeof OPS_PATHS)[number];

export interface OpsEndpoints {
  metrics?: FlowMetrics;
  readiness?: ReadinessCheck;
  onEvent?: OnFlowEvent;
}

export function isOpsPath(path: string | undefined): path is OpsPath {
  return OPS_PATHS.some((p) => p === path);
}

function reply(req: IncomingMessage, res: ServerResponse, status: number, type: string, text: string): void {
  res.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : text);
}

const json = (req: IncomingMessage, res: ServerResponse, status: number, body: unknown) =>
  reply(req, res, status, 'application/json', JSON.stringify(body));

/**
 * Serves one operations request. `/readyz` and `/metrics` without their source answer 404, as any unknown path.
 * A change of readiness is reported once (`readiness_changed`), not at every probe.
 */
export function opsHandler(
  ops: OpsEndpoints,
): (path: OpsPath, req: IncomingMessage, res: ServerResponse) => Promise<void> {
  let wasReady: boolean | undefined;
  return async (path, req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(req, res, 405, { error: 'use GET' });
    switch (path) {
      case '/healthz':
        return json(req, res, 200, { ok: true });
      case '/readyz': {
        if (ops.readiness === undefined) return json(req, res, 404, { error: 'no such endpoint' });
        const readiness = await ops.readiness();
        const reasons = Object.values(readiness.checks).flatMap((c) => (c.ok ? [] : [c.reason]));
        if (wasReady !== readiness.ready) {
          wasReady = readiness.ready;
          ops.onEvent?.({ type: 'readiness_changed', ready: readiness.ready, reasons });
        }
        return json(req, res, readiness.ready ? 200 : 503, {
          ready: readiness.ready,
          ...(reasons.length === 0 ? {} : { reason: reasons.join('; ') }),
          checks: readiness.checks,
        });
      }
      case '/metrics': {
        if (ops.metrics === undefined) return json(req, res, 404, { error: 'no such endpoint' });
        const { contentType, text } = await ops.metrics.render();
        return reply(req, res, 200, contentType, text);
      }
    }
  };
}
