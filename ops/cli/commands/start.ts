// `utopia start` (npm start): the whole pipeline on the local stack or the
// configured clusters, until Ctrl-C; `--demo` first fills two event days.

import { loadConfig } from '../../../common/config';
import { parseStartOptions, runStart, START_USAGE } from '../../start';
import { UsageError, type Command } from '../command';

export const startCommand: Command = {
  name: 'start',
  summary: 'run the whole pipeline (stack, setup, reference, simulator, layers, API) until Ctrl-C; --demo for two days and a batch',
  usage: START_USAGE,
  async run(args) {
    const config = loadConfig();
    let options;
    try {
      options = parseStartOptions(args, { localStack: config.stack.local, rate: config.stack.simulatorRate });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    return runStart(options);
  },
};
