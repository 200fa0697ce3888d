import { expect } from 'chai';
import { loadConfig } from './config';

describe('config: metrics settings', () => {
  it('defaults the /metrics ports and the batch deadline hour, and takes 0 as "no endpoint"', () => {
    const config = loadConfig({});
    expect(config.metrics).to.deep.equal({ host: '127.0.0.1', speedPort: 9101, landingPort: 9102, batchPort: 9103 });
    expect(config.batch.deadlineHour).to.equal(6);
    expect(loadConfig({ SPEED_METRICS_PORT: '0', BATCH_DEADLINE_HOUR: '0' })).to.deep.include({
      metrics: { host: '127.0.0.1', speedPort: 0, landingPort: 9102, batchPort: 9103 },
    });
  });

  it('names the variable of a bad port or hour', () => {
    expect(() => loadConfig({ LANDING_METRICS_PORT: '70000' })).to.throw(/LANDING_METRICS_PORT="70000"/);
    expect(() => loadConfig({ BATCH_DEADLINE_HOUR: '24' })).to.throw(/BATCH_DEADLINE_HOUR="24": expected an hour from 0 to 23/);
  });
});
