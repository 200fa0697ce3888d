import { expect } from 'chai';
import { RefreshingCache } from './refreshing-cache';

/** A read whose result the test decides, counting calls. */
class Reads {
  calls = 0;
  private resolvers: ((value: number) => void)[] = [];
  private rejecters: ((error: Error) => void)[] = [];
  readonly read = (): Promise<number> => {
    this.calls++;
    return new Promise<number>((resolve, reject) => {
      this.resolvers.push(resolve);
      this.rejecters.push(reject);
    });
  };
  async finish(value: number): Promise<void> {
    this.rejecters.shift();
    this.resolvers.shift()?.(value);
    await new Promise((r) => setImmediate(r));
  }
  async fail(): Promise<void> {
    this.resolvers.shift();
    this.rejecters.shift()?.(new Error('down'));
    await new Promise((r) => setImmediate(r));
  }
}

describe('refreshing answer cache (stale-while-revalidate, bounded)', () => {
  it('shares one read between concurrent callers of a key (single flight)', async () => {
    let now = 0;
    const cache = new RefreshingCache<number>({ freshMs: 500, maxStaleMs: 1000 }, 10, () => now);
    const reads = new Reads();
    const answers = Array.from({ length: 50 }, () => cache.get('k', reads.read));
    expect(reads.calls).to.equal(1);
    await reads.finish(7);
    expect(await Promise.all(answers)).to.deep.equal(Array(50).fill(7));
    now = 499;
    expect(await cache.get('k', reads.read)).to.equal(7);
    expect(reads.calls).to.equal(1);
  });

  it('after freshMs serves the old answer at once while exactly one background read refreshes it', async () => {
    let now = 0;
    const cache = new RefreshingCache<number>({ freshMs: 500, maxStaleMs: 1000 }, 10, () => now);
    const reads = new Reads();
    const first = cache.get('k', reads.read);
    await reads.finish(1);
    await first;
    now = 600;
    expect(await Promise.all([cache.get('k', reads.read), cache.get('k', reads.read), cache.get('k', reads.read)])).to.deep.equal([
      1, 1, 1,
    ]);
    expect(reads.calls).to.equal(2);
    await reads.finish(2);
    expect(await cache.get('k', reads.read)).to.equal(2);
    expect(reads.calls).to.equal(2);
  });

  it('never serves an answer older than maxStaleMs: past it, callers wait for a new read', async () => {
    let now = 0;
    const cache = new RefreshingCache<number>({ freshMs: 500, maxStaleMs: 1000 }, 10, () => now);
    const reads = new Reads();
    const first = cache.get('k', reads.read);
    await reads.finish(1);
    await first;
    now = 999;
    expect(await cache.get('k', reads.read)).to.equal(1); // stale, within the bound; starts a refresh (read 2)
    await reads.fail(); // the refresh fails: the old answer stays usable until the bound only
    now = 1000;
    let settled = false;
    const waiting = cache.get('k', reads.read).then((v) => ((settled = true), v));
    await new Promise((r) => setImmediate(r));
    expect(settled).to.equal(false);
    expect(reads.calls).to.equal(3);
    await reads.finish(3);
    expect(await waiting).to.equal(3);
  });

  it('does not join a read in flight for maxStaleMs or longer', async () => {
    let now = 0;
    const cache = new RefreshingCache<number>({ freshMs: 500, maxStaleMs: 1000 }, 10, () => now);
    const reads = new Reads();
    void cache.get('k', reads.read); // hangs
    now = 1000;
    const second = cache.get('k', reads.read);
    expect(reads.calls).to.equal(2);
    await reads.finish(1); // the hung one, late: its answer (read at 0) must not replace the newer one
    await reads.finish(2);
    expect(await second).to.equal(2);
    now = 1100;
    expect(await cache.get('k', reads.read)).to.equal(2);
  });

  it('with freshMs 0 reads every time; maxStaleMs below freshMs serves nothing stale', async () => {
    const reads = new Reads();
    const off = new RefreshingCache<number>({ freshMs: 0, maxStaleMs: 1000 }, 10, () => 0);
    void off.get('k', reads.read);
    void off.get('k', reads.read);
    expect(reads.calls).to.equal(2);
    let now = 0;
    const noStale = new RefreshingCache<number>({ freshMs: 500, maxStaleMs: 0 }, 10, () => now);
    const calls = new Reads();
    const first = noStale.get('k', calls.read);
    await calls.finish(1);
    await first;
    now = 500;
    const next = noStale.get('k', calls.read);
    expect(calls.calls).to.equal(2);
    await calls.finish(2);
    expect(await next).to.equal(2);
  });
});
