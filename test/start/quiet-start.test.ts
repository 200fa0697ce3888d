// A healthy `npm start` prints no ERROR and no WARN line: a person reading the
// output must be able to tell a healthy start from a broken one. The start runs
// as a user runs it (text logs, every child process, the live simulator) in a
// private world of the running stack (its own topics, HBase namespace, HDFS
// root and consumer groups, created by the start itself), and every line of its
// first two minutes is read. The live counts must appear meanwhile, so the two
// minutes cover a pipeline that really works, not one that is still waiting.

import { spawn } from 'node:child_process';
import { expect } from 'chai';
import { loadConfig, repoRoot } from '../../common/config';
import { createLogger } from '../../common/log';
import { sleep } from '../../common/retry';
import { isolatedEnv, removeIsolatedStores } from '../helpers/isolated-world';

const WATCH_MS = 120_000;

/** Lines a person reads as a warning or an error: our logger's levels, Node's own warnings, uncaught stack traces. */
function alarmingLines(output: string): string[] {
  return output
    .split('\n')
    .filter(
      (line) =>
        /\b(ERROR|WARN|WARNING|FATAL)\b/.test(line) ||
        /^(\[\w+\] )?\(node:\d+\) \w*Warning/.test(line) ||
        /^(\[\w+\] )?\s+at .+:\d+:\d+\)?$/.test(line),
    );
}

describe('npm start: quiet healthy logs', function () {
  this.timeout(10 * 60_000);
  const port = 20_000 + Math.floor(Math.random() * 2000);
  const { id, env } = isolatedEnv('quiet', {
    API_PORT: String(port),
    START_SIMULATOR_RATE: '300',
    HBASE_REGIONS: '2',
    KAFKA_PARTITIONS: '3',
    UTOPIA_LOG_LEVEL: 'info',
    UTOPIA_LOG_FORMAT: 'text',
  });
  env.SPEED_GROUP_ID = `test-${id}-speed`;
  env.LANDING_GROUP_ID = `test-${id}-landing`;
  const config = loadConfig(env);

  after(async () => removeIsolatedStores(config, createLogger('test-quiet', 'warn')).catch(() => undefined));

  it('the alarm filter sees what a person would (it can fail)', () => {
    const sample = [
      '2026-12-02T00:00:00.000Z INFO  [start] Kafka ready',
      '[speed] 2026-12-02T00:00:01.000Z WARN  [speed:kafkajs] [Producer] Limiting retries',
      '[landing] 2026-12-02T00:00:01.000Z ERROR [landing] boom',
      '[api] (node:123) DeprecationWarning: something',
      '[batch]     at Object.<anonymous> (/x/y.js:1:2)',
    ].join('\n');
    expect(alarmingLines(sample)).to.have.length(4);
  });

  it('prints no ERROR or WARN line in its first two minutes, while live counts appear', async () => {
    let output = '';
    const child = spawn(process.execPath, [`${repoRoot}/dist/ops/cli/utopia.js`, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const startedAt = Date.now();
    let total = 0;
    try {
      while (Date.now() - startedAt < WATCH_MS && child.exitCode === null) {
        await sleep(2000);
        if (total > 0 || !output.includes(`Dashboard: http://127.0.0.1:${port}/`)) continue;
        const today = new Date().toISOString().slice(0, 10);
        const res = await fetch(
          `http://127.0.0.1:${port}/api/v1/counts?from=${today}&to=${new Date(Date.now() + 60_000).toISOString()}&granularity=hour`,
        ).catch(() => undefined);
        if (res?.ok) total = Number(((await res.json()) as { series: { total: string }[] }).series[0]?.total ?? 0);
      }
      const seen = output;
      expect(alarmingLines(seen), 'ERROR or WARN lines in the first two minutes').to.deep.equal([]);
      expect(child.exitCode, `npm start is still running after ${WATCH_MS / 1000} s:\n${seen.slice(-3000)}`).to.equal(null);
      expect(total, `live counts appeared within the first two minutes:\n${seen.slice(-3000)}`).to.be.above(0);
      expect(seen, 'the readiness check said its one line').to.match(/INFO {2}\[start\] Kafka ready: /);
    } finally {
      child.kill('SIGINT');
      await Promise.race([exited, sleep(60_000)]);
    }
  });
});
