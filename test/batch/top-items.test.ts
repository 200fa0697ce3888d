// `utopia top-items` on files written by pyarrow the way Spark and pandas
// write them (fixtures/make-fixtures.py): a Spark-style multi-part folder with
// int32 columns, epoch seconds and dictionary pages; a single file with int64
// oids above 2^53, epoch milliseconds and v2 data pages; local and hdfs://
// paths. DuckDB computes the expected top-X from the same files.

import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { repoRoot } from '../../common/config';
import { readParquetColumns } from '../../common/parquet';
import { createHdfsTestDir, type HdfsTestDir } from '../helpers/hdfs-test-dir';
import { runCli } from '../helpers/run-cli';

const fixtures = path.join(repoRoot, 'test', 'batch', 'fixtures');

interface Ranked {
  loc: string;
  name: string | null;
  rank: number;
  item: string;
  count: number;
}

async function readTop(bytes: Buffer): Promise<Ranked[]> {
  const { columns } = await readParquetColumns(bytes);
  const col = (n: string) => columns.get(n) as unknown[];
  return col('item_rank').map((rank, i) => ({
    loc: String(col('geographical_location_oid')[i]),
    name: col('geographical_location')[i] as string | null,
    rank: rank as number,
    item: col('item_name')[i] as string,
    count: Number(col('item_count')[i]),
  }));
}

async function duckTop(where: string): Promise<Ranked[]> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const reader = await c.runAndReadAll(`
    with d as (select * from read_parquet('${path.join(fixtures, 'detections-spark', 'part-*.parquet')}') ${where}),
    counted as (select geographical_location_oid as loc, item_name, count(distinct detection_oid) as n from d group by 1, 2),
    ranked as (select *, row_number() over (partition by loc order by n desc, item_name asc) as r from counted)
    select cast(r.loc as varchar), l.geographical_location, r.r, r.item_name, r.n from ranked r
    left join read_parquet('${path.join(fixtures, 'locations.parquet')}') l on l.geographical_location_oid = r.loc
    where r.r <= 4 order by r.loc, r.r`);
  const rows = (reader.getRows() as [string, string | null, bigint, string, bigint][]).map(([loc, name, rank, item, n]) => ({
    loc,
    name,
    rank: Number(rank),
    item,
    count: Number(n),
  }));
  c.closeSync();
  return rows;
}

describe('utopia top-items', function () {
  this.timeout(5 * 60_000);
  let out: string;
  let hdfs: HdfsTestDir;

  before(async () => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'top-items-'));
    hdfs = await createHdfsTestDir('top-items');
  });

  after(async () => {
    fs.rmSync(out, { recursive: true, force: true });
    await hdfs.remove();
  });

  it('reads a Spark-style folder of int32 columns and writes the top-X as Parquet and CSV, like DuckDB computes it', async () => {
    const target = path.join(out, 'top.parquet');
    const run = await runCli([
      'top-items',
      '--detections',
      path.join(fixtures, 'detections-spark'),
      '--locations',
      path.join(fixtures, 'locations.parquet'),
      '--x',
      '4',
      '--out',
      target,
      '--csv',
    ]);
    expect(run.code, run.stderr).to.equal(0);
    expect(JSON.parse(run.stdout)).to.include({ rowsRead: 12000, rowsUsed: 12000 });
    const ours = await readTop(fs.readFileSync(target));
    expect(ours).to.deep.equal(await duckTop(''));
    const csv = fs.readFileSync(path.join(out, 'top.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).to.equal('geographical_location,item_rank,item_name,geographical_location_oid,item_count');
    expect(csv).to.have.length(ours.length + 1);
  });

  it('filters a day with epoch seconds detected by magnitude', async () => {
    const target = path.join(out, 'day.parquet');
    const run = await runCli([
      'top-items',
      '--detections',
      path.join(fixtures, 'detections-spark'),
      '--locations',
      path.join(fixtures, 'locations.parquet'),
      '--x',
      '4',
      '--out',
      target,
      '--date',
      '2023-11-15',
    ]);
    expect(run.code, run.stderr).to.equal(0);
    const expected = await duckTop(
      `where timestamp_detected >= epoch(timestamp '2023-11-15') and timestamp_detected < epoch(timestamp '2023-11-16')`,
    );
    expect(expected.length).to.be.greaterThan(0);
    expect(await readTop(fs.readFileSync(target))).to.deep.equal(expected);
  });

  it('keeps int64 oids above 2^53 exact (milliseconds, v2 pages), ties broken by item name, unknown locations kept', async () => {
    const target = path.join(out, 'big.parquet');
    const run = await runCli([
      'top-items',
      '--detections',
      path.join(fixtures, 'detections-int64-ms.parquet'),
      '--locations',
      path.join(fixtures, 'locations-int64.parquet'),
      '--out',
      target,
    ]);
    expect(run.code, run.stderr).to.equal(0);
    expect(await readTop(fs.readFileSync(target))).to.deep.equal([
      { loc: String(2n ** 60n), name: 'Far away', rank: 1, item: 'a', count: 1 },
      { loc: String(2n ** 60n), name: 'Far away', rank: 2, item: 'b', count: 1 },
      { loc: String(2n ** 60n + 1n), name: null, rank: 1, item: 'b', count: 1 },
    ]);
  });

  it('reads and writes hdfs:// paths', async () => {
    for (const name of fs.readdirSync(path.join(fixtures, 'detections-spark'))) {
      await hdfs.store.upload(hdfs.path('detections', name), fs.readFileSync(path.join(fixtures, 'detections-spark', name)));
    }
    await hdfs.store.upload(hdfs.path('locations.parquet'), fs.readFileSync(path.join(fixtures, 'locations.parquet')));
    const run = await runCli([
      'top-items',
      '--detections',
      `hdfs://${hdfs.path('detections')}`,
      '--locations',
      `hdfs://${hdfs.path('locations.parquet')}`,
      '--x',
      '4',
      '--out',
      `hdfs://${hdfs.path('out', 'top.parquet')}`,
    ]);
    expect(run.code, run.stderr).to.equal(0);
    expect(await readTop(await hdfs.store.readFile(hdfs.path('out', 'top.parquet')))).to.deep.equal(await duckTop(''));
  });
});
