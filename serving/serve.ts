// Starts the serving layer: checks the access rule (no keys -> loopback
// only), builds the dependencies, listens, and says how it is protected.

import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Config } from '../common/config';
import { ConfigError } from '../common/errors';
import type { Logger } from '../common/log';
import { createApp } from './app';
import { buildDeps, type BuildOptions } from './build-deps';

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

export function isLoopback(host: string): boolean {
  return LOOPBACK.test(host);
}

/** Throws ConfigError for a non-loopback host without API keys. */
export function checkExposure(config: Config): string {
  const keyed = config.api.viewerKeys.length + config.api.adminKeys.length > 0;
  if (!keyed && !isLoopback(config.api.host)) {
    throw new ConfigError(`API_HOST=${config.api.host} is not a loopback address and no API keys are configured: set API_VIEWER_KEYS / API_ADMIN_KEYS, or serve on 127.0.0.1`);
  }
  return keyed
    ? `API keys required: ${config.api.viewerKeys.length} viewer, ${config.api.adminKeys.length} admin`
    : 'no API keys configured: serving on loopback only, every local caller may read and start jobs';
}

export async function startServing(config: Config, log: Logger, options: BuildOptions & { readonly port?: number } = {}): Promise<RunningServer> {
  const exposure = checkExposure(config);
  const built = buildDeps(config, log, options);
  const app = createApp(built.deps);
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(options.port ?? config.api.port, config.api.host, () => resolve(s));
    s.once('error', reject);
  });
  server.keepAliveTimeout = 65_000;
  const { port } = server.address() as AddressInfo;
  const host = config.api.host.includes(':') ? `[${config.api.host}]` : config.api.host;
  const url = `http://${host}:${port}`;
  log.info(`serving API and dashboard on ${url} (${exposure})`);
  return {
    url,
    port,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await built.close();
    },
  };
}
