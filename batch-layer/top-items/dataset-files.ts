// Where a dataset argument points: a local path or hdfs://[host:port]/path
// (read through the configured WebHDFS endpoint), a single Parquet file or a
// folder as Spark writes it (part-*.parquet plus _SUCCESS; files starting
// with '_' or '.' are skipped, like Spark and pyarrow do).

import fs from 'node:fs';
import path from 'node:path';
import { UtopiaError } from '../../common/errors';
import type { HdfsStore } from '../../common/hdfs';

export interface DatasetLocation {
  readonly kind: 'local' | 'hdfs';
  readonly path: string;
}

export function parseLocation(arg: string): DatasetLocation {
  if (arg.startsWith('hdfs://')) {
    const url = new URL(arg);
    return { kind: 'hdfs', path: decodeURIComponent(url.pathname) || '/' };
  }
  if (arg.startsWith('hdfs:')) return { kind: 'hdfs', path: arg.slice('hdfs:'.length) };
  return { kind: 'local', path: path.resolve(arg) };
}

const hidden = (name: string): boolean => name.startsWith('_') || name.startsWith('.');

/** The Parquet files of a dataset, sorted by name. */
export async function datasetFiles(location: DatasetLocation, hdfs: HdfsStore | undefined): Promise<string[]> {
  if (location.kind === 'local') {
    if (!fs.existsSync(location.path)) throw new UtopiaError(`${location.path} does not exist`);
    if (!fs.statSync(location.path).isDirectory()) return [location.path];
    return fs
      .readdirSync(location.path)
      .filter((n) => !hidden(n) && n.endsWith('.parquet'))
      .sort()
      .map((n) => path.join(location.path, n));
  }
  if (!hdfs) throw new UtopiaError('hdfs:// paths need HDFS');
  const stat = await hdfs.stat(location.path);
  if (!stat) throw new UtopiaError(`hdfs://${location.path} does not exist`);
  if (stat.type !== 'DIRECTORY') return [location.path];
  return (await hdfs.list(location.path))
    .filter((e) => e.type === 'FILE' && !hidden(e.name) && e.name.endsWith('.parquet'))
    .map((e) => `${location.path}/${e.name}`)
    .sort();
}

export async function readDatasetFile(location: DatasetLocation, file: string, hdfs: HdfsStore | undefined): Promise<Buffer> {
  return location.kind === 'local' ? fs.promises.readFile(file) : (hdfs as HdfsStore).readFile(file);
}

export async function writeOutput(location: DatasetLocation, bytes: Buffer, hdfs: HdfsStore | undefined): Promise<void> {
  if (location.kind === 'local') {
    fs.mkdirSync(path.dirname(location.path), { recursive: true });
    const temporary = `${location.path}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, bytes);
    fs.renameSync(temporary, location.path);
    return;
  }
  const store = hdfs as HdfsStore;
  await store.mkdirs(location.path.slice(0, location.path.lastIndexOf('/')) || '/');
  const temporary = `${location.path}.${process.pid}.tmp`;
  await store.upload(temporary, bytes, { overwrite: true });
  await store.rename(temporary, location.path, { overwrite: true });
}
