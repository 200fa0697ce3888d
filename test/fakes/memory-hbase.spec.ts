// The in-memory HBase behaves as HBase does for the calls the layers make: byte-order
// scans, versions by cell timestamp, delete markers, checkAndPut, increment and nonces.

import { expect } from 'chai';
import { HBaseError } from '../../common/errors';
import { cellValue, type RowMutation } from '../../common/hbase';
import { MemoryHBase } from './memory-hbase';

const key = (hex: string): Buffer => Buffer.from(hex, 'hex');
const put = (row: Buffer, value: string, timestamp = 1, family = 'd', qualifier = 'v'): RowMutation => ({
  row,
  cells: [{ family, qualifier, value: Buffer.from(value), timestamp }],
});
const text = (row: Parameters<typeof cellValue>[0], family = 'd', qualifier = 'v'): string | undefined =>
  cellValue(row, family, qualifier)?.toString();

describe('MemoryHBase', () => {
  let now = 1_000;
  let hbase: MemoryHBase;
  beforeEach(() => {
    now = 1_000;
    hbase = new MemoryHBase(() => now).createTable('t', ['d', 'e']);
  });

  it('scans in unsigned byte order, with start inclusive, stop exclusive, prefix and limit', async () => {
    await hbase.puts(
      't',
      ['ff', '7f', '00', '0001', '01', '8000'].map((hex) => put(key(hex), hex)),
    );
    const keys = async (options: Parameters<MemoryHBase['scanAll']>[1]) =>
      (await hbase.scanAll('t', options)).map((r) => r.key.toString('hex'));
    expect(await keys({})).to.deep.equal(['00', '0001', '01', '7f', '8000', 'ff']);
    expect(await keys({ start: key('01'), stop: key('ff') })).to.deep.equal(['01', '7f', '8000']);
    expect(await keys({ prefix: key('00') })).to.deep.equal(['00', '0001']);
    expect(await keys({ limit: 2 })).to.deep.equal(['00', '0001']);
  });

  it('scans reversed from the inclusive high start down to the exclusive low stop', async () => {
    await hbase.puts(
      't',
      ['01', '02', '03', '04'].map((hex) => put(key(hex), hex)),
    );
    expect(
      (await hbase.scanAll('t', { reversed: true, start: key('03'), stop: key('01') })).map((r) => r.key.toString('hex')),
    ).to.deep.equal(['03', '02']);
    expect((await hbase.scanAll('t', { reversed: true, limit: 1 })).map((r) => r.key.toString('hex'))).to.deep.equal(['04']);
  });

  it('reads the newest version by cell timestamp, whatever the write order; the same timestamp overwrites', async () => {
    await hbase.put('t', put(key('01'), 'new', 20));
    await hbase.put('t', put(key('01'), 'old', 10));
    expect(text(await hbase.get('t', key('01')))).to.equal('new');
    await hbase.put('t', put(key('01'), 'again', 20));
    const row = await hbase.get('t', key('01'));
    expect(text(row)).to.equal('again');
    expect(row?.cells[0]?.timestamp).to.equal(20);
    expect(text(await hbase.get('t', key('01'), { timeRange: { from: 0, to: 20 } }))).to.equal('old');
  });

  it('mget answers in the order asked, null for a missing row; families filter the cells', async () => {
    await hbase.put('t', {
      row: key('02'),
      cells: [
        { family: 'd', qualifier: 'v', value: Buffer.from('d'), timestamp: 1 },
        { family: 'e', qualifier: 'v', value: Buffer.from('e'), timestamp: 1 },
      ],
    });
    const rows = await hbase.mget('t', [key('02'), key('09')], { families: ['e'] });
    expect(rows[1]).to.equal(null);
    expect(rows[0]?.cells.map((c) => c.family)).to.deep.equal(['e']);
  });

  it('deleting one version shows the one below; a column delete hides later puts at or below its timestamp', async () => {
    await hbase.put('t', put(key('01'), 'one', 10));
    await hbase.put('t', put(key('01'), 'two', 20));
    await hbase.delete('t', key('01'), { family: 'd', qualifier: 'v', onlyVersion: 20 });
    expect(text(await hbase.get('t', key('01')))).to.equal('one');
    now = 100;
    await hbase.delete('t', key('01'), { family: 'd', qualifier: 'v' });
    expect(await hbase.get('t', key('01'))).to.equal(null);
    await hbase.put('t', put(key('01'), 'hidden', 50));
    expect(await hbase.get('t', key('01'))).to.equal(null);
    await hbase.put('t', put(key('01'), 'seen', 101));
    expect(text(await hbase.get('t', key('01')))).to.equal('seen');
  });

  it('a row delete hides every family; the row no longer scans', async () => {
    await hbase.put('t', {
      row: key('01'),
      cells: [
        { family: 'd', qualifier: 'a', value: Buffer.from('1'), timestamp: 5 },
        { family: 'e', qualifier: 'b', value: Buffer.from('2'), timestamp: 5 },
      ],
    });
    await hbase.delete('t', key('01'));
    expect(await hbase.get('t', key('01'))).to.equal(null);
    expect(await hbase.scanAll('t')).to.deep.equal([]);
  });

  it('checkAndPut applies only when the cell is absent (null or empty expected) or holds the expected value', async () => {
    const absent = { family: 'd', qualifier: 'v', value: null };
    expect(await hbase.checkAndPut('t', absent, put(key('01'), 'first'))).to.equal(true);
    expect(await hbase.checkAndPut('t', { ...absent, value: Buffer.alloc(0) }, put(key('01'), 'second'))).to.equal(false);
    expect(await hbase.checkAndPut('t', { ...absent, value: Buffer.from('other') }, put(key('01'), 'third', 2))).to.equal(false);
    expect(await hbase.checkAndPut('t', { ...absent, value: Buffer.from('first') }, put(key('01'), 'fourth', 2))).to.equal(true);
    expect(text(await hbase.get('t', key('01')))).to.equal('fourth');
  });

  it('increments a 64-bit counter, counts a repeated nonce once, and refuses a cell that is not 8 bytes', async () => {
    expect(await hbase.increment('t', key('01'), 'd', 'n', 5)).to.equal(5n);
    expect(await hbase.increment('t', key('01'), 'd', 'n', 2n, { nonce: 7n })).to.equal(7n);
    expect(await hbase.increment('t', key('01'), 'd', 'n', 2n, { nonce: 7n })).to.equal(7n);
    expect(await hbase.increment('t', key('01'), 'd', 'n', -10)).to.equal(-3n);
    await hbase.put('t', put(key('02'), 'abc'));
    const error = await hbase.increment('t', key('02'), 'd', 'v', 1).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(HBaseError);
  });

  it('fails like HBase on a missing table, an unknown family, a put without cells or with a bad timestamp', async () => {
    for (const call of [
      () => hbase.get('missing', key('01')),
      () => hbase.put('t', put(key('01'), 'x', 1, 'zz')),
      () => hbase.puts('t', [{ row: key('01'), cells: [] }]),
      () => hbase.put('t', put(key('01'), 'x', -1)),
    ])
      expect(
        await call().then(
          () => 'ok',
          (e: unknown) => e,
        ),
      ).to.be.instanceOf(HBaseError);
    expect(await hbase.scanAll('t')).to.deep.equal([]); // nothing half-written
  });

  it('fails chosen calls and records every call', async () => {
    hbase.failWith = (call) => (call.operation === 'mget' ? new HBaseError('region moved', { retriable: true }) : undefined);
    await hbase.put('t', put(key('01'), 'x'));
    expect(await hbase.mget('t', [key('01')]).catch((e: HBaseError) => e.retriable)).to.equal(true);
    expect(hbase.calls.map((c) => c.operation)).to.deep.equal(['put', 'mget']);
  });
});
