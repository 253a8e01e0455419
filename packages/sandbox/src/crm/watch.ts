/** `/actions/watch`: instant notification channels (notifications.json) that expire on the sandbox clock. */
import type { Handler, SandboxContext } from '../core/types.js';
import { type CrmError, crmError, invalidBody, mandatoryMissing, requiredParamMissing } from './errors.js';
import { type ItemResult, itemsAnswer, itemsOf, type Obj, str } from './settings-body.js';
import { findModule, isoTime } from './state.js';
import { type ChannelDoc, channels, DEFAULT_EXPIRY_MS, MAX_EXPIRY_MS } from './watch-model.js';

const OPS = new Set(['create', 'edit', 'delete', 'all']);
const MAX_CHANNELS = 10;

function channelIdOf(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v > 0) return String(v);
  if (typeof v === 'string' && /^\d{1,18}$/.test(v)) return v;
  return undefined;
}

function checkEvents(ctx: SandboxContext, raw: unknown, path: string): string[] | CrmError {
  if (raw === undefined) return mandatoryMissing('events', `${path}.events`);
  if (!Array.isArray(raw) || raw.length === 0) return invalidBody('events', `${path}.events`, 'jsonarray');
  const out: string[] = [];
  for (const [i, e] of raw.entries()) {
    const [module, op] = typeof e === 'string' ? e.split('.') : [];
    const found = module ? findModule(ctx, module) : undefined;
    if (!found || !op || !OPS.has(op)) return invalidBody('events', `${path}.events[${i}]`);
    out.push(`${found.api_name}.${op}`);
  }
  return out;
}

function expiryOf(ctx: SandboxContext, raw: unknown, path: string): number | CrmError {
  const nowMs = ctx.clock.now();
  if (raw === undefined || raw === null) return nowMs + DEFAULT_EXPIRY_MS;
  if (typeof raw !== 'string' || Number.isNaN(Date.parse(raw)))
    return invalidBody('channel_expiry', `${path}.channel_expiry`, 'datetime');
  const at = Date.parse(raw);
  if (at <= nowMs) return invalidBody('channel_expiry', `${path}.channel_expiry`, 'datetime');
  return at - nowMs > MAX_EXPIRY_MS ? nowMs + DEFAULT_EXPIRY_MS : at;
}

function validUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

function details(ctx: SandboxContext, ch: ChannelDoc, events: string[]): Obj {
  return {
    events: events.map((e) => {
      const module = findModule(ctx, e.split('.')[0] ?? '');
      return {
        resource_name: module?.api_name ?? '',
        channel_expiry: isoTime(ch.expiry),
        resource_id: module?.id ?? '',
        resource_uri: `${ctx.baseUrl}/crm/v8/${module?.api_name ?? ''}`,
        channel_id: ch.channel_id,
        notification_condition: [],
      };
    }),
  };
}

const ok = (ctx: SandboxContext, ch: ChannelDoc, events: string[], message: string): ItemResult => ({
  ok: true,
  item: { code: 'SUCCESS', details: details(ctx, ch, events), message, status: 'success' },
});

function enable(ctx: SandboxContext, item: Obj, i: number, update: boolean): ItemResult {
  const p = `$.watch[${i}]`;
  const id = channelIdOf(item.channel_id);
  if (item.channel_id === undefined) return { ok: false, error: mandatoryMissing('channel_id', `${p}.channel_id`) };
  if (!id) return { ok: false, error: invalidBody('channel_id', `${p}.channel_id`, 'long') };
  const existing = channels(ctx).get(id);
  if (update && !existing) return { ok: false, error: invalidBody('channel_id', `${p}.channel_id`) };
  const events = checkEvents(ctx, item.events ?? (update ? existing?.events : undefined), p);
  if (!Array.isArray(events)) return { ok: false, error: events };
  const url = str(item.notify_url) ?? (update ? existing?.notify_url : undefined);
  if (!url) return { ok: false, error: mandatoryMissing('notify_url', `${p}.notify_url`) };
  if (!validUrl(url)) return { ok: false, error: invalidBody('notify_url', `${p}.notify_url`) };
  const token = item.token === undefined ? (existing?.token ?? null) : item.token;
  if (token !== null && (typeof token !== 'string' || token.length > 50)) {
    return {
      ok: false,
      error: crmError('INVALID_DATA', 'invalid data', {
        api_name: 'token',
        json_path: `${p}.token`,
        maximum_length: '50',
      }),
    };
  }
  const expiry =
    item.channel_expiry === undefined && update && existing ? existing.expiry : expiryOf(ctx, item.channel_expiry, p);
  if (typeof expiry !== 'number') return { ok: false, error: expiry };
  const events2 = update
    ? events
    : [...new Set([...(existing && existing.expiry > ctx.clock.now() ? existing.events : []), ...events])];
  const ch: ChannelDoc = {
    channel_id: id,
    events: events2,
    notify_url: url,
    token,
    expiry,
    return_affected_field_values: item.return_affected_field_values === true,
    notify_on_related_action: item.notify_on_related_action === true,
    active: true,
  };
  channels(ctx).put(id, ch);
  return ok(
    ctx,
    ch,
    events,
    update
      ? 'Successfully updated the subscribe details'
      : 'Successfully subscribed for actions-watch of the given module',
  );
}

