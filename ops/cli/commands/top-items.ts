// `utopia top-items --detections <path> --locations <path> [--x 10] --out <path> [--csv]
//   [--timestamp-unit auto|seconds|milliseconds] [--date YYYY-MM-DD]`: the classic top-X job on any Parquet files.

import { Option } from 'commander';
import { loadConfig } from '../../../common/config';
import { isEventDay, type TimestampUnitOption } from '../../../common/contract';
import { createHdfsStore } from '../../../common/hdfs';
import { runTopItems } from '../../../batch-layer';
import { numberArg, UsageError, type CommandRegistration } from '../command';
import { EXIT } from '../exit-codes';

interface TopItemsFlags {
  detections: string;
  locations: string;
  out: string;
  x: number;
  csv?: boolean;
  timestampUnit: TimestampUnitOption;
  date?: string;
}

export const registerTopItems: CommandRegistration = (program, exit) => {
  program
    .command('top-items')
    .description('top-X items per location from Dataset A and B Parquet files (local or hdfs://, single file or Spark folder)')
    .requiredOption('--detections <path>', 'Dataset A: a Parquet file or folder')
    .requiredOption('--locations <path>', 'Dataset B: a Parquet file or folder')
    .requiredOption('--out <path>', 'where to write the result')
    .option(
      '--x <n>',
      'items per location',
      numberArg((n) => Number.isInteger(n) && n >= 1 && n <= 65535, 'an integer from 1 to 65535'),
      10,
    )
    .option('--csv', 'also write a CSV beside the Parquet output')
    .addOption(
      new Option('--timestamp-unit <unit>', 'unit of timestamp_detected').choices(['auto', 'seconds', 'milliseconds']).default('auto'),
    )
    .option('--date <YYYY-MM-DD>', 'only this UTC event day')
    .action(
      exit.action(async (flags: TopItemsFlags) => {
        if (flags.date !== undefined && !isEventDay(flags.date)) throw new UsageError('--date must be YYYY-MM-DD');
        const { detections, locations, out, x } = flags;
        const config = loadConfig();
        const usesHdfs = [detections, locations, out].some((p) => p.startsWith('hdfs:'));
        const result = await runTopItems({
          detections,
          locations,
          out,
          x,
          csv: flags.csv === true,
          timestampUnit: flags.timestampUnit,
          workDir: config.batch.workDir,
          buckets: config.batch.spillBuckets,
          ...(flags.date !== undefined ? { day: flags.date } : {}),
          ...(usesHdfs ? { hdfs: createHdfsStore(config.hdfs) } : {}),
        });
        console.log(
          JSON.stringify({ rowsRead: result.rowsRead, rowsUsed: result.rowsUsed, topRows: result.items.length, outputs: result.outputs }),
        );
        return EXIT.ok;
      }),
    );
};
