// `utopia reference load <file.csv|file.parquet|folder>`: validates Dataset B and makes it the current version.

import { loadConfig } from '../../../common/config';
import { createLogger } from '../../../common/log';
import { createProgress } from '../../../common/progress';
import { loadReference } from '../../../reference-data';
import type { CommandRegistration } from '../command';
import { EXIT } from '../exit-codes';

export const registerReference: CommandRegistration = (program, exit) => {
  const reference = program.command('reference').description('Dataset B, the locations: load a new current version');
  reference
    .command('load')
    .description('validate Dataset B (every bad row listed, nothing half-loaded), store it in HDFS and HBase, make it current')
    .argument('<path>', 'a CSV file, a Parquet file or a folder of Parquet parts')
    .action(
      exit.action(async (file: string) => {
        const config = loadConfig();
        const log = createLogger('reference', config.logLevel);
        const progress = createProgress({ phase: 'read and validate', unit: 'locations', log });
        let result;
        try {
          result = await loadReference(config, file, log, undefined, progress);
        } finally {
          progress.stop();
        }
        console.log(
          `loaded ${result.locations} locations from ${result.files.length} file(s) as version ${result.version} (${result.hdfsPath}); it is now current`,
        );
        return EXIT.ok;
      }),
    );
};
