// `utopia simulate`: publishes simulated camera events to Kafka at a given rate
// and optionally writes the truth a correct pipeline must show. `--events 0`
// runs until SIGINT/SIGTERM (the live feed of `npm start`).

import fs from 'node:fs';
import { Partitioners } from 'kafkajs';
import { loadConfig } from '../../../common/config';
import { createKafka } from '../../../common/kafka';
import { createLogger } from '../../../common/log';
import { createProgress } from '../../../common/progress';
import { clockFirstOid, computeTruth, defaultSimulation, generateEvents, publishEvents, type SimulationOptions } from '../../simulator';
import { isShare, numberArg, UsageError, type CommandRegistration } from '../command';
import { EXIT } from '../exit-codes';

interface SimulateFlags {
  events: number;
  rate: number;
  startMs?: number;
  endMs?: number;
  duplicates: number;
  sameOidNewPayload: number;
  late: number;
  invalid: number;
  hotLocation: number;
  unknownLocation: number;
  locations: number;
  seed?: number;
  truth?: string;
  firstOid?: string;
}

const share = numberArg(isShare, 'a share from 0 to 1');

export const registerSimulate: CommandRegistration = (program, exit) => {
  const d = defaultSimulation;
  program
    .command('simulate')
    .description('publish simulated camera events to Kafka keyed by detection_oid (and the truth a correct pipeline must show)')
    .option(
      '--events <n>',
      'events to publish; 0: until stopped',
      numberArg((n) => Number.isInteger(n) && n >= 0, 'a whole number'),
      d.events,
    )
    .option(
      '--rate <r>',
      'events per second',
      numberArg((n) => n > 0, 'a positive number'),
      d.rate,
    )
    .option('--start-ms <t>', 'first nominal timestamp, epoch ms (default now)', numberArg(Number.isSafeInteger, 'epoch milliseconds'))
    .option(
      '--end-ms <t>',
      'spread the timestamps evenly up to this epoch ms, whatever the rate',
      numberArg(Number.isSafeInteger, 'epoch milliseconds'),
    )
    .option('--duplicates <share>', 'share of exact repeats of a recent event', share, d.duplicates)
    .option('--same-oid-new-payload <share>', 'share of repeats of an oid with another payload', share, d.sameOidNewPayload)
    .option('--late <share>', 'share of events detected hours before they are sent', share, d.late)
    .option('--invalid <share>', 'share of invalid events (one of each reject reason)', share, d.invalid)
    .option('--hot-location <share>', 'share of events at location 1', share, d.hotLocation)
    .option('--unknown-location <share>', 'share of events at locations missing from Dataset B', share, d.unknownLocation)
    .option(
      '--locations <n>',
      'locations to spread events over',
      numberArg((n) => Number.isInteger(n) && n > 0, 'a positive whole number'),
      d.locations,
    )
    .option('--seed <s>', 'random seed (default from the clock)', numberArg(Number.isInteger, 'a whole number'))
    .option('--truth <file>', 'write the counts a correct pipeline must show to this JSON file')
    .option('--first-oid <oid>', 'the first detection_oid')
    .action(
      exit.action(async (flags: SimulateFlags) => {
        const options = simulationOptions(flags);
        await runSimulation(flags, options);
        return EXIT.ok;
      }),
    );
};

/** Checks the flags and turns them into the simulator's options. */
function simulationOptions(flags: SimulateFlags): SimulationOptions {
  const d = defaultSimulation;
  const endless = flags.events === 0;
  const startMs = flags.startMs ?? Date.now();
  if (flags.endMs !== undefined && flags.endMs <= startMs) throw new UsageError('--end-ms must be after --start-ms');
  // An endless run has no truth to write and no end to spread timestamps to.
  if (endless && flags.truth !== undefined) throw new UsageError('--truth needs a finite --events');
  if (endless && flags.endMs !== undefined) throw new UsageError('--end-ms needs a finite --events');
  let firstOid: bigint;
  try {
    firstOid = flags.firstOid !== undefined ? BigInt(flags.firstOid) : endless ? clockFirstOid(Date.now()) : d.firstOid;
  } catch {
    throw new UsageError(`--first-oid: bad value ${JSON.stringify(flags.firstOid)}`);
  }
  return {
    ...d,
    events: endless ? Infinity : flags.events,
    rate: flags.rate,
    duplicates: flags.duplicates,
    sameOidNewPayload: flags.sameOidNewPayload,
    late: flags.late,
    invalid: flags.invalid,
    hotLocation: flags.hotLocation,
    unknownLocation: flags.unknownLocation,
    locations: flags.locations,
    seed: flags.seed ?? Date.now() % 2 ** 31,
    startMs,
    ...(flags.endMs !== undefined ? { endMs: flags.endMs } : {}),
    firstOid,
  };
}

/** Writes the truth if asked, then publishes until done or stopped by a signal. */
async function runSimulation(flags: SimulateFlags, options: SimulationOptions): Promise<void> {
  const endless = flags.events === 0;
  const config = loadConfig();
  const log = createLogger('simulate', config.logLevel);
  if (flags.truth) {
    fs.writeFileSync(
      flags.truth,
      JSON.stringify({
        options: { ...options, firstOid: options.firstOid.toString(), items: undefined },
        ...computeTruth(generateEvents(options)),
      }),
    );
    log.info(`truth written to ${flags.truth}`);
  }
  const producer = createKafka(config, { clientIdSuffix: 'simulator', logger: log }).producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  // One line at once, so a supervisor's log shows the simulator started (progress follows every 30 s when endless).
  log.info(
    `publishing ${endless ? 'until stopped' : `${options.events} events`} at ${flags.rate} events/s to ${config.kafka.detectionsTopic}`,
  );
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const progress = createProgress({
    phase: 'publish',
    unit: 'events',
    ...(endless ? {} : { total: options.events }),
    log,
    lineEveryMs: endless ? 30_000 : 1000,
  });
  try {
    const result = await publishEvents(producer, generateEvents(options), {
      topic: config.kafka.detectionsTopic,
      rate: flags.rate,
      signal: stop.signal,
      progressEveryMs: endless ? 30_000 : 1000,
      onProgress: (sent) => progress.update(sent),
    });
    progress.done(result.sent);
    console.log(
      `published ${result.sent} events to ${config.kafka.detectionsTopic} in ${(result.elapsedMs / 1000).toFixed(1)} s: ${result.eventsPerSecond} events/s (target ${flags.rate}), seed ${options.seed}`,
    );
  } finally {
    progress.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await producer.disconnect();
  }
}
