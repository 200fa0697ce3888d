// The rest of the API against the real stack: one detection, the live feed,
// location search, quality, reports from HDFS, health, /metrics, bad
// requests, API keys, the audit trail and the rate limit.

import { expect } from 'chai';
import { eventDay, reportsDayDir } from '../../common/contract';
import { createHdfsStore } from '../../common/hdfs';
import { checkExposure } from '../../serving';
import { loadConfig } from '../../common/config';
import { createServingFixture, type ServingFixture } from './serving-fixture';
import { generateEvents, type Generated } from './truth';

const LOCATIONS = new Map<bigint, string>(
  Array.from({ length: 120 }, (_, i) => [BigInt(1000 + i), `Street ${String(i).padStart(3, '0')}${i % 10 === 0 ? ' Market' : ''}`]),
);
const VIEWER = 'viewer-key-0123456789abcdef';
const ADMIN = 'admin-key-0123456789abcdef';

describe('serving: API', function () {
  this.timeout(5 * 60_000);
  let fx: ServingFixture;
  let gen: Generated;
  const now = Date.now();
  const day = eventDay(now - 86_400_000);
  // The shapes batch-run.ts writes to meta batch/last-run and reconciliation/last, oids (above 2^53) included.
  const LAST_RUN = {
    runId: 'run-1',
    status: 'ok',
    finishedAt: '2026-11-21T02:10:00.000Z',
    durationMs: 4321,
    quarantined: [],
    watermark: day,
    days: [{ day, durationMs: 4000, phasesMs: { compaction: 1200, views: 800, reconciliation: 2000 }, totals: { landedRows: 10 } }],
  };
  const RECONCILIATION = {
    day,
    runId: 'run-1',
    detectionRows: {
      hbaseRows: 7,
      repaired: 3,
      repairedOids: ['9007199254740993', '9223372036854775807', '12'],
      hbaseOnly: 1,
      hbaseOnlyOids: ['9007199254740995'],
      masked: 0,
      maskedOids: [],
    },
    liveCounts: { cellsChecked: 40, cellsCorrected: 2, corrections: [] },
  };

  before(async () => {
    fx = await createServingFixture();
    gen = generateEvents(
      60,
      now - 3_600_000,
      now,
      new Map([
        [1000n, 'Street 000 Market'],
        [1001n, 'Street 001'],
      ]),
      ['car', 'bus'],
    );
    await fx.seeder.detections(gen.distinct);
    await fx.seeder.reference('20261122T000000Z', LOCATIONS);
    await fx.seeder.watermark(day);
    await fx.seeder.batchLastRun(LAST_RUN);
    await fx.seeder.reconciliation(RECONCILIATION);
    await fx.seeder.quality([
      { counter: 'accepted', partition: 0, count: 900n },
      { counter: 'accepted', partition: 1, count: 100n },
      { counter: 'duplicates', partition: 0, count: 40n },
      { counter: 'duplicates', partition: 1, count: 10n },
      { counter: 'dead_letters', partition: 1, count: 7n },
      { counter: 'late', partition: 0, count: 2n },
    ]);
    await fx.seeder.speedMetrics({
      instance: 'speed-a',
      updatedAt: Date.now(),
      eventsPerSecond: 1234.5,
      batchLatencyMs: { p50: 4, p99: 20 },
      lagByPartition: { '0': 3 },
      rssBytes: 1e8,
    });
    const hdfs = createHdfsStore(fx.config.hdfs);
    const dir = reportsDayDir(fx.config.hdfs.root, day);
    await hdfs.mkdirs(dir);
    await hdfs.upload(`${dir}/report.json`, Buffer.from(JSON.stringify({ day, totals: { detections: 123 } })), { overwrite: true });
    await hdfs.upload(`${dir}/report.csv`, Buffer.from('geographical_location,item_rank,item_name\r\nMain,1,car\r\n'), { overwrite: true });
  });

  after(async () => fx?.close());

  it('returns one detection with every int64 as an exact decimal string', async () => {
    const event = gen.distinct[0]!;
    const body = await fx.json<Record<string, unknown>>(`/api/v1/detections/${event.detectionOid}`);
    expect(body).to.deep.include({
      detection_oid: event.detectionOid.toString(),
      geographical_location_oid: event.locationOid.toString(),
      video_camera_oid: event.cameraOid.toString(),
      item_name: event.itemName,
      timestamp_detected: String(event.timestampMs),
      geographical_location: event.locationName,
    });
    expect(event.detectionOid > BigInt(Number.MAX_SAFE_INTEGER)).to.equal(true);
    expect((await fx.get('/api/v1/detections/123')).status).to.equal(404);
  });

  it("pages through a location's live feed, newest first", async () => {
    type RecentPage = { items: { detection_oid: string }[]; next: string | null };
    const truth = gen.distinct
      .filter((e) => e.locationOid === 1000n)
      .sort((a, b) => (b.timestampMs !== a.timestampMs ? b.timestampMs - a.timestampMs : a.detectionOid < b.detectionOid ? -1 : 1));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: RecentPage = await fx.json<RecentPage>(`/api/v1/locations/1000/recent?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).to.be.at.most(7);
      seen.push(...page.items.map((i) => i.detection_oid));
      cursor = page.next;
    } while (cursor);
    expect(seen).to.deep.equal(truth.map((e) => e.detectionOid.toString()));
    expect((await fx.get('/api/v1/locations/1000/recent?cursor=00ff')).status).to.equal(400);
  });

  it('searches locations by name with paging', async () => {
    const first = await fx.json<{ total: number; items: { geographical_location: string }[] }>('/api/v1/locations?q=market&limit=5');
    expect(first.total).to.equal(12);
    expect(first.items.map((i) => i.geographical_location)).to.deep.equal([
      'Street 000 Market',
      'Street 010 Market',
      'Street 020 Market',
      'Street 030 Market',
      'Street 040 Market',
    ]);
    const third = await fx.json<{ items: { geographical_location_oid: string }[] }>('/api/v1/locations?q=market&limit=5&offset=10');
    expect(third.items.map((i) => i.geographical_location_oid)).to.deep.equal(['1100', '1110']);
    expect(await fx.json('/api/v1/locations/1005')).to.deep.equal({
      geographical_location_oid: '1005',
      geographical_location: 'Street 005',
    });
  });

  it('reports data quality, throughput, lag and the batch state', async () => {
    const q = await fx.json<Record<string, unknown>>('/api/v1/quality');
    expect(q.counters).to.deep.equal({ accepted: '1000', duplicates: '50', dead_letters: '7', late: '2', unknown_location: '0' });
    expect(q.duplicateRate).to.be.closeTo(50 / 1050, 1e-9);
    expect(q.eventsPerSecond).to.equal(1234.5);
    expect(q.watermark).to.equal(day);
    expect(q.lastReconciliation).to.deep.equal(RECONCILIATION);
    expect(q.consumerLag).to.be.an('array');
    expect(q.deadLetterTopicMessages).to.equal(0);
  });

  it('serves the nightly report files from HDFS', async () => {
    const listing = await fx.json<{ files: { name: string }[] }>(`/api/v1/reports/${day}`);
    expect(listing.files.map((f) => f.name).sort()).to.deep.equal(['report.csv', 'report.json']);
    expect(await fx.json(`/api/v1/reports/${day}/report.json`)).to.deep.equal({ day, totals: { detections: 123 } });
    const csv = await fx.get(`/api/v1/reports/${day}/report.csv`);
    expect(csv.headers.get('content-type')).to.match(/^text\/csv/);
    expect((await fx.get(`/api/v1/reports/${day}/report.html`)).status).to.equal(404);
    expect((await fx.get('/api/v1/reports/2001-01-01')).status).to.equal(404);
  });

  it('reports health and Prometheus metrics', async () => {
    const health = await fx.json<{ status: string; stores: Record<string, unknown> }>('/api/v1/health');
    expect(health.status).to.equal('ok');
    expect(Object.keys(health.stores).sort()).to.deep.equal(['hbase', 'hdfs', 'kafka']);
    const text = await (await fx.get('/metrics')).text();
    expect(text).to.include('utopia_quality_events_total{outcome="duplicates"} 50');
    expect(text).to.include('utopia_quality_events_total{outcome="dead_letters"} 7');
    expect(text).to.include('utopia_speed_instances 1');
    expect(text).to.include('utopia_batch_last_run_duration_seconds 4.321');
    expect(text).to.include('utopia_batch_last_run_phase_seconds{phase="reconciliation"} 2');
    expect(text).to.include(`utopia_batch_last_run_finished_timestamp_seconds ${Date.parse('2026-11-21T02:10:00Z') / 1000}`);
    expect(text).to.include('utopia_batch_last_run_ok 1');
    expect(text).to.include('utopia_reconcile_differences{kind="missing_rows"} 3');
    expect(text).to.include('utopia_reconcile_repaired{kind="missing_rows"} 3');
    expect(text).to.include('utopia_reconcile_differences{kind="hbase_only_rows"} 1');
    expect(text).to.include('utopia_reconcile_repaired{kind="hbase_only_rows"} 0');
    expect(text).to.include('utopia_reconcile_differences{kind="drifted_counts"} 2');
    expect(text).to.include(`utopia_batch_watermark_timestamp_seconds ${Date.parse(`${day}T00:00:00Z`) / 1000}`);
    expect(text).to.include('utopia_store_up{store="hbase"} 1');
    expect(text).to.include('utopia_store_up{store="kafka"} 1');
    expect(text).to.include('utopia_store_up{store="hdfs"} 1');
    expect(text).to.match(/utopia_api_requests_total\{method="GET",route="\/api\/v1\/quality",status="200"\} \d+/);
    expect(text).to.match(/utopia_api_request_duration_seconds_bucket\{le="0\.05",route="\/api\/v1\/quality"\} \d+/);
    expect(text).to.match(/^nodejs_eventloop_lag_seconds \d/m);
    expect(text).to.match(/^process_resident_memory_bytes \d/m);
    // No oid ever reaches /metrics, exact or rounded (issue 14).
    for (const oid of [
      '9007199254740993',
      '9007199254740992',
      '9223372036854775807',
      '9223372036854776000',
      '9007199254740995',
      '9007199254740996',
    ])
      expect(text).not.to.include(oid);
    expect(text).not.to.match(/e\+\d/);
    const openapi = await fx.json<{ paths: Record<string, unknown> }>('/api/v1/openapi.json');
    expect(Object.keys(openapi.paths)).to.include.members([
      '/counts',
      '/top-items',
      '/locations',
      '/detections/{oid}',
      '/quality',
      '/reports/{date}',
      '/health',
    ]);
  });

  it('answers bad requests with a 400 naming the parameter, security headers and no stack trace', async () => {
    const cases: [string, string][] = [
      ['/api/v1/counts?from=2026-11-20&bogus=1', 'bogus'],
      ['/api/v1/counts?from=2026-13-45', 'from'],
      ['/api/v1/counts?from=2026-02-30', 'from'],
      ['/api/v1/counts?from=yesterday', 'from'],
      ['/api/v1/counts', 'from'],
      ['/api/v1/counts?from=2026-11-20&to=2026-11-19', 'to'],
      ['/api/v1/counts?from=2025-01-01&to=2026-01-01', 'to'],
      ['/api/v1/counts?from=2026-11-20&granularity=week', 'granularity'],
      ['/api/v1/counts?from=2026-11-20&location=12x', 'location'],
      ['/api/v1/counts?from=2026-11-20&location=-5', 'location'],
      ['/api/v1/counts?from=2026-11-20&from=2026-11-21', 'from'],
      ['/api/v1/counts?from=2026-11-20&format=xml', 'format'],
      ['/api/v1/top-items?from=2026-11-20&limit=0', 'limit'],
      ['/api/v1/top-items?from=2026-11-20&limit=abc', 'limit'],
      ['/api/v1/locations?limit=100000', 'limit'],
      ['/api/v1/locations?offset=-1', 'offset'],
      ['/api/v1/detections/12345678901234567890123', 'oid'],
      ['/api/v1/detections/1e5', 'oid'],
      ['/api/v1/detections/0', 'oid'],
      ['/api/v1/locations/abc/recent', 'oid'],
      ['/api/v1/reports/2026-02-31', 'date'],
      ['/api/v1/reports/2026-11-20/passwd', 'file'],
      ['/api/v1/quality?x=1', 'x'],
    ];
    for (const [path, parameter] of cases) {
      const res = await fx.get(path);
      const text = await res.text();
      expect(res.status, path).to.equal(400);
      const body = JSON.parse(text) as { error: { parameter: string; message: string } };
      expect(body.error.parameter, path).to.equal(parameter);
      expect(body.error.message, path).to.include(parameter);
      expect(text, path).not.to.match(/\n\s+at |\.ts:\d+|node_modules/);
      expect(res.headers.get('x-content-type-options')).to.equal('nosniff');
      expect(res.headers.get('content-security-policy')).to.include("frame-ancestors 'none'");
      expect(res.headers.get('referrer-policy')).to.equal('no-referrer');
    }
    // Without keys the admin routes are off: refused before the body is read.
    const keyless = await fetch(`${fx.server.url}/api/v1/jobs/batch-runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"date":',
    });
    expect(keyless.status).to.equal(403);
    expect(await keyless.text()).to.include('API_ADMIN_KEYS');
    const unknown = await fx.get('/api/v1/nothing-here');
    expect(unknown.status).to.equal(404);
  });

  it('with API keys: viewers read, only admins start jobs, jobs report their state, every request is audited', async () => {
    const keyed = await fx.startAnother({ API_VIEWER_KEYS: VIEWER, API_ADMIN_KEYS: ADMIN });
    const call = (path: string, key?: string, init: RequestInit = {}) =>
      fetch(`${keyed.url}${path}`, {
        ...init,
        headers: {
          ...(key ? { authorization: `Bearer ${key}` } : {}),
          'content-type': 'application/json',
          ...(init.headers as Record<string, string>),
        },
      });
    expect((await call('/api/v1/quality')).status).to.equal(401);
    expect((await call('/api/v1/quality', 'wrong-key-0123456789')).status).to.equal(401);
    expect((await call('/api/v1/quality', VIEWER)).status).to.equal(200);
    expect((await call('/', undefined)).status).to.equal(200); // the page itself holds no data
    expect((await call('/api/v1/jobs/batch-runs', VIEWER, { method: 'POST', body: JSON.stringify({ date: day }) })).status).to.equal(403);
    expect(
      (await call('/api/v1/jobs/batch-runs', ADMIN, { method: 'POST', body: JSON.stringify({ date: '2026-99-01' }) })).status,
    ).to.equal(400);
    const malformed = await call('/api/v1/jobs/batch-runs', ADMIN, { method: 'POST', body: '{"date":' });
    expect(malformed.status).to.equal(400);
    expect(await malformed.text()).not.to.match(/\n\s+at |SyntaxError/);
    expect(
      (await call('/api/v1/jobs/batch-runs', ADMIN, { method: 'POST', body: JSON.stringify({ date: day, force: true }) })).status,
    ).to.equal(400);
    const started = await call('/api/v1/jobs/reference-loads', ADMIN, {
      method: 'POST',
      body: JSON.stringify({ path: '/nonexistent/reference.csv' }),
    });
    expect(started.status).to.equal(202);
    const job = (await started.json()) as { id: string; state: string; requestedBy: string };
    expect(job.state).to.equal('running');
    expect(job.requestedBy).to.match(/^admin:[0-9a-f]{8}$/);
    let state = job.state;
    for (let i = 0; i < 100 && state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      state = ((await (await call(`/api/v1/jobs/${job.id}`, VIEWER)).json()) as { state: string }).state;
    }
    // Whatever the reference loader does with a missing file, it must not succeed.
    expect(state).to.equal('failed');
    const audited = fx.audit.filter((e) => e.path.startsWith('/api/v1/jobs/batch-runs') && /^(viewer|admin):/.test(e.caller));
    expect(audited.map((e) => [e.caller.split(':')[0], e.status])).to.deep.equal([
      ['viewer', 403],
      ['admin', 400],
      ['admin', 400],
      ['admin', 400],
    ]);
    expect(audited.every((e) => typeof e.durationMs === 'number')).to.equal(true);
    expect(JSON.stringify(fx.audit)).not.to.include(VIEWER);
  });

  it('limits the rate per key with 429 and Retry-After', async () => {
    const limited = await fx.startAnother({ API_VIEWER_KEYS: VIEWER, API_RATE_LIMIT_PER_S: '1', API_RATE_LIMIT_BURST: '3' });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${limited.url}/api/v1/openapi.json`, { headers: { 'x-api-key': VIEWER } });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
    }
    expect(statuses.slice(0, 3)).to.deep.equal([200, 200, 200]);
    expect(statuses[4]).to.equal(429);
    expect(Number(retryAfter)).to.be.at.least(1);
  });

  it('refuses a non-loopback address without keys and says how it is protected', () => {
    expect(() => checkExposure(loadConfig({ ...fx.env, API_HOST: '0.0.0.0' }))).to.throw(/not a loopback address/);
    expect(checkExposure(loadConfig({ ...fx.env, API_HOST: '0.0.0.0', API_VIEWER_KEYS: VIEWER }))).to.match(/API keys required/);
    expect(checkExposure(fx.config)).to.match(/loopback only/);
  });
});
