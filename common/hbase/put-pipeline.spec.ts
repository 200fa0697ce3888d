// PutPipeline against the in-memory HBase: every row lands, in multi-puts of
// the chunk size, never more than `inFlight` at a time, and a failure that is
// not retriable reaches the caller instead of being lost in a background call.

import { expect } from 'chai';
import { HBaseError } from '../errors';
import { MemoryHBase } from '../../test/fakes/memory-hbase';
import { cellValue, type HBaseTables, type RowMutation } from '.';
import { PutPipeline } from './put-pipeline';

const row = (i: number): RowMutation => ({
  row: Buffer.from(`row-${String(i).padStart(6, '0')}`),
  cells: [{ family: 'd', qualifier: 'n', value: Buffer.from(String(i)), timestamp: 1 }],
});

/** The in-memory HBase, counting how many multi-puts are under way at once. */
function countingInFlight(hbase: MemoryHBase): { tables: HBaseTables; peak: () => number } {
  let running = 0;
  let peak = 0;
  const tables = new Proxy(hbase, {
    get(target, name, receiver) {
      if (name !== 'puts') return Reflect.get(target, name, receiver) as unknown;
      return async (table: string, mutations: readonly RowMutation[]) => {
        peak = Math.max(peak, ++running);
        await new Promise((resolve) => setTimeout(resolve, 1)); // a round trip
        try {
          await target.puts(table, mutations);
        } finally {
          running--;
        }
      };
    },
  });
  return { tables, peak: () => peak };
}

describe('PutPipeline', () => {
  it('writes every row in multi-puts of the chunk size, at most inFlight at a time', async () => {
    const hbase = new MemoryHBase().createTable('t', ['d']);
    const { tables, peak } = countingInFlight(hbase);
    const pipeline = new PutPipeline(tables, 't', 100, 3);
    for (let i = 0; i < 1_050; i++) await pipeline.add(row(i));
    await pipeline.finish();
    expect(hbase.calls.filter((c) => c.operation === 'puts')).to.have.length(11);
    expect(peak()).to.equal(3);
    const rows = await hbase.scanAll('t', {});
    expect(rows).to.have.length(1_050);
    expect(cellValue(rows[1_049] ?? null, 'd', 'n')?.toString()).to.equal('1049');
  });

  it('throws a failed chunk from finish(), not silently', async () => {
    const hbase = new MemoryHBase().createTable('t', ['d']);
    hbase.failWith = (call) =>
      call.operation === 'puts' ? new HBaseError('TableNotFoundException (test)', { retriable: false }) : undefined;
    const pipeline = new PutPipeline(hbase, 't', 100, 4);
    for (let i = 0; i < 150; i++) await pipeline.add(row(i));
    let thrown: unknown;
    await pipeline.finish().catch((error: unknown) => (thrown = error));
    expect(thrown).to.be.instanceOf(HBaseError);
  });
});
