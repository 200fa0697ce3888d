// `npm start`: the whole pipeline on one machine. Brings up the local stack
// (or uses the configured clusters), runs setup, makes sure a reference
// version is current, then runs the layers as supervised child processes with
// prefixed logs until Ctrl-C. With --demo it first fills two event days and
// runs the nightly batch for the closed one.

import { loadConfig, type Config } from '../../common/config';
import { waitForKafkaReady } from '../../common/kafka';
import { createLogger, type Logger } from '../../common/log';
import { retry } from '../../common/retry';
import { currentReferenceVersion, loadReference, SAMPLE_LOCATIONS_CSV } from '../../reference-data';
import { runSetup } from '../setup';
import { startSupervisor } from '../supervisor';
import { dashboardUrl, demoBanner, liveBanner } from './banners';
import { runDemoPreload } from './demo-preload';
import { DEMO_ENV, demoWindow } from './demo-plan';
import { wipeDemoWorld } from './demo-world';
import { openLocalStack, type LocalStackSession } from './local-stack-session';
import { liveSimulatorSpec, rekeySpec, serviceSpecs } from './pipeline-specs';
import type { StartOptions } from './start-options';
import { waitForApi } from './wait-for-api';

export async function runStart(options: StartOptions): Promise<number> {
  const env = options.demo ? DEMO_ENV : {};
  const config = loadConfig({ ...process.env, ...env });
  const log = createLogger('start', config.logLevel);
  // Signals are handled from here on: Ctrl-C during start-up stops what has started.
  const supervisor = startSupervisor([], log, undefined, config.stopGraceMs + 5_000);
  let stack: LocalStackSession | undefined;
  try {
    if (options.localStack) {
      stack = await openLocalStack(config, log);
    } else {
      log.info(
        `using existing clusters: Kafka ${config.kafka.brokers.join(',')}, HBase via ZooKeeper ${config.hbase.zookeeperQuorum.map((q) => `${q.host}:${q.port}`).join(',')}, WebHDFS ${config.hdfs.webhdfsUrl.href}`,
      );
    }
    if (supervisor.stopping) return await finish();

    if (options.demo) await wipeDemoWorld(config, log);
    // Retried: a demo's topics may still be on their way out.
    for (const line of await retry(() => runSetup(config, log), { retries: 5, initialDelayMs: 2000 })) log.info(line);
    await ensureReference(config, log);
    if (supervisor.stopping) return await finish();
    // A fresh broker is still loading its group and transaction coordinators:
    // the layers start once they answer, not into a screen of kafkajs retries.
    const stopSignal = new AbortController();
    void supervisor.stopped.then(() => stopSignal.abort());
    await waitForKafkaReady(config, log, {
      groupIds: [config.speed.groupId, config.landing.groupId],
      transactions: true,
      signal: stopSignal.signal,
    });
    if (supervisor.stopping) return await finish();

    for (const spec of serviceSpecs(env, !options.demo)) supervisor.add(spec);
    if (config.stack.rekeyFrom !== '') supervisor.add(rekeySpec(env, config.stack.rekeyFrom));
    const url = dashboardUrl(config.api.host, config.api.port);
    if (!(await waitForApi(`${url}api/v1/health`, 120_000, stopSignal.signal)) && !supervisor.stopping)
      log.warn(`the API does not answer healthy at ${url}api/v1/health yet; see the [api] lines`);
    if (supervisor.stopping) return await finish();

    if (options.demo) {
      const window = demoWindow(Date.now());
      if (!(await runDemoPreload(supervisor, config, env, window, options.demoEvents, log))) return await finish();
      if (options.rate > 0) supervisor.add(liveSimulatorSpec(env, options.rate));
      console.log(demoBanner(url, window, options.rate, config.hbase.namespace));
    } else {
      if (options.rate > 0) supervisor.add(liveSimulatorSpec(env, options.rate));
      console.log(liveBanner(url, options.rate, true));
    }
    return await finish();
  } catch (error) {
    await supervisor.stop();
    await stack?.release();
    throw error;
  }

  async function finish(): Promise<number> {
    await supervisor.stopped;
    await stack?.release();
    return 0;
  }
}

/** Loads the shipped sample unless a reference version is already current (restarts stay fast). */
async function ensureReference(config: Config, log: Logger): Promise<void> {
  const current = await currentReferenceVersion(config, log);
  if (current) {
    log.info(`reference version ${current} is current: not loading the sample again`);
    return;
  }
  log.info(`no reference version yet: loading the sample ${SAMPLE_LOCATIONS_CSV}`);
  await loadReference(config, SAMPLE_LOCATIONS_CSV, log);
}
