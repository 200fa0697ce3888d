// The monitoring files of ops/monitoring against the real processes:
// - promtool checks the alert rules and runs their unit tests (check.sh,
//   which installs promtool if missing);
// - `utopia speed`, `landing` and `batch schedule` serve /metrics on the
//   ports their settings name;
// - the API, a speed layer, a landing writer and the batch scheduler's
//   registry run on the local stack (isolated topic, tables, groups), events
//   flow through them, and every metric named by a dashboard query or an
//   alert expression must be in the live /metrics of the process its job
//   selects (or of any of them when the expression names no job).

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { parse as parseYaml } from 'yaml';
import { repoRoot } from '../../common/config';
import { eventDay } from '../../common/contract';
import { createHdfsStore } from '../../common/hdfs';
import { createKafka } from '../../common/kafka';
import { createLogger } from '../../common/log';
import { startMetricsServer, type MetricsServer } from '../../common/metrics';
import { BatchMetrics, LandingWriter } from '../../batch-layer';
import { createSpeedLayer, type SpeedLayer } from '../../speed-layer';
import { defaultSimulation, generateEvents } from '../../ops/simulator/event-generator';
import { publishEvents } from '../../ops/simulator/publish-events';
import { CliProcess } from '../helpers/cli-process';
import { randomName } from '../helpers/random-name';
import { createServingFixture, type ServingFixture } from '../serving/serving-fixture';
import { exposedSampleNames, promqlMetricNames } from './promql-metric-names';

const MONITORING = path.join(repoRoot, 'ops', 'monitoring');
/** Made by Prometheus itself for every target, not by a process. */
const PROMETHEUS_OWN = new Set(['up']);

interface Query {
  readonly where: string;
  readonly expr: string;
}

function alertQueries(): Query[] {
  const doc = parseYaml(fs.readFileSync(path.join(MONITORING, 'prometheus', 'alerts.yml'), 'utf8')) as {
    groups: { rules: { alert: string; expr: string }[] }[];
  };
  return doc.groups.flatMap((g) => g.rules.map((r) => ({ where: `alert ${r.alert}`, expr: String(r.expr) })));
}

function dashboardQueries(): Query[] {
  const dir = path.join(MONITORING, 'grafana', 'dashboards');
  const queries: Query[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const board = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as {
      panels: { title: string; targets?: { expr: string }[]; panels?: unknown[] }[];
    };
    for (const panel of board.panels)
      for (const target of panel.targets ?? []) queries.push({ where: `${file} panel "${panel.title}"`, expr: target.expr });
  }
  return queries;
}

/** Metric names an expression selects with job="X", as [name, job]. */
function jobSelections(expr: string): [string, string][] {
  return [...expr.matchAll(/([A-Za-z_:][A-Za-z0-9_:]*)\{[^}]*\bjob="([^"]+)"/g)].map((m) => [m[1] as string, m[2] as string]);
}

