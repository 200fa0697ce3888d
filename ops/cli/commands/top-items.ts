// `utopia top-items --detections <path> --locations <path> [--x 10] --out <path> [--csv]
//   [--timestamp-unit auto|seconds|milliseconds] [--date YYYY-MM-DD]`: the classic top-X job on any Parquet files.

import { loadConfig } from '../../../common/config';
import { isEventDay, type TimestampUnitOption } from '../../../common/contract';
import { createHdfsStore } from '../../../common/hdfs';
import { runTopItems } from '../../../batch-layer';
import { UsageError, type Command } from '../command';

export const topItemsCommand: Command = {
  name: 'top-items',
  summary: 'top-X items per location from Dataset A and B Parquet files (local or hdfs://, single file or Spark folder)',
  usage: 'utopia top-items --detections <path> --locations <path> [--x 10] --out <path> [--csv] [--timestamp-unit auto|seconds|milliseconds] [--date YYYY-MM-DD]',
  async run(args) {
    const flags = new Map<string, string>();
    let csv = false;
    for (let i = 0; i < args.length; i++) {
      const arg = args[i] as string;
      if (arg === '--csv') csv = true;
      else if (['--detections', '--locations', '--x', '--out', '--timestamp-unit', '--date'].includes(arg) && i + 1 < args.length) flags.set(arg, args[++i] as string);
      else throw new UsageError(`unknown or incomplete argument ${JSON.stringify(arg)}`);
    }
    const detections = flags.get('--detections');
    const locations = flags.get('--locations');
    const out = flags.get('--out');
    if (!detections || !locations || !out) throw new UsageError('--detections, --locations and --out are required');
    const x = Number(flags.get('--x') ?? '10');
    if (!Number.isInteger(x) || x < 1 || x > 65535) throw new UsageError('--x must be an integer from 1 to 65535');
    const unit = (flags.get('--timestamp-unit') ?? 'auto') as TimestampUnitOption;
    if (!['auto', 'seconds', 'milliseconds'].includes(unit)) throw new UsageError('--timestamp-unit is auto, seconds or milliseconds');
    const date = flags.get('--date');
    if (date !== undefined && !isEventDay(date)) throw new UsageError('--date must be YYYY-MM-DD');
    const config = loadConfig();
    const usesHdfs = [detections, locations, out].some((p) => p.startsWith('hdfs:'));
    const result = await runTopItems({
      detections, locations, out, x, csv, timestampUnit: unit, workDir: config.batch.workDir, buckets: config.batch.spillBuckets,
      ...(date !== undefined ? { day: date } : {}), ...(usesHdfs ? { hdfs: createHdfsStore(config.hdfs) } : {}),
    });
    console.log(JSON.stringify({ rowsRead: result.rowsRead, rowsUsed: result.rowsUsed, topRows: result.items.length, outputs: result.outputs }));
    return 0;
  },
};
