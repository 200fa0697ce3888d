import { expect } from 'chai';
import { Counter } from 'prom-client';
import { createLogger } from '../log';
import { createMetricsRegistry } from './metrics-registry';
import { startMetricsServer } from './metrics-server';

describe('metrics server', () => {
  it('serves its registry on GET /metrics, 404 elsewhere, and runs on without an endpoint when the port is taken', async () => {
    const registry = createMetricsRegistry({ defaultMetrics: false });
    new Counter({ name: 'utopia_test_things_total', help: 'things', registers: [registry] }).inc(3);
    const lines: string[] = [];
    const log = createLogger('test', 'info', (line) => lines.push(line));
    const server = await startMetricsServer(registry, { host: '127.0.0.1', port: 0, log });
    if (!server) throw new Error('no server');
    try {
      const answer = await fetch(server.url);
      expect(answer.status).to.equal(200);
      expect(answer.headers.get('content-type')).to.match(/^text\/plain; version=0\.0\.4/);
      expect(await answer.text()).to.include('utopia_test_things_total 3');
      expect((await fetch(server.url.replace('/metrics', '/other'))).status).to.equal(404);
      const port = Number(new URL(server.url).port);
      expect(await startMetricsServer(registry, { host: '127.0.0.1', port, log })).to.equal(undefined);
      expect(lines.some((l) => l.includes('WARN') && l.includes(`127.0.0.1:${port} is not available`))).to.equal(true);
    } finally {
      await server.close();
    }
  });
});
