import { expect } from 'chai';
import { loadConfig } from '../../../common/config';
import { createLogger } from '../../../common/log';
import type { ServiceContext } from '../service-spec';
import { stackLayout } from '../stack-layout';
import { rootdir } from './hbase';

describe('stack services: HBase rootdir', () => {
  const context = (env: Record<string, string>): ServiceContext => ({
    layout: stackLayout('/nonexistent/utopia-home'),
    config: loadConfig(env),
    log: createLogger('spec', 'error', () => undefined),
  });

  it('on HDFS, rides a NameNode restart: the HDFS client retries and the WAL roller retries before it aborts', () => {
    const site = rootdir(context({ UTOPIA_HBASE_ROOTDIR: 'hdfs' }));
    expect(site['hbase.rootdir']).to.match(/^hdfs:\/\/127\.0\.0\.1:\d+\/hbase$/);
    expect(site['dfs.client.retry.policy.enabled']).to.equal(true);
    // "sleep ms,count" pairs: together they outlast the fault suite's ~16 s restart.
    const pairs = String(site['dfs.client.retry.policy.spec']).split(',').map(Number);
    const totalMs = pairs.reduce((sum, n, i) => (i % 2 === 0 ? sum + n * (pairs[i + 1] ?? 0) : sum), 0);
    expect(totalMs).to.be.at.least(60_000);
    expect(site['hbase.regionserver.logroll.retries']).to.be.above(0);
    expect(site['hbase.regionserver.logroll.wait.timeout.ms']).to.be.at.least(60_000);
  });

  it('on local files, no HDFS settings', () => {
    const site = rootdir(context({}));
    expect(String(site['hbase.rootdir'])).to.match(/^file:\/\//);
    expect(Object.keys(site).filter((key) => key.startsWith('dfs.'))).to.deep.equal([]);
  });
});
