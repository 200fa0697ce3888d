// The flags of `npm run bench:batch`, apart from the bench so they can be tested
// without running it: a typo'd switch or a bad --events would otherwise cost a
// many-minute run with the defaults.

import { BATCH_ENGINES, type BatchEngine } from '../../common/config';
import { UsageError } from '../../common/errors';
import { isPositiveInteger, type Flags, type FlagSpec } from '../cli/parse-flags';

export const BATCH_BENCH_FLAGS: FlagSpec = {
  command: 'npm run bench:batch --',
  about:
    'the batch layer on one event day: the nightly run, the classic top-X job against PySpark, the engines side by side; ' +
    'writes artifacts/bench-batch.json',
  flags: [
    { name: 'events', value: 'N', default: 10_000_000, about: 'events in the day (5 % duplicates, one location with 30 %)' },
    { name: 'no-spark', about: 'skip the PySpark peer of the top-X job' },
    { name: 'cold', about: 'measure a run on an empty HBase (everything repaired) and a re-run instead of the nightly run' },
    { name: 'keep', about: "keep the run's HBase namespace, HDFS root, topics and work folder" },
    {
      name: 'engines',
      value: 'LIST',
      default: 'node,duckdb,spark',
      about: `the engines compared, comma-separated (${BATCH_ENGINES.join(', ')})`,
    },
    { name: 'no-engines', about: 'no engine comparison' },
    { name: 'cpu-prof', value: 'DIR', about: 'run the measured batch run under node --cpu-prof, its .cpuprofile into DIR' },
  ],
};

export interface BatchBenchArgs {
  readonly events: number;
  readonly spark: boolean;
  readonly keep: boolean;
  readonly cold: boolean;
  readonly engineList: BatchEngine[];
  /** Where the measured `batch run` child leaves its .cpuprofile; undefined: not profiled. */
  readonly cpuProfDir: string | undefined;
}

export function batchBenchArgs(flags: Flags): BatchBenchArgs {
  return {
    events: flags.number('events', isPositiveInteger),
    spark: !flags.has('no-spark'),
    keep: flags.has('keep'),
    cold: flags.has('cold'),
    engineList: engineListOf(flags),
    cpuProfDir: flags.value('cpu-prof'),
  };
}

function engineListOf(flags: Flags): BatchEngine[] {
  if (flags.has('no-engines')) {
    if (flags.has('engines')) throw new UsageError('--engines and --no-engines contradict each other');
    return [];
  }
  const names = (flags.value('engines') ?? '').split(',');
  const known = (name: string): name is BatchEngine => (BATCH_ENGINES as readonly string[]).includes(name);
  const unknown = names.filter((name) => !known(name));
  if (unknown.length > 0)
    throw new UsageError(
      `--engines: unknown engine ${unknown.map((n) => JSON.stringify(n)).join(', ')} (known: ${BATCH_ENGINES.join(', ')})`,
    );
  const engines = names.filter(known);
  if (new Set(engines).size !== engines.length)
    throw new UsageError(`--engines: an engine named twice in ${JSON.stringify(flags.value('engines'))}`);
  return engines;
}
