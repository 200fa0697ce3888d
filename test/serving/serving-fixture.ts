// A serving layer against the real stack in a random HBase namespace, HDFS
// root and topic names: setup creates them, the views are seeded through the
// contract codecs (ops/bench/view-seeder.ts), and everything is deleted after.

import { loadConfig, type Config } from '../../common/config';
import { HBaseStore, hbaseStoreOptions } from '../../common/hbase';
import { createLogger } from '../../common/log';
import { ViewSeeder } from '../../ops/bench/view-seeder';
import { startServing, type AuditEntry, type RunningServer } from '../../serving';
import { parseJson } from '../helpers/api-bodies';
import { createIsolatedStores, isolatedEnv, removeIsolatedStores } from '../helpers/isolated-world';

export interface ServingFixture {
  readonly config: Config;
  readonly env: NodeJS.ProcessEnv;
  readonly store: HBaseStore;
  readonly seeder: ViewSeeder;
  readonly audit: AuditEntry[];
  server: RunningServer;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  /** GET `path`, which must answer 200, parsed as the shape `T` the test expects. */
  json<T = unknown>(path: string): Promise<T>;
  /** Starts another server on the same stores with extra settings (keys, rate limits). */
  startAnother(extraEnv: NodeJS.ProcessEnv): Promise<RunningServer>;
  close(): Promise<void>;
}

export async function createServingFixture(extraEnv: NodeJS.ProcessEnv = {}): Promise<ServingFixture> {
  const { env } = isolatedEnv('serving', {
    HBASE_REGIONS: '2',
    KAFKA_PARTITIONS: '2',
    API_LIVE_CACHE_MS: '0',
    API_SETTLED_CACHE_MS: '0',
    API_RATE_LIMIT_PER_S: '100000',
    API_RATE_LIMIT_BURST: '100000',
    UTOPIA_LOG_LEVEL: 'warn',
    API_AUDIT_LOG: 'false',
    ...extraEnv,
  });
  const config = loadConfig(env);
  const log = createLogger('test-serving', 'warn');
  await createIsolatedStores(config, log);
  const store = new HBaseStore({ ...hbaseStoreOptions(config), retryPauseMs: 50 });
  const audit: AuditEntry[] = [];
  const servers: RunningServer[] = [];
  const server = await startServing(config, log, { port: 0, audit: [(e) => audit.push(e)], jobEnv: env });
  servers.push(server);
  const fixture: ServingFixture = {
    config,
    env,
    store,
    seeder: new ViewSeeder(store, config.hbase.namespace),
    audit,
    server,
    get: (path, headers = {}) => fetch(`${fixture.server.url}${path}`, { headers }),
    async json<T>(path: string): Promise<T> {
      const res = await fetch(`${fixture.server.url}${path}`);
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status} ${body}`);
      return parseJson<T>(body);
    },
    async startAnother(more) {
      const other = await startServing(loadConfig({ ...env, ...more }), log, { port: 0, audit: [(e) => audit.push(e)], jobEnv: env });
      servers.push(other);
      return other;
    },
    async close() {
      for (const s of servers) await s.close().catch(() => undefined);
      store.close();
      await removeIsolatedStores(config, log);
    },
  };
  return fixture;
}
