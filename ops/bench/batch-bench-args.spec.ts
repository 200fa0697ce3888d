import { expect } from 'chai';
import { UsageError } from '../../common/errors';
import { parseFlags } from '../cli/parse-flags';
import { BATCH_BENCH_FLAGS, batchBenchArgs } from './batch-bench-args';

const args = (argv: string[]) => batchBenchArgs(parseFlags(argv, BATCH_BENCH_FLAGS));

describe('bench:batch flags', () => {
  it('has the defaults of the bench: 10 M events, Spark, every engine, clean-up', () => {
    expect(args([])).to.deep.equal({
      events: 10_000_000,
      spark: true,
      keep: false,
      cold: false,
      engineList: ['node', 'duckdb', 'spark'],
      cpuProfDir: undefined,
    });
  });

  it('reads every flag', () => {
    expect(
      args(['--events', '2000000', '--no-spark', '--cold', '--keep', '--engines=duckdb,node', '--cpu-prof', 'profiles']),
    ).to.deep.equal({
      events: 2_000_000,
      spark: false,
      keep: true,
      cold: true,
      engineList: ['duckdb', 'node'],
      cpuProfDir: 'profiles',
    });
    expect(args(['--no-engines']).engineList).to.deep.equal([]);
  });

  it('refuses what used to run the whole bench with the defaults', () => {
    expect(() => args(['--events', 'abc'])).to.throw(UsageError, '--events: bad value "abc"');
    expect(() => args(['--events', '2.5'])).to.throw(UsageError, '--events: bad value "2.5"');
    expect(() => args(['--events', '0'])).to.throw(UsageError, '--events: bad value "0"');
    expect(() => args(['--no-sparks'])).to.throw(UsageError, "unknown option '--no-sparks' (Did you mean --no-spark?)");
    expect(() => args(['--engines'])).to.throw(UsageError, "option '--engines <LIST>' argument missing");
  });

  it('refuses an engine it does not know, naming the known ones', () => {
    expect(() => args(['--engines', 'node,flink'])).to.throw(UsageError, '--engines: unknown engine "flink" (known: node, duckdb, spark)');
    expect(() => args(['--engines', '--keep'])).to.throw(UsageError, /unknown engine "--keep"/);
    expect(() => args(['--engines', ''])).to.throw(UsageError, /unknown engine ""/);
    expect(() => args(['--engines', 'node,node'])).to.throw(UsageError, /named twice/);
  });

  it('refuses --engines with --no-engines', () => {
    expect(() => args(['--engines', 'node', '--no-engines'])).to.throw(UsageError, 'contradict');
  });
});
