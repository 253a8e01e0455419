/**
 * An executor maps one resource type's attributes to Zoho calls. Creates go through `createOnce` with a lookup by
 * the natural key, so an attempt whose outcome is unknown never leaves a duplicate behind; updates and removes
 * are idempotent by id (a remove of an object that is already gone counts as done).
 */
import { type Clock, type OnZohoEvent, type ZohoClients, ZohoNotFoundError } from '@zlc/zoho';
import type { CreateAction, RemoveAction, ReplaceAction, UpdateAction } from '../plan-types.js';

export interface ExecutorContext {
  clients: ZohoClients;
  clock: Clock;
  onZohoEvent: OnZohoEvent;
  /** The shared webhook secret (from the environment variable `runtime.secret_env` names); never journalled. */
  webhookSecret?: string;
  /**
   * Shares one read among the actions of a wave (`crm:layouts:Deals`): the memo is emptied when a wave starts, so
   * a wave sees what earlier waves wrote. For reads that prepare a write only — never for a lookup after a create
   * whose outcome is unknown, which must read fresh.
   */
  once<T>(key: string, load: () => Promise<T>): Promise<T>;
  /** Zoho ids of the objects this run has created or changed so far, by address (a later wave needs a new field's id). */
  remoteIds: ReadonlyMap<string, string>;
}

export interface Executor {
  /** Creates the object; returns its Zoho id. */
  create(action: Pick<CreateAction, 'address' | 'after' | 'title'>, ctx: ExecutorContext): Promise<string>;
  update(action: UpdateAction, ctx: ExecutorContext): Promise<void>;
  remove(action: RemoveAction | ReplaceAction, ctx: ExecutorContext): Promise<void>;
}

/** Runs a delete; an object that is already gone counts as deleted (removes are idempotent by id). */
export async function removeUnlessGone(remove: () => Promise<unknown>): Promise<void> {
  try {
    await remove();
  } catch (error) {
    if (!(error instanceof ZohoNotFoundError)) throw error;
  }
}
