// Dataset B in memory for the broadcast join, hot-reloaded: every poll reads
// meta "reference/current" and, when the version changed, the rows of the new
// version. A failed reload keeps the previous map (events are still enriched
// with the last good version) and is retried at the next poll.

import { cellValue, type HBaseTables } from '../common/hbase';
import { decodeReferenceRowKey, FAMILIES, META_QUALIFIERS, META_ROWS, REFERENCE_NAME_QUALIFIER, referenceVersionPrefix } from '../common/contract';
import { errorMessage } from '../common/errors';
import type { Logger } from '../common/log';
import type { SpeedTables } from './speed-tables';

export class ReferenceCache {
  private map: ReadonlyMap<bigint, string> = new Map();
  private loadedVersion: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;

  constructor(
    private readonly store: HBaseTables,
    private readonly tables: SpeedTables,
    private readonly log: Logger,
  ) {}

  get locations(): ReadonlyMap<bigint, string> {
    return this.map;
  }

  get version(): string | undefined {
    return this.loadedVersion;
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
      .catch((error: unknown) => this.log.warn(`reference reload failed, keeping version ${this.loadedVersion ?? '(none)'}: ${errorMessage(error)}`))
      .finally(() => (this.polling = undefined));
    return this.polling;
  }

  private async reload(): Promise<void> {
    const meta = await this.store.get(this.tables.meta, Buffer.from(META_ROWS.referenceCurrent, 'utf8'));
    const version = cellValue(meta, FAMILIES.meta, META_QUALIFIERS.referenceVersion)?.toString('utf8');
    if (version === undefined || version === this.loadedVersion) return;
    const map = new Map<bigint, string>();
    for await (const row of this.store.scan(this.tables.reference, { prefix: referenceVersionPrefix(version), caching: 2000 })) {
      const name = cellValue(row, FAMILIES.reference, REFERENCE_NAME_QUALIFIER);
      if (name !== undefined) map.set(decodeReferenceRowKey(row.key).locationOid, name.toString('utf8'));
    }
    this.map = map;
    this.loadedVersion = version;
    this.log.info(`reference version ${version} loaded: ${map.size} locations`);
  }
}
