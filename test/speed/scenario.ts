// The shared scenario of the exactly-once tests: simulate a stream with
// duplicates, late and invalid events, publish it while something disturbs
// the speed layer, wait until it caught up, and compare HBase and the
// dead-letter topic with the simulator's truth, exactly.

import { expect } from 'chai';
import { Partitioners } from 'kafkajs';
import { createKafka, withKafkaAdmin } from '../../common/kafka';
import { loadReference, SAMPLE_LOCATIONS_CSV } from '../../reference-data';
import { computeTruth, defaultSimulation, generateEvents, publishEvents, type SimulationOptions, type Truth } from '../../ops/simulator';
import { createLogger } from '../../common/log';
import { readDeadLetters, readPipelineState, waitForCaughtUp, type PipelineState, type SpeedEnv } from './speed-env';

export function scenarioOptions(events: number, overrides: Partial<SimulationOptions> = {}): SimulationOptions {
  return {
    ...defaultSimulation,
    events,
    seed: Math.floor(Math.random() * 2 ** 31),
    rate: 10_000,
    startMs: Date.now(),
    duplicates: 0.05,
    sameOidNewPayload: 0.005,
    late: 0.01,
    invalid: 0.001,
    hotLocation: 0.3,
    locations: 300,
    ...overrides,
  };
}

export async function loadSampleReference(env: SpeedEnv): Promise<void> {
  await loadReference(env.config, SAMPLE_LOCATIONS_CSV, createLogger('test-reference', 'warn'));
}

/** A check that answers true until the promise settles, either way. */
export function pending(promise: Promise<unknown>): () => boolean {
  let settled = false;
  const settle = (): void => void (settled = true);
  promise.then(settle, settle);
  return () => !settled;
}

/** Publishes the stream while `disturb` runs; resolves with the truth once both are done. */
export async function publishWhile(
  env: SpeedEnv,
  options: SimulationOptions,
  disturb: (published: Promise<unknown>) => Promise<void>,
): Promise<Truth> {
  const truth = computeTruth(generateEvents(options));
  const producer = createKafka(env.config, { clientIdSuffix: 'test-sim', retries: 20 }).producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  try {
    const published = publishEvents(producer, generateEvents(options), { topic: env.config.kafka.detectionsTopic, rate: options.rate });
    await Promise.all([published, disturb(published)]);
  } finally {
    await producer.disconnect();
  }
  return truth;
}

/** HBase rows, live counts, quality counters and dead letters equal the truth. */
export async function expectExactResult(env: SpeedEnv, truth: Truth, isAlive: () => boolean, catchUpMs = 300_000): Promise<void> {
  const state = await expectExactRows(env, truth, isAlive, catchUpMs);
  const drift = countDrift(state, truth);
  expect(drift.slice(0, 5), `${drift.length} live count cells differ`).to.deep.equal([]);
  expect(state.quality.accepted, 'quality accepted').to.equal(truth.distinct);
  expect(state.quality.duplicates, 'quality duplicates').to.equal(truth.duplicates);
  expect(state.quality.dead_letters, 'quality dead_letters').to.equal(truth.invalid.length);
  await expectExactDeadLetters(env, truth);
}

/** Once caught up: the topic holds what was published, and HBase's detection rows equal the truth. */
async function expectExactRows(env: SpeedEnv, truth: Truth, isAlive: () => boolean, catchUpMs = 300_000): Promise<PipelineState> {
  await waitForCaughtUp(env.config, catchUpMs, isAlive);
  // The topic must hold exactly what was published, else the truth does not describe it.
  const inTopic = await withKafkaAdmin(env.config, {}, async (admin) =>
    (await admin.fetchTopicOffsets(env.config.kafka.detectionsTopic)).reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0),
  );
  expect(inTopic, 'messages in the topic (a producer retry duplicated some?)').to.equal(truth.published);
  const state = await readPipelineState(env);
  expect(Object.keys(state.detections).length, 'detection rows').to.equal(truth.distinct);
  const wrongRows = Object.entries(truth.detections).filter(([oid, value]) => state.detections[oid] !== value);
  expect(wrongRows.slice(0, 5), `${wrongRows.length} detection rows differ`).to.deep.equal([]);
  return state;
}

/** Live count cells that differ from the truth, as "key: got != want". */
function countDrift(state: PipelineState, truth: Truth): string[] {
  const countKeys = new Set([...Object.keys(truth.counts), ...Object.keys(state.counts)]);
  return [...countKeys]
    .filter((k) => (state.counts[k] ?? 0) !== (truth.counts[k] ?? 0))
    .map((k) => `${k}: ${state.counts[k]} != ${truth.counts[k]}`);
}

/** The dead-letter topic holds exactly the truth's invalid events, with their reasons. */
async function expectExactDeadLetters(env: SpeedEnv, truth: Truth): Promise<void> {
  const deadLetters = await readDeadLetters(env.config, truth.invalid.length);
  const got = deadLetters.map((d) => `${d.reason} ${d.key} ${d.value}`).sort();
  const want = truth.invalid.map((d) => `${d.reason} ${d.key} ${d.value}`).sort();
  expect(got.length, 'dead letters').to.equal(want.length);
  expect(got).to.deep.equal(want);
}
