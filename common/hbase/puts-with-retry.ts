// HBase writes of the batch through the project's one retry loop: a busy
// region server answers CallQueueTooBigException (retriable) and the batch
// should wait it out rather than fail a night's run. Puts are idempotent here
// (same cells, same timestamps), so a retry is safe.

import type { HBaseTables } from './hbase-tables';
import type { RowMutation } from './hbase-types';
import { retry } from '../retry';

export function putsWithRetry(hbase: HBaseTables, table: string, mutations: readonly RowMutation[]): Promise<void> {
  return retry(() => hbase.puts(table, mutations), { retries: 10, initialDelayMs: 200, maxDelayMs: 10_000 });
}
