// Runs a set of processes until Ctrl-C (SIGINT) or SIGTERM, then stops them in
// reverse order so producers stop before the consumers that drain them.

import type { Logger } from '../../common/log';
import { supervise, type ProcessSpec, type SupervisedProcess } from './supervised-process';

export interface Supervisor {
  readonly processes: readonly SupervisedProcess[];
  /** Resolves when the supervisor was asked to stop and every process is gone. */
  readonly stopped: Promise<void>;
  stop(): Promise<void>;
}

export function startSupervisor(specs: readonly ProcessSpec[], log: Logger, write: (line: string) => void = (line) => process.stdout.write(line + '\n')): Supervisor {
  const processes = specs.map((spec) => supervise(spec, write));
  let stopping: Promise<void> | undefined;
  let resolveStopped: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (resolveStopped = resolve));

  function stop(): Promise<void> {
    stopping ??= (async () => {
      log.info('stopping the pipeline (Ctrl-C again to force)');
      for (const supervised of [...processes].reverse()) await supervised.stop(20_000);
      log.info('pipeline stopped');
      resolveStopped();
    })();
    return stopping;
  }

  const onSignal = () => {
    if (stopping) process.exit(130);
    void stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  void stopped.then(() => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  });
  return { processes, stopped, stop };
}
