import { expect } from 'chai';
import { dirtyBufferPool } from '../../test/helpers/dirty-pool';
import {
  decodePartitionCount,
  encodePartitionCount,
  NO_OFFSET,
  parsePartitionQualifier,
  partitionCountTimestamp,
  partitionQualifier,
  sumPartitionCounts,
} from './partition-count';

describe('partition counts', () => {
  it('round-trips count and offset in 16 bytes', () => {
    const value = { count: 2n ** 40n + 3n, lastOffset: 2n ** 53n + 1n };
    const cell = encodePartitionCount(value);
    expect(cell).to.have.length(16);
    expect(decodePartitionCount(cell)).to.deep.equal(value);
    expect(decodePartitionCount(encodePartitionCount({ count: 0n, lastOffset: NO_OFFSET })).lastOffset).to.equal(-1n);
  });

  it('writes all 16 bytes, whatever the memory it is cut from held before', () => {
    dirtyBufferPool();
    expect(encodePartitionCount({ count: 3n, lastOffset: NO_OFFSET }).toString('hex')).to.equal('0000000000000003ffffffffffffffff');
  });

  it('sums partitions and maps qualifiers both ways', () => {
    expect(
      sumPartitionCounts([encodePartitionCount({ count: 5n, lastOffset: 1n }), encodePartitionCount({ count: 7n, lastOffset: 9n })]),
    ).to.equal(12n);
    expect(parsePartitionQualifier(partitionQualifier(11))).to.equal(11);
    expect(parsePartitionQualifier('x11')).to.equal(undefined);
    expect(() => decodePartitionCount(Buffer.alloc(8))).to.throw(/16 bytes/);
  });

  it('gives a fuller cell a later timestamp than a staler one of the same bucket', () => {
    const minute = Date.UTC(2026, 10, 22, 10, 5);
    expect(partitionCountTimestamp(minute, 0n)).to.equal(minute);
    expect(partitionCountTimestamp(minute, 41n)).to.be.below(partitionCountTimestamp(minute, 42n));
    expect(partitionCountTimestamp(0, 56_628n)).to.equal(56_628);
  });
});
