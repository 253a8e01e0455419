/** Terminal text for `zlc apply`: progress lines from apply events, refusals that say what to do, the summary. */
import {
  type ActionKind,
  type ApplyEvent,
  type ApplyResult,
  type ApplySummary,
  describeHolder,
  formatAge,
  type JsonValue,
  type PlanDifference,
  type Refusal,
  type SkipReason,
} from '@zlc/engine';

const SYMBOL: Record<ActionKind, string> = {
  create: '+',
  update: '~',
  replace: '-/+',
  remove: '-',
  manual: '!',
  noop: ' ',
};
const DONE: Record<ActionKind, string> = {
  create: 'created',
  update: 'updated',
  replace: 'replaced',
  remove: 'removed',
  manual: 'left to a person',
  noop: 'unchanged',
};

function value(v: JsonValue | undefined): string {
  return v === undefined ? '(none)' : JSON.stringify(v);
}

function skipText(reason: SkipReason): string {
  switch (reason.kind) {
    case 'dependency_failed':
      return `skipped: it needs ${reason.dependency}, which did not apply`;
    case 'manual':
      return 'manual step, for a person (the steps are in the plan above)';
    case 'stopped':
      return 'skipped: the run was stopped';
  }
}

/** One progress line per event (or none); `plan_ready` is rendered by the command (it needs the plan renderer). */
export function renderApplyEvent(event: ApplyEvent): string | undefined {
  switch (event.type) {
    case 'plan_ready':
      return undefined;
    case 'plan_verified':
      return `Made the plan again from the model and the org: it says the same as the saved plan (${event.actions} change(s))${event.signed ? ', and its signature is valid' : ''}.`;
    case 'lock_acquired':
      return event.replaced === undefined
        ? undefined
        : `Took over a stale lock (${describeHolder(event.replaced)}): its process is gone.`;
    case 'staleness_checked':
      return `Checked ${event.objects} objects in the org against the plan (${event.readCalls} list reads).`;
    case 'apply_started':
      return `Applying ${event.actions} actions in ${event.waves} waves (journal ${event.journal}).`;
    case 'wave_started':
      return `Wave ${event.index + 1}/${event.waves}: ${event.addresses.length} action(s)`;
    case 'action_started':
      return undefined;
    case 'action_applied':
      return `  ${SYMBOL[event.action]} ${event.address}: ${DONE[event.action]}${event.remoteId === undefined ? '' : ` (id ${event.remoteId})`} in ${event.ms} ms`;
    case 'action_failed':
      return `  ✗ ${event.address}: failed (${event.error.source}): ${event.error.message}`;
    case 'action_skipped':
      return `  ${SYMBOL[event.action]} ${event.address}: ${skipText(event.reason)}`;
    case 'apply_finished':
      return undefined;
  }
}

export function summaryLine(summary: ApplySummary): string {
  const head = summary.failed > 0 ? 'Apply incomplete' : 'Apply complete';
  const parts = [`${summary.added} added, ${summary.changed} changed, ${summary.removed} removed`];
  if (summary.failed > 0) parts.push(`${summary.failed} failed, ${summary.skipped} skipped`);
  const manual = `${summary.manual} manual step${summary.manual === 1 ? '' : 's'} remain${summary.manual === 1 ? 's' : ''}`;
  return `${head}: ${parts.join('; ')}; ${manual}.`;
}

