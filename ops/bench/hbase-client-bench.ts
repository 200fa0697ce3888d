// `npm run bench:hbase-client`: what one HBaseStore (the patched
// hbase-rpc-client) does per second against the local HBase, without any layer
// code: multi-puts of rows with N cells, and mgets of the same rows. It is the
// ceiling of every layer that writes or reads HBase from Node, and the
// baseline for work on the client's encoding. Writes to a throwaway table.

import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, repoRoot } from '../../common/config';
import { HBaseStore, hbaseStoreOptions, type RowMutation } from '../../common/hbase';
import { createLogger } from '../../common/log';
import { formatTable } from '../cli/format-table';
import { parseFlags, numberFlag } from '../cli/parse-flags';
import { createHBaseAdmin } from '../stack/hbase-admin-tool';
import { stackLayout } from '../stack/stack-layout';

function rowsOf(count: number, cells: number, round: number): RowMutation[] {
  return Array.from({ length: count }, (_, i) => {
    const n = round * count + i;
    const row = Buffer.alloc(9);
    row[0] = n % 256;
    row.writeUInt32BE(n, 1);
    return { row, cells: Array.from({ length: cells }, (_, k) => ({ family: 'd', qualifier: `q${k}`, value: Buffer.from(`value-${n}-${k}`), timestamp: 1_700_000_000_000 + n })) };
  });
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2), ['rows', 'cells', 'rounds']);
  const rows = numberFlag(flags, 'rows', 10_000, (n) => Number.isInteger(n) && n > 0);
  const cells = numberFlag(flags, 'cells', 7, (n) => Number.isInteger(n) && n > 0);
  const rounds = numberFlag(flags, 'rounds', 3, (n) => Number.isInteger(n) && n > 0);
  const config = loadConfig();
  const log = createLogger('bench', config.logLevel);
  const admin = await createHBaseAdmin(stackLayout(config.home), config, log);
  const table = `${config.hbase.namespace}:bench_client_${process.pid}`;
  await admin.createTable(table, [{ name: 'd', versions: 1 }], [64, 128, 192].map((b) => Buffer.from([b])));
  const store = new HBaseStore(hbaseStoreOptions(config, log));
  const results: { round: number; putRowsPerS: number; putCellsPerS: number; mgetRowsPerS: number }[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      const batch = rowsOf(rows, cells, round);
      let started = performance.now();
      await store.puts(table, batch);
      const putMs = performance.now() - started;
      started = performance.now();
      await store.mget(table, batch.map((r) => r.row));
      const getMs = performance.now() - started;
      results.push({ round, putRowsPerS: Math.round((rows * 1000) / putMs), putCellsPerS: Math.round((rows * cells * 1000) / putMs), mgetRowsPerS: Math.round((rows * 1000) / getMs) });
    }
  } finally {
    store.close();
    await admin.deleteTables([table]);
  }
  console.log(`one HBaseStore, ${rows} rows x ${cells} cells per call, table pre-split in 4 regions`);
  console.log(formatTable(['round', 'puts rows/s', 'puts cells/s', 'mget rows/s'], results.map((r) => [String(r.round), String(r.putRowsPerS), String(r.putCellsPerS), String(r.mgetRowsPerS)])));
  const out = path.join(repoRoot, 'artifacts', 'bench-hbase-client.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), rows, cells, results }, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
