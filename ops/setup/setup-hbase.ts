// Creates the HBase namespace and tables (pre-split, with TTLs) if missing,
// through HBase's own Admin API; existing tables are left as they are. Count
// tables created here start empty: their count horizon's base says so
// (common/contract/count-horizon.ts), and the speed layer reads none of their
// cells until it has written them.

import type { Config } from '../../common/config';
import {
  COUNT_HORIZON_BASE_QUALIFIER,
  countHorizonPut,
  EMPTY_TABLES_HORIZON_MS,
  hbaseTables,
  liveCountsTableName,
  liveRollupsTableName,
  metaTableName,
} from '../../common/contract';
import { HBaseStore, hbaseStoreOptions } from '../../common/hbase';
import type { AdminOperation } from '../stack/hbase-admin';
import type { Logger } from '../../common/log';
import { createHBaseAdmin } from '../stack/hbase-admin-tool';
import { stackLayout } from '../stack/stack-layout';

export async function setupHBase(config: Config, log: Logger): Promise<string[]> {
  const admin = await createHBaseAdmin(stackLayout(config.home), config, log);
  const tables = hbaseTables(config.hbase.namespace, config.hbase.regions);
  const operations: AdminOperation[] = [
    { op: 'createNamespace', namespace: config.hbase.namespace },
    ...tables.map((t) => ({
      op: 'createTable' as const,
      table: t.name,
      families: t.families.map((f) => ({
        name: f.name,
        versions: f.versions,
        ...((f.ttlSeconds ?? 0) > 0 ? { ttlSeconds: f.ttlSeconds } : {}),
      })),
      splits: t.splits.map((split) => split.toString('hex')),
    })),
  ];
  const results = await admin.runOrThrow(operations);
  const created = new Set<string>();
  const lines = results.slice(1).map((result, i) => {
    const table = tables[i];
    const state = result.created === false || result.exists === true ? 'exists' : 'created';
    if (table && state === 'created') created.add(table.name);
    return `hbase table ${table?.name}: ${state}, ${(table?.splits.length ?? 0) + 1} regions requested`;
  });
  const ns = config.hbase.namespace;
  if (created.has(liveCountsTableName(ns)) && created.has(liveRollupsTableName(ns))) {
    await markCountTablesEmpty(config, metaTableName(ns));
    lines.push('hbase count horizon: base set (count tables created empty)');
  }
  return lines;
}

async function markCountTablesEmpty(config: Config, metaTable: string): Promise<void> {
  const store = new HBaseStore(hbaseStoreOptions(config));
  try {
    await store.put(metaTable, countHorizonPut([[COUNT_HORIZON_BASE_QUALIFIER, EMPTY_TABLES_HORIZON_MS]]));
  } finally {
    store.close();
  }
}
