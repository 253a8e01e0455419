/**
 * How `zlc flow` commands log the runtime's events: one readable line each on a terminal, or JSON lines (pino: time,
 * level, msg, the event's type, handoff, record and entry ids) for a service's log collector. The runtime's events
 * carry ids, states and error messages, never a secret or a record's data.
 */
import type { Command } from '@oclif/core';
import type { FlowEvent } from '@zlc/flow';

export type LogFormat = 'text' | 'json';

export const LOG_FORMATS: readonly LogFormat[] = ['text', 'json'];

/** `--log-format`, else `ZLC_LOG_FORMAT`, else text on a terminal and JSON lines otherwise (systemd, containers). */
export function logFormatOf(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): LogFormat {
  const wanted = flag ?? env.ZLC_LOG_FORMAT?.trim();
  if (wanted === 'text' || wanted === 'json') return wanted;
  return process.stdout.isTTY ? 'text' : 'json';
}

type Level = 'debug' | 'info' | 'warn' | 'error';

/** The level and the one-line message of an event, or undefined for one not worth a line. */
export function describeFlowEvent(event: FlowEvent): { level: Level; msg: string } | undefined {
  switch (event.type) {
    case 'listening':
      return { level: 'info', msg: `Listening on ${event.url}` };
    case 'intake_accepted':
      return event.result === 'duplicate'
        ? {
            level: 'debug',
            msg: `${event.source} ${event.handoff} ${event.recordId}: duplicate (entry ${event.entryId})`,
          }
        : {
            level: 'info',
            msg: `${event.source} ${event.handoff} ${event.recordId}: ${event.result} (entry ${event.entryId})`,
          };
    case 'intake_refused':
      return { level: 'warn', msg: `refused ${event.status} ${event.path}: ${event.reason}` };
    case 'entry_started':
      return { level: 'debug', msg: `#${event.entryId} ${event.handoff} ${event.recordId}: attempt ${event.attempt}` };
    case 'entry_done':
      return {
        level: 'info',
        msg: `#${event.entryId} ${event.handoff} ${event.recordId}: ${event.outcome === 'done' ? 'done' : 'not in the stage; nothing to do'} (${event.ms} ms)`,
      };
    case 'entry_blocked':
      return { level: 'warn', msg: `#${event.entryId} ${event.handoff} ${event.recordId}: blocked — ${event.reason}` };
    case 'entry_retry':
      return {
        level: 'warn',
        msg: `#${event.entryId} ${event.handoff} ${event.recordId}: attempt ${event.attempt} failed, retrying in ${Math.round(event.delayMs / 1000)} s — ${event.error}`,
      };
    case 'entry_failed':
      return {
        level: 'error',
        msg: `#${event.entryId} ${event.handoff} ${event.recordId}: ${event.final} — ${event.error}`,
      };
    case 'poll_done':
      return { level: 'info', msg: `poll ${event.handoff}: ${event.seen} seen, ${event.offered} new or changed` };
    case 'ledger_error':
      return { level: 'error', msg: `ledger unreachable, trying again: ${event.error}` };
    case 'readiness_changed':
      return event.ready
        ? { level: 'info', msg: 'ready' }
        : { level: 'warn', msg: `not ready: ${event.reasons.join('; ')}` };
  }
}

export interface FlowLog {
  /** Logs each runtime event worth a line. */
  onEvent(event: FlowEvent): void;
  /** The command's own lines (target, ledger, stopping), in the same format. */
  note(msg: string, level?: Level): void;
}

export async function flowLog(command: Command, format: LogFormat): Promise<FlowLog> {
  if (format === 'text')
    return {
      onEvent(event) {
        const line = describeFlowEvent(event);
        if (line !== undefined && line.level !== 'debug') command.log(line.msg);
      },
      note: (msg) => command.log(msg),
    };
  const { pino } = await import('pino');
  const logger = pino({ base: { service: 'zlc-flow' }, level: process.env.ZLC_LOG_LEVEL?.trim() || 'info' });
  return {
    onEvent(event) {
      const line = describeFlowEvent(event);
      if (line === undefined) return;
      const { type, ...fields } = event;
      logger[line.level]({ event: type, ...fields }, line.msg);
    },
    note: (msg, level = 'info') => logger[level](msg),
  };
}
