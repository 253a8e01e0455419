/** What a report run tells while it reads (the CLI renders progress from these). Tagged by `type`. */
import type { SourceId } from './store/report-store.js';

export type ReportEvent =
  | { type: 'store_opened'; kind: 'sqlite' | 'postgres'; location: string }
  | { type: 'source_started'; source: SourceId; mode: 'full' | 'delta' }
  | { type: 'source_progress'; source: SourceId; records: number }
  | { type: 'source_done'; source: SourceId; mode: 'full' | 'delta'; records: number; asOf: string }
  | { type: 'source_failed'; source: SourceId; message: string };

export type OnReportEvent = (event: ReportEvent) => void;
