// Many rows into one table as multi-puts of `chunk` rows, `inFlight` of them
// at a time (each through putsWithRetry): the region servers apply one chunk
// while the next is being built and sent, instead of one round trip at a time.
// The first failure is thrown by the next add() or by finish().

import type { HBaseTables } from './hbase-tables';
import type { RowMutation } from './hbase-types';
import { putsWithRetry } from './puts-with-retry';

export class PutPipeline {
  private batch: RowMutation[] = [];
  private readonly running = new Set<Promise<void>>();
  private failure: { readonly error: unknown } | undefined;

  constructor(
    private readonly hbase: HBaseTables,
    private readonly table: string,
    private readonly chunk = 2000,
    private readonly inFlight = 4,
  ) {}

  async add(mutation: RowMutation): Promise<void> {
    this.batch.push(mutation);
    if (this.batch.length >= this.chunk) await this.send();
  }

  /** Sends what is left and waits for every chunk. */
  async finish(): Promise<void> {
    if (this.batch.length > 0) await this.send();
    while (this.running.size > 0) await Promise.race(this.running);
    this.throwFailure();
  }

  private async send(): Promise<void> {
    this.throwFailure();
    const batch = this.batch;
    this.batch = [];
    const call: Promise<void> = putsWithRetry(this.hbase, this.table, batch)
      .catch((error: unknown) => {
        this.failure ??= { error };
      })
      .finally(() => this.running.delete(call));
    this.running.add(call);
    while (this.running.size >= this.inFlight) await Promise.race(this.running);
  }

  private throwFailure(): void {
    if (this.failure) throw this.failure.error;
  }
}
