// Dataset B in memory for the broadcast join, hot-reloaded: every poll reads
// meta "reference/current" and, when the version changed, the rows of the new
// version (common/reference). A failed reload keeps the previous names (events
// are still enriched with the last good version) and is retried at the next poll.

import { errorMessage } from '../common/errors';
import type { Logger } from '../common/log';
import type { CurrentReference } from '../common/reference';

export class BroadcastReference {
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;

  constructor(
    private readonly reference: CurrentReference,
    private readonly log: Logger,
  ) {}

  get locations(): ReadonlyMap<bigint, string> {
    return this.reference.snapshot.names;
  }

  get version(): string | undefined {
    return this.reference.snapshot.version;
  }

  /** Loads the current version (if any) and polls every `intervalMs`. */
  async start(intervalMs: number): Promise<void> {
    await this.poll();
    this.timer = setInterval(() => void this.poll(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One check for a new version; never throws. */
  poll(): Promise<void> {
    this.polling ??= this.reload()
      .catch((error: unknown) =>
        this.log.warn(`reference reload failed, keeping version ${this.version ?? '(none)'}: ${errorMessage(error)}`),
      )
      .finally(() => (this.polling = undefined));
    return this.polling;
  }

  private async reload(): Promise<void> {
    const before = this.reference.snapshot;
    const after = await this.reference.read();
    if (after !== before && after.version !== undefined)
      this.log.info(`reference version ${after.version} loaded: ${after.names.size} locations`);
  }
}
