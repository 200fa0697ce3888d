// The floor of the benchmark: the same answers read straight from HBase through
// the API's own view reader (HBaseCountViews: the contract codecs), with no
// HTTP, no merge planning and no cache.

import type { Config } from '../../common/config';
import type { HBaseTables } from '../../common/hbase';
import { HBaseCountViews, type CountRow } from '../../serving/views/count-views';

function top(rows: readonly CountRow[]): [string, bigint][] {
  const counts = new Map<string, bigint>();
  for (const row of rows) counts.set(row.itemName, (counts.get(row.itemName) ?? 0n) + row.count);
  return [...counts].sort((a, b) => (a[1] === b[1] ? (a[0] < b[0] ? -1 : 1) : a[1] > b[1] ? -1 : 1)).slice(0, 10);
}

const views = (store: HBaseTables, config: Config): HBaseCountViews => new HBaseCountViews(store, config.hbase.namespace);

export const directScenario = {
  async batchTotals(store: HBaseTables, config: Config, location: bigint, fromMs: number, toMs: number): Promise<bigint[]> {
    return (await views(store, config).batchRows('total', location, fromMs, toMs)).map((row) => row.count);
  },
  async speedTotals(store: HBaseTables, config: Config, location: bigint, fromMs: number, toMs: number): Promise<bigint[]> {
    return (await views(store, config).speedRows('total', location, fromMs, toMs)).map((row) => row.count);
  },
  async batchTop(store: HBaseTables, config: Config, location: bigint, fromMs: number, toMs: number): Promise<[string, bigint][]> {
    return top(await views(store, config).batchRows('item', location, fromMs, toMs));
  },
  async speedTop(store: HBaseTables, config: Config, location: bigint, fromMs: number, toMs: number): Promise<[string, bigint][]> {
    return top(await views(store, config).speedRows('item', location, fromMs, toMs));
  },
};
