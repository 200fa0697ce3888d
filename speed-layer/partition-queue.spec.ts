import { expect } from 'chai';
import { PartitionQueue } from './partition-queue';

describe('PartitionQueue', () => {
  it("runs a partition's work one after the other, other partitions alongside, past a failure", async () => {
    const queue = new PartitionQueue();
    const events: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = queue.run(1, async () => {
      events.push('1a start');
      await gate;
      events.push('1a end');
      throw new Error('chunk failed');
    });
    const second = queue.run(1, async () => void events.push('1b'));
    await queue.run(2, async () => void events.push('2'));
    expect(events).to.deep.equal(['1a start', '2']);
    release();
    await first.then(
      () => expect.fail('the failure is the caller’s'),
      (error: Error) => expect(error.message).to.equal('chunk failed'),
    );
    await second;
    expect(events).to.deep.equal(['1a start', '2', '1a end', '1b']);
  });
});
