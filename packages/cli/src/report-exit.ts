/** Exit codes of `zlc report`, in one place so that `--help`, the README and scripts agree. */
import type { RunReportResult } from '@zlc/report';

export const REPORT_EXIT = {
  /** Every report computed, each with data in its window. */
  ok: 0,
  /** Bad input: invalid model, unknown report id, a grouping a report does not have, bad dates or flags. */
  error: 1,
  /** A product could not be read (down, refused the credentials, out of calls): nothing was computed. */
  unreachable: 3,
  /** At least one report has no data in its window; it says so, the others are shown. */
  noData: 4,
} as const;

export const REPORT_EXIT_HELP = `Exit codes:
  0  every report computed, each with data in its window
  1  bad input: invalid model, unknown report id, a grouping the report does not have, bad dates
  3  a product could not be read: nothing was computed (no partial figure is shown)
  4  at least one report has no data in its window (it says so; the others are shown)`;

export function reportExit(result: RunReportResult): number {
  switch (result.status) {
    case 'ok':
      return REPORT_EXIT.ok;
    case 'no_data':
      return REPORT_EXIT.noData;
    case 'refused':
      return REPORT_EXIT.error;
    case 'unreachable':
      return REPORT_EXIT.unreachable;
  }
}
