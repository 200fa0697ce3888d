// A landing file that is not the newest of its partition is quarantined (as a
// batch run does with an undecodable file); the landing writer, restarted,
// lands its offset range again from Kafka, as quarantine.ts promises, and a
// batch run then finds every event of the day again. Real stack.

import { expect } from 'chai';
import { eventDay, landingFilePath, warehouseDayDir } from '../../common/contract';
import { runBatch } from '../../batch-layer';
import { quarantineFile } from '../../batch-layer/compact/quarantine';
import { generateEvents, produceEvents, truthOf } from '../helpers/batch-events';
import {
  createBatchWorld,
  landAll,
  landedMessages,
  landingFiles,
  readWarehouse,
  startLandingProcess,
  stopProcess,
  waitFor,
  type BatchWorld,
} from './batch-fixture';

const DAY_MS = 86_400_000;

describe('quarantined landing files are re-landed', function () {
  this.timeout(6 * 60_000);
  const day = eventDay(Math.floor(Date.now() / DAY_MS) * DAY_MS - 2 * DAY_MS);
  let world: BatchWorld;

  before(async () => {
    world = await createBatchWorld('reland');
  });

  after(async () => {
    await world?.remove();
  });

  it('lands the range of a quarantined file that is not the newest of its partition again', async () => {
    const events = generateEvents({
      seed: 3,
      days: [day],
      perDay: 3000,
      locations: 4,
      hotShare: 0.3,
      items: 6,
      duplicateRate: 0,
      firstOid: 1n,
    });
    await produceEvents(world.config, events);
    await landAll(world, events.length);
    const files = await landingFiles(world);
    const partition = [...new Set(files.map((f) => f.partition))].find((p) => files.filter((f) => f.partition === p).length >= 2);
    expect(partition, 'a partition with two landing files or more').to.not.equal(undefined);
    const ofPartition = files.filter((f) => f.partition === partition).sort((a, b) => (a.startOffset < b.startOffset ? -1 : 1));
    const victim = ofPartition[0]!; // not the newest
    await quarantineFile(world.hdfs, world.config.hdfs.root, landingFilePath(world.config.hdfs.root, victim), 'test');
    expect(landedMessages(await landingFiles(world))).to.equal(events.length - Number(victim.endOffset - victim.startOffset + 1n));

    const writer = startLandingProcess(world);
    try {
      await waitFor(
        async () =>
          (await landingFiles(world)).some(
            (f) => f.partition === victim.partition && f.startOffset === victim.startOffset && f.endOffset === victim.endOffset,
          ),
        120_000,
        `offsets ${victim.startOffset}..${victim.endOffset} of partition ${victim.partition} re-landed`,
      );
    } finally {
      await stopProcess(writer, 'SIGTERM');
    }
    expect(landedMessages(await landingFiles(world))).to.equal(events.length);
    const result = await runBatch({ config: world.config, hdfs: world.hdfs, hbase: world.hbase, logger: world.logger });
    expect(result.days.map((d) => d.day)).to.deep.equal([day]);
    expect(await readWarehouse(world, warehouseDayDir(world.config.hdfs.root, day))).to.have.length(truthOf(events, day).rows.size);
  });
});
