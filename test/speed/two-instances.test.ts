// Acceptance: two speed-layer instances share the partitions; one is SIGKILLed
// mid-run and not restarted. The survivor takes its partitions over and the
// result is exact.

import { expect } from 'chai';
import { sleep } from '../../common/retry';
import { expectExactResult, loadSampleReference, pending, publishWhile, scenarioOptions } from './scenario';
import { createSpeedEnv, SpeedProcess, waitUntilEachOwnsPartitions, type SpeedEnv } from './speed-env';

const EVENTS = Number(process.env.SPEED_TEST_EVENTS_TWO ?? 100_000);

describe('speed layer: two instances, one killed', function () {
  this.timeout(15 * 60_000);
  let env: SpeedEnv;
  let a: SpeedProcess;
  let b: SpeedProcess;

  before(async () => {
    env = await createSpeedEnv('speed-two');
    await loadSampleReference(env);
  });

  after(async () => {
    await a?.stop('SIGKILL');
    await b?.stop('SIGKILL');
    await env?.cleanUp();
  });

  it(`${EVENTS} events over two instances, one SIGKILLed mid-run, equal the truth exactly`, async () => {
    a = new SpeedProcess(env.env, 'speed-a');
    b = new SpeedProcess(env.env, 'speed-b');
    a.start();
    b.start();
    // The kill must hit a member that shares the work while events flow: both
    // own partitions before the first event, and the kill comes at least 1 s
    // before the publication ends.
    await waitUntilEachOwnsPartitions(a, b);
    const options = scenarioOptions(EVENTS);
    const publicationMs = (EVENTS / options.rate) * 1000;
    const truth = await publishWhile(env, options, async (published) => {
      const publishing = pending(published);
      await sleep(1000 + Math.random() * Math.max(0, Math.min(4000, publicationMs - 2000)));
      expect(publishing(), 'events still flow at the kill').to.equal(true);
      expect(a.running && b.running, 'both instances run before the kill').to.equal(true);
      await a.stop('SIGKILL');
    });
    await expectExactResult(env, truth, () => b.running);
    expect(await b.stop('SIGTERM'), b.log().slice(-3000)).to.equal(0);
  });
});
