// Prometheus text exposition format 0.0.4, written by hand: HELP and TYPE
// lines, then samples with escaped label values. Pure.

export type MetricType = 'gauge' | 'counter' | 'histogram';

export interface Sample {
  readonly labels?: Readonly<Record<string, string>>;
  readonly value: number;
  /** Suffix for histogram parts: _bucket, _sum, _count. */
  readonly suffix?: string;
}

export interface Metric {
  readonly name: string;
  readonly help: string;
  readonly type: MetricType;
  readonly samples: readonly Sample[];
}

export function renderMetrics(metrics: readonly Metric[]): string {
  const lines: string[] = [];
  for (const metric of metrics) {
    lines.push(`# HELP ${metric.name} ${metric.help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`, `# TYPE ${metric.name} ${metric.type}`);
    for (const sample of metric.samples) lines.push(`${metric.name}${sample.suffix ?? ''}${labels(sample.labels)} ${number(sample.value)}`);
  }
  return lines.join('\n') + '\n';
}

function labels(set: Readonly<Record<string, string>> | undefined): string {
  const entries = Object.entries(set ?? {});
  if (entries.length === 0) return '';
  return `{${entries.map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`).join(',')}}`;
}

function number(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

/** Numeric leaves of a JSON document written by another layer, as (path, value): e.g. durationMs, days.0.phasesMs.compact. */
export function numericLeaves(value: unknown, prefix = '', out: [string, number][] = [], depth = 0): [string, number][] {
  if (depth > 4 || out.length > 200) return out;
  if (typeof value === 'number' && Number.isFinite(value)) out.push([prefix, value]);
  else if (typeof value === 'string' && /^-?\d{1,18}$/.test(value) && prefix !== '') out.push([prefix, Number(value)]);
  else if (Array.isArray(value)) value.slice(0, 10).forEach((child, i) => numericLeaves(child, `${prefix}.${i}`, out, depth + 1));
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) numericLeaves(child, prefix ? `${prefix}.${key}` : key, out, depth + 1);
  }
  return out;
}
