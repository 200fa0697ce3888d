// Who may call what: without keys, read-only and loopback only; admin routes
// refused with a message that says how to configure keys. The rate limit
// comes before the key check; every request, denied or aborted, is audited
// with the key's name or the client address.

import { expect } from 'chai';
import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { createApp } from '../app';
import { ApiError } from '../errors';
import { parseJson, type ApiErrorBody } from '../../test/helpers/api-bodies';
import { fakeServingDeps } from '../../test/helpers/fake-serving-deps';
import { listen } from '../../test/helpers/raw-http';
import { AccessControl, NO_KEYS_ADMIN_MESSAGE } from './access-control';

const VIEWER = 'viewer-key-0123456789';
const ADMIN = 'admin-key-0123456789';

describe('access control', () => {
  it('without keys: local callers read, admin routes get a 403 saying how to configure keys', async () => {
    const world = fakeServingDeps();
    const server = await listen(createApp(world.deps));
    try {
      expect((await server.request({ path: '/api/v1/quality' })).status).to.equal(200);
      const post = await server.request({
        method: 'POST',
        path: '/api/v1/jobs/batch-runs',
        headers: { 'content-type': 'application/json' },
        body: '{"date":"2026-11-20"}',
      });
      expect(post.status).to.equal(403);
      expect(parseJson<ApiErrorBody>(post.body).error.message).to.equal(NO_KEYS_ADMIN_MESSAGE).and.include('API_ADMIN_KEYS');
      expect(world.deps.jobs.list()).to.have.length(0);
    } finally {
      await server.close();
    }
  });

  it('without keys: a client from another machine is refused', () => {
    const socket = new Socket();
    Object.defineProperty(socket, 'remoteAddress', { value: '192.0.2.7', configurable: true });
    const req = new IncomingMessage(socket);
    expect(() => new AccessControl([], []).identify(req)).to.throw(ApiError, /only clients on its own machine/);
    Object.defineProperty(socket, 'remoteAddress', { value: '::ffff:127.0.0.1' });
    expect(new AccessControl([], []).identify(req).role).to.equal('viewer');
  });

  it('rate-limits before checking the key: 200 wrong keys end in 429s, each audited with the client address', async () => {
    const world = fakeServingDeps({ API_VIEWER_KEYS: VIEWER, API_RATE_LIMIT_PER_S: '1', API_RATE_LIMIT_BURST: '20' });
    const server = await listen(createApp(world.deps));
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 200; i++)
        statuses.push(
          (await server.request({ path: '/api/v1/quality', headers: { 'x-api-key': `wrong-key-${String(i).padStart(10, '0')}` } })).status,
        );
      expect(statuses.slice(0, 20).every((s) => s === 401)).to.equal(true);
      expect(statuses.slice(20).filter((s) => s === 429).length).to.be.at.least(175);
      expect(world.audit).to.have.length(200);
      expect(world.audit.every((e) => e.caller === 'ip:127.0.0.1' && e.requestId.length === 12)).to.equal(true);
      expect(JSON.stringify(world.audit)).not.to.include('wrong-key');
    } finally {
      await server.close();
    }
  });

  it('audits a request the client aborted before the answer, with the key name', async () => {
    const world = fakeServingDeps({ API_VIEWER_KEYS: VIEWER });
    // A store call that never answers, so the client gives up first.
    world.meta.quality = () => new Promise<never>(() => undefined);
    const server = await listen(createApp(world.deps));
    try {
      await server.abort({ path: '/api/v1/quality', headers: { authorization: `Bearer ${VIEWER}` } }, 100);
      for (let i = 0; i < 50 && world.audit.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect(world.audit).to.have.length(1);
      expect(world.audit[0]).to.include({ status: 499, aborted: true, path: '/api/v1/quality' });
      expect(world.audit[0]?.caller).to.match(/^viewer:[0-9a-f]{8}$/);
    } finally {
      await server.close();
    }
  });

  it('with keys: viewers may not start jobs, ingest-only keys may not read', async () => {
    const world = fakeServingDeps({ API_VIEWER_KEYS: VIEWER, API_ADMIN_KEYS: ADMIN });
    const server = await listen(createApp(world.deps));
    try {
      const post = (key: string) =>
        server.request({
          method: 'POST',
          path: '/api/v1/jobs/batch-runs',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: '{"date":"2026-99-01"}',
        });
      expect((await post(VIEWER)).status).to.equal(403);
      expect((await post(ADMIN)).status).to.equal(400);
      expect(world.audit.map((e) => e.caller.split(':')[0])).to.deep.equal(['viewer', 'admin']);
    } finally {
      await server.close();
    }
  });
});
