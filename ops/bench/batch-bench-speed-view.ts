// Plays the speed layer for the batch benchmark: the detection rows and the
// per-partition live minute counts and their hour and day roll-ups it would
// hold for the day (first copy of
// every oid), written with plain multi-puts. Then the measured nightly run is
// the steady state: reconciliation scans and compares, nothing to repair.
// Rows arrive in detection-time order, so a minute's counts are final once a
// later minute starts: they are written then, and memory stays one minute deep
// (one hour deep for the hour roll-ups, the day's for the day roll-ups).

import {
  ALL_LOCATIONS,
  bucketStart,
  countRowKey,
  decodeCountRowKey,
  detectionRowKey,
  detectionTableName,
  encodeDetectionCells,
  encodePartitionCount,
  FAMILIES,
  liveCountsTableName,
  liveRollupsTableName,
  partitionQualifier,
} from '../../common/contract';
import { putsWithRetry, type HBaseTables, type RowMutation } from '../../common/hbase';
import type { LandingRow } from '../../batch-layer/schema/landing-row';
import { RollupCells, type PartitionCells } from './rollup-cells';
import type { CountCell } from './view-seeder';
import { UtopiaError } from '../../common/errors';

export class SpeedViewWriter {
  private rows: RowMutation[] = [];
  private readonly counts = new Map<string, Map<number, { count: bigint; lastOffset: bigint; minute: number }>>();
  private inFlight: Promise<void>[] = [];
  private minute = -Infinity;
  private readonly hours = new RollupCells(['hour']);
  private readonly days = new RollupCells(['day']);
  private hour = -Infinity;
  written = 0;

  constructor(
    private readonly hbase: HBaseTables,
    private readonly namespace: string,
  ) {}

  async add(row: LandingRow): Promise<void> {
    const cells = encodeDetectionCells({
      ...row,
      geographicalLocation: null,
      locationKnown: false,
      lineage: { partition: row.partition, offset: row.offset.toString() },
    });
    this.rows.push({
      row: detectionRowKey(row.detectionOid),
      cells: cells.map((c) => ({ family: FAMILIES.detections, qualifier: c.qualifier, value: c.value, timestamp: row.timestampDetected })),
    });
    const minute = bucketStart(row.timestampDetected, 'minute');
    if (minute < this.minute) throw new UtopiaError('SpeedViewWriter needs rows in detection-time order');
    if (minute > this.minute) {
      await this.sendCounts();
      this.minute = minute;
    }
    for (const location of [row.geographicalLocationOid, ALL_LOCATIONS]) {
      for (const scope of ['item', 'total'] as const) {
        const key = countRowKey({
          granularity: 'minute',
          scope,
          locationOid: location,
          bucketStartMs: minute,
          itemName: scope === 'item' ? row.itemName : '',
        }).toString('latin1');
        let cells2 = this.counts.get(key);
        if (!cells2) this.counts.set(key, (cells2 = new Map<number, { count: bigint; lastOffset: bigint; minute: number }>()));
        const cell = cells2.get(row.partition);
        if (!cell) cells2.set(row.partition, { count: 1n, lastOffset: row.offset, minute });
        else {
          cell.count++;
          if (row.offset > cell.lastOffset) cell.lastOffset = row.offset;
        }
      }
    }
    if (this.rows.length >= 2000) await this.send(detectionTableName(this.namespace), this.rows.splice(0));
  }

  async finish(): Promise<void> {
    await this.send(detectionTableName(this.namespace), this.rows.splice(0));
    await this.sendCounts();
    await this.sendRollups(this.hours.list());
    await this.sendRollups(this.days.list());
    await Promise.all(this.inFlight);
  }

  private async sendRollups(cells: readonly { key: CountCell; byPartition: PartitionCells }[]): Promise<void> {
    const batch: RowMutation[] = [];
    for (const { key, byPartition } of cells) {
      batch.push({
        row: countRowKey(key),
        cells: [...byPartition].map(([p, c]) => ({
          family: FAMILIES.liveCounts,
          qualifier: partitionQualifier(p),
          value: encodePartitionCount(c),
          timestamp: key.bucketStartMs,
        })),
      });
      if (batch.length >= 2000) await this.send(liveRollupsTableName(this.namespace), batch.splice(0));
    }
    await this.send(liveRollupsTableName(this.namespace), batch);
  }

  /** Writes the counts held (all of finished minutes) and forgets them. */
  private async sendCounts(): Promise<void> {
    const batch: RowMutation[] = [];
    const hour = bucketStart(this.minute, 'hour');
    if (hour > this.hour) {
      await this.sendRollups(this.hours.list()); // the hours before this minute's are final
      this.hours.clear();
      this.hour = hour;
    }
    for (const [key, cells] of this.counts) {
      const decoded = decodeCountRowKey(Buffer.from(key, 'latin1'));
      this.hours.addMinute(decoded, cells);
      this.days.addMinute(decoded, cells);
      batch.push({
        row: Buffer.from(key, 'latin1'),
        cells: [...cells].map(([p, c]) => ({
          family: FAMILIES.liveCounts,
          qualifier: partitionQualifier(p),
          value: encodePartitionCount(c),
          timestamp: c.minute,
        })),
      });
      if (batch.length >= 2000) await this.send(liveCountsTableName(this.namespace), batch.splice(0));
    }
    await this.send(liveCountsTableName(this.namespace), batch);
    this.counts.clear();
  }

  private async send(table: string, mutations: RowMutation[]): Promise<void> {
    if (mutations.length === 0) return;
    const sent = putsWithRetry(this.hbase, table, mutations).then(() => void (this.written += mutations.length));
    sent.catch(() => undefined); // observed when awaited below; no unhandled rejection meanwhile
    this.inFlight.push(sent);
    if (this.inFlight.length >= 2) await this.inFlight.shift();
  }
}
