// `utopia ingest`: the HTTP ingest (POST /ingest) until SIGTERM/SIGINT.

import { loadConfig } from '../../../common/config';
import { createLogger } from '../../../common/log';
import { startIngestServer } from '../../../speed-layer';
import type { CommandRegistration } from '../command';
import { EXIT } from '../exit-codes';

export const registerIngest: CommandRegistration = (program, exit) => {
  program
    .command('ingest')
    .description('run the HTTP ingest (POST /ingest -> Kafka) on INGEST_HOST:INGEST_PORT until stopped')
    .action(
      exit.action(async () => {
        const config = loadConfig();
        const server = await startIngestServer(config, createLogger('ingest', config.logLevel));
        await new Promise<void>((resolve) => {
          process.once('SIGTERM', resolve);
          process.once('SIGINT', resolve);
        });
        await server.close();
        return EXIT.ok;
      }),
    );
};
