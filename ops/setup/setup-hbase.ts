// Creates the HBase namespace and tables (pre-split, with TTLs) if missing,
// through HBase's own Admin API; existing tables are left as they are.

import type { Config } from '../../common/config';
import { hbaseTables } from '../../common/contract';
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
  return results.slice(1).map((result, i) => {
    const table = tables[i];
    const state = result.created === false || result.exists === true ? 'exists' : 'created';
    return `hbase table ${table?.name}: ${state}, ${(table?.splits.length ?? 0) + 1} regions requested`;
  });
}
