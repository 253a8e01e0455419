/**
 * Calendar periods in UTC: ISO weeks (Monday first), months, quarters, years; the window a report covers; and
 * day arithmetic on `YYYY-MM-DD` dates. Pure.
 */

export type PeriodKind = 'week' | 'month' | 'quarter' | 'year';

export interface Window {
  /** First day included, `YYYY-MM-DD`. */
  from: string;
  /** Last day included. */
  to: string;
}

export interface Period {
  /** `2026-W07`, `2026-02`, `2026-Q1`, `2026`. */
  key: string;
  from: string;
  to: string;
}

const DAY = 86_400_000;

export function dayOf(isoTime: string): string {
  return isoTime.slice(0, 10);
}

export function toMs(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

export function fromMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromMs(toMs(date) + days * DAY);
}

/** Whole days from `a` to `b` (negative when `b` is earlier). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toMs(b) - toMs(a)) / DAY);
}

export function isDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && fromMs(toMs(value)) === value;
}

export function within(date: string | null, window: Window): date is string {
  return date !== null && date >= window.from && date <= window.to;
}

/** `12m` back from `today`: the window from the day after that date through `today`. */
export function lookbackWindow(lookback: string, today: string): Window {
  const match = /^(\d+)([dwmy])$/.exec(lookback);
  const n = Number(match?.[1] ?? 12);
  const unit = match?.[2] ?? 'm';
  const d = new Date(toMs(today));
  if (unit === 'd') d.setUTCDate(d.getUTCDate() - n);
  else if (unit === 'w') d.setUTCDate(d.getUTCDate() - 7 * n);
  else if (unit === 'm') d.setUTCMonth(d.getUTCMonth() - n);
  else d.setUTCFullYear(d.getUTCFullYear() - n);
  return { from: addDays(fromMs(d.getTime()), 1), to: today };
}

export function periodOf(date: string, kind: PeriodKind): Period {
  const d = new Date(toMs(date));
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  switch (kind) {
    case 'year':
      return { key: String(y), from: `${y}-01-01`, to: `${y}-12-31` };
    case 'quarter': {
      const q = Math.floor(m / 3);
      return {
        key: `${y}-Q${q + 1}`,
        from: fromMs(Date.UTC(y, q * 3, 1)),
        to: fromMs(Date.UTC(y, q * 3 + 3, 0)),
      };
    }
    case 'month':
      return {
        key: `${y}-${String(m + 1).padStart(2, '0')}`,
        from: fromMs(Date.UTC(y, m, 1)),
        to: fromMs(Date.UTC(y, m + 1, 0)),
      };
    case 'week': {
      const monday = addDays(date, -((d.getUTCDay() + 6) % 7));
      const thursday = new Date(toMs(addDays(monday, 3)));
      const isoYear = thursday.getUTCFullYear();
      const week = Math.floor(daysBetween(`${isoYear}-01-01`, fromMs(thursday.getTime())) / 7) + 1;
      return { key: `${isoYear}-W${String(week).padStart(2, '0')}`, from: monday, to: addDays(monday, 6) };
    }
  }
}

/** Every period that meets the window, in order. */
export function periodsOf(window: Window, kind: PeriodKind): Period[] {
  const out: Period[] = [];
  for (let p = periodOf(window.from, kind); p.from <= window.to; p = periodOf(addDays(p.to, 1), kind)) out.push(p);
  return out;
}

/** The period just before `period`. */
export function previousPeriod(period: Period, kind: PeriodKind): Period {
  return periodOf(addDays(period.from, -1), kind);
}
