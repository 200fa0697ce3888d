import { expect } from 'chai';
import { cachedPromise, LruCache } from './lru-cache';

describe('serving LRU cache', () => {
  it('evicts the least recently used entry', () => {
    const cache = new LruCache<string>(2);
    cache.set('a', 'A');
    cache.set('b', 'B');
    expect(cache.get('a')).to.equal('A'); // b is now the oldest
    cache.set('c', 'C');
    expect([cache.get('a'), cache.get('b'), cache.get('c'), cache.size]).to.deep.equal(['A', undefined, 'C', 2]);
  });

  it('forgets an entry once its time to live has passed; 0 keeps nothing', () => {
    let now = 1000;
    const cache = new LruCache<string>(10, () => now);
    cache.set('live', 'x', 500);
    cache.set('settled', 'y');
    cache.set('never', 'z', 0);
    now = 1500;
    expect([cache.get('live'), cache.get('settled'), cache.get('never')]).to.deep.equal(['x', 'y', undefined]);
    now = 1501;
    expect([cache.get('live'), cache.get('settled')]).to.deep.equal([undefined, 'y']);
  });

  it('shares one promise between concurrent callers and retries after a rejection', async () => {
    const cache = new LruCache<Promise<number>>(10);
    let calls = 0;
    const fail = () => {
      calls++;
      return Promise.reject(new Error('down'));
    };
    const [a, b] = [cachedPromise(cache, 'k', 1000, fail), cachedPromise(cache, 'k', 1000, fail)];
    expect(a).to.equal(b);
    await a.catch(() => undefined);
    expect(await cachedPromise(cache, 'k', 1000, async () => ++calls)).to.equal(2);
    expect(await cachedPromise(cache, 'k', 1000, async () => ++calls)).to.equal(2);
  });
});
