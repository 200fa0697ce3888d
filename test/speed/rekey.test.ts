// `utopia rekey` against the real stack: a topic written as producers outside
// the project write (unkeyed, or keyed by camera), with copies of one event in
// different partitions and some invalid events, is rekeyed into the detections
// topic while the speed layer runs; the rekey process is SIGKILLed once
// mid-run and restarted. Every copy of an oid must sit in one partition of the
// detections topic, each copy exactly once (read_committed), the speed view
// must hold exact counts, and the invalid events must be dead letters with
// their reasons, each once. The speed layer and the landing writer, reading
// the transactional topic read_committed, must both reach a lag of 0 (past the
// transactions' commit markers). The killed instance's open transactions are
// aborted in any order when the next owner fences them: kafkajs must skip them
// all (ops/patches/kafkajs+2.2.4.patch), else their records read as committed.

import { expect } from 'chai';
import { Partitioners } from 'kafkajs';
import type { Config } from '../../common/config';
import { committedOffsets, createKafka, withKafkaAdmin } from '../../common/kafka';
import { encodeDetectionEvent, type DetectionEvent, type RejectReason } from '../../common/contract';
import { sleep } from '../../common/retry';
import { computeTruth, type SimEvent } from '../../ops/simulator';
import { CliProcess } from '../helpers/cli-process';
import { randomName } from '../helpers/random-name';
import { createSpeedEnv, readDeadLetters, readPipelineState, SpeedProcess, waitForCaughtUp, type SpeedEnv } from './speed-env';

const DISTINCT = Number(process.env.REKEY_TEST_EVENTS ?? 20_000);
const SOURCE_PARTITIONS = 4;
const ITEMS = ['person', 'bicycle', 'bus', 'car', 'dog', '自転車'];

interface SourceRecord {
  readonly partition: number;
  readonly key: string | null;
  readonly value: string;
}

/** Valid events in 1-3 copies spread over the source partitions, half unkeyed and half keyed by camera, plus invalid ones. */
function sourceStream(now: number): { records: SourceRecord[]; valid: SimEvent[]; invalid: { value: string; reason: RejectReason }[] } {
  const records: SourceRecord[] = [];
  const valid: SimEvent[] = [];
  const invalid: { value: string; reason: RejectReason }[] = [];
  const firstOid = 9_007_199_254_740_000n; // around 2^53: exact int64 needed
  for (let i = 0; i < DISTINCT; i++) {
    const location = 1 + (i % 40);
    const event: DetectionEvent = {
      geographicalLocationOid: BigInt(location),
      videoCameraOid: BigInt(location * 10 + (i % 3)),
      detectionOid: firstOid + BigInt(i),
      itemName: ITEMS[(i * 7) % ITEMS.length] as string,
      timestampDetected: now - 600_000 + Math.floor((i * 600_000) / DISTINCT),
    };
    const value = encodeDetectionEvent(event);
    const copies = 1 + (i % 3 === 0 ? 1 : 0) + (i % 7 === 0 ? 1 : 0);
    for (let c = 0; c < copies; c++) {
      records.push({ partition: (i + c) % SOURCE_PARTITIONS, key: i % 2 === 0 ? null : event.videoCameraOid.toString(), value });
      valid.push({ kind: c === 0 ? 'original' : 'duplicate', key: '', value, event });
    }
    if (i % 500 === 0) {
      const reasons: [RejectReason, string][] = [
        ['malformed_json', `{"detection_oid":"${i}"`],
        [
          'item_name_empty',
          JSON.stringify({
            geographical_location_oid: '1',
            video_camera_oid: '2',
            detection_oid: String(i + 1),
            item_name: '',
            timestamp_detected: now,
          }),
        ],
        [
          'missing_field',
          JSON.stringify({ geographical_location_oid: '1', video_camera_oid: '2', detection_oid: String(i + 1), item_name: 'bus' }),
        ],
      ];
      const [reason, bad] = reasons[(i / 500) % reasons.length] as [RejectReason, string];
      records.push({ partition: i % SOURCE_PARTITIONS, key: i % 1000 === 0 ? null : 'camera-9', value: bad });
      invalid.push({ value: bad, reason });
    }
  }
  return { records, valid, invalid };
}

async function publish(config: Config, topic: string, records: readonly SourceRecord[], pauseMs = 0): Promise<void> {
  const producer = createKafka(config, { clientIdSuffix: 'test-edge' }).producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  try {
    for (let i = 0; i < records.length; i += 2000) {
      await producer.send({
        topic,
        acks: -1,
        messages: records.slice(i, i + 2000).map((r) => ({ partition: r.partition, key: r.key, value: r.value })),
      });
      if (pauseMs > 0) await sleep(pauseMs);
    }
  } finally {
    await producer.disconnect();
  }
}

/** Sum over partitions of what `groupId` has committed on `topic`, and of the topic's end offsets. */
async function progress(config: Config, groupId: string, topic: string): Promise<{ committed: bigint; end: bigint }> {
  return withKafkaAdmin(config, { retries: 2 }, async (admin) => {
    const ends = await admin.fetchTopicOffsets(topic);
    const done = await committedOffsets(admin, groupId, topic);
    return { committed: [...done.values()].reduce((a, b) => a + b, 0n), end: ends.reduce((a, e) => a + BigInt(e.high), 0n) };
  });
}

