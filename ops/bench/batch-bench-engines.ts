// The engine comparison of `npm run bench:batch`: the same closed day
// compacted from the same landing files by each engine (node, duckdb, spark
// local[2]), one `utopia batch run --date D --engine E` each, its warehouse
// partition removed before each run so every engine does a first compaction
// (the landing index is already built, so no run pays for indexing). Peak RSS
// is the largest sum over the CLI process and its children (Spark's JVM).
// Outputs are compared: report totals, top-X and an order-free digest of the
// warehouse rows must equal the node engine's.

import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Config } from '../../common/config';
import { REPORT_FILES, reportsDayDir, warehouseDayDir } from '../../common/contract';
import type { HdfsStore } from '../../common/hdfs';
import { openParquet } from '../../common/parquet';
import type { DayReport } from '../../batch-layer';

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
}

/** Peak RSS of a process tree, sampled: the process and every descendant, summed. */
function treeRssKb(root: number): number {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      /* gone */
    }
  }
  let total = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    try {
      const rss = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (rss) total += Number(rss[1]);
    } catch {
      /* gone */
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

function runMeasured(args: string[], env: NodeJS.ProcessEnv): Promise<{ ms: number; peakRssMiB: number; code: number | null }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
    let peakKb = 0;
    const timer = setInterval(() => (peakKb = Math.max(peakKb, treeRssKb(child.pid!))), 250);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearInterval(timer);
      resolve({ ms: Date.now() - started, peakRssMiB: Math.round(peakKb / 1024), code });
    });
  });
}

/** An order-free digest of a warehouse partition: every row's columns hashed, the hashes summed mod 2^64. */
export async function warehouseDigest(hdfs: HdfsStore, dir: string): Promise<string> {
  let sum = 0n;
  let rows = 0;
  for (const entry of await hdfs.list(dir)) {
    if (!entry.name.endsWith('.parquet')) continue;
    const file = await openParquet(await hdfs.readFile(`${dir}/${entry.name}`), entry.name);
    try {
      for (let g = 0; g < file.footer.rowGroups.length; g++) {
        const c = await file.readRowGroup(g);
        const names = [...c.keys()].sort();
        const n = file.footer.rowGroups[g]!.numRows;
        for (let i = 0; i < n; i++) {
          const h = crypto.createHash('sha1').update(names.map((k) => String(c.get(k)![i])).join('\u0001')).digest();
          sum = (sum + h.readBigUInt64LE(0)) & 0xffffffffffffffffn;
          rows++;
        }
      }
    } finally {
      await file.close();
    }
  }
  return `${rows}:${sum.toString(16)}`;
}

export async function compareEngines(
  config: Config, hdfs: HdfsStore, env: NodeJS.ProcessEnv, cli: string, day: string, engines: readonly string[], log: (line: string) => void,
): Promise<EngineRun[]> {
  const out: EngineRun[] = [];
  let reference: { digest: string; totals: string; top: string } | undefined;
  for (const engine of engines) {
    await hdfs.delete(warehouseDayDir(config.hdfs.root, day), { recursive: true }).catch(() => false);
    log(`engine ${engine}: batch run --date ${day} --engine ${engine}`);
    const m = await runMeasured([cli, 'batch', 'run', '--date', day, '--engine', engine], { ...env, BATCH_SPARK_MASTER: env.BATCH_SPARK_MASTER ?? 'local[2]' });
    if (m.code !== 0) {
      out.push({ engine, totalMs: m.ms, peakRssMiB: m.peakRssMiB, rowsPerS: 0, compactionMs: 0, sqlPhasesMs: null, identicalToNode: false, digest: '', error: `exit ${m.code}` });
      continue;
    }
    const report = JSON.parse((await hdfs.readFile(`${reportsDayDir(config.hdfs.root, day)}/${REPORT_FILES.json}`)).toString()) as DayReport;
    const digest = await warehouseDigest(hdfs, warehouseDayDir(config.hdfs.root, day));
    const mine = { digest, totals: JSON.stringify(report.totals), top: JSON.stringify(report.topItems) };
    reference ??= mine;
    out.push({
      engine, totalMs: m.ms, peakRssMiB: m.peakRssMiB, rowsPerS: Math.round((report.totals.landedRows * 1000) / m.ms), compactionMs: report.phasesMs.compaction,
      sqlPhasesMs: report.phasesMs.sql ?? null, identicalToNode: mine.digest === reference.digest && mine.totals === reference.totals && mine.top === reference.top, digest,
    });
  }
  return out;
}