export function renderRefusal(refusal: Refusal): string {
  switch (refusal.kind) {
    case 'format_version':
      return `This plan file has format version ${String(refusal.found)}; this zlc reads version ${refusal.expected}. Make the plan again with this zlc.`;
    case 'target_mismatch':
      return `This plan was made for ${refusal.planned}, but the target is ${refusal.actual}. Nothing was changed. Plan again against this target.`;
    case 'config_changed':
      return `The model changed since this plan was made (config ${refusal.planned.slice(0, 19)}… now ${refusal.actual.slice(0, 19)}…). Nothing was changed. Plan again.`;
    case 'stale': {
      const lines = [
        `The org changed since this plan was made (${refusal.objects.length} object(s)); nothing was changed:`,
      ];
      for (const o of refusal.objects) {
        if (o.change === 'created') lines.push(`  + ${o.address} now exists (the plan would create it)`);
        else if (o.change === 'deleted') lines.push(`  - ${o.address} was deleted`);
        else {
          lines.push(`  ~ ${o.address} was changed`);
          for (const c of o.changes) lines.push(`      ${c.path}: ${value(c.before)} → ${value(c.after)}`);
          if (o.changes.length === 0)
            lines.push('      (no attribute zlc manages differs; something else about it did)');
        }
      }
      lines.push('Plan again to see what applying would do now.');
      return lines.join('\n');
    }
    case 'plan_differs':
      return [
        `This plan is not the plan the model and the org give now (${refusal.differences.length} difference(s)); nothing was changed:`,
        ...refusal.differences.flatMap(differenceLines),
        'zlc applies only what the model and the org call for. Make the plan again (zlc plan --out PLAN), review it, and apply that.',
      ].join('\n');
    case 'plan_signature':
      return refusal.problem === 'unsigned'
        ? 'ZLC_PLAN_SIGNING_KEY is set and this plan is not signed; nothing was changed. Make the plan with the same key set (zlc plan --out PLAN signs it).'
        : "ZLC_PLAN_SIGNING_KEY is set and this plan's signature does not match it: the plan was edited, or signed with another key. Nothing was changed. Make the plan again with the same key set.";
    case 'locked':
      return [
        `Another apply holds the lock on this org: ${describeHolder(refusal.holder)} (${formatAge(refusal.ageMs)} old).`,
        `Wait for it to finish. If that process is gone (another machine, or a crash), remove the lock with: zlc force-unlock ${refusal.holder.id}`,
      ].join('\n');
    case 'lock_corrupt':
      return [
        `The lock file on this org, ${refusal.lock.path}, is not a lock (${refusal.lock.problem}${refusal.lock.modified === undefined ? '' : `; last written ${refusal.lock.modified}`}): zlc cannot tell whether another apply holds it.`,
        `If no apply is running against this org, remove it with: zlc force-unlock ${refusal.lock.id}`,
      ].join('\n');
    case 'data_loss': {
      const lines = ['These changes would delete data in the org:'];
      for (const a of refusal.actions)
        lines.push(
          `  ${SYMBOL[a.action]} ${a.address}: ${a.impact === undefined ? 'its data could not be counted (see the warnings above)' : a.impact.message}`,
        );
      lines.push('Nothing was changed. Run again with --allow-data-loss to go ahead.');
      return lines.join('\n');
    }
    case 'declined':
      return 'Apply cancelled; nothing was changed.';
  }
}

/** One difference between a saved plan and the plan made again, with the attributes that differ. */
function differenceLines(d: PlanDifference): string[] {
  switch (d.change) {
    case 'missing':
      return [`  + ${d.address}: the model and the org call for ${d.now}; the plan does not have it`];
    case 'extra':
      return [`  - ${d.address}: the plan would ${d.saved} it; the model and the org do not call for that`];
    case 'repeated':
      return [`  ! ${d.address}: the plan lists it more than once`];
    case 'changed':
      return [
        `  ~ ${d.address}: the plan's ${d.saved} differs from the ${d.now} the model and the org call for`,
        ...d.details.map((c) => `      ${c.path}: the plan has ${value(c.before)}; now ${value(c.after)}`),
      ];
  }
}

/** The closing text of an apply: the summary, or why nothing was done. */
export function renderApplyResult(result: ApplyResult): string {
  switch (result.status) {
    case 'refused':
      return renderRefusal(result.refusal);
    case 'no_changes':
      return result.manual === 0
        ? 'No changes. The org matches the model.'
        : `No changes the API can make; ${result.manual} manual step(s) remain (listed above).`;
    case 'applied':
    case 'partial': {
      const lines = [summaryLine(result.summary)];
      if (result.status === 'partial')
        lines.push('Fix the failures above and run apply again: it plans from the org as it is now and converges.');
      return lines.join('\n');
    }
  }
}
