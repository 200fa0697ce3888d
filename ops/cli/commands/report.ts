// `utopia report show --date YYYY-MM-DD [--format json|csv|html]`: prints a nightly report from HDFS.

import { loadConfig } from '../../../common/config';
import { isEventDay } from '../../../common/contract';
import { createHdfsStore } from '../../../common/hdfs';
import { loadDayReport } from '../../../batch-layer';
import { UsageError, type Command } from '../command';

export const reportCommand: Command = {
  name: 'report',
  summary: 'print the nightly report of a day: `report show --date D [--format json|csv|html]`',
  usage: 'utopia report show --date YYYY-MM-DD [--format json|csv|html]',
  async run(args) {
    const [sub, ...rest] = args;
    if (sub !== 'show') throw new UsageError(`unknown subcommand ${JSON.stringify(sub ?? '')}`);
    let date: string | undefined;
    let format: 'json' | 'csv' | 'html' = 'json';
    for (let i = 0; i < rest.length; i++) {
      if (rest[i] === '--date') date = rest[++i];
      else if (rest[i] === '--format') {
        const value = rest[++i];
        if (value !== 'json' && value !== 'csv' && value !== 'html') throw new UsageError('--format is json, csv or html');
        format = value;
      } else throw new UsageError(`unknown argument ${JSON.stringify(rest[i])}`);
    }
    if (date === undefined || !isEventDay(date)) throw new UsageError('--date YYYY-MM-DD is required');
    const config = loadConfig();
    const text = await loadDayReport(createHdfsStore(config.hdfs), config.hdfs.root, date, format);
    if (text === undefined) {
      console.error(`utopia report: no report for ${date} (has the batch run for it?)`);
      return 1;
    }
    process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    return 0;
  },
};
