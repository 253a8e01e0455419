/**
 * The apply journal: one JSON line per event in `<journalDir>/<run id>.jsonl`, appended and fsync'd before the
 * call it announces, so a crash leaves a record of what was attempted and what is known to have finished.
 * Appends made in the same turn of the event loop, or while an fsync is running, are written together and share the
 * next fsync (group commit), so the `action_before` lines a wave of 300 actions appends at once cost one write and
 * one fsync (not a write each, nor one fsync for the first line and another for the rest); the fsync runs off the
 * event loop. No append resolves before its line is on disk.
 *
 * Secrets are never written: entries carry addresses, action kinds, Zoho ids and error messages only (never
 * attributes, which may hold a webhook's shared secret), and every string passes through `scrub`, which blanks
 * the values the caller names as secret.
 */
import { closeSync, fsync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { ActionKind, Address } from './plan-types.js';

export type JournalOutcome = 'applied' | 'failed' | 'skipped';

export type JournalEntry =
  | { type: 'run_started'; at: string; runId: string; target: string; lockId: string; actions: number }
  | { type: 'action_before'; at: string; address: Address; action: ActionKind }
  | {
      type: 'action_after';
      at: string;
      address: Address;
      action: ActionKind;
      outcome: JournalOutcome;
      remoteId?: string;
      error?: string;
      ms: number;
    }
  | { type: 'run_finished'; at: string; runId: string; applied: number; failed: number; skipped: number };

/** Distributes `Omit` over the union so each entry keeps its own fields. */
type WithoutAt<T> = T extends unknown ? Omit<T, 'at'> : never;
export type JournalInput = WithoutAt<JournalEntry>;

export interface Journal {
  readonly runId: string;
  /** The file, for messages (`see .zlc/journal/<id>.jsonl`). */
  readonly path: string;
  /** Appends one entry; resolves once it is on disk (fsync'd). */
  append(entry: JournalInput): Promise<void>;
  /** Waits for the last fsync, then closes the file. */
  close(): Promise<void>;
}

export interface OpenJournalOptions {
  dir: string;
  runId: string;
  /** Values that must never reach the file (webhook secrets, tokens); each occurrence becomes `[redacted]`. */
  secrets?: readonly string[];
  now?: () => Date;
}

export function openJournal(options: OpenJournalOptions): Journal {
  mkdirSync(options.dir, { recursive: true });
  const path = join(options.dir, `${options.runId}.jsonl`);
  const fd = openSync(path, 'a', 0o600);
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 4);
  const now = options.now ?? (() => new Date());
  let open = true;
  let syncing: Promise<void> | undefined;
  /** The next write and fsync, not started yet: it covers every line appended before it starts. */
  let next: Promise<void> | undefined;
  /** Lines appended since the last write; written in one go just before their fsync. */
  let pending: string[] = [];
  const syncNow = (): Promise<void> => {
    const lines = pending.join('');
    pending = [];
    const run = new Promise<void>((resolve, reject) => {
      try {
        if (lines !== '') writeSync(fd, lines);
      } catch (error) {
        reject(error);
        return;
      }
      fsync(fd, (error) => (error ? reject(error) : resolve()));
    });
    syncing = run.finally(() => {
      syncing = undefined;
    });
    return syncing;
  };
  /**
   * A write and fsync that start after every append made so far. They start on the next turn of the event loop (and
   * after the running fsync), so the entries a wave appends at once — every action's `action_before` — share one
   * write and one fsync.
   */
  const flush = (): Promise<void> => {
    if (next !== undefined) return next;
    const running = syncing;
    next = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => running?.catch(() => undefined))
      .then(() => {
        next = undefined;
        return syncNow();
      });
    return next;
  };
  return {
    runId: options.runId,
    path,
    async append(entry) {
      if (!open) throw new Error(`journal ${path} is closed`);
      pending.push(`${scrub(JSON.stringify({ ...entry, at: now().toISOString() }), secrets)}\n`);
      await flush();
    },
    async close() {
      if (!open) return;
      open = false;
      await (next ?? syncing)?.catch(() => undefined);
      closeSync(fd);
    },
  };
}

function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(JSON.stringify(secret).slice(1, -1)).join('[redacted]');
  return out;
}

/** Reads a journal back; a torn last line (a crash mid-write) is ignored. */
export function readJournal(path: string): JournalEntry[] {
  const entries: JournalEntry[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      const value: unknown = JSON.parse(line);
      if (isEntry(value)) entries.push(value);
    } catch {
      // A line cut short by a crash: everything before it is intact.
    }
  }
  return entries;
}

const ENTRY_TYPES = new Set(['run_started', 'action_before', 'action_after', 'run_finished']);

function isEntry(value: unknown): value is JournalEntry {
  return (
    typeof value === 'object' &&
    value !== null &&
    'type' in value &&
    typeof value.type === 'string' &&
    ENTRY_TYPES.has(value.type)
  );
}

/** Actions a journal shows as started but never finished (the run was killed between the two entries). */
export function unfinishedActions(entries: readonly JournalEntry[]): Address[] {
  const open = new Set<Address>();
  for (const entry of entries) {
    if (entry.type === 'action_before') open.add(entry.address);
    if (entry.type === 'action_after') open.delete(entry.address);
  }
  return [...open];
}
