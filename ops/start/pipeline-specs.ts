// The child processes of `npm start`, each a `utopia` subcommand run by the
// same Node. Listed in start order; the supervisor stops them in reverse, so
// the producer stops first, then the consumers, the API last.

import path from 'node:path';
import { repoRoot } from '../../common/config';
import type { ProcessSpec } from '../supervisor';
import { cliNodeArgs } from '../cli/node-flags';

const CLI = path.join(repoRoot, 'dist', 'ops', 'cli', 'utopia.js');

export function cliProcess(name: string, args: readonly string[], env: Readonly<Record<string, string>>, restart: boolean): ProcessSpec {
  return { name, command: process.execPath, args: [...cliNodeArgs(args[0] ?? ''), CLI, ...args], env, restart };
}

/** The services: API and dashboard, nightly batch scheduler (unless the demo), landing writer, speed layer. */
export function serviceSpecs(env: Readonly<Record<string, string>>, withScheduler: boolean): ProcessSpec[] {
  return [
    cliProcess('api', ['serve'], env, true),
    ...(withScheduler ? [cliProcess('batch', ['batch', 'schedule'], env, true)] : []),
    cliProcess('landing', ['landing'], env, true),
    cliProcess('speed', ['speed'], env, true),
  ];
}

/** The endless simulator (its oids come from the clock, see `simulate --events 0`). */
export function liveSimulatorSpec(env: Readonly<Record<string, string>>, rate: number): ProcessSpec {
  return cliProcess('simulator', ['simulate', '--events', '0', '--rate', String(rate)], env, true);
}

/** `utopia rekey --from TOPIC` when START_REKEY_FROM names a topic written by producers that do not key by detection_oid. */
export function rekeySpec(env: Readonly<Record<string, string>>, fromTopic: string): ProcessSpec {
  return cliProcess('rekey', ['rekey', '--from', fromTopic], env, true);
}
