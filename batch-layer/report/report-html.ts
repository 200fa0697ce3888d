// report.html: one self-contained page (inline CSS and SVG, no scripts, no
// build step) with the day's figures and charts (events per hour, events per
// location, the top items of the busiest locations, reconcile differences;
// report-charts.ts) and the top-X tables. Every text from the data is
// HTML-escaped. Pure.

import type { DayReport, ReportTopItem } from './day-report';
import { barChart, columnChart, esc, type Bar } from './report-charts';

/** Locations given their own top-items chart: the busiest ones (all are in the tables below). */
export const CHARTED_LOCATIONS = 12;

export function reportHtml(report: DayReport): string {
  const t = report.totals;
  const rows = report.reconciliation.detectionRows;
  const counts = report.reconciliation.liveCounts;
  const byLocation = groupTop(report.topItems);
  const figures: [string, string | number][] = [
    ['Distinct detections', t.uniqueDetections],
    ['Landed rows', t.landedRows],
    ['Duplicates dropped', t.duplicatesDropped],
    ['Late events', t.lateEvents],
    ['Invalid events', t.invalidEvents],
    ['Unknown location', t.unknownLocationEvents],
    ['Locations', t.locations],
    ['Items', t.items],
    ['Run time', `${(report.durationMs / 1000).toFixed(1)} s`],
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Utopia detections: ${esc(report.day)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;color:#222;max-width:1100px}h1{font-size:1.5em}table{border-collapse:collapse;margin:.5em 0 1.5em}
td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}th{background:#f3f3f3}.num{text-align:right}.grid{display:flex;flex-wrap:wrap;gap:1em}
.card{border:1px solid #ddd;border-radius:6px;padding:.6em 1em;min-width:9em}.card b{display:block;font-size:1.4em}.warn{color:#a40}.top-chart h3{font-size:1em;margin:.4em 0}</style></head><body>
<h1>Nightly report for ${esc(report.day)} (UTC)</h1>
<p>Run ${esc(report.runId)}, started ${esc(report.startedAt)}; reference data version ${esc(report.referenceVersion)}${report.recompaction ? '; <b>recompaction</b> of a day compacted before' : ''}.</p>
<div class="grid">${figures.map(([k, v]) => `<div class="card">${esc(k)}<b>${esc(String(v))}</b></div>`).join('')}</div>
${report.quarantinedFiles.length > 0 ? `<p class="warn">Quarantined landing files: ${report.quarantinedFiles.map(esc).join(', ')}</p>` : ''}
<h2>Events per hour (UTC)</h2>${
    report.eventsPerHour
      ? columnChart(
          'events-per-hour',
          report.eventsPerHour.map((n, h) => [String(h).padStart(2, '0'), n] as Bar),
        )
      : '<p class="no-data">(not recorded for this run)</p>'
  }
<h2>Events and duplicates</h2>${barChart('events', [
    ['distinct', t.uniqueDetections],
    ['duplicates', t.duplicatesDropped],
    ['late', t.lateEvents],
    ['invalid', t.invalidEvents],
  ])}
<h2>Detections per location (sum of its top-${report.topX})</h2>${barChart('per-location', locationTotals(byLocation).slice(0, 25))}
<h2>Top ${report.topX} items of the ${Math.min(CHARTED_LOCATIONS, byLocation.size)} busiest locations</h2>
<div class="grid">${locationTotals(byLocation)
    .slice(0, CHARTED_LOCATIONS)
    .map(
      ([name]) =>
        `<div class="top-chart"><h3>${esc(name)}</h3>${barChart(
          `top-items:${name}`,
          (byLocation.get(name) ?? []).map((i) => [i.item_name, i.item_count] as Bar),
          { width: 520, labelWidth: 170 },
        )}</div>`,
    )
    .join('\n')}</div>
<h2>Reconciliation with HBase</h2>${reconcileChart(report)}<table><tr><th>figure</th><th>value</th></tr>
${rows.skipped !== undefined ? `<tr><td>detection rows</td><td>skipped: ${esc(rows.skipped)}</td></tr>` : `<tr><td>HBase detection rows</td><td class="num">${rows.hbaseRows}</td></tr><tr><td>rows repaired (missed by the speed layer)</td><td class="num">${rows.repaired}</td></tr><tr><td>rows only in HBase</td><td class="num">${rows.hbaseOnly}</td></tr><tr><td>repairs masked by delete markers (stick after a major compaction)</td><td class="num">${rows.masked}</td></tr>`}
${counts.skipped !== undefined ? `<tr><td>live counts</td><td>skipped: ${esc(counts.skipped)}</td></tr>` : `<tr><td>live count cells checked</td><td class="num">${counts.cellsChecked}</td></tr><tr><td>live count cells corrected</td><td class="num">${counts.cellsCorrected}</td></tr>${counts.rollups ? `<tr><td>live roll-up cells (hours, days) checked</td><td class="num">${counts.rollups.cellsChecked}</td></tr><tr><td>live roll-up cells corrected</td><td class="num">${counts.rollups.cellsCorrected}</td></tr>` : ''}`}
</table>
${rows.skipped === undefined && rows.repairedOids.length > 0 ? `<p>Repaired detection_oid: ${rows.repairedOids.slice(0, 50).map(esc).join(', ')}${rows.repaired > 50 ? ' …' : ''}</p>` : ''}
${rows.skipped === undefined && rows.hbaseOnlyOids.length > 0 ? `<p>Only in HBase: ${rows.hbaseOnlyOids.slice(0, 50).map(esc).join(', ')}${rows.hbaseOnly > 50 ? ' …' : ''}</p>` : ''}
<h2>Top ${report.topX} items per location</h2>
${[...byLocation].map(([name, items]) => `<h3>${esc(name)}</h3><table><tr><th>rank</th><th>item</th><th>count</th></tr>${items.map((i) => `<tr><td class="num">${i.item_rank}</td><td>${esc(i.item_name)}</td><td class="num">${i.item_count}</td></tr>`).join('')}</table>`).join('\n')}
</body></html>
`;
}

function groupTop(items: readonly ReportTopItem[]): Map<string, ReportTopItem[]> {
  const groups = new Map<string, ReportTopItem[]>();
  for (const item of items) {
    const key = `${item.geographical_location ?? '(unknown)'} [${item.geographical_location_oid}]`;
    const list = groups.get(key) ?? [];
    list.push(item);
    groups.set(key, list);
  }
  return groups;
}

/** Each location's sum of its top items, largest first. */
function locationTotals(byLocation: ReadonlyMap<string, ReportTopItem[]>): Bar[] {
  return [...byLocation].map(([name, items]) => [name, items.reduce((s, i) => s + i.item_count, 0)] as Bar).sort((a, b) => b[1] - a[1]);
}

/** What the reconciliation found and repaired, as bars (the table below has the same figures). */
function reconcileChart(report: DayReport): string {
  const rows = report.reconciliation.detectionRows;
  const counts = report.reconciliation.liveCounts;
  const bars: Bar[] = [];
  if (rows.skipped === undefined)
    bars.push(['rows repaired', rows.repaired], ['rows only in HBase', rows.hbaseOnly], ['repairs masked', rows.masked]);
  if (counts.skipped === undefined) bars.push(['count cells corrected', counts.cellsCorrected]);
  return bars.length > 0 ? barChart('reconcile', bars, { color: '#b5674a' }) : '<p class="no-data">(reconciliation skipped)</p>';
}
