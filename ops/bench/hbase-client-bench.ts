// `npm run bench:hbase-client [-- --rows N --cells N --rounds N --pe-rows N]` (--help
// lists them): what one HBaseStore does per second against the local
// HBase, without any layer code, with each client in the same run: the legacy
// hbase-rpc-client path (HBASE_CLIENT=legacy) and the project's own native path
// (HBASE_CLIENT=native): multi-puts of rows with N cells, mgets of the same rows and a
// full scan of them, in rows/s and cells/s; and HBase's PerformanceEvaluation
// randomWrite as the ceiling. It is the ceiling of every layer that writes or reads
// HBase from Node. Writes to a throwaway table.
//
// JSON (artifacts/bench-hbase-client.json): `results` holds the default client's rounds
// (native unless HBASE_CLIENT says otherwise), `clients` each client's rounds and
// medians, `peRandomWrite` the PE figure (skip it with --pe-rows 0).

import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, repoRoot } from '../../common/config';
import { HBaseStore, hbaseStoreOptions, type RowMutation } from '../../common/hbase';
import { createLogger } from '../../common/log';
import { formatTable } from '../cli/format-table';
import { isPositiveInteger, isWholeNumber, type Flags, type FlagSpec } from '../cli/parse-flags';
import { createHBaseAdmin } from '../stack/hbase-admin-tool';
import { stackLayout } from '../stack/stack-layout';
import { hbaseRandomWriteCeiling, type Ceiling } from './ceilings';
import { UtopiaError } from '../../common/errors';
import { runBench } from './run-bench';

type ClientKind = 'legacy' | 'native';

interface RoundResult {
  round: number;
  putRowsPerS: number;
  putCellsPerS: number;
  mgetRowsPerS: number;
  mgetCellsPerS: number;
  scanRowsPerS: number;
  scanCellsPerS: number;
}

function rowsOf(count: number, cells: number, round: number): RowMutation[] {
  return Array.from({ length: count }, (_, i) => {
    const n = round * count + i;
    const row = Buffer.alloc(9);
    row[0] = n % 256;
    row.writeUInt32BE(n, 1);
    return {
      row,
      cells: Array.from({ length: cells }, (_, k) => ({
        family: 'd',
        qualifier: `q${k}`,
        value: Buffer.from(`value-${n}-${k}`),
        timestamp: 1_700_000_000_000 + n,
      })),
    };
  });
}

const perS = (count: number, ms: number): number => Math.round((count * 1000) / ms);

