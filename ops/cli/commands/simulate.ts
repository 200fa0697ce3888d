// `utopia simulate`: publishes simulated camera events to Kafka at a given rate
// and optionally writes the truth a correct pipeline must show. `--events 0`
// runs until SIGINT/SIGTERM (the live feed of `npm start`).

import fs from 'node:fs';
import { loadConfig } from '../../../common/config';
import { Partitioners } from 'kafkajs';
import { createKafka } from '../../../common/kafka';
import { createLogger } from '../../../common/log';
import { clockFirstOid, computeTruth, defaultSimulation, generateEvents, publishEvents, type SimulationOptions } from '../../simulator';
import { UsageError, type Command } from '../command';
import { numberFlag, parseFlags } from '../parse-flags';

const FLAGS = ['events', 'rate', 'duplicates', 'same-oid-new-payload', 'late', 'invalid', 'hot-location', 'unknown-location', 'locations', 'seed', 'truth', 'start-ms', 'end-ms', 'first-oid'];
const share = (n: number): boolean => n >= 0 && n <= 1;

export const simulateCommand: Command = {
  name: 'simulate',
  summary: 'publish simulated camera events to Kafka (and the truth a correct pipeline must show)',
  usage:
    'utopia simulate --events N|0 --rate R [--start-ms T] [--end-ms T] [--duplicates 0.05] [--same-oid-new-payload 0.005] [--late 0.01] [--invalid 0.001] ' +
    '[--hot-location 0.3] [--unknown-location 0] [--locations 10000] [--seed S] [--truth FILE] [--first-oid OID]  (--events 0: until stopped)',
  async run(args) {
    const flags = parseFlags(args, FLAGS);
    const d = defaultSimulation;
    const rate = numberFlag(flags, 'rate', d.rate, (n) => n > 0);
    const count = numberFlag(flags, 'events', d.events, (n) => Number.isInteger(n) && n >= 0);
    const endless = count === 0;
    const startMs = numberFlag(flags, 'start-ms', Date.now(), Number.isSafeInteger);
    const endMs = flags.has('end-ms') ? numberFlag(flags, 'end-ms', 0, (n) => Number.isSafeInteger(n) && n > startMs) : undefined;
    // An endless run has no truth to write and no end to spread timestamps to.
    if (endless && flags.has('truth')) throw new UsageError('--truth needs a finite --events');
    if (endless && endMs !== undefined) throw new UsageError('--end-ms needs a finite --events');
    const options: SimulationOptions = {
      ...d,
      events: endless ? Infinity : count,
      rate,
      duplicates: numberFlag(flags, 'duplicates', d.duplicates, share),
      sameOidNewPayload: numberFlag(flags, 'same-oid-new-payload', d.sameOidNewPayload, share),
      late: numberFlag(flags, 'late', d.late, share),
      invalid: numberFlag(flags, 'invalid', d.invalid, share),
      hotLocation: numberFlag(flags, 'hot-location', d.hotLocation, share),
      unknownLocation: numberFlag(flags, 'unknown-location', d.unknownLocation, share),
      locations: numberFlag(flags, 'locations', d.locations, (n) => Number.isInteger(n) && n > 0),
      seed: numberFlag(flags, 'seed', Date.now() % 2 ** 31, Number.isInteger),
      startMs,
      ...(endMs !== undefined ? { endMs } : {}),
      firstOid: flags.has('first-oid') ? BigInt(flags.get('first-oid') as string) : endless ? clockFirstOid(Date.now()) : d.firstOid,
    };
    const config = loadConfig();
    const log = createLogger('simulate', config.logLevel);
    const truthFile = flags.get('truth');
    if (truthFile) {
      fs.writeFileSync(truthFile, JSON.stringify({ options: { ...options, firstOid: options.firstOid.toString(), items: undefined }, ...computeTruth(generateEvents(options)) }));
      log.info(`truth written to ${truthFile}`);
    }
    const producer = createKafka(config, { clientIdSuffix: 'simulator', logger: log }).producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const stop = new AbortController();
    const onSignal = (): void => stop.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      const result = await publishEvents(producer, generateEvents(options), {
        topic: config.kafka.detectionsTopic,
        rate,
        signal: stop.signal,
        progressEveryMs: endless ? 30_000 : 1000,
        onProgress: (sent, ms) => log.info(`${sent}${endless ? '' : `/${options.events}`} events, ${Math.round((sent * 1000) / ms)} events/s`),
      });
      console.log(`published ${result.sent} events to ${config.kafka.detectionsTopic} in ${(result.elapsedMs / 1000).toFixed(1)} s: ${result.eventsPerSecond} events/s (target ${rate}), seed ${options.seed}`);
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await producer.disconnect();
    }
    return 0;
  },
};
