// Issue 14 acceptance on the real stack: among 50,000 good events (with the
// simulator's usual duplicates, late and invalid ones), three bad inputs that
// used to stall a partition for good:
//  - an event whose Kafka timestamp and timestamp_detected are 3e14 (year 11476);
//  - a corrupt (15-byte) counter cell written straight into HBase, in the cell
//    a marker event of partition 0 will update;
//  - an event too large for the dead-letter topic (its max.message.bytes set to
//    4 KiB for this test), which must be dead-lettered shrunk, never dropped.
// The speed layer's lag returns to 0, each bad input is in the dead-letter topic
// or the quarantine with its reason, and every count equals the truth.

import { expect } from 'chai';
import { ConfigResourceTypes, Partitioners } from 'kafkajs';
import {
  ALL_LOCATIONS,
  bucketStart,
  countRowKey,
  encodeDetectionEvent,
  FAMILIES,
  countHorizonPut,
  liveCountsTableName,
  META_ROWS,
  metaTableName,
  partitionQualifier,
  type DetectionEvent,
  type QuarantinedCell,
} from '../../common/contract';
import { createKafka, withKafkaAdmin } from '../../common/kafka';
import { countKey, type Truth } from '../../ops/simulator';
import { loadSampleReference, publishWhile, scenarioOptions } from './scenario';
import { createSpeedEnv, readDeadLetters, readPipelineState, SpeedProcess, waitForCaughtUp, type SpeedEnv } from './speed-env';

const EVENTS = Number(process.env.SPEED_TEST_EVENTS_POISON ?? 50_000);
const DEAD_LETTER_MAX_BYTES = 4096;

