// HBase is ready when a client finds hbase:meta through ZooKeeper and reads a
// row of it from the region server: a real round trip, not an open port.
// TEMPORARY: raw client until common/hbase lands.

import type { Config } from '../../../common/config';

export async function probeHBaseMeta(config: Config): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const hbase = require('hbase-rpc-client');
  const client = hbase({
    zookeeperHosts: config.hbase.zookeeperQuorum.map((q) => `${q.host}:${q.port}`),
    zookeeperRoot: config.hbase.zookeeperRoot,
    rpcTimeout: 3000,
    callTimeout: 3000,
    realUser: config.hbase.user,
    effectiveUser: config.hbase.user,
  });
  client.on('error', () => undefined);
  try {
    const row = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no answer from HBase within 5 s')), 5000);
      client.getScanner('hbase:meta').next((err: Error | null, r: unknown) => {
        clearTimeout(timer);
        if (err) reject(err);
        else resolve(r);
      });
    });
    if (!row) throw new Error('hbase:meta is empty');
    return 'hbase:meta online';
  } finally {
    client.zk?.close?.();
  }
}
