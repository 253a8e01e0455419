/**
 * The apply journal: one JSON line per event in `<journalDir>/<run id>.jsonl`, appended and fsync'd before the
 * call it announces, so a crash leaves a record of what was attempted and what is known to have finished.
 *
 * Secrets are never written: entries carry addresses, action kinds, Zoho ids and error messages only (never
 * attributes, which may hold a webhook's shared secret), and every string passes through `scrub`, which blanks
 * the values the caller names as secret.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
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
  /** Appends one entry and flushes it to disk before returning. */
  append(entry: JournalInput): void;
  close(): void;
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
  return {
    runId: options.runId,
    path,
    append(entry) {
      if (!open) throw new Error(`journal ${path} is closed`);
      const line = `${scrub(JSON.stringify({ ...entry, at: now().toISOString() }), secrets)}\n`;
      writeSync(fd, line);
      fsyncSync(fd);
    },
    close() {
      if (!open) return;
      open = false;
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
