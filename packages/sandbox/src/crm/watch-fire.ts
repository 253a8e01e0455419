/** Notification deliveries: one POST per channel and write request, with the ids the write touched. */
import type { SandboxContext } from '../core/types.js';
import type { ModuleDef } from './model.js';
import type { RecordEvent } from './triggers.js';
import { channels } from './watch-model.js';

export function notifyChannels(ctx: SandboxContext, mod: ModuleDef, events: RecordEvent[]): void {
  const nowMs = ctx.clock.now();
  const byOperation = new Map<RecordEvent['operation'], RecordEvent[]>();
  for (const e of events) {
    const group = byOperation.get(e.operation);
    if (group) group.push(e);
    else byOperation.set(e.operation, [e]);
  }
  for (const channel of channels(ctx).values()) {
    if (!channel.active || channel.expiry <= nowMs) continue;
    for (const [operation, list] of byOperation) {
      const op = operation === 'insert' ? 'create' : operation === 'update' ? 'edit' : 'delete';
      if (!channel.events.includes(`${mod.api_name}.${op}`) && !channel.events.includes(`${mod.api_name}.all`))
        continue;
      const body: Record<string, unknown> = {
        server_time: nowMs,
        query_params: {},
        module: mod.api_name,
        resource_uri: `${ctx.baseUrl}/crm/v8/${mod.api_name}`,
        ids: list.map((e) => e.doc.id),
        affected_fields: operation === 'update' ? list.map((e) => ({ [e.doc.id]: e.changed })) : [],
        operation,
        channel_id: Number(channel.channel_id),
        token: channel.token,
      };
      if (operation === 'update' && channel.return_affected_field_values) {
        body.affected_values = list.map((e) => ({
          record_id: e.doc.id,
          values: Object.fromEntries(e.changed.map((f) => [f, e.doc[f] ?? null])),
        }));
      }
      ctx.outbound.enqueue({
        product: 'crm',
        source: `watch:${channel.channel_id}`,
        url: channel.notify_url,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    }
  }
}
