// HBase is ready when a client finds hbase:meta through ZooKeeper and reads a
// row of it from the region server: a real round trip, not an open port.

import type { Config } from '../../../common/config';
import { HBaseStore, hbaseStoreOptions } from '../../../common/hbase';
import { StackError } from '../../../common/errors';

export async function probeHBaseMeta(config: Config): Promise<string> {
  const store = new HBaseStore({ ...hbaseStoreOptions(config), callTimeoutMs: 3000, readyTimeoutMs: 3000, maxActionRetries: 0 });
  try {
    const rows = await store.scanAll('hbase:meta', { limit: 1 });
    if (rows.length === 0) throw new StackError('hbase:meta has no rows yet');
    return 'hbase:meta online';
  } finally {
    store.close();
  }
}
