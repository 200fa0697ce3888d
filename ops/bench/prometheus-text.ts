// Reading figures back from a Prometheus text exposition (a child's /metrics),
// so a benchmark can say where a child's time and memory went without a
// Prometheus server.

/** The value of an unlabelled gauge (or the first series of it); undefined when absent. */
export function gaugeValue(text: string, name: string): number | undefined {
  const match = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text);
  return match ? Number(match[1]) : undefined;
}

/** The value of the series `name{label="value"}` (one label), undefined when absent. */
export function seriesValue(text: string, name: string, label: string, value: string): number | undefined {
  const prefix = `${name}{${label}="${value}"} `;
  const line = text.split('\n').find((l) => l.startsWith(prefix));
  return line === undefined ? undefined : Number(line.slice(prefix.length));
}

export interface HistogramFigure {
  readonly count: number;
  /** Mean of the observations, in the histogram's unit. */
  readonly mean: number;
}

/** Count and mean of every series of a histogram, keyed by its labels as written ("" for none). */
export function histogramFigures(text: string, name: string): Map<string, HistogramFigure> {
  const sums = new Map<string, number>();
  const counts = new Map<string, number>();
  const line = new RegExp(`^${name}_(sum|count)(?:\\{([^}]*)\\})? (\\S+)$`, 'gm');
  for (const match of text.matchAll(line)) {
    const labels = match[2] ?? '';
    (match[1] === 'sum' ? sums : counts).set(labels, Number(match[3]));
  }
  const out = new Map<string, HistogramFigure>();
  for (const [labels, count] of counts) out.set(labels, { count, mean: count > 0 ? (sums.get(labels) ?? 0) / count : 0 });
  return out;
}
