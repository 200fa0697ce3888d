import path from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '../../common/config';
import { createLogger } from '../../common/log';
import type { ServiceContext } from './service-spec';
import { stackLayout } from './stack-layout';
import { allServices } from './stack-services';

describe('stack services: log configuration', () => {
  const ctx: ServiceContext = {
    layout: stackLayout('/nonexistent/utopia-home'),
    config: loadConfig({}),
    log: createLogger('spec', 'error', () => undefined),
  };

  for (const service of allServices) {
    it(`${service.name}: its JVM is pointed at a log config that the stack writes, logging into ${service.name}.log`, () => {
      const flag = service.jvmArgs(ctx).find((arg) => /^-Dlog4j\.configuration(File)?=file:/.test(arg));
      expect(flag, 'a -Dlog4j.configuration(File)=file:... flag').to.be.a('string');
      const file = (flag as string).replace(/^-D[^=]+=file:/, '');
      expect(path.dirname(file)).to.equal(ctx.layout.conf(service.name));
      const files = service.configFiles(ctx);
      expect(Object.keys(files), 'config files written into the conf folder').to.include(path.basename(file));
      expect(files[path.basename(file)]).to.include(ctx.layout.log(service.name));
    });
  }
});
