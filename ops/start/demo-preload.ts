// The demo's first act: two event days published in a burst, the speed layer
// and the landing writer caught up, then the nightly batch for the closed day,
// each step a supervised one-shot `utopia` command with its output prefixed.

import type { Config } from '../../common/config';
import type { Logger } from '../../common/log';
import { sleep } from '../../common/retry';
import type { Supervisor } from '../supervisor';
import { DEMO_PUBLISH_RATE, type DemoWindow } from './demo-plan';
import { groupLag } from './group-lag';
import { cliProcess } from './pipeline-specs';
import { UtopiaError } from '../../common/errors';

const CATCH_UP_TIMEOUT_MS = 20 * 60_000;

/** Resolves true when the batch ran; false when stopped (Ctrl-C) on the way. */
export async function runDemoPreload(
  supervisor: Supervisor,
  config: Config,
  env: Readonly<Record<string, string>>,
  window: DemoWindow,
  events: number,
  log: Logger,
): Promise<boolean> {
  const until = <T>(work: Promise<T>): Promise<T | undefined> => Promise.race([work, supervisor.stopped.then(() => undefined)]);

  log.info(
    `demo: publishing ${events} events timed from ${new Date(window.startMs).toISOString()} to now, at ${DEMO_PUBLISH_RATE} events/s`,
  );
  const simulate = supervisor.add(
    cliProcess(
      'demo-simulator',
      [
        'simulate',
        '--events',
        String(events),
        '--rate',
        String(DEMO_PUBLISH_RATE),
        '--start-ms',
        String(window.startMs),
        '--end-ms',
        String(window.endMs),
      ],
      env,
      false,
    ),
  );
  const simulated = await until(simulate.finished);
  if (simulated === undefined) return false;
  if (simulated !== 0) throw new UtopiaError(`demo: the simulator exited with code ${simulated}`);

  // The batch reads what the landing writer landed: wait until both groups have committed everything.
  const groups = [config.speed.groupId, config.landing.groupId];
  const deadline = Date.now() + CATCH_UP_TIMEOUT_MS;
  for (;;) {
    const lag = await until(groupLag(config, groups).catch(() => undefined));
    if (supervisor.stopping) return false;
    if (lag && [...lag.values()].every((n) => n === 0)) break;
    if (Date.now() > deadline) throw new UtopiaError('demo: the speed layer and the landing writer did not catch up within 20 minutes');
    if (lag) log.info(`demo: waiting for the layers to catch up: ${groups.map((g) => `${g} ${lag.get(g)} behind`).join(', ')}`);
    await until(sleep(5000));
  }
  log.info(`demo: the speed layer and the landing writer hold every event; running the nightly batch for ${window.closedDay}`);

  const batch = supervisor.add(cliProcess('demo-batch', ['batch', 'run', '--date', window.closedDay, '--wait', '60'], env, false));
  const batched = await until(batch.finished);
  if (batched === undefined) return false;
  if (batched !== 0) throw new UtopiaError(`demo: the batch run exited with code ${batched}`);
  return true;
}
