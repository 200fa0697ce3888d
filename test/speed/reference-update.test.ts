// Acceptance: events at a location missing from Dataset B are kept, flagged
// and counted as unknown_location; after a reference update that adds the
// location, later events carry its name (hot reload, no restart).

import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  detectionTableName,
  detectionRowKey,
  decodeDetectionCells,
  encodeDetectionEvent,
  type DetectionEvent,
} from '../../common/contract';
import { createKafka } from '../../common/kafka';
import { createLogger } from '../../common/log';
import { loadReference, locationName, locationsCsv } from '../../reference-data';
import { sleep } from '../../common/retry';
import { readPipelineState, createSpeedEnv, SpeedProcess, waitForCaughtUp, type SpeedEnv } from './speed-env';

describe('speed layer: reference update', function () {
  this.timeout(5 * 60_000);
  let env: SpeedEnv;
  let speed: SpeedProcess;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'utopia-ref-'));
  const log = createLogger('test-reference', 'warn');

  before(async () => {
    env = await createSpeedEnv('speed-ref');
  });

  after(async () => {
    await speed?.stop('SIGKILL');
    await env?.cleanUp();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function publish(events: DetectionEvent[]): Promise<void> {
    const producer = createKafka(env.config, { clientIdSuffix: 'test' }).producer();
    await producer.connect();
    await producer.send({
      topic: env.config.kafka.detectionsTopic,
      acks: -1,
      messages: events.map((e) => ({ key: e.detectionOid.toString(), value: encodeDetectionEvent(e) })),
    });
    await producer.disconnect();
  }

  async function nameOf(oid: bigint): Promise<string | null | undefined> {
    const row = await env.store.get(detectionTableName(env.config.hbase.namespace), detectionRowKey(oid));
    return row ? decodeDetectionCells(new Map(row.cells.map((c) => [c.qualifier, c.value]))).geographicalLocation : undefined;
  }

  it('keeps events of an unknown location, then names later ones once the reference gains it', async () => {
    fs.writeFileSync(path.join(dir, 'v1.csv'), locationsCsv(100));
    fs.writeFileSync(path.join(dir, 'v2.csv'), `${locationsCsv(100)}4242,"Gare de l'Est, quai 9 🚉"\n`);
    await loadReference(env.config, path.join(dir, 'v1.csv'), log, 'v1');
    speed = new SpeedProcess(env.env, 'speed-ref');
    speed.start();
    const event = (oid: bigint, location: bigint): DetectionEvent => ({
      geographicalLocationOid: location,
      videoCameraOid: 1n,
      detectionOid: oid,
      itemName: 'tram',
      timestampDetected: Date.now(),
    });

    await publish([event(1n, 4242n), event(2n, 7n)]);
    await waitForCaughtUp(env.config, 120_000, () => speed.running);
    expect(await nameOf(1n)).to.equal(null);
    expect(await nameOf(2n)).to.equal(locationName(7));
    expect((await readPipelineState(env)).quality.unknown_location).to.equal(1);

    await loadReference(env.config, path.join(dir, 'v2.csv'), log, 'v2');
    await sleep(3000); // SPEED_REFERENCE_POLL_MS is 1 s in tests
    await publish([event(3n, 4242n)]);
    await waitForCaughtUp(env.config, 120_000, () => speed.running);
    expect(await nameOf(3n)).to.equal("Gare de l'Est, quai 9 🚉");
    expect(speed.log()).to.include('reference version v2 loaded: 101 locations');
  });
});
