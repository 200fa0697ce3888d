// The version meta "reference/current" names, if any: `npm start` loads the
// sample only when no version is current, so restarts stay fast.

import type { Config } from '../common/config';
import { FAMILIES, META_QUALIFIERS, META_ROWS, metaTableName } from '../common/contract';
import { cellValue, HBaseStore, hbaseStoreOptions } from '../common/hbase';
import type { Logger } from '../common/log';

export async function currentReferenceVersion(config: Config, log: Logger): Promise<string | undefined> {
  const store = new HBaseStore(hbaseStoreOptions(config, log));
  try {
    const row = await store.get(metaTableName(config.hbase.namespace), Buffer.from(META_ROWS.referenceCurrent, 'utf8'), { families: [FAMILIES.meta] });
    return cellValue(row, FAMILIES.meta, META_QUALIFIERS.referenceVersion)?.toString('utf8');
  } finally {
    store.close();
  }
}
