// The floor of the benchmark's speed-view answers when read the way the API
// reads them now: hour and day buckets from the speed view's roll-ups
// (live_rollups), sums as planned by serving/views/speed-sum-plan.ts. Each
// returns the number of cells it read, the figure the roll-ups exist to cut.

import type { Config } from '../../common/config';
import { countScanRange, liveCountsTableName, liveRollupsTableName, type CountGranularity, type CountScope } from '../../common/contract';
import type { HBaseTables, Row } from '../../common/hbase';
import { planSpeedSum } from '../../serving/views/speed-sum-plan';

function scan(
  store: HBaseTables,
  config: Config,
  granularity: CountGranularity,
  scope: CountScope,
  location: bigint,
  fromMs: number,
  toMs: number,
): Promise<Row[]> {
  const table = granularity === 'minute' ? liveCountsTableName(config.hbase.namespace) : liveRollupsTableName(config.hbase.namespace);
  const { startRow, stopRow } = countScanRange(granularity, scope, location, fromMs, toMs);
  return store.scanAll(table, { start: startRow, stop: stopRow, caching: 1000 });
}

const cells = (rows: readonly Row[]): number => rows.reduce((n, row) => n + row.cells.length, 0);

export const rollupScenario = {
  /** Total counts in buckets of `granularity` ([fromMs, toMs) aligned to it). */
  async speedTotals(
    store: HBaseTables,
    config: Config,
    location: bigint,
    fromMs: number,
    toMs: number,
    granularity: CountGranularity,
  ): Promise<number> {
    return cells(await scan(store, config, granularity, 'total', location, fromMs, toMs));
  },
  /** Item sums over [fromMs, toMs) (minute-aligned) for a top-X. */
  async speedTop(store: HBaseTables, config: Config, location: bigint, fromMs: number, toMs: number): Promise<number> {
    const parts = await Promise.all(
      planSpeedSum(fromMs, toMs, Date.now()).map((read) => scan(store, config, read.granularity, 'item', location, read.fromMs, read.toMs)),
    );
    return parts.reduce((n, rows) => n + cells(rows), 0);
  },
  /** The same answers from minute rows, as the API read them before the roll-ups. */
  async minuteCells(
    store: HBaseTables,
    config: Config,
    scope: CountScope,
    location: bigint,
    fromMs: number,
    toMs: number,
  ): Promise<number> {
    return cells(await scan(store, config, 'minute', scope, location, fromMs, toMs));
  },
};
