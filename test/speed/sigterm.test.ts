// SIGTERM on the real stack: a speed layer that cannot make progress (its
// live_counts table is gone, so every chunk fails and is replayed: as stuck as
// a poison event used to leave it) and a landing writer in the middle of a
// stream both exit within UTOPIA_STOP_GRACE_MS.

import { expect } from 'chai';
import { liveCountsTableName } from '../../common/contract';
import { createLogger } from '../../common/log';
import { sleep } from '../../common/retry';
import { createHBaseAdmin } from '../../ops/stack/hbase-admin-tool';
import { stackLayout } from '../../ops/stack/stack-layout';
import { CliProcess } from '../helpers/cli-process';
import { publishWhile, scenarioOptions } from './scenario';
import { createSpeedEnv, SpeedProcess, type SpeedEnv } from './speed-env';

const GRACE_MS = 6_000;

describe('SIGTERM: the consumers exit within their grace period', function () {
  this.timeout(5 * 60_000);
  let env: SpeedEnv;
  let speed: SpeedProcess | undefined;
  let landing: CliProcess | undefined;

  before(async () => {
    env = await createSpeedEnv('sigterm', {
      UTOPIA_STOP_GRACE_MS: String(GRACE_MS),
      SPEED_POISON_ATTEMPTS: '1000',
      LANDING_FLUSH_ROWS: '1000000',
      LANDING_FLUSH_AGE_MS: '600000',
    });
  });

  after(async () => {
    await speed?.stop('SIGKILL');
    await landing?.stop('SIGKILL');
    await env?.cleanUp();
  });

  it('a stuck speed layer and a busy landing writer stop on SIGTERM in time', async () => {
    const log = createLogger('test-sigterm', 'warn');
    const admin = await createHBaseAdmin(stackLayout(env.config.home), env.config, log);
    await admin.deleteTables([liveCountsTableName(env.config.hbase.namespace)]);
    await publishWhile(env, scenarioOptions(5_000, { startMs: Date.now(), invalid: 0 }), async () => undefined);

    speed = new SpeedProcess({ ...env.env, UTOPIA_LOG_LEVEL: 'info' }, 'speed-sigterm');
    landing = new CliProcess({ ...env.env, UTOPIA_LOG_LEVEL: 'info' }, 'landing', 'landing-sigterm');
    speed.start();
    landing.start();
    await sleep(15_000); // the speed layer is now stuck failing its first chunks; the landing writer buffers
    expect(speed.running, 'speed layer alive before SIGTERM').to.equal(true);
    expect(landing.running, 'landing writer alive before SIGTERM').to.equal(true);

    const started = Date.now();
    const [speedCode, landingCode] = await Promise.all([speed.stop('SIGTERM'), landing.stop('SIGTERM')]);
    const tookMs = Date.now() - started;
    expect(tookMs, `exited after ${tookMs} ms\n${speed.log().slice(-2000)}`).to.be.lessThan(GRACE_MS + 3_000);
    expect(speedCode, 'speed layer exit code (0: stopped cleanly, 1: grace ran out)').to.be.oneOf([0, 1]);
    expect(landingCode, `landing writer exit code\n${landing.log().slice(-2000)}`).to.equal(0);
  });
});
