// The local stack for one `npm start`: brought up if needed, and stopped at the
// end only when this start brought it up. A stack that was already running (or
// only partly, e.g. started by someone else) is left running.

import type { Config } from '../../common/config';
import type { Logger } from '../../common/log';
import { createStack } from '../stack';

export interface LocalStackSession {
  /** True when no service of the stack was running before this start. */
  readonly startedHere: boolean;
  /** Stops the stack if this start brought it up; says so either way. */
  release(): Promise<void>;
}

export async function openLocalStack(config: Config, log: Logger): Promise<LocalStackSession> {
  const stack = createStack(config, log);
  const before = await stack.status();
  const startedHere = before.every((s) => s.pids.length === 0);
  await stack.up();
  return {
    startedHere,
    async release() {
      if (!startedHere) {
        log.info('the local stack was already running before `npm start`: left running (`npx utopia stack down` stops it)');
        return;
      }
      log.info('stopping the local stack this `npm start` brought up');
      await stack.down();
    },
  };
}
