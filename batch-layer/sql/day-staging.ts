// Where a SQL engine finds one day's inputs and puts its outputs.
//   local: the day's landing files and earlier warehouse parts are copied from
//          HDFS into a local folder (DuckDB reads no hdfs://; Spark local[N]
//          or a standalone cluster on this box reads file://);
//   hdfs:  Spark reads the landing files and the earlier partition on
//          HDFS_NAMENODE_RPC directly and writes under the run's tmp/ folder
//          (a cluster's executors cannot see this box's disk).
// Either way the reference snapshot is a Parquet file written here (oids stay
// int64, never JSON numbers), and a missing input is an empty Parquet file,
// so every view of the job has a source.

import fs from 'node:fs';
import path from 'node:path';
import { SUCCESS_MARKER, tmpDir, warehouseDayDir } from '../../common/contract';
import type { HdfsStore } from '../../common/hdfs';
import { encodeParquet } from '../../common/parquet';
import { LANDING_SCHEMA, landingBatch } from '../schema/landing-schema';
import type { DayJobInput } from './day-job';

export interface StageInput {
  readonly io: 'local' | 'hdfs';
  readonly hdfs: HdfsStore;
  /** hdfs://host:port of the NameNode (io = hdfs). */
  readonly namenodeRpc: string;
  readonly root: string;
  readonly day: string;
  /** HDFS paths of the landing files to read. */
  readonly landingPaths: readonly string[];
  /** Merge the day's earlier warehouse partition (recompaction). */
  readonly withPrevious: boolean;
  readonly referenceNames: ReadonlyMap<bigint, string>;
  /** Local folder of this day's staging (io = local) and job file. */
  readonly localDir: string;
  /** Unique name of this day's run, for its HDFS tmp folder. */
  readonly token: string;
}

export interface StagedDay {
  readonly sources: Pick<DayJobInput, 'landing' | 'previous' | 'reference' | 'out'>;
  /** The Parquet files of one output folder, read whole, in name order. */
  outputFiles(folder: 'warehouse' | 'topItems' | 'totals'): Promise<{ name: string; bytes: Buffer }[]>;
  remove(): Promise<void>;
}

const REFERENCE_SCHEMA = [
  { name: 'location_oid', type: 'int64' as const },
  { name: 'location_name', type: 'utf8' as const },
];

export function referenceParquet(names: ReadonlyMap<bigint, string>): Buffer {
  const oids = [...names.keys()];
  return encodeParquet(REFERENCE_SCHEMA, {
    rowCount: oids.length,
    columns: new Map<string, bigint[] | string[]>([
      ['location_oid', oids],
      ['location_name', oids.map((o) => names.get(o) as string)],
    ]),
  });
}

export function emptyLandingParquet(): Buffer {
  return encodeParquet(LANDING_SCHEMA, landingBatch([]));
}

export async function stageDay(input: StageInput): Promise<StagedDay> {
  return input.io === 'local' ? stageLocally(input) : stageOnHdfs(input);
}

async function previousParts(hdfs: HdfsStore, root: string, day: string): Promise<string[]> {
  const dir = warehouseDayDir(root, day);
  if (!(await hdfs.exists(`${dir}/${SUCCESS_MARKER}`))) return [];
  return (await hdfs.list(dir))
    .filter((e) => e.type === 'FILE' && e.name.endsWith('.parquet'))
    .map((e) => `${dir}/${e.name}`)
    .sort();
}

async function stageLocally(input: StageInput): Promise<StagedDay> {
  const dir = input.localDir;
  fs.rmSync(dir, { recursive: true, force: true });
  const folder = (name: string): string => {
    fs.mkdirSync(path.join(dir, name), { recursive: true });
    return path.join(dir, name);
  };
  const copy = async (paths: readonly string[], into: string): Promise<string[]> => {
    const out: string[] = [];
    for (const [i, p] of paths.entries()) {
      const local = path.join(into, `${String(i).padStart(5, '0')}-${p.slice(p.lastIndexOf('/') + 1)}`);
      fs.writeFileSync(local, await input.hdfs.readFile(p));
      out.push(local);
    }
    return out;
  };
  const landing = await copy(input.landingPaths, folder('landing'));
  if (landing.length === 0) landing.push(writeFile(path.join(dir, 'landing', 'empty.parquet'), emptyLandingParquet()));
  const previous = await copy(input.withPrevious ? await previousParts(input.hdfs, input.root, input.day) : [], folder('previous'));
  if (previous.length === 0) previous.push(writeFile(path.join(dir, 'previous', 'empty.parquet'), emptyLandingParquet()));
  const reference = writeFile(path.join(folder('reference'), 'reference.parquet'), referenceParquet(input.referenceNames));
  const outDir = folder('out');
  const outs = { warehouse: path.join(outDir, 'warehouse'), topItems: path.join(outDir, 'top_items'), totals: path.join(outDir, 'totals') };
  for (const o of Object.values(outs)) fs.mkdirSync(o, { recursive: true });
  return {
    sources: { landing: { files: landing }, previous: { files: previous }, reference: { files: [reference] }, out: outs },
    async outputFiles(which) {
      const at = outs[which];
      return fs
        .readdirSync(at)
        .filter(isDataFile)
        .sort()
        .map((name) => ({ name, bytes: fs.readFileSync(path.join(at, name)) }));
    },
    async remove() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function stageOnHdfs(input: StageInput): Promise<StagedDay> {
  const { hdfs } = input;
  const base = `${tmpDir(input.root)}/${input.token}-sql`;
  const uri = (p: string): string => `${input.namenodeRpc.replace(/\/+$/, '')}${p}`;
  await hdfs.mkdirs(base);
  const landing = input.landingPaths.map(uri);
  if (landing.length === 0) {
    await hdfs.upload(`${base}/landing/empty.parquet`, emptyLandingParquet(), { overwrite: true });
    landing.push(uri(`${base}/landing/empty.parquet`));
  }
  const previous = (input.withPrevious ? await previousParts(hdfs, input.root, input.day) : []).map(uri);
  if (previous.length === 0) {
    await hdfs.upload(`${base}/previous/empty.parquet`, emptyLandingParquet(), { overwrite: true });
    previous.push(uri(`${base}/previous/empty.parquet`));
  }
  await hdfs.upload(`${base}/reference/reference.parquet`, referenceParquet(input.referenceNames), { overwrite: true });
  const outs = { warehouse: `${base}/out/warehouse`, topItems: `${base}/out/top_items`, totals: `${base}/out/totals` };
  fs.mkdirSync(input.localDir, { recursive: true });
  return {
    sources: {
      landing: { files: landing },
      previous: { files: previous },
      reference: { files: [uri(`${base}/reference/reference.parquet`)] },
      out: { warehouse: uri(outs.warehouse), topItems: uri(outs.topItems), totals: uri(outs.totals) },
    },
    async outputFiles(which) {
      const at = outs[which];
      const names = (await hdfs.list(at))
        .filter((e) => e.type === 'FILE' && isDataFile(e.name))
        .map((e) => e.name)
        .sort();
      const out: { name: string; bytes: Buffer }[] = [];
      for (const name of names) out.push({ name, bytes: await hdfs.readFile(`${at}/${name}`) });
      return out;
    },
    async remove() {
      await hdfs.delete(base, { recursive: true }).catch(() => false);
      fs.rmSync(input.localDir, { recursive: true, force: true });
    },
  };
}

function isDataFile(name: string): boolean {
  return name.endsWith('.parquet') && !name.startsWith('.') && !name.startsWith('_');
}

function writeFile(file: string, bytes: Buffer): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
  return file;
}
