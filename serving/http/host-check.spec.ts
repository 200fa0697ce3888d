// DNS rebinding: a page on attacker.example resolved to 127.0.0.1 reaches the
// API, but its Host (and Origin) still name attacker.example.

import { expect } from 'chai';
import { createApp } from '../app';
import { allowedHosts, hostProblem } from '../../common/http-guard';
import { parseJson, type ApiErrorBody } from '../../test/helpers/api-bodies';
import { fakeServingDeps } from '../../test/helpers/fake-serving-deps';
import { listen, type Listening } from '../../test/helpers/raw-http';

describe('Host and Origin check (DNS rebinding)', () => {
  let server: Listening;
  const world = fakeServingDeps({
    API_ADMIN_KEYS: 'admin-key-0123456789',
    API_VIEWER_KEYS: 'viewer-key-0123456789',
    API_ALLOWED_HOSTS: 'utopia.example.org',
  });
  before(async () => (server = await listen(createApp(world.deps))));
  after(async () => server.close());
  const admin = { authorization: 'Bearer admin-key-0123456789', 'content-type': 'application/json' };

  it('refuses POST /api/v1/jobs/batch-runs with Host: attacker.example, even with an admin key', async () => {
    const res = await server.request({
      method: 'POST',
      path: '/api/v1/jobs/batch-runs',
      headers: { ...admin, host: 'attacker.example' },
      body: '{"date":"2026-11-20"}',
    });
    expect(res.status).to.equal(403);
    expect(parseJson<ApiErrorBody>(res.body).error.code).to.equal('host_not_allowed');
    expect(world.deps.jobs.list()).to.have.length(0);
    const withPort = await server.request({ path: '/api/v1/quality', headers: { ...admin, host: `attacker.example:${server.port}` } });
    expect(withPort.status).to.equal(403);
  });

  it('refuses a foreign Origin and a wrong port, allows its own names and configured ones', async () => {
    const get = (headers: Record<string, string>) => server.request({ path: '/api/v1/openapi.json', headers: { ...admin, ...headers } });
    expect((await get({ origin: 'http://attacker.example' })).status).to.equal(403);
    expect((await get({ origin: 'null' })).status).to.equal(403);
    expect((await get({ host: `127.0.0.1:${server.port + 1}` })).status).to.equal(403);
    expect((await get({ host: `localhost:${server.port}` })).status).to.equal(200);
    expect((await get({ host: `[::1]:${server.port}`, origin: `http://localhost:${server.port}` })).status).to.equal(200);
    expect((await get({ host: 'utopia.example.org' })).status).to.equal(200);
    expect((await get({ host: 'UTOPIA.example.org:443', origin: 'https://utopia.example.org' })).status).to.equal(200);
  });

  it('is a pure rule: bound host with the port, loopback names, configured names', () => {
    const allowed = allowedHosts('10.0.0.5', ['proxy.internal:8443']);
    expect(hostProblem(allowed, '10.0.0.5:8080', undefined, 8080)).to.equal(undefined);
    expect(hostProblem(allowed, '10.0.0.5:8081', undefined, 8080)).to.match(/not an allowed name/);
    expect(hostProblem(allowed, 'proxy.internal:8443', 'https://proxy.internal:8443', 8080)).to.equal(undefined);
    expect(hostProblem(allowed, 'proxy.internal', undefined, 8080)).to.match(/not an allowed/);
    expect(hostProblem(allowed, undefined, undefined, 8080)).to.match(/no Host/);
    expect(hostProblem(allowedHosts('0.0.0.0'), '0.0.0.0:8080', undefined, 8080)).to.match(/not an allowed/);
    // Bound to every interface, reached by the address it arrived at: an address literal cannot be rebound.
    expect(hostProblem(allowedHosts('0.0.0.0'), '10.1.2.3:8080', undefined, 8080, '::ffff:10.1.2.3')).to.equal(undefined);
    expect(hostProblem(allowedHosts('0.0.0.0'), '10.1.2.4:8080', undefined, 8080, '::ffff:10.1.2.3')).to.match(/not an allowed/);
    expect(hostProblem(allowedHosts('::'), '[fd00::5]:8080', undefined, 8080, 'fd00::5')).to.equal(undefined);
  });
});
