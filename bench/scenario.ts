/** A benchmark scenario: runs once and returns its figures (counts, ratios, milliseconds, megabytes). */
export interface Scenario {
  /** Stable, kebab-case: `validate-5k-lines`, `sandbox-fields-latency` … */
  name: string;
  description: string;
  run(ctx: ScenarioContext): Promise<Record<string, unknown>>;
}

export interface ScenarioContext {
  /** Progress for people; goes to stderr so stdout stays one JSON line per scenario. */
  log(message: string): void;
}

/** Peak resident set size of this process so far, in MB (from `process.resourceUsage().maxRSS`). */
export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** Percentile (0..100) of an ascending-sorted array of numbers; nearest-rank. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
