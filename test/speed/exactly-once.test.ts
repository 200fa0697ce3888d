// Acceptance: 200,000 events (SPEED_TEST_EVENTS to change) with 5 % duplicates,
// re-sends with a new payload, late and invalid events; the speed layer is
// SIGKILLed at least 3 times at random moments and restarted. Afterwards HBase
// rows, live counts and quality counters equal the truth exactly, and the
// dead-letter topic holds exactly the invalid events with their reasons.

import { expect } from 'chai';
import { sleep } from '../../common/retry';
import { expectExactResult, loadSampleReference, pending, publishWhile, scenarioOptions } from './scenario';
import { createSpeedEnv, SpeedProcess, type SpeedEnv } from './speed-env';

const EVENTS = Number(process.env.SPEED_TEST_EVENTS ?? 200_000);
const KILLS = Number(process.env.SPEED_TEST_KILLS ?? 3);

describe('speed layer: exactly-once under SIGKILL', function () {
  this.timeout(20 * 60_000);
  let env: SpeedEnv;
  let speed: SpeedProcess;

  before(async () => {
    env = await createSpeedEnv('speed-kill');
    await loadSampleReference(env);
  });

  after(async () => {
    await speed?.stop('SIGKILL');
    await env?.cleanUp();
  });

  it(`${EVENTS} events, killed at least ${KILLS} times, equal the truth exactly`, async () => {
    speed = new SpeedProcess(env.env, 'speed-kill');
    speed.start();
    let kills = 0;
    const options = scenarioOptions(EVENTS);
    const truth = await publishWhile(env, options, async (published) => {
      const publishing = pending(published);
      // Kill at random moments while events flow, and at least 3 times overall.
      while (KILLS > 0 && (publishing() || kills < KILLS)) {
        await sleep(1500 + Math.random() * 4000);
        await speed.stop('SIGKILL');
        kills++;
        await sleep(Math.random() * 1000);
        speed.start();
      }
    });
    expect(kills).to.be.at.least(KILLS);
    expect(truth.duplicates).to.be.greaterThan(0);
    expect(truth.invalid.length).to.be.greaterThan(0);
    await expectExactResult(env, truth, () => speed.running);
    expect(await speed.stop('SIGTERM'), speed.log().slice(-3000)).to.equal(0);
  });
});
