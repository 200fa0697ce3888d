// SlotTable against a Map: dense slots in order of first sight, the same slot
// for the same id across growth, ids up to 2^53 (both 32-bit halves matter).

import { expect } from 'chai';
import { SlotTable } from './slot-table';

describe('SlotTable', () => {
  it('numbers ids densely in order of first sight and finds them again after growing', () => {
    const table = new SlotTable();
    const reference = new Map<number, number>();
    let seed = 12345;
    const random = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const ids: number[] = [];
    for (let i = 0; i < 50_000; i++) {
      // Small ids, ids that differ only above bit 32, and ids near 2^53.
      const kind = i % 3;
      const id = kind === 0 ? random() % 1000 : kind === 1 ? (random() % 64) * 2 ** 32 + 7 : Number.MAX_SAFE_INTEGER - (random() % 5000);
      ids.push(id);
      const expected = reference.get(id) ?? reference.size;
      reference.set(id, expected);
      expect(table.getOrAdd(id)).to.equal(expected);
    }
    expect(table.size).to.equal(reference.size);
    for (const id of ids) expect(table.get(id)).to.equal(reference.get(id));
    expect(table.get(2 ** 40 + 3)).to.equal(undefined);
  });
});
