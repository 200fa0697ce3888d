// report.csv: one "section,key,value" line per figure, then the top-X rows, so
// a spreadsheet opens it as is. Pure; written by the shared CSV writer
// (common/csv), which neutralises formulas in item and location names.

import { csvLine, type CsvValue } from '../../common/csv';
import type { DayReport } from './day-report';

export function reportCsv(report: DayReport): string {
  const lines: CsvValue[][] = [['section', 'key', 'value']];
  const add = (section: string, key: string, value: CsvValue): void => void lines.push([section, key, value]);
  add('run', 'day', report.day);
  add('run', 'run_id', report.runId);
  add('run', 'started_at', report.startedAt);
  add('run', 'duration_ms', report.durationMs);
  for (const [phase, ms] of Object.entries(report.phasesMs)) {
    // The SQL engines' phase is split in three (staging, engine, read): one line each.
    if (typeof ms === 'number') add('run', `${phase}_ms`, ms);
    else for (const [part, partMs] of Object.entries(ms)) add('run', `${phase}_${part}_ms`, partMs);
  }
  add('run', 'reference_version', report.referenceVersion);
  add('run', 'recompaction', report.recompaction);
  add('run', 'landing_files', report.landingFiles);
  for (const [key, value] of Object.entries(report.totals)) add('totals', snake(key), value);
  const rows = report.reconciliation.detectionRows;
  if (rows.skipped !== undefined) add('reconciliation', 'detection_rows', `skipped: ${rows.skipped}`);
  else {
    add('reconciliation', 'hbase_detection_rows', rows.hbaseRows);
    add('reconciliation', 'rows_repaired', rows.repaired);
    add('reconciliation', 'rows_only_in_hbase', rows.hbaseOnly);
    add('reconciliation', 'rows_repaired_but_masked_by_delete_markers', rows.masked);
  }
  const counts = report.reconciliation.liveCounts;
  if (counts.skipped !== undefined) add('reconciliation', 'live_counts', `skipped: ${counts.skipped}`);
  else {
    add('reconciliation', 'live_count_cells_checked', counts.cellsChecked);
    add('reconciliation', 'live_count_cells_corrected', counts.cellsCorrected);
    if (counts.rollups) {
      add('reconciliation', 'live_rollup_cells_checked', counts.rollups.cellsChecked);
      add('reconciliation', 'live_rollup_cells_corrected', counts.rollups.cellsCorrected);
    }
  }
  add('quality', 'quarantined_files', report.quarantinedFiles.length);
  const out = lines.map(csvLine);
  out.push('', csvLine(['geographical_location', 'item_rank', 'item_name', 'geographical_location_oid', 'item_count']));
  for (const t of report.topItems)
    out.push(csvLine([t.geographical_location ?? '', t.item_rank, t.item_name, t.geographical_location_oid, t.item_count]));
  return out.join('\n') + '\n';
}

function snake(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