/** Every committed record of the detections topic: oid -> partitions of its copies. */
async function readDetectionsTopic(config: Config, expected: number): Promise<Map<string, number[]>> {
  const consumer = createKafka(config, { clientIdSuffix: 'test-read' }).consumer({ groupId: randomName('test-rekey-reader') });
  const byOid = new Map<string, number[]>();
  let seen = 0;
  let last = Date.now();
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: config.kafka.detectionsTopic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const oid = String(message.key);
        expect((JSON.parse(String(message.value)) as { detection_oid: string }).detection_oid, 'key = detection_oid').to.equal(oid);
        byOid.set(oid, [...(byOid.get(oid) ?? []), partition]);
        seen++;
        last = Date.now();
      },
    });
    const started = Date.now();
    while (Date.now() - started < 120_000 && (seen < expected || Date.now() - last < 3000)) await sleep(250);
    return byOid;
  } finally {
    await consumer.disconnect();
  }
}

describe('rekey: producers as they are', function () {
  this.timeout(15 * 60_000);
  let env: SpeedEnv;
  let source: string;
  const processes: CliProcess[] = [];

  beforeEach(async () => {
    processes.length = 0;
    env = await createSpeedEnv('rekey', {
      REKEY_GROUP_ID: randomName('test-rekey'),
      LANDING_GROUP_ID: randomName('test-rekey-landing'),
      LANDING_FLUSH_AGE_MS: '2000',
    });
    source = `${env.config.kafka.detectionsTopic}.edge`;
    await withKafkaAdmin(env.config, {}, (admin) =>
      admin.createTopics({ topics: [{ topic: source, numPartitions: SOURCE_PARTITIONS, replicationFactor: 1 }], waitForLeaders: true }),
    );
  });

  afterEach(async () => {
    for (const p of processes) await p.stop('SIGKILL');
    await withKafkaAdmin(env.config, {}, (admin) => admin.deleteTopics({ topics: [source] })).catch(() => undefined);
    await env?.cleanUp();
  });

  it('republishes unkeyed and device-keyed events by detection_oid exactly once, across a SIGKILL', async () => {
    const { records, valid, invalid } = sourceStream(Date.now());
    const truth = computeTruth(valid);
    const rekeyGroup = env.config.rekey.groupId;
    const speed = new SpeedProcess(env.env);
    // The landing writer reads the same transactional topic: it must get past the commit markers too.
    const landing = new CliProcess(env.env, 'landing', 'rekey-landing');
    processes.push(landing);
    landing.start();
    const rekey = new CliProcess(env.env, 'rekey', 'rekey', ['--from', source]);
    processes.push(speed, rekey);
    speed.start();

    // The stream is published while the rekey runs; it is SIGKILLed as soon as it has
    // committed some transactions, most of the stream still to come, and restarted.
    rekey.start();
    const published = publish(env.config, source, records, 250);
    const deadline = Date.now() + 120_000;
    let state = await progress(env.config, rekeyGroup, source);
    while (state.committed === 0n && Date.now() < deadline) {
      expect(rekey.running, `rekey exited early:\n${rekey.log()}`).to.equal(true);
      await sleep(100);
      state = await progress(env.config, rekeyGroup, source);
    }
    expect(state.committed > 0n, 'rekey committed nothing within 2 minutes').to.equal(true);
    await rekey.stop('SIGKILL');
    expect(state.committed < BigInt(records.length), `the kill came after the whole stream was rekeyed (${state.committed})`).to.equal(
      true,
    );
    await sleep(1000);
    rekey.start();
    await published;

    const caughtUp = Date.now() + 300_000;
    while ((state = await progress(env.config, rekeyGroup, source)).committed < state.end) {
      expect(Date.now() < caughtUp, `rekey did not catch up: ${state.committed}/${state.end}\n${rekey.log().slice(-3000)}`).to.equal(true);
      expect(rekey.running, `rekey exited:\n${rekey.log().slice(-3000)}`).to.equal(true);
      await sleep(500);
    }
    await waitForCaughtUp(env.config, 300_000, () => speed.running);
    await waitForCaughtUp(env.config, 120_000, () => landing.running, env.config.landing.groupId);

    const copies = await readDetectionsTopic(env.config, valid.length);
    expect(
      [...copies.values()].reduce((sum, p) => sum + p.length, 0),
      'copies in the detections topic (read_committed)',
    ).to.equal(valid.length);
    expect(copies.size, 'distinct oids in the detections topic').to.equal(truth.distinct);
    const split = [...copies].filter(([, partitions]) => new Set(partitions).size > 1);
    expect(split.slice(0, 3), `${split.length} oids with copies in more than one partition`).to.deep.equal([]);

    const pipeline = await readPipelineState(env);
    expect(Object.keys(pipeline.detections).length, 'detection rows').to.equal(truth.distinct);
    const wrongRows = Object.entries(truth.detections).filter(([oid, value]) => pipeline.detections[oid] !== value);
    expect(wrongRows.slice(0, 3), `${wrongRows.length} detection rows differ`).to.deep.equal([]);
    const keys = new Set([...Object.keys(truth.counts), ...Object.keys(pipeline.counts)]);
    const drift = [...keys].filter((k) => (pipeline.counts[k] ?? 0) !== (truth.counts[k] ?? 0));
    expect(drift.slice(0, 3), `${drift.length} live count cells differ`).to.deep.equal([]);
    expect(pipeline.quality.accepted, 'accepted').to.equal(truth.distinct);
    expect(pipeline.quality.duplicates, 'duplicates').to.equal(truth.duplicates);
    expect(pipeline.quality.dead_letters, 'the speed layer got no bad event').to.equal(0);

    const deadLetters = await readDeadLetters(env.config, invalid.length, 3000);
    expect(deadLetters.map((d) => `${d.reason} ${d.value}`).sort()).to.deep.equal(invalid.map((d) => `${d.reason} ${d.value}`).sort());
    expect(rekey.log()).to.match(/joined group/);
  });
});