async function runClient(
  kind: ClientKind,
  table: string,
  rows: number,
  cells: number,
  rounds: number,
  base: number,
): Promise<RoundResult[]> {
  const config = loadConfig();
  const store = new HBaseStore({ ...hbaseStoreOptions(config, createLogger('bench', config.logLevel)), client: kind });
  const results: RoundResult[] = [];
  try {
    await store.ready();
    for (let round = 0; round < rounds; round++) {
      const batch = rowsOf(rows, cells, base + round);
      let started = performance.now();
      await store.puts(table, batch);
      const putMs = performance.now() - started;
      started = performance.now();
      const got = await store.mget(
        table,
        batch.map((r) => r.row),
      );
      const getMs = performance.now() - started;
      if (got.some((row) => row === null || row.cells.length !== cells)) throw new UtopiaError(`${kind} mget lost cells`);
      // The round's rows are spread over the whole key space; scan them all (earlier rounds' too).
      started = performance.now();
      let scanned = 0;
      let scannedCells = 0;
      for await (const row of store.scan(table, { caching: 2000 })) {
        scanned++;
        scannedCells += row.cells.length;
      }
      const scanMs = performance.now() - started;
      results.push({
        round,
        putRowsPerS: perS(rows, putMs),
        putCellsPerS: perS(rows * cells, putMs),
        mgetRowsPerS: perS(rows, getMs),
        mgetCellsPerS: perS(rows * cells, getMs),
        scanRowsPerS: perS(scanned, scanMs),
        scanCellsPerS: perS(scannedCells, scanMs),
      });
    }
  } finally {
    store.close();
  }
  return results;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function medians(results: RoundResult[]): Omit<RoundResult, 'round'> {
  const of = (key: keyof RoundResult): number => median(results.map((r) => r[key]));
  return {
    putRowsPerS: of('putRowsPerS'),
    putCellsPerS: of('putCellsPerS'),
    mgetRowsPerS: of('mgetRowsPerS'),
    mgetCellsPerS: of('mgetCellsPerS'),
    scanRowsPerS: of('scanRowsPerS'),
    scanCellsPerS: of('scanCellsPerS'),
  };
}

const FLAGS: FlagSpec = {
  command: 'npm run bench:hbase-client --',
  about:
    'puts, multi-gets and scans of one HBaseStore per client (legacy, native), with HBase PE; writes artifacts/bench-hbase-client.json',
  flags: [
    { name: 'rows', value: 'N', default: 10_000, about: 'rows per call' },
    { name: 'cells', value: 'N', default: 7, about: 'cells per row' },
    { name: 'rounds', value: 'N', default: 3, about: 'rounds per client' },
    { name: 'pe-rows', value: 'N', default: 100_000, about: 'rows of the HBase PerformanceEvaluation randomWrite ceiling (0 skips it)' },
  ],
};

async function main(flags: Flags): Promise<void> {
  const rows = flags.number('rows', isPositiveInteger);
  const cells = flags.number('cells', isPositiveInteger);
  const rounds = flags.number('rounds', isPositiveInteger);
  const peRows = flags.number('pe-rows', isWholeNumber);
  const config = loadConfig();
  const log = createLogger('bench', config.logLevel);
  const admin = await createHBaseAdmin(stackLayout(config.home), config, log);
  const splits = [64, 128, 192].map((b) => Buffer.from([b]));
  const tables: Record<ClientKind, string> = {
    legacy: `${config.hbase.namespace}:bench_client_${process.pid}_legacy`,
    native: `${config.hbase.namespace}:bench_client_${process.pid}_native`,
  };
  const clients: Partial<Record<ClientKind, { results: RoundResult[]; median: Omit<RoundResult, 'round'> }>> = {};
  let peRandomWrite: Ceiling | undefined;
  try {
    for (const kind of ['legacy', 'native'] as const) {
      await admin.createTable(tables[kind], [{ name: 'd', versions: 1 }], splits);
      const results = await runClient(kind, tables[kind], rows, cells, rounds, 0);
      clients[kind] = { results, median: medians(results) };
    }
    if (peRows > 0) peRandomWrite = await hbaseRandomWriteCeiling(config, peRows, log);
  } finally {
    await admin.deleteTables(Object.values(tables));
  }
  console.log(
    `one HBaseStore per client, ${rows} rows x ${cells} cells per call, table pre-split in 4 regions; scans read every row written so far`,
  );
  const line = (kind: ClientKind, r: RoundResult): string[] => [
    kind,
    String(r.round),
    ...[r.putRowsPerS, r.putCellsPerS, r.mgetRowsPerS, r.mgetCellsPerS, r.scanRowsPerS, r.scanCellsPerS].map(String),
  ];
  console.log(
    formatTable(
      ['client', 'round', 'puts rows/s', 'puts cells/s', 'mget rows/s', 'mget cells/s', 'scan rows/s', 'scan cells/s'],
      (['legacy', 'native'] as const).flatMap((kind) => (clients[kind]?.results ?? []).map((r) => line(kind, r))),
    ),
  );
  if (peRandomWrite) console.log(`HBase PE randomWrite: ${peRandomWrite.eventsPerSecond ?? 'n/a'} rows/s (${peRandomWrite.note})`);
  const out = path.join(repoRoot, 'artifacts', 'bench-hbase-client.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const defaultKind: ClientKind = config.hbase.client;
  fs.writeFileSync(
    out,
    JSON.stringify(
      {
        at: new Date().toISOString(),
        rows,
        cells,
        results: (clients[defaultKind]?.results ?? []).map(({ round, putRowsPerS, putCellsPerS, mgetRowsPerS }) => ({
          round,
          putRowsPerS,
          putCellsPerS,
          mgetRowsPerS,
        })),
        defaultClient: defaultKind,
        clients,
        peRandomWrite: peRandomWrite ?? null,
      },
      null,
      2,
    ),
  );
  console.log(`written ${out}`);
}

void runBench('hbase-client', FLAGS, main);
