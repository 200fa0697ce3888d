// `utopia start` (npm start): the whole pipeline on the local stack or the
// configured clusters, until Ctrl-C; `--demo` first fills two event days.

import { loadConfig } from '../../../common/config';
import { parseStartOptions, runStart } from '../../start';
import { UsageError, type CommandRegistration } from '../command';

interface StartFlags {
  demo?: boolean;
  demoEvents?: string;
  rate?: string;
  existingClusters?: boolean;
  localStack: boolean;
}

export const registerStart: CommandRegistration = (program, exit) => {
  program
    .command('start')
    .description('run the whole pipeline (stack, setup, reference, simulator, layers, API) until Ctrl-C; --demo for two days and a batch')
    .option('--demo', 'one-shot demo: two event days, the nightly batch for the closed one, both views on the dashboard')
    .option('--demo-events <n>', 'events the demo publishes over yesterday and today (default 150000)')
    .option('--rate <events-per-s>', 'events per second of the live simulator, 0 for none (default START_SIMULATOR_RATE)')
    .option('--existing-clusters', 'use the clusters the environment names instead of the local stack')
    .option('--no-local-stack', 'the same as --existing-clusters')
    .addHelpText('after', '\nSTART_REKEY_FROM=TOPIC also runs `utopia rekey --from TOPIC` as a supervised child.\n')
    .action(
      exit.action(async (flags: StartFlags) => {
        const config = loadConfig();
        // parseStartOptions (with its spec) stays the one place that checks and defaults these.
        const args = [
          ...(flags.demo ? ['--demo'] : []),
          ...(flags.demoEvents !== undefined ? ['--demo-events', flags.demoEvents] : []),
          ...(flags.rate !== undefined ? ['--rate', flags.rate] : []),
          ...(flags.existingClusters || !flags.localStack ? ['--existing-clusters'] : []),
        ];
        let options;
        try {
          options = parseStartOptions(args, { localStack: config.stack.local, rate: config.stack.simulatorRate });
        } catch (error) {
          throw new UsageError((error as Error).message);
        }
        return runStart(options);
      }),
    );
};
