// `npm start` as a user runs it, in a private world of the running stack: it
// prints the dashboard URL, the API shows live counts within a minute of that,
// and Ctrl-C (SIGINT) stops every child and exits 0 with nothing left behind.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { expect } from 'chai';
import { loadConfig, repoRoot } from '../../common/config';
import { createLogger } from '../../common/log';
import { sleep } from '../../common/retry';
import { createIsolatedStores, isolatedEnv, removeIsolatedStores } from '../helpers/isolated-world';

describe('npm start', function () {
  this.timeout(10 * 60_000);
  const port = 18_000 + Math.floor(Math.random() * 2000);
  const { id, env } = isolatedEnv('start', {
    SPEED_GROUP_ID: '',
    LANDING_GROUP_ID: '',
    API_PORT: String(port),
    START_SIMULATOR_RATE: '300',
    HBASE_REGIONS: '2',
    KAFKA_PARTITIONS: '3',
  });
  env.SPEED_GROUP_ID = `test-${id}-speed`;
  env.LANDING_GROUP_ID = `test-${id}-landing`;
  const config = loadConfig(env);
  const log = createLogger('test-start', 'warn');

  before(async () => createIsolatedStores(config, log));
  after(async () => removeIsolatedStores(config, log));

  it('shows live counts within a minute of printing the dashboard URL, and Ctrl-C stops everything', async () => {
    let output = '';
    const child = spawn(process.execPath, [`${repoRoot}/dist/ops/cli/utopia.js`, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const urlDeadline = Date.now() + 5 * 60_000;
      while (!output.includes(`Dashboard: http://127.0.0.1:${port}/`) && Date.now() < urlDeadline && child.exitCode === null)
        await sleep(250);
      expect(output, 'the dashboard URL is printed').to.include(`Dashboard: http://127.0.0.1:${port}/`);
      const printedAt = Date.now();

      const today = new Date().toISOString().slice(0, 10);
      let total = 0;
      while (total === 0 && Date.now() - printedAt < 60_000) {
        await sleep(1000);
        const res = await fetch(
          `http://127.0.0.1:${port}/api/v1/counts?from=${today}&to=${new Date(Date.now() + 60_000).toISOString()}&granularity=hour`,
        );
        if (res.ok) total = Number(((await res.json()) as { series: { total: string }[] }).series[0]?.total ?? 0);
      }
      expect(total, `live counts within a minute of the URL (output:\n${output.slice(-3000)})`).to.be.above(0);
      expect(output, 'prefixed child logs')
        .to.match(/\[speed\] /)
        .and.to.match(/\[landing\] /)
        .and.to.match(/\[simulator\] /);
    } finally {
      child.kill('SIGINT');
    }
    const code = await Promise.race([exited, sleep(60_000).then(() => 'timeout' as const)]);
    expect(code, output.slice(-3000)).to.equal(0);
    expect(childrenOf(config.hbase.namespace), 'no process of this start is left').to.deep.equal([]);
  });
});

/** Pids of processes started with this world's HBase namespace in their environment. */
function childrenOf(namespace: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0').includes(`HBASE_NAMESPACE=${namespace}`))
        pids.push(Number(entry));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return pids;
}
