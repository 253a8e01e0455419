/** `zlc flow status` for people: the ledger's counts, then one line per entry that needs attention. */
import type { FlowStatus } from '@zlc/flow';

export function renderFlowStatus(status: FlowStatus, now = Date.now()): string {
  const c = status.counts;
  const lines = [
    `Ledger ${status.ledger}: ${c.pending} pending, ${c.running} running, ${c.blocked} blocked, ${c.done} done, ${c.failed} failed, ${c.dead} dead`,
  ];
  for (const e of status.entries) {
    const why = e.reason ?? e.lastError ?? '';
    const recheck =
      e.state === 'blocked' && e.nextAttemptAt > now
        ? ` (checked again from ${new Date(e.nextAttemptAt).toISOString()}, or edit the record, or replay it)`
        : '';
    const steps = e.steps.map((s) => `${s.stepId}=${s.outcome}`).join(' ');
    lines.push(
      `  #${e.id} ${e.state.padEnd(7)} ${e.handoff} ${e.recordId} (attempts ${e.attempts}) ${why}${recheck}${steps ? `  [${steps}]` : ''}`,
    );
  }
  if (c.failed + c.dead > 0) lines.push('Fix the cause, then: zlc flow replay ID');
  return lines.join('\n');
}
