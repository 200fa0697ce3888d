// The floor of the benchmark: the same answers read straight from HBase with
// the contract codecs, no HTTP, no merge planning, no cache.

import type { Config } from '../../common/config';
import {
  BATCH_COUNT_QUALIFIER,
  batchViewsTableName,
  countScanRange,
  decodeBatchCount,
  decodeCountRowKey,
  liveCountsTableName,
  sumPartitionCounts,
  type CountGranularity,
  type CountScope,
} from '../../common/contract';
import type { HBaseTables, Row } from '../../common/hbase';

async function scan(
  store: HBaseTables,
  table: string,
  granularity: CountGranularity,
  scope: CountScope,
  location: bigint,
  fromMs: number,
  toMs: number,
): Promise<Row[]> {
  const { startRow, stopRow } = countScanRange(granularity, scope, location, fromMs, toMs);
  return store.scanAll(table, { start: startRow, stop: stopRow, caching: 1000 });
}

function top(counts: Map<string, bigint>): [string, bigint][] {
  return [...counts].sort((a, b) => (a[1] === b[1] ? (a[0] < b[0] ? -1 : 1) : a[1] > b[1] ? -1 : 1)).slice(0, 10);
}

export const directScenario = {
  async batchTotals(store: HBaseTables, config: Config, location: bigint, fromMs: number, toMs: number): Promise<bigint[]> {
    const rows = await scan(store, batchViewsTableName(config.hbase.namespace), 'hour', 'total', location, fromMs, toMs);
    return rows.map((r) => decodeBatchCount(r.cells.find((c) => c.qualifier === BATCH_COUNT_QUALIFIER)!.value));
  },
  async speedTotals(store: HBaseTables, config: Config, location: bigint, fromMs: number, toMs: number): Promise<bigint[]> {
    const rows = await scan(store, liveCountsTableName(config.hbase.namespace), 'minute', 'total', location, fromMs, toMs);
    return rows.map((r) => sumPartitionCounts(r.cells.map((c) => c.value)));
  },
  async batchTop(store: HBaseTables, config: Config, location: bigint, fromMs: number, toMs: number): Promise<[string, bigint][]> {
    const counts = new Map<string, bigint>();
    for (const r of await scan(store, batchViewsTableName(config.hbase.namespace), 'hour', 'item', location, fromMs, toMs)) {
      const item = decodeCountRowKey(r.key).itemName;
      counts.set(item, (counts.get(item) ?? 0n) + decodeBatchCount(r.cells.find((c) => c.qualifier === BATCH_COUNT_QUALIFIER)!.value));
    }
    return top(counts);
  },
  async speedTop(store: HBaseTables, config: Config, location: bigint, fromMs: number, toMs: number): Promise<[string, bigint][]> {
    const counts = new Map<string, bigint>();
    for (const r of await scan(store, liveCountsTableName(config.hbase.namespace), 'minute', 'item', location, fromMs, toMs)) {
      const item = decodeCountRowKey(r.key).itemName;
      counts.set(item, (counts.get(item) ?? 0n) + sumPartitionCounts(r.cells.map((c) => c.value)));
    }
    return top(counts);
  },
};
