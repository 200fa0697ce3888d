// Runs a set of processes until Ctrl-C (SIGINT) or SIGTERM, then stops them in
// reverse order of start so producers stop before the consumers that drain
// them. Processes may be added later (`npm start` starts in phases).

import type { Logger } from '../../common/log';
import { supervise, type ProcessSpec, type SupervisedProcess } from './supervised-process';
import { StackError } from '../../common/errors';

export interface Supervisor {
  readonly processes: readonly SupervisedProcess[];
  /** Resolves when the supervisor was asked to stop and every process is gone. */
  readonly stopped: Promise<void>;
  /** True once a signal or stop() asked everything to stop. */
  readonly stopping: boolean;
  /** Starts one more process; refused once stopping. */
  add(spec: ProcessSpec): SupervisedProcess;
  stop(): Promise<void>;
}

/** A second signal sooner than this after the first is the same Ctrl-C (npm forwards it to us too). */
const SAME_SIGNAL_MS = 1500;

/**
 * `graceMs`: how long each process may take after SIGTERM before SIGKILL. `npm
 * start` passes UTOPIA_STOP_GRACE_MS + 5 s, so the consumers' own grace (commit
 * the chunk in hand, disconnect) always ends first.
 */
export function startSupervisor(
  specs: readonly ProcessSpec[],
  log: Logger,
  write: (line: string) => void = (line) => process.stdout.write(line + '\n'),
  graceMs = 20_000,
): Supervisor {
  const processes: SupervisedProcess[] = [];
  let stopping: Promise<void> | undefined;
  let firstSignalAt = 0;
  let resolveStopped: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (resolveStopped = resolve));

  function stop(): Promise<void> {
    stopping ??= (async () => {
      log.info('stopping the pipeline (Ctrl-C again to force)');
      for (const supervised of [...processes].reverse()) await supervised.stop(graceMs);
      log.info('pipeline stopped');
      resolveStopped();
    })();
    return stopping;
  }

  function add(spec: ProcessSpec): SupervisedProcess {
    if (stopping) throw new StackError(`not starting ${spec.name}: stopping`);
    const supervised = supervise(spec, write);
    processes.push(supervised);
    return supervised;
  }

  const onSignal = () => {
    if (!stopping) {
      firstSignalAt = Date.now();
      void stop();
    } else if (Date.now() - firstSignalAt > SAME_SIGNAL_MS) {
      process.exit(130);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  void stopped.then(() => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  });
  for (const spec of specs) add(spec);
  return {
    processes,
    stopped,
    add,
    stop,
    get stopping() {
      return stopping !== undefined;
    },
  };
}