describe('poison events and cells never stall a partition', function () {
  this.timeout(20 * 60_000);
  let env: SpeedEnv;
  let speed: SpeedProcess | undefined;

  before(async () => {
    env = await createSpeedEnv('poison');
    await withKafkaAdmin(env.config, {}, (admin) =>
      admin.alterConfigs({
        validateOnly: false,
        resources: [
          {
            type: ConfigResourceTypes.TOPIC,
            name: env.config.kafka.deadLetterTopic,
            configEntries: [{ name: 'max.message.bytes', value: String(DEAD_LETTER_MAX_BYTES) }],
          },
        ],
      }),
    );
    await loadSampleReference(env);
  });

  after(async () => {
    await speed?.stop('SIGKILL');
    await env?.cleanUp();
  });

  it('dead-letters or quarantines each bad input with its reason, and every count equals the truth', async () => {
    const ns = env.config.hbase.namespace;
    const startMs = Date.now();
    // The marker: a good event of partition 0, two hours back, whose minute's total cell of partition 0 is corrupt.
    const marker: DetectionEvent = {
      geographicalLocationOid: 1n,
      videoCameraOid: 7n,
      detectionOid: 9_123_456_789_012_345_671n,
      itemName: 'poison-test-marker',
      timestampDetected: startMs - 2 * 3_600_000,
    };
    const bucket = bucketStart(marker.timestampDetected, 'minute');
    const corruptRow = countRowKey({
      granularity: 'minute',
      scope: 'total',
      locationOid: ALL_LOCATIONS,
      bucketStartMs: bucket,
      itemName: '',
    });
    const corruptTimestamp = Date.now();
    // Like every writer of counter cells, the horizon of partition 0 first covers the cell.
    await env.store.put(metaTableName(ns), countHorizonPut([[partitionQualifier(0), bucket]]));
    await env.store.put(liveCountsTableName(ns), {
      row: corruptRow,
      cells: [
        { family: FAMILIES.liveCounts, qualifier: partitionQualifier(0), value: Buffer.alloc(15, 0xab), timestamp: corruptTimestamp },
      ],
    });

    const far = 3e14;
    const farFuture = {
      key: '9123456789012345672',
      value: JSON.stringify({
        geographical_location_oid: '1',
        video_camera_oid: '7',
        detection_oid: '9123456789012345672',
        item_name: 'from the far future',
        timestamp_detected: far,
      }),
      timestamp: String(far),
    };
    const hugeValue = JSON.stringify({
      geographical_location_oid: '1',
      video_camera_oid: '7',
      detection_oid: '9123456789012345673',
      item_name: 'x'.repeat(6000),
      timestamp_detected: startMs,
    });
    const huge = { key: '9123456789012345673', value: hugeValue };

    speed = new SpeedProcess({ ...env.env, UTOPIA_LOG_LEVEL: 'info' }, 'speed-poison');
    speed.start();
    const options = scenarioOptions(EVENTS, { startMs, rate: 5_000 });
    const producer = createKafka(env.config, { clientIdSuffix: 'test-poison' }).producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    let truth: Truth;
    try {
      truth = await publishWhile(env, options, async () => {
        await producer.send({
          topic: env.config.kafka.detectionsTopic,
          acks: -1,
          messages: [{ key: marker.detectionOid.toString(), value: encodeDetectionEvent(marker), partition: 0 }],
        });
        await producer.send({ topic: env.config.kafka.detectionsTopic, acks: -1, messages: [farFuture] });
        await producer.send({ topic: env.config.kafka.detectionsTopic, acks: -1, messages: [huge] });
      });
    } finally {
      await producer.disconnect();
    }

    await waitForCaughtUp(env.config, 10 * 60_000, () => speed?.running ?? false).catch((error: unknown) => {
      throw new Error(`${(error as Error).message}\n--- speed layer log (tail) ---\n${speed?.log().slice(-4000)}`);
    });

    // Rows and counts: the truth plus the marker.
    const state = await readPipelineState(env);
    const wantDetections = {
      ...truth.detections,
      [marker.detectionOid.toString()]: `${marker.geographicalLocationOid}|${marker.itemName}|${marker.timestampDetected}`,
    };
    expect(Object.keys(state.detections).length, 'detection rows').to.equal(Object.keys(wantDetections).length);
    const wrongRows = Object.entries(wantDetections).filter(([oid, value]) => state.detections[oid] !== value);
    expect(wrongRows.slice(0, 5), `${wrongRows.length} detection rows differ`).to.deep.equal([]);
    const wantCounts: Record<string, number> = { ...truth.counts };
    for (const key of [
      countKey(1n, bucket, marker.itemName),
      countKey(1n, bucket, ''),
      countKey(ALL_LOCATIONS, bucket, marker.itemName),
      countKey(ALL_LOCATIONS, bucket, ''),
    ])
      wantCounts[key] = (wantCounts[key] ?? 0) + 1;
    const keys = new Set([...Object.keys(wantCounts), ...Object.keys(state.counts)]);
    const drift = [...keys]
      .filter((k) => (state.counts[k] ?? 0) !== (wantCounts[k] ?? 0))
      .map((k) => `${k}: ${state.counts[k]} != ${wantCounts[k]}`);
    expect(drift.slice(0, 5), `${drift.length} live count cells differ`).to.deep.equal([]);
    expect(state.quality.accepted, 'quality accepted').to.equal(truth.distinct + 1);
    expect(state.quality.duplicates, 'quality duplicates').to.equal(truth.duplicates);
    expect(state.quality.dead_letters, 'quality dead_letters').to.equal(truth.invalid.length + 2);

    // The corrupt cell: quarantined with its reason, and gone from live_counts.
    const quarantine = await env.store.get(metaTableName(ns), Buffer.from(META_ROWS.quarantinedCells, 'utf8'), {
      families: [FAMILIES.meta],
    });
    const cells = (quarantine?.cells ?? []).map((c) => JSON.parse(c.value.toString('utf8')) as QuarantinedCell);
    expect(cells.map((c) => [c.rowHex, c.qualifier, c.timestamp, c.valueHex.length / 2])).to.deep.equal([
      [corruptRow.toString('hex'), 'p0', corruptTimestamp, 15],
    ]);
    expect(cells[0]?.reason).to.match(/16 bytes, got 15/);

    // Dead letters: the simulator's invalid events, the far-future one and the huge one, each once with its reason.
    const deadLetters = await readDeadLetters(env.config, truth.invalid.length + 2);
    expect(deadLetters, 'dead letters').to.have.length(truth.invalid.length + 2);
    const byKey = new Map(deadLetters.map((d) => [`${d.reason} ${d.key}`, d]));
    for (const invalid of truth.invalid) {
      const got = byKey.get(`${invalid.reason} ${invalid.key}`);
      expect(got, `dead letter ${invalid.reason} ${invalid.key}`).to.not.equal(undefined);
      // A dead letter that shared its chunk with the huge one may have been sent shrunk: its value is then a prefix.
      if (got?.truncatedFromBytes === undefined) expect(got?.value).to.equal(invalid.value);
      else expect(invalid.value.startsWith(got.value)).to.equal(true);
    }
    expect(byKey.get(`invalid_timestamp ${farFuture.key}`)?.value, 'far-future event dead-lettered whole').to.equal(farFuture.value);
    const shrunk = byKey.get(`item_name_too_long ${huge.key}`);
    expect(shrunk, 'the event too large for the dead-letter topic').to.not.equal(undefined);
    expect(shrunk).to.include({ truncatedFromBytes: Buffer.byteLength(hugeValue), detectionOid: huge.key });
    expect(shrunk?.source).to.match(/^\d+:\d+$/);
    expect(hugeValue.startsWith(shrunk?.value ?? '!')).to.equal(true);
    expect(speed.running, 'speed layer still running').to.equal(true);
  });
});