export const enableWatch: Handler = (req, ctx) => {
  const items = itemsOf(req.body, 'watch', MAX_CHANNELS);
  if (!Array.isArray(items)) return items;
  return itemsAnswer(
    'watch',
    items.map((item, i) => enable(ctx, item, i, false)),
    201,
    202,
  );
};

export const updateWatch: Handler = (req, ctx) => {
  const items = itemsOf(req.body, 'watch', MAX_CHANNELS);
  if (!Array.isArray(items)) return items;
  return itemsAnswer(
    'watch',
    items.map((item, i) => enable(ctx, item, i, true)),
    200,
    202,
  );
};

/** PATCH with `_delete_events: true` removes the listed events; a channel left without events stops. */
export const disableWatch: Handler = (req, ctx) => {
  const items = itemsOf(req.body, 'watch', MAX_CHANNELS);
  if (!Array.isArray(items)) return items;
  const results = items.map((item, i): ItemResult => {
    const p = `$.watch[${i}]`;
    const id = channelIdOf(item.channel_id);
    if (!id)
      return {
        ok: false,
        error:
          item.channel_id === undefined
            ? mandatoryMissing('channel_id', `${p}.channel_id`)
            : invalidBody('channel_id', `${p}.channel_id`),
      };
    const ch = channels(ctx).get(id);
    if (!ch) return { ok: false, error: invalidBody('channel_id', `${p}.channel_id`) };
    if (item._delete_events !== true)
      return { ok: false, error: mandatoryMissing('_delete_events', `${p}._delete_events`) };
    const events = checkEvents(ctx, item.events, p);
    if (!Array.isArray(events)) return { ok: false, error: events };
    const left = ch.events.filter((e) => !events.includes(e));
    channels(ctx).put(id, { ...ch, events: left, active: left.length > 0 });
    return ok(ctx, ch, events, 'Successfully removed the subscribe details');
  });
  return itemsAnswer('watch', results, 200, 202);
};

export const listWatch: Handler = (req, ctx) => {
  const nowMs = ctx.clock.now();
  const wanted = req.query.get('channel_id');
  const module = req.query.get('module');
  const live = [...channels(ctx).values()].filter(
    (c) =>
      c.active &&
      c.expiry > nowMs &&
      (!wanted || c.channel_id === wanted) &&
      (!module || c.events.some((e) => e.startsWith(`${module}.`))),
  );
  const perPage = Math.min(Number(req.query.get('per_page') ?? 200) || 200, 200);
  const page = Math.max(Number(req.query.get('page') ?? 1) || 1, 1);
  const slice = live.slice((page - 1) * perPage, page * perPage);
  if (slice.length === 0) return { status: 204 };
  const watch = slice.map((c) => {
    const first = findModule(ctx, c.events[0]?.split('.')[0] ?? '');
    return {
      channel_id: c.channel_id,
      notify_url: c.notify_url,
      events: c.events,
      token: c.token,
      return_affected_field_values: c.return_affected_field_values,
      notify_on_related_action: c.notify_on_related_action,
      channel_expiry: isoTime(c.expiry),
      resource_name: first?.api_name ?? '',
      resource_id: first?.id ?? '',
      resource_uri: `${ctx.baseUrl}/crm/v8/${first?.api_name ?? ''}`,
      fields: null,
    };
  });
  return {
    status: 200,
    body: { watch, info: { per_page: perPage, page, count: slice.length, more_records: page * perPage < live.length } },
  };
};

export const deleteWatch: Handler = (req, ctx) => {
  const raw = req.query.get('channel_ids');
  if (!raw) return requiredParamMissing('channel_ids');
  const results = raw.split(',').map((s, i): ItemResult => {
    const id = s.trim();
    const ch = channels(ctx).get(id);
    if (!ch) return { ok: false, error: invalidBody('channel_id', `$.channel_ids[${i}]`) };
    channels(ctx).delete(id);
    return ok(ctx, ch, ch.events, 'Successfully un-subscribed from actions-watch');
  });
  return itemsAnswer('watch', results, 200, 202);
};
