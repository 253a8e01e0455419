/**
 * `/metrics` as Prometheus reads it: the exposition text parsed by a Prometheus text-format parser from the npm
 * registry (prom2javascript, which refuses malformed labels and values), then checked here: every family has a type
 * Prometheus knows and every sample a name the family declares.
 */
import { Readable } from 'node:stream';
import { getMetricsFromStream, type PromHistogramData, type PromMetric } from 'prom2javascript';

export interface Sample {
  labels: Record<string, string>;
  /** Counters and gauges. */
  value?: number;
  /** Histograms. */
  count?: number;
  sum?: number;
  buckets?: Record<string, number>;
}

export interface Family {
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram' | 'summary';
  samples: Sample[];
}

const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary']);

function samplesOf(metric: PromMetric): Sample[] {
  if (metric.type === 'histogram')
    return (metric.data as PromHistogramData[]).map((h) => ({
      labels: h.labels,
      count: h.count,
      buckets: h.buckets,
      ...(h.sum === undefined ? {} : { sum: h.sum }),
    }));
  return metric.data.map((d) => ({ labels: d.labels, ...('value' in d ? { value: d.value } : {}) }));
}

/** Parses exposition text into families by name; rejects what the parser refuses, untyped families and strays. */
export async function parseMetrics(text: string): Promise<Map<string, Family>> {
  const parsed = await getMetricsFromStream(Readable.from([text]));
  const out = new Map<string, Family>();
  for (const [name, metric] of Object.entries(parsed)) {
    // A sample whose name no `# TYPE` line declares comes back as its own family of type `unknown`.
    if (!TYPES.has(metric.type)) throw new Error(`${name}: type ${metric.type}, not declared by a TYPE line`);
    out.set(name, { name, help: metric.help, type: metric.type as Family['type'], samples: samplesOf(metric) });
  }
  return out;
}

/** The one sample of the family whose labels include `labels`; throws naming what is there when there is none. */
export function sampleOfFamily(
  families: Map<string, Family>,
  name: string,
  labels: Record<string, string> = {},
): Sample {
  const family = families.get(name);
  if (family === undefined) throw new Error(`no metric ${name}`);
  const found = family.samples.filter((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (found.length !== 1)
    throw new Error(
      `${name}${JSON.stringify(labels)}: ${found.length} samples among ${JSON.stringify(family.samples)}`,
    );
  return found[0] as Sample;
}
