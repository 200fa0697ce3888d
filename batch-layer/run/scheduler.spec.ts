import { expect } from 'chai';
import { loadConfig } from '../../common/config';
import { ConfigError } from '../../common/errors';
import { createLogger } from '../../common/log';
import { MemoryHBase } from '../../test/fakes/memory-hbase';
import { MemoryHdfs } from '../../test/fakes/memory-hdfs';
import { scheduleBatch } from './scheduler';

describe('scheduleBatch', () => {
  const deps = (env: Record<string, string>) => ({
    config: loadConfig({ ...process.env, ...env }),
    hdfs: new MemoryHdfs(),
    hbase: new MemoryHBase(),
    logger: createLogger('test', 'error', () => undefined),
  });

  it('refuses an invalid cron expression with the variable named', () => {
    expect(() => scheduleBatch(deps({ BATCH_CRON: 'every night' }))).to.throw(ConfigError, /BATCH_CRON/);
  });

  it('schedules the default 02:00 in the configured time zone and stops', async () => {
    const schedule = scheduleBatch(deps({ BATCH_TIME_ZONE: 'Europe/Zurich' }));
    await schedule.stop();
  });
});
