// Starts the serving layer: checks the access rule (no keys -> loopback
// only, read-only), builds the dependencies, listens, and says how it is protected.

import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Config } from '../common/config';
import { checkExposure as checkHostExposure, isLoopbackHost } from '../common/http-guard';
import type { Logger } from '../common/log';
import { createApp } from './app';
import { buildDeps, type BuildOptions } from './build-deps';

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export function isLoopback(host: string): boolean {
  return isLoopbackHost(host);
}

/** Throws ConfigError for a non-loopback host without API keys. */
export function checkExposure(config: Config): string {
  const keyCount = config.api.viewerKeys.length + config.api.adminKeys.length;
  checkHostExposure({
    what: 'the API',
    host: config.api.host,
    hostVariable: 'API_HOST',
    keyCount,
    keyVariables: ['API_VIEWER_KEYS', 'API_ADMIN_KEYS'],
  });
  return keyCount > 0
    ? `API keys required: ${config.api.viewerKeys.length} viewer, ${config.api.adminKeys.length} admin`
    : 'no API keys configured: serving on loopback only, local callers may read, admin routes are off';
}

export async function startServing(
  config: Config,
  log: Logger,
  options: BuildOptions & { readonly port?: number } = {},
): Promise<RunningServer> {
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
