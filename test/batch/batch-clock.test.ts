// The fault suite's batch step (test/e2e/batch-step.ts) with the suite's clock
// set to 23:59:30 UTC of yesterday: the wall clock has closed yesterday since,
// the suite's clock has not, and the batch must follow the suite's clock (a run
// that crosses midnight UTC must not compact the day that was "today" at its
// start). Real stack: events landed by the landing writer, a real batch run.

import { expect } from 'chai';
import { FakeClock } from '../../common/clock';
import { eventDay } from '../../common/contract';
import { generateEvents, produceEvents } from '../helpers/batch-events';
import { runSuiteBatch, suiteClosedDays } from '../e2e/batch-step';
import { createBatchWorld, landAll, type BatchWorld } from './batch-fixture';

const DAY_MS = 86_400_000;

describe("the fault suite's batch step at 23:59:30 UTC", function () {
  this.timeout(5 * 60_000);
  const todayStart = Math.floor(Date.now() / DAY_MS) * DAY_MS;
  const suiteDay = eventDay(todayStart - DAY_MS); // "today" for the suite
  const dayBefore = eventDay(todayStart - 2 * DAY_MS);
  const clock = new FakeClock(todayStart - 30_000); // suiteDay 23:59:30
  let world: BatchWorld;

  before(async () => {
    world = await createBatchWorld('clock');
  });

  after(async () => {
    await world?.remove();
  });

  it("compacts only the days the suite's clock has closed", async () => {
    const events = generateEvents({
      seed: 7,
      days: [dayBefore, suiteDay],
      perDay: 60,
      locations: 3,
      hotShare: 0.3,
      items: 5,
      duplicateRate: 0,
      firstOid: 1n,
    });
    await produceEvents(world.config, events);
    await landAll(world, events.length);
    const expected = suiteClosedDays(
      events.map((e) => e.event.timestampDetected),
      clock,
    );
    expect(expected).to.deep.equal([dayBefore]);
    const result = await runSuiteBatch({ config: world.config, hdfs: world.hdfs, hbase: world.hbase, logger: world.logger }, clock);
    expect(result.exitCode).to.equal(0);
    expect(result.days.map((d) => d.day)).to.deep.equal(expected);
    expect(result.watermark).to.equal(dayBefore);
  });
});
