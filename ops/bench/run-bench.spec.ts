import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { isPositiveInteger, usageOf, type Flags, type FlagSpec } from '../cli/parse-flags';
import { runBench, type BenchProcess } from './run-bench';

const spec: FlagSpec = {
  command: 'npm run bench:test --',
  about: 'a bench for the tests',
  flags: [
    { name: 'events', value: 'N', default: 10, about: 'events' },
    { name: 'keep', about: 'keep' },
  ],
};

/** Runs a bench on a recorded process: what it printed where, its exit codes, whether main ran. */
async function run(argv: string[], main: (flags: Flags) => Promise<void>) {
  const seen = { out: '', err: '', exits: [] as number[], mainRan: false };
  const proc: BenchProcess = {
    argv,
    out: (text) => void (seen.out += text),
    err: (text) => void (seen.err += text),
    exit: (code) => void seen.exits.push(code),
  };
  await runBench(
    'test',
    spec,
    async (flags) => {
      seen.mainRan = true;
      await main(flags);
    },
    proc,
  );
  return seen;
}

const noop = async (): Promise<void> => undefined;

describe('bench runner', () => {
  it('runs main with the parsed flags and exits 0', async () => {
    let events = 0;
    let keep = false;
    const seen = await run(['--events=7', '--keep'], async (flags) => {
      events = flags.number('events', isPositiveInteger);
      keep = flags.has('keep');
    });
    expect([events, keep]).to.deep.equal([7, true]);
    expect(seen).to.deep.equal({ out: '', err: '', exits: [0], mainRan: true });
  });

  it('prints the usage on --help and exits 0 without running main', async () => {
    const seen = await run(['--help'], noop);
    expect(seen).to.deep.equal({ out: usageOf(spec), err: '', exits: [0], mainRan: false });
  });

  it('refuses an unknown flag with one line and the usage, exit 2, before main runs', async () => {
    const seen = await run(['--bogus'], noop);
    expect(seen.err).to.equal(`bench:test: unknown option '--bogus'\n\n${usageOf(spec)}`);
    expect([seen.out, seen.exits, seen.mainRan]).to.deep.equal(['', [2], false]);
  });

  it('treats a UsageError from main (a bad flag value) the same way, without a stack', async () => {
    const seen = await run(['--events', 'abc'], async (flags) => void flags.number('events', isPositiveInteger));
    expect(seen.err).to.equal(`bench:test: --events: bad value "abc"\n\n${usageOf(spec)}`);
    expect(seen.err).not.to.match(/\n\s+at /);
    expect(seen.exits).to.deep.equal([2]);
  });

  it('prints any other failure with its stack and exits 1', async () => {
    const seen = await run([], async () => {
      throw new Error('HBase is down');
    });
    expect(seen.err).to.match(/^bench:test failed: Error: HBase is down\n\s+at /);
    expect(seen.exits).to.deep.equal([1]);
    const thrown = await run([], async () => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- what a careless dependency may throw
      throw 'a string';
    });
    expect(thrown.err).to.equal('bench:test failed: a string\n');
    expect(thrown.exits).to.deep.equal([1]);
  });

  it('ends a real process with the exit code even when handles stay open', function () {
    this.timeout(20_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'run-bench-'));
    const script = path.join(dir, 'bench.js');
    // A main that leaves a timer running, as the benches leave Kafka and HBase clients open.
    fs.writeFileSync(
      script,
      `const { runBench } = require(${JSON.stringify(path.join(__dirname, 'run-bench'))});
       const spec = { command: 'bench', about: 'a bench', flags: [{ name: 'fail', about: 'fail' }] };
       void runBench('tiny', spec, async (flags) => {
         setInterval(() => undefined, 1000);
         if (flags.has('fail')) throw new Error('failed on purpose');
       });`,
    );
    try {
      const node = (...args: string[]) => spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', timeout: 15_000 });
      const ok = node();
      expect([ok.status, ok.stdout, ok.stderr]).to.deep.equal([0, '', '']);
      const failed = node('--fail');
      expect(failed.status).to.equal(1);
      expect(failed.stderr).to.match(/^bench:tiny failed: Error: failed on purpose\n\s+at /);
      const usage = node('--bogus');
      expect(usage.status).to.equal(2);
      expect(usage.stderr).to.match(/^bench:tiny: unknown option '--bogus'\n\nUsage: bench \[options\]/);
      const help = node('--help');
      expect([help.status, help.stderr]).to.deep.equal([0, '']);
      expect(help.stdout).to.match(/^Usage: bench \[options\]\n\na bench\n/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