/** Ports nothing listens on right now (the OS picks them). */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<net.Server>((resolve) => {
          const server = net.createServer();
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => (server.address() as net.AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

describe('monitoring: alert rules and dashboard', function () {
  this.timeout(10 * 60_000);

  it('promtool checks the rules and the Prometheus config, and every alert test passes', async () => {
    const { stdout } = await promisify(execFile)('bash', [path.join(MONITORING, 'check.sh')], { maxBuffer: 16 * 1024 * 1024 });
    expect(stdout).to.match(/SUCCESS: \d+ rules found/);
    expect(stdout).to.include('Unit Testing:  alerts.test.yml');
    expect(stdout).to.include('monitoring checks passed');
  });

  describe('against live /metrics', () => {
    let fx: ServingFixture;
    let speed: SpeedLayer | undefined;
    let landing: LandingWriter | undefined;
    const servers: MetricsServer[] = [];
    const expositions = new Map<string, string>();

    before(async () => {
      const id = randomName('monitoring').replace(/-/g, '_');
      fx = await createServingFixture({
        SPEED_GROUP_ID: `test-${id}-speed`,
        LANDING_GROUP_ID: `test-${id}-landing`,
        LANDING_FLUSH_AGE_MS: '2000',
      });
      const log = createLogger('test-monitoring', 'warn');
      const config = fx.config;
      const day = eventDay(Date.now() - 86_400_000);
      // What the batch leaves in meta (batch-run.ts), so the API's batch and reconcile gauges exist.
      await fx.seeder.watermark(day);
      await fx.seeder.batchLastRun({
        runId: 'run-1',
        status: 'ok',
        finishedAt: new Date().toISOString(),
        durationMs: 1000,
        quarantined: [],
        days: [{ day, durationMs: 900, phasesMs: { compaction: 500, views: 200, reconciliation: 200 } }],
      });
      await fx.seeder.reconciliation({
        day,
        runId: 'run-1',
        detectionRows: { hbaseRows: 1, repaired: 0, repairedOids: [], hbaseOnly: 0, hbaseOnlyOids: [], masked: 0, maskedOids: [] },
        liveCounts: { cellsChecked: 1, cellsCorrected: 0, corrections: [] },
      });

      speed = createSpeedLayer(config, log.child('speed'), `monitoring-${id}`);
      landing = new LandingWriter({
        config,
        kafka: createKafka(config, { clientIdSuffix: 'landing', logger: log }),
        hdfs: createHdfsStore(config.hdfs, { logger: log }),
        logger: log.child('landing'),
      });
      const batch = new BatchMetrics(config.batch.workDir);
      for (const registry of [speed.metrics.registry, landing.metrics.registry, batch.registry]) {
        const server = await startMetricsServer(registry, { host: '127.0.0.1', port: 0, log });
        if (!server) throw new Error('no metrics endpoint');
        servers.push(server);
      }
      await speed.start();
      await landing.start();

      const producer = createKafka(config, { logger: log }).producer({ idempotent: true });
      await producer.connect();
      const events = generateEvents({
        ...defaultSimulation,
        events: 300,
        seed: 7,
        rate: 1000,
        startMs: Date.now() - 60_000,
        invalid: 0.05,
      });
      await publishEvents(producer, events, { topic: config.kafka.detectionsTopic, rate: Infinity });
      await producer.disconnect();

      // Until each process has seen its partitions and the API sees both groups' offsets.
      const deadline = Date.now() + 120_000;
      for (;;) {
        const [api, speedText, landingText, batchText] = await Promise.all([
          fx.get('/metrics').then((r) => r.text()),
          ...servers.map((s) => fetch(s.url).then((r) => r.text())),
        ]);
        expositions
          .set('utopia-api', api)
          .set('utopia-speed', speedText as string)
          .set('utopia-landing', landingText as string)
          .set('utopia-batch', batchText as string);
        const ready =
          (speedText as string).includes('utopia_consumer_lag_seconds{') &&
          /^utopia_landing_files_total [1-9]/m.test(landingText as string) &&
          api.includes(`group="test-${id}-speed"`) &&
          api.includes(`group="test-${id}-landing"`);
        if (ready) break;
        if (Date.now() > deadline) throw new Error('the layers did not report their partitions within 2 minutes');
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    });

    after(async () => {
      await speed?.stop().catch(() => undefined);
      await landing?.stop().catch(() => undefined);
      for (const server of servers) await server.close();
      await fx?.close();
    });

    it('exposes what the layers did, under the documented names', () => {
      const speedText = expositions.get('utopia-speed') ?? '';
      expect(speedText).to.match(/^utopia_speed_messages_total\{outcome="accepted"\} [1-9]\d*$/m);
      expect(speedText).to.match(/^utopia_speed_dead_letters_total\{reason="[a-z_0-9]+"\} [1-9]\d*$/m);
      expect(speedText).to.match(/^utopia_hbase_call_duration_seconds_count\{operation="puts",table="[^"]+",outcome="ok"\} [1-9]\d*$/m);
      // Setup created the count tables empty, so the speed layer knew new counter cells empty without reading them.
      expect(speedText).to.match(/^utopia_speed_counter_cells_total\{source="known_empty"\} [1-9]\d*$/m);
      expect(expositions.get('utopia-landing')).to.match(/^utopia_landing_rows_total [1-9]\d*$/m);
      const api = expositions.get('utopia-api') ?? '';
      expect(api).to.match(/^utopia_kafka_detections_offsets_total [1-9]\d*$/m);
      expect(api).to.match(/^utopia_hbase_call_duration_seconds_count\{operation="mget",table="meta",outcome="ok"\} [1-9]\d*$/m);
    });

    it('utopia speed, landing and batch schedule serve /metrics on their configured ports', async () => {
      const id = randomName('monitoring-cli').replace(/-/g, '_');
      const ports = await freePorts(3);
      const env = {
        ...fx.env,
        SPEED_GROUP_ID: `test-${id}-speed`,
        LANDING_GROUP_ID: `test-${id}-landing`,
        BATCH_CRON: '0 3 1 1 *',
        UTOPIA_LOG_LEVEL: 'info',
        SPEED_METRICS_PORT: String(ports[0]),
        LANDING_METRICS_PORT: String(ports[1]),
        BATCH_METRICS_PORT: String(ports[2]),
      };
      const processes = [
        new CliProcess(env, 'speed'),
        new CliProcess(env, 'landing'),
        new CliProcess(env, 'batch', 'batch-schedule', ['schedule']),
      ];
      const expected = [
        'utopia_speed_dead_letters_total{reason="key_mismatch"}',
        'utopia_landing_files_total',
        'utopia_batch_runs_total{status="failed"}',
      ];
      try {
        for (const p of processes) p.start();
        for (const [i, port] of ports.entries()) {
          const url = `http://127.0.0.1:${port}/metrics`;
          const deadline = Date.now() + 60_000;
          let text = '';
          while (!text.includes(expected[i] as string)) {
            if (Date.now() > deadline) throw new Error(`${url} did not answer within 60 s; log:\n${processes[i]?.log()}`);
            text = await fetch(url).then(
              (r) => r.text(),
              () => '',
            );
            if (!text) await new Promise((resolve) => setTimeout(resolve, 500));
          }
          expect(text).to.match(/^process_resident_memory_bytes \d/m);
          expect(processes[i]?.log()).to.include(`metrics on ${url}`);
        }
      } finally {
        for (const p of processes) expect(await p.stop('SIGTERM'), p.log()).to.equal(0);
      }
    });

    it('every dashboard query and alert expression names metrics that are exposed', () => {
      const byJob = new Map([...expositions].map(([job, text]) => [job, exposedSampleNames(text)]));
      const all = new Set([...byJob.values()].flatMap((names) => [...names]));
      const queries = [...dashboardQueries(), ...alertQueries()];
      expect(queries.length).to.be.greaterThan(40);
      const missing: string[] = [];
      const checked = new Set<string>();
      for (const { where, expr } of queries) {
        const names = promqlMetricNames(expr).filter((n) => !PROMETHEUS_OWN.has(n));
        if (names.length === 0 && !/\bup\b/.test(expr)) missing.push(`${where}: names no metric: ${expr}`);
        for (const name of names) {
          checked.add(name);
          if (!all.has(name)) missing.push(`${where}: ${name} is exposed by no process`);
        }
        for (const [name, job] of jobSelections(expr)) {
          if (PROMETHEUS_OWN.has(name)) continue;
          const exposed = byJob.get(job);
          if (!exposed) missing.push(`${where}: unknown job ${job}`);
          else if (!exposed.has(name)) missing.push(`${where}: ${name} is not exposed by job ${job}`);
        }
      }
      expect(missing, missing.join('\n')).to.deep.equal([]);
      expect(checked.size).to.be.greaterThan(25);
    });
  });
});
