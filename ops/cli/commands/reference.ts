// `utopia reference load <file.csv|file.parquet|folder>`: validates Dataset B and makes it the current version.

import { loadConfig } from '../../../common/config';
import { createLogger } from '../../../common/log';
import { loadReference } from '../../../reference-data';
import { UsageError, type Command } from '../command';

export const referenceCommand: Command = {
  name: 'reference',
  summary: 'load Dataset B (CSV, Parquet or a folder of parts) as the new current reference version',
  usage: 'utopia reference load <file.csv|file.parquet|folder>',
  async run(args) {
    if (args[0] !== 'load' || args.length !== 2) throw new UsageError('expected: reference load <file.csv|file.parquet|folder>');
    const config = loadConfig();
    const result = await loadReference(config, args[1] as string, createLogger('reference', config.logLevel));
    console.log(`loaded ${result.locations} locations from ${result.files.length} file(s) as version ${result.version} (${result.hdfsPath}); it is now current`);
    return 0;
  },
};
