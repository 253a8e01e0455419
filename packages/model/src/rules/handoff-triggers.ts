/**
 * Rules on a handoff's trigger (its keys per kind, a known CRM stage) and on `advance_to`, which is checked against
 * the trigger's stage.
 */
import type { Finding } from '../diagnostic.js';
import { type ModelIndex, unknownStageFinding } from '../model-index.js';
import type { Handoff } from '../model-types.js';

type Path = readonly (string | number)[];

/** `invoice_status` takes only `statuses`; a stage or ticket events belong to the other triggers. */
function invoiceTriggerFindings(trigger: Handoff['trigger'], at: Path): Finding[] {
  const findings: Finding[] = [];
  for (const key of ['stage', 'events'] as const) {
    if (trigger[key] === undefined) continue;
    findings.push({
      code: 'invalid-trigger',
      severity: 'error',
      path: [...at, 'trigger', key],
      atKey: true,
      message: `\`${key}\` belongs to ${key === 'stage' ? 'record_enters_stage' : 'ticket_event'} triggers; invoice_status reacts to \`statuses\``,
      hint: 'for example: statuses: [paid, partially_paid, overdue]',
    });
  }
  return findings;
}

/**
 * The trigger's own keys: a stage trigger names a known CRM stage and no events, a ticket trigger names events and
 * no stage, an invoice trigger only `statuses` (and `webhook`). `stop` when the rest of the handoff cannot be checked without the
 * stage; `stageIndex` is the trigger stage's place in the lifecycle (-1 without one).
 */
export function checkTrigger(
  index: ModelIndex,
  trigger: Handoff['trigger'],
  at: Path,
): { findings: Finding[]; stop: boolean; stageIndex: number } {
  const findings: Finding[] = [];
  const invalid = (path: Path, message: string, hint: string, atKey = false): Finding => ({
    code: 'invalid-trigger',
    severity: 'error',
    path: [...at, 'trigger', ...path],
    ...(atKey ? { atKey: true } : {}),
    message,
    hint,
  });
  for (const key of ['statuses', 'webhook'] as const)
    if (trigger[key] !== undefined && trigger.on !== 'invoice_status')
      findings.push(
        invalid(
          [key],
          `\`${key}\` belongs to invoice_status triggers${key === 'webhook' ? " (CRM and Desk triggers' webhooks are provisioned by apply)" : ''}`,
          'remove it, or use on: invoice_status',
          true,
        ),
      );
  if (trigger.on === 'invoice_status')
    return { findings: [...findings, ...invoiceTriggerFindings(trigger, at)], stop: false, stageIndex: -1 };
  if (trigger.on !== 'record_enters_stage') {
    if (trigger.events === undefined)
      findings.push(
        invalid([], 'ticket_event needs the `events` it reacts to', 'for example: events: [created, updated, closed]'),
      );
    else if (trigger.stage !== undefined)
      findings.push(invalid(['stage'], '`stage` belongs to record_enters_stage triggers', 'remove it', true));
    return { findings, stop: false, stageIndex: -1 };
  }
  if (trigger.stage === undefined)
    return {
      findings: [invalid([], 'record_enters_stage needs the `stage`', 'for example: stage: closed-won')],
      stop: true,
      stageIndex: -1,
    };
  if (trigger.events !== undefined)
    findings.push(invalid(['events'], '`events` belongs to ticket_event triggers', 'remove it', true));
  const stage = index.stages.get(trigger.stage);
  if (stage === undefined) {
    findings.push(unknownStageFinding([...at, 'trigger', 'stage'], trigger.stage, index));
    return { findings, stop: true, stageIndex: -1 };
  }
  if (!stage.stage.record.startsWith('crm:'))
    findings.push(
      invalid(
        ['stage'],
        `stage '${trigger.stage}' is in ${stage.stage.record}; stage triggers work on CRM stages`,
        'Desk changes trigger through ticket_event',
      ),
    );
  return { findings, stop: false, stageIndex: stage.index };
}

/** `advance_to` names a stage after the trigger's, on a record the handoff can move. */
export function checkAdvanceTo(index: ModelIndex, handoff: Handoff, triggerIndex: number, at: Path): Finding[] {
  if (handoff.advance_to === undefined) return [];
  const trigger = handoff.trigger;
  const target = index.stages.get(handoff.advance_to);
  if (target === undefined) return [unknownStageFinding([...at, 'advance_to'], handoff.advance_to, index)];
  if (triggerIndex >= 0 && target.index <= triggerIndex)
    return [
      {
        code: 'stage-order',
        severity: 'error',
        path: [...at, 'advance_to'],
        message: `advances to '${handoff.advance_to}', which is not after the trigger stage '${trigger.stage ?? ''}'`,
        hint: 'a handoff moves a record forward in the lifecycle',
      },
    ];
  // The runtime moves the trigger record, or the record a step wrote, into the stage: it needs one of them there.
  const record = target.stage.record;
  const triggerRecord =
    trigger.on === 'record_enters_stage' && trigger.stage !== undefined
      ? index.stages.get(trigger.stage)?.stage.record
      : undefined;
  const written = (handoff.steps ?? []).some((step) => step.target === record && step.for_each === undefined);
  if (record === triggerRecord || written) return [];
  return [
    {
      code: 'stage-order',
      severity: 'warning',
      path: [...at, 'advance_to'],
      message: `advances to '${handoff.advance_to}', which lives on ${record}: neither the trigger record nor a record a step of this handoff writes, so nothing moves there`,
      hint: `add a step with target ${record}, or advance to a stage on the trigger's module`,
    },
  ];
}
