// The one injectable clock. Layers and the batch's choice of closed days read
// the time through a Clock handed to them (the system clock by default; a
// fixed one from `utopia batch run --now <ISO>`), and tests use FakeClock, so
// nothing depends on the hour a test runs at. Event validity is judged by a
// clock of its own that no reader chooses: the Kafka record timestamp
// (common/contract judge-record.ts).

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock standing at `epochMs` (e.g. `--now`). */
export function fixedClock(epochMs: number): Clock {
  return { now: () => epochMs };
}

/** A clock for tests: stands still until set or advanced. */
export class FakeClock implements Clock {
  constructor(private epochMs: number) {}

  now(): number {
    return this.epochMs;
  }

  set(epochMs: number): void {
    this.epochMs = epochMs;
  }

  advance(ms: number): void {
    this.epochMs += ms;
  }
}
