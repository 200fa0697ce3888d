import { expect } from 'chai';
import { compareWarehouseRows, sortWarehouseRows, type WarehouseRow } from './warehouse-schema';

describe('sortWarehouseRows', () => {
  it('orders rows exactly as compareWarehouseRows does: oids and locations above 2^53 and negative, equal times', () => {
    const big = 2n ** 62n;
    const rows: WarehouseRow[] = [];
    for (let i = 0; i < 3000; i++) {
      const location = [big + 1n, big, 5n, -7n, big + 2n][i % 5] as bigint;
      rows.push({
        detectionOid: (i % 2 === 0 ? big : -big) + BigInt((i * 7919) % 3001),
        geographicalLocationOid: location,
        geographicalLocation: null,
        videoCameraOid: 1n,
        itemName: 'x',
        timestampDetected: 1_700_000_000_000 + ((i * 31) % 17),
        partition: 0,
        offset: BigInt(i),
        kafkaTimestamp: 0,
      });
    }
    const expected = [...rows].sort(compareWarehouseRows);
    sortWarehouseRows(rows);
    expect(rows).to.deep.equal(expected);
  });
});
