// Errors sent to clients carry a code and a request id, never a host name, a
// stack trace or a key; job output is for admin keys only; a configuration
// error never prints the API keys.

import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../common/config';
import { HBaseError } from '../../common/errors';
import { createApp } from '../app';
import { parseJson, type ApiErrorBody } from '../../test/helpers/api-bodies';
import { fakeServingDeps } from '../../test/helpers/fake-serving-deps';
import { listen } from '../../test/helpers/raw-http';
import { REDACTED_OUTPUT } from '../routes/jobs';

const VIEWER = 'viewer-key-0123456789';
const ADMIN = 'admin-key-0123456789';
const INTERNAL = /internal\.example|hbase-master|kafka-broker|\n\s+at |\.ts:\d+|\.js:\d+/;

describe('error redaction', () => {
  it('/health and /quality name no internal host; the log keeps the detail under the request id', async () => {
    const hbaseDown = async () => {
      throw new HBaseError(
        'ZooKeeper session to zk-1.internal.example:2181 expired; region server hbase-master.internal.example:16020 refused',
      );
    };
    const world = fakeServingDeps({}, { health: { hbase: hbaseDown } });
    const server = await listen(createApp(world.deps));
    try {
      const health = await server.request({ path: '/api/v1/health' });
      expect(health.status).to.equal(503);
      expect(health.body).not.to.match(INTERNAL);
      expect(parseJson<{ stores: Record<string, object> }>(health.body).stores.hbase).to.include({ state: 'down', error: 'unavailable' });
      const quality = await server.request({ path: '/api/v1/quality' });
      expect(quality.status).to.equal(200);
      expect(quality.body).not.to.match(INTERNAL);
      expect(parseJson<{ kafkaError: string }>(quality.body).kafkaError).to.equal('kafka_unavailable');
      const id = String(health.headers['x-request-id']);
      expect(world.logLines.some((line) => line.includes(id) && line.includes('hbase-master.internal.example'))).to.equal(true);
    } finally {
      await server.close();
    }
  });

  it('a failing store or a bug answers a code and a request id, no stack, no host', async () => {
    const world = fakeServingDeps();
    world.meta.batchState = async () => {
      throw new HBaseError('no region server at hbase-master.internal.example:16020');
    };
    world.meta.quality = async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'totals')");
    };
    const server = await listen(createApp(world.deps));
    try {
      for (const [p, status, code] of [
        ['/api/v1/counts?from=2026-11-20', 503, 'store_unavailable'],
        ['/api/v1/quality', 500, 'internal'],
        ['/api/v1/nothing', 404, 'not_found'],
      ] as const) {
        const res = await server.request({ path: p });
        expect(res.status, p).to.equal(status);
        expect(res.body, p).not.to.match(INTERNAL).and.not.include('TypeError');
        const error = parseJson<ApiErrorBody>(res.body).error;
        expect(error.code, p).to.equal(code);
        expect(error.request_id, p)
          .to.equal(res.headers['x-request-id'])
          .and.match(/^[0-9a-f]{12}$/);
      }
    } finally {
      await server.close();
    }
  });

  it('job output (stack traces, paths) is shown to admin keys only', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jobs-'));
    const cli = path.join(dir, 'cli.js');
    fs.writeFileSync(
      cli,
      "console.error('Error: refused by namenode-1.internal.example:8020\\n    at load (/srv/utopia/ops/reference.ts:12:3)'); process.exit(1);\n",
    );
    const world = fakeServingDeps({ API_VIEWER_KEYS: VIEWER, API_ADMIN_KEYS: ADMIN }, { cliPath: cli });
    const server = await listen(createApp(world.deps));
    try {
      const started = await server.request({
        method: 'POST',
        path: '/api/v1/jobs/reference-loads',
        headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
        body: '{"path":"/data/x.csv"}',
      });
      expect(started.status).to.equal(202);
      const id = parseJson<{ id: string }>(started.body).id;
      const job = (key: string) =>
        server
          .request({ path: `/api/v1/jobs/${id}`, headers: { authorization: `Bearer ${key}` } })
          .then((r) => JSON.parse(r.body) as { state: string; output: string });
      for (let i = 0; i < 100 && (await job(ADMIN)).state === 'running'; i++) await new Promise((r) => setTimeout(r, 50));
      expect((await job(ADMIN)).output).to.include('namenode-1.internal.example');
      const seen = await job(VIEWER);
      expect(seen.state).to.equal('failed');
      expect(seen.output).to.equal(REDACTED_OUTPUT);
      const list = await server.request({ path: '/api/v1/jobs', headers: { authorization: `Bearer ${VIEWER}` } });
      expect(list.body).not.to.match(INTERNAL);
    } finally {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a configuration error does not print the API keys', () => {
    const keys = 'first-secret-key-0123456789,short';
    let message = '';
    try {
      loadConfig({ API_ADMIN_KEYS: keys, INGEST_API_KEYS: 'another-secret-0123456789,x' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).to.include('API_ADMIN_KEYS').and.include('INGEST_API_KEYS');
    expect(message).not.to.include('first-secret-key').and.not.include('another-secret');
  });
});
