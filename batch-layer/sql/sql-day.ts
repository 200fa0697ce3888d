// One day through a SQL engine: stage the inputs, run the job, read its
// outputs back with the project's Parquet reader. The warehouse rows go to
// `onRows` (the batch spills them by oid bucket and carries on as with its own
// compaction); the top-X rows and totals come back for the views and report.
// The staging is removed whatever happens; nothing here touches the warehouse.

import { dayRange } from '../../common/contract';
import type { Logger } from '../../common/log';
import { openParquet } from '../../common/parquet';
import { DecodedColumns, warehouseRowsOf } from '../schema/decoded-columns';
import type { WarehouseRow } from '../schema/warehouse-schema';
import type { TopItem } from '../schema/top-x';
import { dayJobStatements } from './day-job';
import { stageDay, type StageInput } from './day-staging';
import type { SqlEngine } from './sql-engine';
import { SqlEngineError } from './sql-errors';

export interface SqlDayTotals {
  /** Distinct Kafka messages among the inputs (a message read twice counts once). */
  readonly messages: number;
  readonly detections: number;
  readonly lateEvents: number;
  readonly unknownLocationEvents: number;
  readonly locations: number;
  readonly items: number;
  /** Rows of the earlier warehouse partition merged in. */
  readonly warehouseRowsRead: number;
}

export interface SqlDayResult {
  readonly engine: 'duckdb' | 'spark';
  /** Epoch ms when the day's staging began: the day's report counts from here. */
  readonly startedAt: number;
  readonly totals: SqlDayTotals;
  readonly topItems: TopItem[];
  /** Milliseconds: staging, the engine's job, reading the outputs back. */
  readonly phasesMs: { readonly staging: number; readonly engine: number; readonly read: number };
}

/** What staging needs (its `io` comes from the engine), plus the engine, X and a log. */
export interface SqlDayInput extends Omit<StageInput, 'io'> {
  readonly engine: SqlEngine;
  readonly topX: number;
  readonly log: Logger;
}

export async function runSqlDay(input: SqlDayInput, onRows: (rows: WarehouseRow[]) => void): Promise<SqlDayResult> {
  const { engine, log } = input;
  const t0 = Date.now();
  const staged = await stageDay({ ...input, io: engine.io });
  try {
    const t1 = Date.now();
    log.info(
      `${engine.name}: ${input.landingPaths.length} landing file(s)${input.withPrevious ? ' and the earlier warehouse partition' : ''} staged (${engine.io}) in ${t1 - t0} ms`,
    );
    const fileUri = (p: string): string => (engine.name === 'spark' && engine.io === 'local' ? `file://${p}` : p);
    const source = (s: { files: readonly string[] }) => ({ files: s.files.map(fileUri) });
    const { startMs, endMs } = dayRange(input.day);
    const { sources } = staged;
    const statements = dayJobStatements(engine.name, {
      landing: source(sources.landing),
      previous: source(sources.previous),
      reference: source(sources.reference),
      startMs,
      endMs,
      topX: input.topX,
      out: { warehouse: fileUri(sources.out.warehouse), topItems: fileUri(sources.out.topItems), totals: fileUri(sources.out.totals) },
    });
    await engine.run(statements, log);
    const t2 = Date.now();
    let rows = 0;
    for (const file of await staged.outputFiles('warehouse')) rows += await forEachGroup(file, (c) => onRows(warehouseRowsOf(c)));
    const topItems: TopItem[] = [];
    for (const file of await staged.outputFiles('topItems')) await forEachGroup(file, (c) => topItems.push(...topRows(c)));
    const totalRows: SqlDayTotals[] = [];
    for (const file of await staged.outputFiles('totals')) await forEachGroup(file, (c) => totalRows.push(...totalsRows(c)));
    if (totalRows.length !== 1) throw new SqlEngineError(`${engine.name}: the totals output holds ${totalRows.length} rows, expected 1`);
    const totals = totalRows[0] as SqlDayTotals;
    if (totals.detections !== rows)
      throw new SqlEngineError(`${engine.name}: ${rows} warehouse rows written but the totals count ${totals.detections}`);
    topItems.sort((a, b) => (a.locationOid < b.locationOid ? -1 : a.locationOid > b.locationOid ? 1 : a.rank - b.rank));
    const t3 = Date.now();
    log.info(
      `${engine.name}: ${rows} detections of ${totals.messages} messages, ${topItems.length} top-X rows; job ${t2 - t1} ms, read back ${t3 - t2} ms`,
    );
    return { engine: engine.name, startedAt: t0, totals, topItems, phasesMs: { staging: t1 - t0, engine: t2 - t1, read: t3 - t2 } };
  } finally {
    await staged.remove();
  }
}

async function forEachGroup(file: { name: string; bytes: Buffer }, onGroup: (columns: DecodedColumns) => void): Promise<number> {
  const parquet = await openParquet(file.bytes, file.name);
  let total = 0;
  try {
    for (let g = 0; g < parquet.footer.rowGroups.length; g++) {
      const n = parquet.footer.rowGroups[g]!.numRows;
      onGroup(new DecodedColumns(await parquet.readRowGroup(g), n, (message) => new SqlEngineError(`SQL output: ${message}`)));
      total += n;
    }
  } finally {
    await parquet.close();
  }
  return total;
}

function topRows(c: DecodedColumns): TopItem[] {
  const name = c.column('geographical_location');
  const rank = c.column('item_rank');
  const item = c.column('item_name');
  const loc = c.column('geographical_location_oid');
  const count = c.column('item_count');
  const rows: TopItem[] = [];
  for (let i = 0; i < c.rows; i++) {
    rows.push({
      locationOid: c.int64(loc, i, 'geographical_location_oid'),
      locationName: c.optionalText(name, i, 'geographical_location'),
      rank: c.number(rank, i, 'item_rank'),
      itemName: c.text(item, i, 'item_name'),
      count: c.number(count, i, 'item_count'),
    });
  }
  return rows;
}

function totalsRows(c: DecodedColumns): SqlDayTotals[] {
  const names = ['messages', 'detections', 'late_events', 'unknown_location_events', 'locations', 'items', 'warehouse_rows_read'];
  const cols = names.map((name) => c.column(name));
  const rows: SqlDayTotals[] = [];
  for (let i = 0; i < c.rows; i++) {
    const [messages, detections, lateEvents, unknownLocationEvents, locations, items, warehouseRowsRead] = cols.map((col, j) =>
      c.number(col, i, names[j]!),
    );
    rows.push({
      messages: messages!,
      detections: detections!,
      lateEvents: lateEvents!,
      unknownLocationEvents: unknownLocationEvents!,
      locations: locations!,
      items: items!,
      warehouseRowsRead: warehouseRowsRead!,
    });
  }
  return rows;
}
