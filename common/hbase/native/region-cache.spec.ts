import { expect } from 'chai';
import { RegionCache, type RegionLocation } from './region-cache';

function region(start: number[], end: number[], server = 'rs1:16020'): RegionLocation {
  return { name: Buffer.from(`t,${Buffer.from(start).toString('hex')},1`), startKey: Buffer.from(start), endKey: Buffer.from(end), server };
}

describe('RegionCache', () => {
  const rows = (cache: RegionCache, keys: number[][]): (string | undefined)[] =>
    keys.map((k) => cache.find('t', Buffer.from(k))?.startKey.toString('hex'));

  it('finds the region of a row by binary search over sorted start keys, first and last regions open-ended', () => {
    const cache = new RegionCache();
    for (const r of [region([0xc0], []), region([], [0x40]), region([0x80], [0xc0]), region([0x40], [0x80])]) cache.add('t', r);
    expect(rows(cache, [[], [0x00], [0x3f, 0xff], [0x40], [0x7f], [0x80, 0x01], [0xc0], [0xff, 0xff, 0xff]])).to.deep.equal([
      '',
      '',
      '',
      '40',
      '40',
      '80',
      'c0',
      'c0',
    ]);
    expect(cache.find('other', Buffer.from([1]))).to.equal(undefined);
  });

  it('misses after a region is invalidated and a split replaces the parent', () => {
    const cache = new RegionCache();
    const parent = region([0x40], [0x80]);
    cache.add('t', region([], [0x40]));
    cache.add('t', parent);
    cache.invalidate('t', parent);
    expect(rows(cache, [[0x50]])).to.deep.equal([undefined]);
    cache.add('t', parent);
    cache.add('t', region([0x40], [0x60], 'rs2:16020'));
    expect(cache.size('t')).to.equal(2); // the parent overlapping the daughter is gone
    expect(rows(cache, [[0x50], [0x70]])).to.deep.equal(['40', undefined]);
    expect(cache.find('t', Buffer.from([0x50]))?.server).to.equal('rs2:16020');
  });

  it('drops every region of a failed server', () => {
    const cache = new RegionCache();
    cache.add('t', region([], [0x40], 'rs1:1'));
    cache.add('t', region([0x40], [], 'rs2:1'));
    cache.invalidateServer('rs1:1');
    expect(rows(cache, [[0x10], [0x50]])).to.deep.equal([undefined, '40']);
  });
});
