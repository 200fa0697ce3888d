// Reads the meta table (common/contract/meta-rows.ts): the batch watermark and
// last run, the speed layer's quality counters and metric snapshots and the
// last reconciliation (the current reference version: common/reference).

import crypto from 'node:crypto';
import {
  FAMILIES,
  META_QUALIFIERS,
  META_ROWS,
  metaTableName,
  parseLosslessJson,
  parseQualityQualifier,
  decodePartitionCount,
  QUALITY_COUNTERS,
  type QualityCounter,
  type SpeedMetricsSnapshot,
} from '../../common/contract';
import { cellValue, type HBaseTables, type Row } from '../../common/hbase';

export interface BatchState {
  /** Last day served by the batch view, or null before the first run. */
  readonly watermark: string | null;
  /** Changes whenever the batch view may have changed (watermark or last run). */
  readonly generation: string;
  readonly lastRun: unknown;
}

export interface QualityCounts {
  readonly totals: Readonly<Record<QualityCounter, bigint>>;
  readonly byPartition: ReadonlyMap<number, Readonly<Partial<Record<QualityCounter, bigint>>>>;
}

/** A speed instance silent this long is taken as gone (meta-rows.ts). */
export const SPEED_INSTANCE_STALE_MS = 30_000;

export interface MetaReader {
  batchState(): Promise<BatchState>;
  quality(): Promise<QualityCounts>;
  speedMetrics(nowMs: number): Promise<SpeedMetricsSnapshot[]>;
  lastReconciliation(): Promise<unknown>;
}

export class HBaseMetaReader implements MetaReader {
  private readonly table: string;

  constructor(
    private readonly store: HBaseTables,
    namespace: string,
  ) {
    this.table = metaTableName(namespace);
  }

  async batchState(): Promise<BatchState> {
    const [watermarkRow, runRow] = await this.store.mget(
      this.table,
      [Buffer.from(META_ROWS.watermark), Buffer.from(META_ROWS.batchLastRun)],
      { families: [FAMILIES.meta] },
    );
    const watermark = text(watermarkRow, META_QUALIFIERS.watermarkDay);
    const run = text(runRow, META_QUALIFIERS.batchRunReport);
    const digest = crypto
      .createHash('sha1')
      .update(run ?? '')
      .digest('hex')
      .slice(0, 12);
    return {
      watermark: watermark && /^\d{4}-\d{2}-\d{2}$/.test(watermark) ? watermark : null,
      generation: `${watermark}|${digest}`,
      lastRun: json(run),
    };
  }

  async quality(): Promise<QualityCounts> {
    const row = await this.store.get(this.table, Buffer.from(META_ROWS.quality), { families: [FAMILIES.meta] });
    const totals = Object.fromEntries(QUALITY_COUNTERS.map((c) => [c, 0n])) as Record<QualityCounter, bigint>;
    const byPartition = new Map<number, Partial<Record<QualityCounter, bigint>>>();
    for (const cell of row?.cells ?? []) {
      const parsed = parseQualityQualifier(cell.qualifier);
      if (!parsed || cell.value.length !== 16) continue;
      const { count } = decodePartitionCount(cell.value);
      totals[parsed.counter] += count;
      const partition = byPartition.get(parsed.partition) ?? {};
      partition[parsed.counter] = count;
      byPartition.set(parsed.partition, partition);
    }
    return { totals, byPartition };
  }

  async speedMetrics(nowMs: number): Promise<SpeedMetricsSnapshot[]> {
    const row = await this.store.get(this.table, Buffer.from(META_ROWS.speedMetrics), { families: [FAMILIES.meta] });
    const snapshots: SpeedMetricsSnapshot[] = [];
    for (const cell of row?.cells ?? []) {
      const snapshot = json(cell.value.toString('utf8')) as SpeedMetricsSnapshot | null;
      if (snapshot && typeof snapshot.updatedAt === 'number' && nowMs - snapshot.updatedAt <= SPEED_INSTANCE_STALE_MS)
        snapshots.push(snapshot);
    }
    return snapshots;
  }

  async lastReconciliation(): Promise<unknown> {
    const row = await this.store.get(this.table, Buffer.from(META_ROWS.reconciliationLast), { families: [FAMILIES.meta] });
    return json(text(row, META_QUALIFIERS.reconciliationReport));
  }
}

function text(row: Row | null | undefined, qualifier: string): string | undefined {
  return cellValue(row, FAMILIES.meta, qualifier)?.toString('utf8');
}

/** JSON written by another layer; unreadable JSON is shown as null rather than failing the answer. */
function json(value: string | undefined): unknown {
  if (value === undefined) return null;
  try {
    return parseLosslessJson(value);
  } catch {
    return null;
  }
}
