import { UsageError } from '../../common/errors';
// The arguments of `utopia start` (npm start -- ...). Pure, so the spec can
// pin them down; the defaults come from the Config.

export interface StartOptions {
  /** One-shot demo: two simulated event days, the nightly batch for the closed one, then live. */
  readonly demo: boolean;
  /** false: use the clusters the environment names instead of the local stack. */
  readonly localStack: boolean;
  /** Events/s of the live simulator; 0 = no simulator. */
  readonly rate: number;
  /** Events the demo publishes over yesterday and today. */
  readonly demoEvents: number;
}

export const START_USAGE = 'utopia start [--demo] [--demo-events N] [--rate EVENTS_PER_S] [--existing-clusters | --no-local-stack]';

export function parseStartOptions(args: readonly string[], defaults: { localStack: boolean; rate: number }): StartOptions {
  let demo = false;
  let localStack = defaults.localStack;
  let rate = defaults.rate;
  let demoEvents = 150_000;
  for (let i = 0; i < args.length; i++) {
    const [name, inline] = splitFlag(args[i] as string);
    const value = (): number => {
      const raw = inline ?? args[++i];
      const n = Number(raw);
      if (raw === undefined || raw.trim() === '' || !Number.isInteger(n) || n < 0)
        throw new UsageError(`${name} needs a whole number, got ${JSON.stringify(raw ?? '')}`);
      return n;
    };
    if (name === '--demo') demo = true;
    else if (name === '--existing-clusters' || name === '--no-local-stack') localStack = false;
    else if (name === '--rate') rate = value();
    else if (name === '--demo-events') demoEvents = value();
    else throw new UsageError(`unknown argument ${JSON.stringify(args[i])}`);
  }
  if (demoEvents < 1000) throw new UsageError('--demo-events must be at least 1000');
  return { demo, localStack, rate, demoEvents };
}

function splitFlag(arg: string): [string, string | undefined] {
  const eq = arg.indexOf('=');
  return eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
}
