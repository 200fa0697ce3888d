// The engine comparison of `npm run bench:batch`: the same closed day
// compacted from the same landing files by each engine (node, duckdb, spark
// local[2]), one `utopia batch run --date D --engine E` each, its warehouse
// partition removed before each run so every engine does a first compaction
// (the landing index is already built, so no run pays for indexing). Peak RSS
// is the largest sum over the CLI process and its children (Spark's JVM).
// Outputs are compared: report totals, top-X and an order-free digest of the
// warehouse rows (and of each column, to name the one that differs) must equal
// the first engine's (node's).

import crypto from 'node:crypto';
import type { Config } from '../../common/config';
import { REPORT_FILES, reportsDayDir, warehouseDayDir } from '../../common/contract';
import type { HdfsStore } from '../../common/hdfs';
import { openParquet } from '../../common/parquet';
import type { DayReport } from '../../batch-layer';
import { measureProcess } from './measure-process';

export interface EngineRun {
  readonly engine: string;
  readonly totalMs: number;
  readonly peakRssMiB: number;
  readonly rowsPerS: number;
  readonly compactionMs: number;
  readonly sqlPhasesMs: unknown;
  readonly identicalToNode: boolean;
  readonly digest: string;
  readonly error?: string;
  /** The batch CLI process alone (VmHWM); peakRssMiB adds its children. */
  readonly rootPeakRssMiB?: number;
  /** The report's phases: compaction, views and reconciliation (HBase), sql. */
  readonly phasesMs?: DayReport['phasesMs'];
  /** The run without its HBase phases (views, reconciliation): what the engine changes. */
  readonly dayJobMs?: number;
  readonly dayJobRowsPerS?: number;
  readonly viewsRowsPerS?: number;
  readonly reconciliationRowsPerS?: number;
  /** Warehouse columns whose order-free digest differs from the first engine's. */
  readonly differingColumns?: readonly string[];
  readonly differs?: { readonly totals: boolean; readonly topItems: boolean };
}

interface WarehouseDigest {
  readonly rows: number;
  readonly all: string;
  /** Per column: the sum of hash(oid, value) over rows. */
  readonly columns: Record<string, string>;
}

const MASK = 0xffffffffffffffffn;
const hash64 = (text: string): bigint => crypto.createHash('sha1').update(text).digest().readBigUInt64LE(0);

/** An order-free digest of a warehouse partition: every row's columns hashed, the hashes summed mod 2^64. */
export async function warehouseDigest(hdfs: HdfsStore, dir: string): Promise<WarehouseDigest> {
  let all = 0n;
  let rows = 0;
  const columns = new Map<string, bigint>();
  for (const entry of await hdfs.list(dir)) {
    if (!entry.name.endsWith('.parquet')) continue;
    const file = await openParquet(await hdfs.readFile(`${dir}/${entry.name}`), entry.name);
    try {
      for (let g = 0; g < file.footer.rowGroups.length; g++) {
        const c = await file.readRowGroup(g);
        const names = [...c.keys()].sort();
        const oids = c.get('detection_oid') ?? [];
        const n = file.footer.rowGroups[g]!.numRows;
        for (let i = 0; i < n; i++) {
          all = (all + hash64(names.map((k) => String(c.get(k)![i])).join('\u0001'))) & MASK;
          for (const k of names)
            columns.set(k, ((columns.get(k) ?? 0n) + hash64(`${String(oids[i])}\u0001${String(c.get(k)![i])}`)) & MASK);
          rows++;
        }
      }
    } finally {
      await file.close();
    }
  }
  return { rows, all: `${rows}:${all.toString(16)}`, columns: Object.fromEntries([...columns].map(([k, v]) => [k, v.toString(16)])) };
}

const perSecond = (rows: number, ms: number): number => (ms > 0 ? Math.round((rows * 1000) / ms) : 0);

export async function compareEngines(
  config: Config,
  hdfs: HdfsStore,
  env: NodeJS.ProcessEnv,
  cli: string,
  day: string,
  engines: readonly string[],
  log: (line: string) => void,
): Promise<EngineRun[]> {
  const out: EngineRun[] = [];
  let reference: { digest: WarehouseDigest; totals: string; top: string } | undefined;
  for (const engine of engines) {
    await hdfs.delete(warehouseDayDir(config.hdfs.root, day), { recursive: true }).catch(() => false);
    log(`engine ${engine}: batch run --date ${day} --engine ${engine}`);
    const m = await measureProcess([cli, 'batch', 'run', '--date', day, '--engine', engine], {
      ...env,
      BATCH_SPARK_MASTER: env.BATCH_SPARK_MASTER ?? 'local[2]',
    });
    if (m.code !== 0) {
      out.push({
        engine,
        totalMs: m.ms,
        peakRssMiB: m.peakRssMiB,
        rowsPerS: 0,
        compactionMs: 0,
        sqlPhasesMs: null,
        identicalToNode: false,
        digest: '',
        error: `exit ${m.code}`,
      });
      continue;
    }
    const report = JSON.parse(
      (await hdfs.readFile(`${reportsDayDir(config.hdfs.root, day)}/${REPORT_FILES.json}`)).toString(),
    ) as DayReport;
    const digest = await warehouseDigest(hdfs, warehouseDayDir(config.hdfs.root, day));
    const mine = { digest, totals: JSON.stringify(report.totals), top: JSON.stringify(report.topItems) };
    reference ??= mine;
    const p = report.phasesMs;
    const dayJobMs = m.ms - p.views - p.reconciliation;
    const differingColumns = Object.keys(mine.digest.columns).filter((k) => mine.digest.columns[k] !== reference!.digest.columns[k]);
    const differs = { totals: mine.totals !== reference.totals, topItems: mine.top !== reference.top };
    out.push({
      engine,
      totalMs: m.ms,
      peakRssMiB: m.peakRssMiB,
      rowsPerS: perSecond(report.totals.landedRows, m.ms),
      compactionMs: p.compaction,
      sqlPhasesMs: p.sql ?? null,
      identicalToNode: mine.digest.all === reference.digest.all && !differs.totals && !differs.topItems,
      digest: digest.all,
      rootPeakRssMiB: m.rootPeakRssMiB,
      phasesMs: p,
      dayJobMs,
      dayJobRowsPerS: perSecond(report.totals.landedRows, dayJobMs),
      viewsRowsPerS: perSecond(report.totals.uniqueDetections, p.views),
      reconciliationRowsPerS: perSecond(report.totals.uniqueDetections, p.reconciliation),
      differingColumns,
      differs,
    });
  }
  return out;
}
