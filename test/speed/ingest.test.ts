// The HTTP ingest against the real Kafka: valid records are on the detections
// topic (keyed by detection_oid, exact int64) when the 202 arrives, refused
// ones are answered per record and dead-lettered; malformed, oversize and
// wrongly typed bodies get clear 4xx answers.

import { expect } from 'chai';
import { createLogger } from '../../common/log';
import { startIngestServer, type IngestServer } from '../../speed-layer';
import { createKafka } from '../../common/kafka';
import { sleep } from '../../common/retry';
import { parseJson } from '../helpers/api-bodies';
import { randomName } from '../helpers/random-name';
import { createSpeedEnv, readDeadLetters, type SpeedEnv } from './speed-env';

describe('HTTP ingest', function () {
  this.timeout(3 * 60_000);
  let env: SpeedEnv;
  let server: IngestServer;

  before(async () => {
    env = await createSpeedEnv('speed-ingest', { INGEST_MAX_BODY_BYTES: '20000', INGEST_MAX_RECORDS: '50' });
    server = await startIngestServer(env.config, createLogger('test-ingest', 'warn'), 0);
  });

  after(async () => {
    await server?.close();
    await env?.cleanUp();
  });

  const post = (body: string, type = 'application/json') =>
    fetch(`${server.url}/ingest`, { method: 'POST', headers: { 'content-type': type }, body });
  const event = (oid: string, extra: Record<string, unknown> = {}) => ({
    geographical_location_oid: '1',
    video_camera_oid: '2',
    detection_oid: oid,
    item_name: 'bus 🚌',
    timestamp_detected: Date.now(),
    ...extra,
  });

  it('publishes valid records before answering 202 and dead-letters the others', async () => {
    const body = `[${JSON.stringify(event('9223372036854775807'))},${JSON.stringify(event('5', { item_name: '' }))},{"geographical_location_oid":1,"video_camera_oid":2,"detection_oid":9007199254740993,"item_name":"自転車","timestamp_detected":${Date.now()}}]`;
    const response = await post(body);
    expect(response.status).to.equal(202);
    const answer = (await response.json()) as { accepted: number; rejected: { index: number; reason: string }[] };
    expect(answer.accepted).to.equal(2);
    expect(answer.rejected).to.deep.equal([{ index: 1, reason: 'item_name_empty', message: 'item_name must not be empty' }]);

    const consumer = createKafka(env.config, { clientIdSuffix: 'test' }).consumer({ groupId: randomName('test-ingest') });
    const keys: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: env.config.kafka.detectionsTopic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) =>
        void keys.push(`${String(message.key)}=${parseJson<{ detection_oid: string }>(String(message.value)).detection_oid}`),
    });
    for (let i = 0; i < 100 && keys.length < 2; i++) await sleep(200);
    await consumer.disconnect();
    expect(keys.sort()).to.deep.equal(['9007199254740993=9007199254740993', '9223372036854775807=9223372036854775807']);
    const deadLetters = await readDeadLetters(env.config, 1, 1000);
    expect(deadLetters.map((d) => d.reason)).to.deep.equal(['item_name_empty']);
  });

  it('takes NDJSON, and answers 422 when no record is valid', async () => {
    expect((await post(`${JSON.stringify(event('77'))}\n`, 'application/x-ndjson')).status).to.equal(202);
    const response = await post('not json\n{"detection_oid":"1"}\n', 'application/x-ndjson');
    expect(response.status).to.equal(422);
    const answer = (await response.json()) as { rejected: { reason: string }[] };
    expect(answer.rejected.map((r) => r.reason)).to.deep.equal(['malformed_json', 'missing_field']);
  });

  it('gives clear 4xx answers to bad requests', async () => {
    expect((await post('[{"a":')).status).to.equal(400);
    expect((await post('[]')).status).to.equal(400);
    expect((await post('{}', 'text/plain')).status).to.equal(415);
    expect((await post(`[${'1,'.repeat(15000)}1]`)).status).to.equal(413);
    expect((await post(JSON.stringify(Array.from({ length: 51 }, (_, i) => event(String(i + 1)))))).status).to.equal(413);
    const notFound = await fetch(`${server.url}/nothing`);
    expect(notFound.status).to.equal(404);
    expect(((await notFound.json()) as { error: string }).error).to.include('POST /ingest');
  });
});
