/** Notification channels (`/actions/watch`), stored per channel id. */
import type { Collection, SandboxContext } from '../core/types.js';

export interface ChannelDoc {
  channel_id: string;
  events: string[];
  notify_url: string;
  token: string | null;
  /** Milliseconds since the epoch on the sandbox clock. */
  expiry: number;
  return_affected_field_values: boolean;
  notify_on_related_action: boolean;
  /** Disabled through PATCH `_delete_events` of all its events. */
  active: boolean;
}

export const channels = (ctx: SandboxContext): Collection<ChannelDoc> => ctx.store.collection<ChannelDoc>('crm:watch');

/**
 * From API v4 on, Zoho keeps a channel at most one week (v2 and v3: one day); without `channel_expiry`, or beyond
 * the week, it lives one hour (Kaizen #170; the v6 update-notification page). SPEC.md, "Notification channels".
 */
export const MAX_EXPIRY_MS = 7 * 24 * 3600 * 1000;
export const DEFAULT_EXPIRY_MS = 3600 * 1000;
