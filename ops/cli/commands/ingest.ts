// `utopia ingest`: the HTTP ingest (POST /ingest) until SIGTERM/SIGINT.

import { loadConfig } from '../../../common/config';
import { createLogger } from '../../../common/log';
import { startIngestServer } from '../../../speed-layer';
import { UsageError, type Command } from '../command';

export const ingestCommand: Command = {
  name: 'ingest',
  summary: 'run the HTTP ingest (POST /ingest -> Kafka) until stopped',
  usage: 'utopia ingest',
  async run(args) {
    if (args.length > 0) throw new UsageError('ingest takes no arguments');
    const config = loadConfig();
    const server = await startIngestServer(config, createLogger('ingest', config.logLevel));
    await new Promise<void>((resolve) => {
      process.once('SIGTERM', resolve);
      process.once('SIGINT', resolve);
    });
    await server.close();
    return 0;
  },
};
