// A zombie instance: one of two speed-layer instances is frozen (SIGSTOP) with
// a batch in hand for longer than its Kafka session, so its partitions move to
// the other instance; then it wakes up (SIGCONT) still holding counter values
// it read before the freeze. It must drop the batch it held, its late writes
// must not undo its successor's counts (counter cells are timestamped by their
// count), and its dead letters must not repeat (the successor fences its
// transactional producer on assignment): the result stays exact.

import { expect } from 'chai';
import { sleep } from '../../common/retry';
import { expectExactResult, loadSampleReference, pending, publishWhile, scenarioOptions } from './scenario';
import { createSpeedEnv, SpeedProcess, waitUntilEachOwnsPartitions, type SpeedEnv } from './speed-env';

const EVENTS = Number(process.env.SPEED_TEST_EVENTS_ZOMBIE ?? 60_000);
const SESSION_MS = 6000;
const FREEZES = 3;
// One freeze cycle: 1-3 s running, frozen for two sessions and 2 s (b's
// rebalance takes a's partitions meanwhile), then time for a to rejoin.
const RUNNING_MS = { min: 1000, max: 3000 };
const FROZEN_MS = SESSION_MS * 2 + 2000;
const REJOIN_MS = 8000;
const CYCLE_MS = RUNNING_MS.max + FROZEN_MS + REJOIN_MS;
// Events flow through every freeze: the woken instance then finds a batch it
// fetched, or was writing, before its partitions moved. (At a rate the speed
// layer outpaces, a publication that ended before a freeze leaves nothing to drop.)
const RATE = Math.ceil(EVENTS / ((FREEZES * CYCLE_MS) / 1000 + 10));

describe('speed layer: a frozen instance wakes up after losing its partitions', function () {
  this.timeout(15 * 60_000);
  let env: SpeedEnv;
  let a: SpeedProcess;
  let b: SpeedProcess;

  before(async () => {
    env = await createSpeedEnv('speed-zombie', { SPEED_SESSION_TIMEOUT_MS: String(SESSION_MS) });
    await loadSampleReference(env);
  });

  after(async () => {
    a?.resume();
    await a?.stop('SIGKILL');
    await b?.stop('SIGKILL');
    await env?.cleanUp();
  });

  it(`${EVENTS} events, one instance frozen ${FREEZES} times past its session: equal the truth exactly`, async () => {
    a = new SpeedProcess(env.env, 'speed-zombie-a');
    b = new SpeedProcess(env.env, 'speed-zombie-b');
    a.start();
    b.start();
    await waitUntilEachOwnsPartitions(a, b);
    const truth = await publishWhile(env, scenarioOptions(EVENTS, { rate: RATE }), async (published) => {
      const publishing = pending(published);
      for (let i = 0; i < FREEZES; i++) {
        await sleep(RUNNING_MS.min + Math.random() * (RUNNING_MS.max - RUNNING_MS.min));
        expect(publishing(), `events still flow at freeze ${i + 1}`).to.equal(true);
        a.pause();
        await sleep(FROZEN_MS);
        a.resume();
        await sleep(REJOIN_MS);
      }
    });
    await expectExactResult(env, truth, () => a.running && b.running);
    expect(a.log(), 'the woken instance dropped the batch it held').to.match(/batch dropped uncommitted/);
    expect(await a.stop('SIGTERM'), a.log().slice(-3000)).to.equal(0);
    expect(await b.stop('SIGTERM'), b.log().slice(-3000)).to.equal(0);
  });
});
