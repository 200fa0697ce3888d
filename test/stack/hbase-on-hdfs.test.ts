// Issue 17: HBase with its rootdir on the stack's NameNode (UTOPIA_HBASE_ROOTDIR=hdfs),
// as production runs it: tables and the WAL live under /hbase in HDFS, HBase
// starts after HDFS and stops before it, and a NameNode restart under writes
// loses no acknowledged write. The test moves the shared HBase to HDFS and back
// to the configured rootdir (setup re-run on each side).
// WARNING: restarts HBase and the NameNode of the shared stack.

import { expect } from 'chai';
import { loadConfig, type Config } from '../../common/config';
import { FAMILIES } from '../../common/contract';
import { createHdfsStore } from '../../common/hdfs';
import { HBaseStore, hbaseStoreOptions, type RowMutation } from '../../common/hbase';
import { createLogger } from '../../common/log';
import { sleep } from '../../common/retry';
import { findServiceProcesses } from '../../ops/stack/process-control';
import { allServices, startChainsFor } from '../../ops/stack/stack-services';
import { testAdmin, randomTable } from '../helpers/hbase-fixture';
import { switchHBaseRootdir, withHBaseRootdir } from '../helpers/hbase-rootdir';
import { restartService } from '../helpers/restart-service';

const FAMILY = FAMILIES.meta;

describe('HBase on HDFS (UTOPIA_HBASE_ROOTDIR=hdfs)', function () {
  this.timeout(20 * 60_000);
  const base = loadConfig();
  const log = createLogger('test-hbase-hdfs', 'info');
  const table = randomTable('on-hdfs');
  let onHdfs: Config;
  let store: HBaseStore | undefined;

  before(async function () {
    if (!base.stack.local) this.skip();
    onHdfs = base.stack.hbaseRootdir === 'hdfs' ? base : await switchHBaseRootdir(base, 'hdfs', log);
    store = new HBaseStore({ ...hbaseStoreOptions(onHdfs), retryPauseMs: 100 });
    await (await testAdmin()).createTable(table, [{ name: FAMILY }]);
  });

  after(async () => {
    store?.close();
    await (await testAdmin()).deleteTables([table]).catch(() => undefined);
    if (base.stack.local && base.stack.hbaseRootdir !== 'hdfs') await switchHBaseRootdir(base, base.stack.hbaseRootdir, log);
  });

  const mutation = (i: number): RowMutation => ({ row: Buffer.from(`row-${String(i).padStart(7, '0')}`), cells: [{ family: FAMILY, qualifier: 'v', value: Buffer.from(String(i)), timestamp: 1 }] });

  it('starts after the NameNode and DataNode, stops before them', () => {
    const chain = startChainsFor(withHBaseRootdir(base, 'hdfs')).find((c) => c.some((s) => s.name === 'hbase'))!.map((s) => s.name);
    expect(chain.indexOf('hbase')).to.be.greaterThan(Math.max(chain.indexOf('namenode'), chain.indexOf('datanode')));
    expect(chain.indexOf('namenode')).to.be.at.least(0);
    const stopOrder = [...allServices].reverse().map((s) => s.name);
    expect(stopOrder.indexOf('hbase')).to.be.lessThan(Math.min(stopOrder.indexOf('namenode'), stopOrder.indexOf('datanode')));
  });

  it('keeps the tables, their files and the WAL under /hbase on the NameNode', async () => {
    await store!.puts(table, Array.from({ length: 1000 }, (_, i) => mutation(i)));
    await (await testAdmin()).flush(table);
    const hdfs = createHdfsStore(onHdfs.hdfs);
    const names = async (dir: string): Promise<string[]> => (await hdfs.list(dir)).map((e) => e.name);
    expect(await names('/hbase')).to.include.members(['WALs', 'data', 'MasterData']);
    expect(await names('/hbase/WALs'), 'a region server WAL folder').to.not.deep.equal([]);
    const [namespace, name] = table.split(':') as [string, string];
    expect(await names(`/hbase/data/${namespace}`)).to.include(name);
    expect((await store!.get(table, mutation(999).row))?.cells[0]?.value.toString()).to.equal('999');
  });

  it('loses no acknowledged write across a NameNode restart under load', async () => {
    const hbasePids = findServiceProcesses(onHdfs.home, 'hbase');
    let next = 1000;
    let writing = true;
    let failedBatches = 0;
    let slowestMs = 0;
    const acked: number[] = [];
    const writer = (async () => {
      while (writing) {
        const batch = Array.from({ length: 200 }, () => next++);
        const started = Date.now();
        try {
          await store!.puts(table, batch.map(mutation));
          acked.push(...batch);
        } catch (error) {
          failedBatches++;
          log.warn(`batch of 200 failed during the restart: ${String(error)}`);
          await sleep(500);
        }
        slowestMs = Math.max(slowestMs, Date.now() - started);
      }
    })();
    await sleep(3000);
    const restartStarted = Date.now();
    await restartService(onHdfs, 'namenode', 3000, log);
    const restartMs = Date.now() - restartStarted;
    await sleep(10_000);
    writing = false;
    await writer;
    // A flush writes new HFiles: it needs the NameNode back.
    await (await testAdmin()).flush(table);
    const regionServerRestarted = findServiceProcesses(onHdfs.home, 'hbase').join() !== hbasePids.join();
    log.info(`NameNode restart (${restartMs} ms incl. 3 s down) under writes: ${acked.length} rows acknowledged, ${failedBatches} failed batches, ` +
      `slowest batch ${slowestMs} ms, HBase ${regionServerRestarted ? 'aborted and was restarted' : 'kept running'}`);
    expect(acked.length, 'writes went on').to.be.greaterThan(1000);
    const missing: number[] = [];
    for (let i = 0; i < acked.length; i += 500) {
      const chunk = acked.slice(i, i + 500);
      const rows = await store!.mget(table, chunk.map((n) => mutation(n).row));
      rows.forEach((row, j) => {
        if (row?.cells[0]?.value.toString() !== String(chunk[j])) missing.push(chunk[j]!);
      });
    }
    expect(missing, 'acknowledged rows missing after the restart').to.deep.equal([]);
  });
});
