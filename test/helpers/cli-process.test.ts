// The fault suite's children run supervised (cli-process.ts): one that exits
// on its own is started again, one stopped by the test is not. `utopia config`
// stands in for a crashing service: it prints and exits at once.

import { expect } from 'chai';
import { sleep } from '../../common/retry';
import { CliProcess } from './cli-process';

describe('CliProcess supervised, as npm start supervises', function () {
  this.timeout(60_000);

  it('starts a child that exits on its own again, and never one the test stopped', async () => {
    const child = new CliProcess(process.env, 'config', 'supervised-config', [], true);
    child.start();
    const deadline = Date.now() + 30_000;
    while (child.restarts < 2 && Date.now() < deadline) await sleep(100);
    expect(child.restarts, 'restarted after each exit').to.be.at.least(2);
    await child.stop('SIGTERM');
    const stoppedAt = child.restarts;
    await sleep(4500); // longer than the supervisor's third backoff step (2-4 s)
    expect([child.restarts, child.running]).to.deep.equal([stoppedAt, false]);
  });

  it('leaves an unsupervised child that exits as it is', async () => {
    const child = new CliProcess(process.env, 'config', 'plain-config');
    child.start();
    await sleep(3000);
    expect([child.restarts, child.running]).to.deep.equal([0, false]);
  });
});
