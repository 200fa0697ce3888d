// `stack status` must notice a service that died, and `stack up` must bring
// just that one back.

import { expect } from 'chai';
import { loadConfig } from '../../common/config';
import { createLogger } from '../../common/log';
import { createStack } from '../../ops/stack';
import { runCli } from '../helpers/run-cli';

describe('stack status', function () {
  this.timeout(5 * 60_000);
  const config = loadConfig();
  const stack = createStack(config, createLogger('test', 'warn'));

  before(function () {
    if (!config.stack.local) this.skip();
  });

  it('reports every service up with exit code 0 on a running stack', async () => {
    const result = await runCli(['stack', 'status']);
    expect(result.stdout).to.match(/namenode\s+up/);
    expect(result.stdout).to.match(/datanode\s+up/);
    expect(result.stdout).to.match(/hbase\s+up/);
    expect(result.stdout).to.match(/kafka\s+up/);
    expect(result.code).to.equal(0);
  });

  it('sees a SIGKILLed DataNode, exits non-zero, and `up` restarts only it', async () => {
    const before = await stack.status();
    const dataNode = before.find((s) => s.spec.name === 'datanode');
    const others = before.filter((s) => s.spec.name !== 'datanode').map((s) => s.pids.join());
    expect(dataNode?.pids).to.have.length(1);
    process.kill(dataNode?.pids[0] as number, 'SIGKILL');

    const result = await runCli(['stack', 'status']);
    expect(result.code).to.equal(1);
    expect(result.stdout).to.match(/datanode\s+down\s+-/);
    expect(result.stdout).to.match(/namenode\s+up/);

    await stack.up();
    const after = await stack.status();
    expect(
      after.every((s) => s.healthy),
      JSON.stringify(after.map((s) => [s.spec.name, s.detail])),
    ).to.equal(true);
    expect(after.find((s) => s.spec.name === 'datanode')?.pids[0]).to.not.equal(dataNode?.pids[0]);
    expect(after.filter((s) => s.spec.name !== 'datanode').map((s) => s.pids.join())).to.deep.equal(others);
  });

  it('`up` on a running stack is a no-op that returns quickly', async () => {
    const pidsBefore = (await stack.status()).map((s) => s.pids.join());
    const started = Date.now();
    const result = await runCli(['stack', 'up']);
    expect(result.code, result.stderr).to.equal(0);
    expect(result.stderr).to.match(/already running/);
    expect((await stack.status()).map((s) => s.pids.join())).to.deep.equal(pidsBefore);
    // Generous bound: this is a check that nothing restarted, not a benchmark.
    expect(Date.now() - started).to.be.below(10_000);
  });
});
