// `utopia report show --date YYYY-MM-DD [--format json|csv|html] [--json]`: prints a nightly report from HDFS.

import { Option } from 'commander';
import { loadConfig } from '../../../common/config';
import { isEventDay, REPORT_FILES, type ReportFormat } from '../../../common/contract';
import { createHdfsStore } from '../../../common/hdfs';
import { loadDayReport } from '../../../batch-layer';
import { UsageError, type CommandRegistration } from '../command';
import { EXIT } from '../exit-codes';

export const registerReport: CommandRegistration = (program, exit) => {
  const report = program.command('report').description('the nightly reports in HDFS');
  report
    .command('show')
    .description('print the nightly report of a day (exit code 1 when the batch has not made it)')
    .requiredOption('--date <YYYY-MM-DD>', 'the UTC event day')
    .addOption(new Option('--format <format>', 'output format').choices(Object.keys(REPORT_FILES)).default('json'))
    .option('--json', 'the same as --format json')
    .action(
      exit.action(async (options: { date: string; format: ReportFormat; json?: boolean }) => {
        if (!isEventDay(options.date)) throw new UsageError('--date YYYY-MM-DD is required');
        const format = options.json ? 'json' : options.format;
        const config = loadConfig();
        const text = await loadDayReport(createHdfsStore(config.hdfs), config.hdfs.root, options.date, format);
        if (text === undefined) {
          console.error(`utopia report: no report for ${options.date} (has the batch run for it?)`);
          return EXIT.failure;
        }
        process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
        return EXIT.ok;
      }),
    );
};
