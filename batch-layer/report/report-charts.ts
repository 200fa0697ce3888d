// The charts of report.html as inline SVG drawn here, on the server: the page
// stays one self-contained file with no script. Every bar is a
// <rect class="bar" data-value="..."> inside <svg class="chart"
// data-chart="<name>">, so a browser test can count the drawn bars and compare
// their values with the report's figures. Labels are HTML-escaped. Pure.

export type Bar = readonly [label: string, value: number];

const BLUE = '#4a7fb5';

/** Horizontal bars, one row per label: for categories (locations, items, reconcile figures). */
export function barChart(
  name: string,
  bars: readonly Bar[],
  options: { width?: number; labelWidth?: number; color?: string } = {},
): string {
  if (bars.length === 0) return `<p class="no-data" data-chart="${esc(name)}">(no data)</p>`;
  const max = Math.max(1, ...bars.map((b) => b[1]));
  const rowHeight = 22;
  const width = options.width ?? 760;
  const label = options.labelWidth ?? 260;
  const body = bars
    .map(([text, value], i) => {
      // A zero still gets a sliver, so every figure has a visible mark.
      const w = Math.max(2, Math.round(((width - label - 80) * value) / max));
      const y = i * rowHeight;
      const shown = text.length > 40 ? `${text.slice(0, 39)}…` : text;
      return `<text x="${label - 6}" y="${y + 15}" text-anchor="end">${esc(shown)}</text><rect class="bar" data-label="${esc(text)}" data-value="${value}" x="${label}" y="${y + 3}" width="${w}" height="${rowHeight - 6}" fill="${options.color ?? BLUE}"><title>${esc(text)}: ${value}</title></rect><text x="${label + w + 5}" y="${y + 15}">${value}</text>`;
    })
    .join('');
  return `<svg class="chart" data-chart="${esc(name)}" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${bars.length * rowHeight}" font-size="12" role="img">${body}</svg>`;
}

/** Vertical columns along an axis (the 24 hours of a day), with the maximum marked. */
export function columnChart(name: string, bars: readonly Bar[], options: { width?: number; height?: number } = {}): string {
  if (bars.length === 0) return `<p class="no-data" data-chart="${esc(name)}">(no data)</p>`;
  const width = options.width ?? 760;
  const height = options.height ?? 220;
  const left = 56;
  const bottom = 22;
  const top = 10;
  const plot = height - bottom - top;
  const max = Math.max(1, ...bars.map((b) => b[1]));
  const step = (width - left - 8) / bars.length;
  const body = bars
    .map(([text, value], i) => {
      const h = Math.max(2, Math.round((plot * value) / max));
      const x = left + i * step + 1;
      return `<rect class="bar" data-label="${esc(text)}" data-value="${value}" x="${x.toFixed(1)}" y="${top + plot - h}" width="${Math.max(1, step - 2).toFixed(1)}" height="${h}" fill="${BLUE}"><title>${esc(text)}: ${value}</title></rect><text x="${(x + step / 2 - 1).toFixed(1)}" y="${height - 6}" text-anchor="middle">${esc(text)}</text>`;
    })
    .join('');
  const axis = `<line x1="${left}" y1="${top + plot}" x2="${width - 8}" y2="${top + plot}" stroke="#888"/><line x1="${left}" y1="${top}" x2="${left}" y2="${top + plot}" stroke="#888"/><text x="${left - 6}" y="${top + 10}" text-anchor="end">${max}</text><text x="${left - 6}" y="${top + plot}" text-anchor="end">0</text>`;
  return `<svg class="chart" data-chart="${esc(name)}" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-size="11" role="img">${axis}${body}</svg>`;
}

export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
