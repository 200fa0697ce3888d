// Acceptance: int64 values above 2^53 round-trip exactly (oids sent as strings
// and as bare JSON numbers), and item names with emoji, CJK and 5000 code
// points arrive unchanged in the detection row, the live feed and the counts.

import { expect } from 'chai';
import {
  countRowKey,
  decodeDetectionCells,
  detectionRowKey,
  detectionTableName,
  liveCountsTableName,
  bucketStart,
  recentLocationPrefix,
  recentTableName,
  decodePartitionCount,
} from '../../common/contract';
import { createKafka } from '../../common/kafka';
import { createSpeedEnv, SpeedProcess, waitForCaughtUp, type SpeedEnv } from './speed-env';

describe('speed layer: int64 and UTF-8 end to end', function () {
  this.timeout(5 * 60_000);
  let env: SpeedEnv;
  let speed: SpeedProcess;

  before(async () => {
    env = await createSpeedEnv('speed-int64');
  });

  after(async () => {
    await speed?.stop('SIGKILL');
    await env?.cleanUp();
  });

  it('keeps oids above 2^53 and long UTF-8 item names exact', async () => {
    const now = Date.now();
    const big = 9_223_372_036_854_775_807n; // INT64_MAX
    const items = ['🚲🛴🚌 emoji', '自転車と歩行者', `${'長'.repeat(2500)}${'😀'.repeat(2500)}`];
    const loc = 9_007_199_254_740_993n; // 2^53 + 1
    const messages = [
      // oids as strings (our producers)
      {
        key: big.toString(),
        value: `{"geographical_location_oid":"${loc}","video_camera_oid":"${big - 1n}","detection_oid":"${big}","item_name":${JSON.stringify(items[0])},"timestamp_detected":${now}}`,
      },
      // oids as bare JSON numbers beyond 2^53 (other producers): must not be rounded
      {
        key: (big - 2n).toString(),
        value: `{"geographical_location_oid":${loc},"video_camera_oid":${big - 3n},"detection_oid":${big - 2n},"item_name":${JSON.stringify(items[1])},"timestamp_detected":${now}}`,
      },
      {
        key: '9007199254740995',
        value: `{"geographical_location_oid":"${loc}","video_camera_oid":"1","detection_oid":"9007199254740995","item_name":${JSON.stringify(items[2])},"timestamp_detected":${now}}`,
      },
    ];
    const producer = createKafka(env.config, { clientIdSuffix: 'test' }).producer();
    await producer.connect();
    await producer.send({ topic: env.config.kafka.detectionsTopic, acks: -1, messages });
    await producer.disconnect();
    speed = new SpeedProcess(env.env, 'speed-int64');
    speed.start();
    await waitForCaughtUp(env.config, 120_000, () => speed.running);

    const ns = env.config.hbase.namespace;
    const oids = [big, big - 2n, 9_007_199_254_740_995n];
    const rows = await env.store.mget(detectionTableName(ns), oids.map(detectionRowKey));
    const decoded = rows.map((row) => decodeDetectionCells(new Map((row?.cells ?? []).map((c) => [c.qualifier, c.value]))));
    expect(decoded.map((d) => d.detectionOid)).to.deep.equal(oids);
    expect(decoded.map((d) => d.geographicalLocationOid)).to.deep.equal([loc, loc, loc]);
    expect(decoded[0]?.videoCameraOid).to.equal(big - 1n);
    expect(decoded[1]?.videoCameraOid).to.equal(big - 3n);
    expect(decoded.map((d) => d.itemName)).to.deep.equal(items);
    expect([...(items[2] as string)].length).to.equal(5000);

    const feed = await env.store.scanAll(recentTableName(ns), { prefix: recentLocationPrefix(loc) });
    expect(feed).to.have.length(3);
    const count = await env.store.get(
      liveCountsTableName(ns),
      countRowKey({
        granularity: 'minute',
        scope: 'item',
        locationOid: loc,
        bucketStartMs: bucketStart(now, 'minute'),
        itemName: items[2] as string,
      }),
    );
    expect(count?.cells.reduce((sum, c) => sum + decodePartitionCount(c.value).count, 0n)).to.equal(1n);
  });
});
