// Query cost limits: row keys per request (locations x buckets at each
// source's resolution), locations per request; HBase view reads bounded in
// concurrency by one shared limiter.

import { expect } from 'chai';
import { createApp } from '../app';
import { parseJson, type ApiErrorBody } from '../../test/helpers/api-bodies';
import { fakeServingDeps } from '../../test/helpers/fake-serving-deps';
import { listen, type Listening } from '../../test/helpers/raw-http';
import { ReadLimiter } from './read-limiter';

const OIDS = Array.from({ length: 20 }, (_, i) => String(1001 + i)).join(',');

describe('query cost limits', () => {
  let server: Listening;
  const world = fakeServingDeps({ API_MAX_READS_IN_FLIGHT: '4' });
  before(async () => (server = await listen(createApp(world.deps))));
  after(async () => server.close());

  it('refuses 20 locations x 31 days of minute rows (892,800 row keys) with a 413 that states the limit, before any read', async () => {
    world.meta.watermark = null;
    const before = world.views.reads;
    const res = await server.request({ path: `/api/v1/counts?item=car&location=${OIDS}&from=2026-10-01&to=2026-11-01&granularity=hour` });
    expect(res.status).to.equal(413);
    const error = parseJson<ApiErrorBody>(res.body).error;
    expect(error.code).to.equal('query_too_large');
    expect(error.message).to.include('892800').and.include('limit is 50000').and.include('API_MAX_ROW_KEYS');
    expect(world.views.reads).to.equal(before);
  });

  it('refuses a top-items range over the row-key limit, and more than 20 locations with a 400', async () => {
    world.meta.watermark = null;
    const top = await server.request({ path: '/api/v1/top-items?from=2026-09-01&to=2026-10-01' });
    expect(top.status).to.equal(413);
    expect(parseJson<ApiErrorBody>(top.body).error.message).to.include('43200 buckets').and.include('limit is 10000 buckets');
    world.meta.watermark = '2026-09-29';
    expect((await server.request({ path: '/api/v1/top-items?from=2026-09-01&to=2026-10-01' })).status).to.equal(200);
    const many = await server.request({ path: `/api/v1/counts?location=${OIDS},2001&from=2026-10-01&to=2026-10-02` });
    expect(many.status).to.equal(400);
    expect(parseJson<ApiErrorBody>(many.body).error.message).to.include('at most 20 locations');
  });

  it('answers a query within the limit, with at most API_MAX_READS_IN_FLIGHT view reads at once', async () => {
    world.meta.watermark = '2026-10-20';
    world.views.maxInFlight = 0;
    // 20 locations x (20 batch days of hours + 1 speed day of minutes): 20 x 1,920 row keys, read in hundreds of chunks.
    const res = await server.request({ path: `/api/v1/counts?item=car&location=${OIDS}&from=2026-10-01&to=2026-10-22&granularity=day` });
    expect(res.status, res.body).to.equal(200);
    const body = JSON.parse(res.body) as { series: { total: string }[] };
    expect(body.series).to.have.length(20);
    expect(body.series[0]?.total).to.equal(String(20 * 24 + 1440));
    expect(world.views.reads).to.be.greaterThan(20);
    expect(world.views.maxInFlight).to.be.within(1, 4);
  });

  it('the limiter runs at most `limit` tasks at once and runs every task', async () => {
    const limiter = new ReadLimiter(3);
    let running = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        limiter
          .run(async () => {
            running++;
            peak = Math.max(peak, running);
            await new Promise((r) => setTimeout(r, i % 3));
            running--;
            if (i === 7) throw new Error('one read fails');
            return i;
          })
          .catch(() => -1),
      ),
    );
    expect(peak).to.equal(3);
    expect(results.filter((r) => r === -1)).to.have.length(1);
    expect(results.filter((r) => r >= 0)).to.have.length(49);
  });
});
