import { expect } from 'chai';
import { ReadableWatch, type ReadableProbe } from './readable-watch';

/** An HBase that holds the oids in `readable`, and remembers what each poll asked. */
function store(readable: Set<bigint>): { probe: ReadableProbe; asked: bigint[][] } {
  const asked: bigint[][] = [];
  return {
    asked,
    probe: (oids) => {
      asked.push([...oids]);
      return Promise.resolve(oids.map((oid) => readable.has(oid)));
    },
  };
}

describe('the freshness watch of bench:speed', () => {
  it('asks only for the oldest pending event of each partition while it is not readable', async () => {
    const watch = new ReadableWatch();
    for (let i = 0; i < 100; i++) watch.add(i % 2, BigInt(i), 1000 + i);
    const { probe, asked } = store(new Set());
    for (let poll = 0; poll < 5; poll++) expect(await watch.poll(probe, () => 5000)).to.equal(false);
    expect(asked).to.deep.equal(Array.from({ length: 5 }, () => [0n, 1n]));
    expect(watch.rowsAsked).to.equal(10);
    expect(watch.pending).to.equal(100);
    expect(watch.latenciesMs).to.deep.equal([]);
  });

  it('times each event when it is found, and asks four times as many after a full answer', async () => {
    const watch = new ReadableWatch();
    for (let i = 0; i < 30; i++) watch.add(7, BigInt(i), 100 * i);
    const { probe, asked } = store(new Set(Array.from({ length: 30 }, (_, i) => BigInt(i))));
    let now = 10_000;
    while (watch.pending > 0) expect(await watch.poll(probe, () => (now += 10))).to.equal(true);
    expect(asked.map((oids) => oids.length)).to.deep.equal([1, 4, 16, 9]);
    expect(watch.latenciesMs).to.have.length(30);
    expect(watch.latenciesMs[0]).to.equal(10_010);
    expect(watch.latenciesMs[29]).to.equal(10_040 - 2900);
  });

  it('keeps an asked event that is not readable yet and narrows its partition to its oldest again', async () => {
    const watch = new ReadableWatch();
    for (let i = 0; i < 8; i++) watch.add(0, BigInt(i), 0);
    const readable = new Set([0n, 1n, 2n, 3n, 4n, 6n]);
    const { probe, asked } = store(readable);
    expect(await watch.poll(probe, () => 1)).to.equal(true); // [0]
    expect(await watch.poll(probe, () => 2)).to.equal(true); // [1..4]
    expect(await watch.poll(probe, () => 3)).to.equal(false); // [5, 6, 7]: 6 found out of order, 5 and 7 kept
    expect(asked[2]).to.deep.equal([5n, 6n, 7n]);
    expect(watch.pending).to.equal(2);
    await watch.poll(probe, () => 4);
    expect(asked[3]).to.deep.equal([5n]);
    readable.add(5n).add(7n);
    await watch.poll(probe, () => 5);
    await watch.poll(probe, () => 6);
    expect(asked.slice(4)).to.deep.equal([[5n], [7n]]);
    expect(watch.latenciesMs).to.deep.equal([1, 2, 2, 2, 2, 3, 5, 6]);
  });

  it('lets a partition that lags not hold up the others', async () => {
    const watch = new ReadableWatch();
    for (let i = 0; i < 10; i++) watch.add(i % 2, BigInt(i), 0);
    const odd = new Set([1n, 3n, 5n, 7n, 9n]);
    const { probe } = store(odd);
    let polls = 0;
    while (watch.pending > 5 && polls++ < 10) await watch.poll(probe, () => 1);
    expect(watch.pending).to.equal(5);
    expect(polls).to.be.at.most(3);
    expect(watch.drain(100)).to.deep.equal([100, 100, 100, 100, 100]);
    expect(watch.pending).to.equal(0);
  });

  it('keeps events added while a poll waits for its answer, behind the ones it asked about', async () => {
    const watch = new ReadableWatch();
    watch.add(0, 1n, 0);
    watch.add(0, 2n, 0);
    const readable = new Set([1n, 3n]);
    const asked: bigint[][] = [];
    const probe: ReadableProbe = async (oids) => {
      asked.push([...oids]);
      watch.add(0, 3n, 5); // sent while the answer was on its way
      return Promise.resolve(oids.map((oid) => readable.has(oid)));
    };
    await watch.poll(probe, () => 10); // [1]: readable
    await watch.poll(probe, () => 20); // [2, 3]: 3 readable, 2 not
    expect(asked).to.deep.equal([[1n], [2n, 3n]]);
    expect(watch.latenciesMs).to.deep.equal([10, 15]);
    expect(watch.pending, '2, and the 3 added during the second poll').to.equal(2);
    expect(watch.drain(100)).to.deep.equal([100, 95]);
  });

  it('finishes a poll whose events were drained while it waited', async () => {
    const watch = new ReadableWatch();
    watch.add(3, 1n, 0);
    const drained: number[][] = [];
    const probe: ReadableProbe = (oids) => {
      drained.push(watch.drain(50)); // the bench's final wait ran out meanwhile
      return Promise.resolve(oids.map(() => true));
    };
    expect(await watch.poll(probe, () => 60)).to.equal(true);
    expect(drained).to.deep.equal([[50]]);
    expect(watch.pending).to.equal(0);
  });

  it('asks nothing when nothing is pending', async () => {
    const watch = new ReadableWatch();
    const { probe, asked } = store(new Set());
    expect(await watch.poll(probe, () => 1)).to.equal(false);
    expect(asked).to.deep.equal([]);
  });
});
