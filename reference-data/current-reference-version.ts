// The version meta "reference/current" names, if any: `npm start` loads the
// sample only when no version is current, so restarts stay fast.

import type { Config } from '../common/config';
import { HBaseStore, hbaseStoreOptions } from '../common/hbase';
import type { Logger } from '../common/log';
import { readReferenceVersion } from '../common/reference';

export async function currentReferenceVersion(config: Config, log: Logger): Promise<string | undefined> {
  const store = new HBaseStore(hbaseStoreOptions(config, log));
  try {
    return await readReferenceVersion(store, config.hbase.namespace);
  } finally {
    store.close();
  }
}
