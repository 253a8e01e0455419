/** Rendering what `zlc report` shows besides the report: progress while it reads, refusals, the failed source. */
import type { ReportEvent, ReportRefusal, RunReportResult, SourceId } from '@zlc/report';
import type { ZohoEvent } from '@zlc/zoho';

const SOURCE_NAMES: Record<SourceId, string> = {
  'crm:org': 'CRM org and users',
  'crm:deals': 'CRM deals',
  'crm:accounts': 'CRM accounts',
  'crm:stage_history': 'CRM stage history',
  'books:currencies': 'Books currencies',
  'books:contacts': 'Books customers',
  'books:invoices': 'Books invoices',
  'books:payments': 'Books payments',
  'desk:accounts': 'Desk accounts',
  'desk:tickets': 'Desk tickets',
};

/**
 * Progress on stderr: on a terminal one line rewritten in place (records per source, calls per product); otherwise
 * one line per source read.
 */
export function reportProgress(write: (text: string) => void, tty: boolean) {
  const records = new Map<SourceId, number>();
  const calls = { crm: 0, books: 0, desk: 0 };
  let shown = false;
  const status = () => {
    const reading = [...records].map(([s, n]) => `${SOURCE_NAMES[s]} ${n.toLocaleString('en-US')}`).join(' · ');
    return `Reading ${reading} (calls: CRM ${calls.crm}, Books ${calls.books}, Desk ${calls.desk})`;
  };
  return {
    onZohoEvent(event: ZohoEvent): void {
      if (event.type === 'request' && event.product !== 'accounts') calls[event.product] += 1;
      if (event.type === 'rate_limited' && !tty)
        write(`  ${event.product}: rate limited, pausing ${Math.round(event.pauseMs / 1000)} s\n`);
    },
    onReportEvent(event: ReportEvent): void {
      switch (event.type) {
        case 'store_opened':
          if (!tty) write(`Store: ${event.location}\n`);
          return;
        case 'source_started':
          records.set(event.source, 0);
          return;
        case 'source_progress':
          records.set(event.source, event.records);
          if (tty) {
            write(`\r\x1b[2K${status()}`);
            shown = true;
          }
          return;
        case 'source_done':
          records.delete(event.source);
          if (!tty)
            write(
              `Read ${SOURCE_NAMES[event.source]}: ${event.records.toLocaleString('en-US')} (${event.mode === 'full' ? 'full read' : 'changes only'})\n`,
            );
          return;
        case 'source_failed':
          return;
      }
    },
    end(): void {
      if (tty && shown) write('\r\x1b[2K');
    },
  };
}

export function renderRefusal(refusal: ReportRefusal): string {
  switch (refusal.kind) {
    case 'unknown_report':
      return `unknown report '${refusal.id}': the reports are ${refusal.known.join(', ')}`;
    case 'grouping':
      return `report '${refusal.id}' cannot be grouped by ${refusal.groupBy}: it can be grouped by ${refusal.supported.join(', ')}`;
    case 'window':
      return refusal.message;
  }
}

export function renderUnreachable(result: Extract<RunReportResult, { status: 'unreachable' }>): string {
  const read = result.sources.map((s) => SOURCE_NAMES[s.source]).join(', ');
  return [
    `${SOURCE_NAMES[result.source]} could not be read: ${result.message}`,
    'No report was computed: a figure without this source would be incomplete.',
    read === '' ? undefined : `(Read before it failed, and kept for the next run: ${read}.)`,
  ]
    .filter((l) => l !== undefined)
    .join('\n');
}
