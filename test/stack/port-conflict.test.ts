// A port held by another program must give a clear error naming the port and
// the service, before anything is started (never a hang).

import { expect } from 'chai';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../common/config';
import { StackError } from '../../common/errors';
import { createLogger } from '../../common/log';
import { ensureStarted } from '../../ops/stack/service-runner';
import type { ServiceSpec } from '../../ops/stack/service-spec';
import { stackLayout } from '../../ops/stack/stack-layout';

describe('stack start with a taken port', () => {
  let server: net.Server;
  let port: number;
  let home: string;

  before(async () => {
    server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'utopia-port-'));
  });

  after(() => {
    server.close();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('fails at once with the port and the service named, starting nothing', async () => {
    let probed = false;
    const spec: ServiceSpec = {
      name: 'fake',
      title: 'Fake broker',
      group: 'kafka',
      mainClass: 'does.not.Matter',
      heapMb: 64,
      ports: () => [{ port, what: 'Fake broker listener' }],
      configFiles: () => ({}),
      jvmArgs: () => [],
      mainArgs: () => [],
      probe: async () => {
        probed = true;
        return 'never';
      },
    };
    const ctx = { layout: stackLayout(home), config: loadConfig(), log: createLogger('test', 'error') };
    const started = Date.now();
    const error = await ensureStarted(ctx, spec).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(StackError);
    expect((error as Error).message).to.include(`port ${port} (Fake broker listener) is already in use`);
    expect((error as Error).message).to.include('Fake broker');
    expect(probed).to.equal(false);
    expect(fs.existsSync(stackLayout(home).pidFile('fake'))).to.equal(false);
    expect(Date.now() - started).to.be.below(5000);
  });
});
