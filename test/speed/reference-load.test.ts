// `utopia reference load` against the real stack: bad rows are reported with
// their line or row number and nothing is loaded; Parquet written by another
// engine (DuckDB here, as Spark/pandas would: int32 and int64 oids, snappy,
// dictionary pages, a multi-part folder with _SUCCESS) loads; the version
// lands in HDFS as Parquet and in HBase, and only then becomes current.

import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { cellValue } from '../../common/hbase';
import { FAMILIES, referenceRowKey, referenceTableName, referenceVersionDir } from '../../common/contract';
import { createHdfsStore } from '../../common/hdfs';
import { readReferenceVersion } from '../../common/reference';
import { locationName, readParquetRows } from '../../reference-data';
import { runCli } from '../helpers/run-cli';
import { createSpeedEnv, type SpeedEnv } from './speed-env';

describe('utopia reference load', function () {
  this.timeout(5 * 60_000);
  let env: SpeedEnv;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'utopia-refload-'));

  before(async () => {
    env = await createSpeedEnv('speed-refload');
  });

  after(async () => {
    await env?.cleanUp();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function currentVersion(): Promise<string | undefined> {
    return readReferenceVersion(env.store, env.config.hbase.namespace);
  }

  async function duckdb(sql: string): Promise<void> {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(sql);
    connection.closeSync();
  }

  it('refuses a CSV with bad rows, naming each line, and loads nothing', async () => {
    const file = path.join(dir, 'bad.csv');
    fs.writeFileSync(
      file,
      [
        'geographical_location_oid,geographical_location',
        '1,Harbour',
        '2,"multi',
        'line"',
        'x,Bad oid',
        '1,Again',
        '3,',
        '-4,Negative',
      ].join('\n'),
    );
    const result = await runCli(['reference', 'load', file], env.env);
    expect(result.code).to.equal(1);
    expect(result.stderr).to.include('4 bad row(s), nothing loaded');
    expect(result.stderr).to.include('bad.csv line 5: invalid_int64');
    expect(result.stderr).to.include('bad.csv line 6: duplicate_oid');
    expect(result.stderr).to.include('bad.csv line 7: location_name_empty');
    expect(result.stderr).to.include('bad.csv line 8: non_positive_oid');
    expect(await currentVersion()).to.equal(undefined);
  });

  it('loads the shipped CSV sample and switches the current version', async () => {
    const result = await runCli(['reference', 'load', path.join('reference-data', 'locations.csv')], env.env);
    expect(result.code, result.stderr).to.equal(0);
    expect(result.stdout).to.match(/loaded 10000 locations from 1 file\(s\) as version (\S+)/);
    const version = /as version (\S+)/.exec(result.stdout)?.[1] as string;
    expect(await currentVersion()).to.equal(version);
    const row = await env.store.get(referenceTableName(env.config.hbase.namespace), referenceRowKey(version, 997n));
    expect(cellValue(row, FAMILIES.reference, 'name')?.toString()).to.equal('Airport Tunnel 997, "east side"');
    const hdfs = createHdfsStore(env.config.hdfs);
    const local = path.join(dir, 'from-hdfs.parquet');
    fs.writeFileSync(local, await hdfs.readFile(`${referenceVersionDir(env.config.hdfs.root, version)}/part-00000.parquet`));
    const rows = await readParquetRows(local);
    expect(rows).to.have.length(10000);
    expect(rows[0]).to.deep.equal({ geographical_location_oid: 1n, geographical_location: locationName(1) });
  });

  it('loads a multi-part Parquet folder with int32 and int64 oids, exact above 2^53', async () => {
    const folder = path.join(dir, 'spark-out');
    fs.mkdirSync(folder);
    await duckdb(
      `COPY (SELECT CAST(i AS INTEGER) AS geographical_location_oid, 'int32 place ' || i AS geographical_location FROM range(1, 501) t(i)) TO '${folder}/part-00000.parquet' (FORMAT parquet)`,
    );
    await duckdb(
      `COPY (SELECT CAST(9007199254740993 + i AS BIGINT) AS geographical_location_oid, '大通り ' || i AS geographical_location FROM range(0, 500) t(i)) TO '${folder}/part-00001.parquet' (FORMAT parquet, COMPRESSION gzip)`,
    );
    fs.writeFileSync(path.join(folder, '_SUCCESS'), '');
    const result = await runCli(['reference', 'load', folder], env.env);
    expect(result.code, result.stderr).to.equal(0);
    expect(result.stdout).to.include('loaded 1000 locations from 2 file(s)');
    const version = (await currentVersion()) as string;
    const row = await env.store.get(
      referenceTableName(env.config.hbase.namespace),
      referenceRowKey(version, 9_007_199_254_740_993n + 499n),
    );
    expect(cellValue(row, FAMILIES.reference, 'name')?.toString()).to.equal('大通り 499');
  });

  it('reports a bad Parquet row by file and row number', async () => {
    const folder = path.join(dir, 'bad-parquet');
    fs.mkdirSync(folder);
    await duckdb(
      `COPY (SELECT CAST(i AS BIGINT) AS geographical_location_oid, CASE WHEN i = 7 THEN '' ELSE 'p' || i END AS geographical_location FROM range(1, 11) t(i)) TO '${folder}/part-00000.parquet' (FORMAT parquet)`,
    );
    const before = await currentVersion();
    const result = await runCli(['reference', 'load', folder], env.env);
    expect(result.code).to.equal(1);
    expect(result.stderr).to.include('part-00000.parquet row 7: location_name_empty');
    expect(await currentVersion()).to.equal(before);
  });
});
