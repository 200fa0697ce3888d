// Defect 3: a scan over many regions with short batches returns every row, in order.

import { expect } from 'chai';
import type { HBaseStore, RowMutation } from '../../common/hbase';
import { byteSplits, cleanUp, createTestStore, randomTable, spreadKey, testAdmin } from '../helpers/hbase-fixture';

const ROWS = 1000;

describe('HBase scan across regions', function () {
  const table = randomTable('scan');
  let store: HBaseStore;
  const keys = Array.from({ length: ROWS }, (_, i) => spreadKey(i));
  const sorted = [...keys].sort((a, b) => Buffer.compare(a, b)).map((key) => key.toString('hex'));

  before(async () => {
    await (await testAdmin()).createTable(table, [{ name: 'd', versions: 1 }], byteSplits(8));
    store = createTestStore();
    const mutations: RowMutation[] = keys.map((row, i) => ({
      row,
      cells: [{ family: 'd', qualifier: 'i', value: Buffer.from(String(i)), timestamp: 1_000_000 + i }],
    }));
    await store.puts(table, mutations);
  });

  after(() => cleanUp(store, [table]));

  it('returns every row when batches come back short (size limit)', async () => {
    const rows = await store.scanAll(table, { caching: 50, maxResultSize: 1 });
    expect(rows.map((row) => row.key.toString('hex'))).to.deep.equal(sorted);
  });

  it('returns every row with the default batch size', async () => {
    const rows = await store.scanAll(table);
    expect(rows.map((row) => row.key.toString('hex'))).to.deep.equal(sorted);
  });

  it('returns every row in reverse order, across regions', async () => {
    const rows = await store.scanAll(table, { reversed: true, caching: 30 });
    expect(rows.map((row) => row.key.toString('hex'))).to.deep.equal([...sorted].reverse());
  });

  it('honours start/stop across region boundaries, prefix, limit and time range', async () => {
    const start = Buffer.from([0x30]);
    const stop = Buffer.from([0xa0]);
    const inRange = sorted.filter((hex) => hex >= '30' && hex < 'a0');
    expect((await store.scanAll(table, { start, stop, caching: 7 })).map((r) => r.key.toString('hex'))).to.deep.equal(inRange);

    const prefix = Buffer.from([0x40]);
    const withPrefix = sorted.filter((hex) => hex.startsWith('40'));
    expect(withPrefix.length).to.be.greaterThan(0);
    expect((await store.scanAll(table, { prefix })).map((r) => r.key.toString('hex'))).to.deep.equal(withPrefix);
    expect((await store.scanAll(table, { prefix, reversed: true })).map((r) => r.key.toString('hex'))).to.deep.equal(
      [...withPrefix].reverse(),
    );

    expect((await store.scanAll(table, { limit: 5, caching: 2 })).map((r) => r.key.toString('hex'))).to.deep.equal(sorted.slice(0, 5));

    const early = await store.scanAll(table, { timeRange: { from: 1_000_000, to: 1_000_010 } });
    expect(early).to.have.length(10);
    expect(early.every((row) => (row.cells[0]?.timestamp ?? 0) < 1_000_010)).to.equal(true);
  });
});
