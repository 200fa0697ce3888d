// Acceptance: Kafka restarted mid-run, and HBase restarted mid-run, while the
// speed layer works through a backlog: it waits, retries with backoff, says so
// in its log, and the result is exact. The services are stopped and started
// with the stack's own code, so they come back the same way.
// WARNING: this disturbs every other test running on the same stack.

import { expect } from 'chai';
import { createLogger } from '../../common/log';
import { sleep } from '../../common/retry';
import { restartService } from '../helpers/restart-service';
import { expectExactResult, loadSampleReference, publishWhile, scenarioOptions } from './scenario';
import { createSpeedEnv, SpeedProcess, type SpeedEnv } from './speed-env';

const EVENTS = Number(process.env.SPEED_TEST_EVENTS_RESTARTS ?? 60_000);

describe('speed layer: Kafka and HBase restarted mid-run', function () {
  this.timeout(20 * 60_000);
  let env: SpeedEnv;
  let speed: SpeedProcess;
  const log = createLogger('test-restarts', 'info');

  before(async () => {
    env = await createSpeedEnv('speed-restarts');
    await loadSampleReference(env);
  });

  after(async () => {
    await speed?.stop('SIGKILL');
    await env?.cleanUp();
  });

  it(`${EVENTS} events with a Kafka restart and an HBase restart mid-run equal the truth exactly`, async () => {
    speed = new SpeedProcess(env.env, 'speed-restarts');
    speed.start();
    const truth = await publishWhile(env, scenarioOptions(EVENTS, { rate: 20_000 }), async (published) => {
      await published; // the whole stream is in Kafka: the speed layer works through the backlog below
    });
    await sleep(5000);
    await restartService(env.config, 'kafka', 3000, log);
    await sleep(8000);
    await restartService(env.config, 'hbase', 3000, log);
    await expectExactResult(env, truth, () => speed.running, 600_000);
    const text = speed.log();
    expect(text, 'the speed layer said it was retrying').to.match(/retrying in \d+ ms|Connection error|ECONNREFUSED|not ready/i);
    expect(await speed.stop('SIGTERM'), text.slice(-3000)).to.equal(0);
  });
});
