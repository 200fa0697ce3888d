// A Parquet row group as the project's reader decodes it (column name to
// values), read back into typed rows with every value checked: landing files,
// the warehouse's own earlier partition and a SQL engine's output are read
// through here, so their columns are read in one place and a bad value (a null
// oid in a damaged file) names its column instead of becoming a wrong row.

import type { DecodedValue } from '../../common/parquet';
import type { LandingRow } from './landing-row';
import { warehouseRow, type WarehouseRow } from './warehouse-schema';

export class DecodedColumns {
  constructor(
    private readonly columns: ReadonlyMap<string, DecodedValue[]>,
    readonly rows: number,
    /** The error to throw, from a message that names the column. */
    private readonly fail: (message: string) => Error,
  ) {}

  column(name: string): DecodedValue[] {
    const values = this.columns.get(name);
    if (!values || values.length !== this.rows) throw this.fail(`column ${name} missing or short`);
    return values;
  }

  int64(values: readonly DecodedValue[], i: number, name: string): bigint {
    const value = values[i];
    if (typeof value === 'bigint') return value;
    if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
    throw this.fail(`${name} is ${String(value)}, expected an integer`);
  }

  number(values: readonly DecodedValue[], i: number, name: string): number {
    const value = values[i];
    if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
    return Number(this.int64(values, i, name));
  }

  text(values: readonly DecodedValue[], i: number, name: string): string {
    const value = values[i];
    if (typeof value !== 'string') throw this.fail(`${name} is ${String(value)}, expected text`);
    return value;
  }

  optionalText(values: readonly DecodedValue[], i: number, name: string): string | null {
    const value = values[i];
    return value === null || value === undefined ? null : this.text(values, i, name);
  }
}

/** The landing rows of a row group with the columns of LANDING_SCHEMA. */
export function landingRowsOf(c: DecodedColumns): LandingRow[] {
  const oid = c.column('detection_oid');
  const loc = c.column('geographical_location_oid');
  const cam = c.column('video_camera_oid');
  const item = c.column('item_name');
  const ts = c.column('timestamp_detected');
  const part = c.column('kafka_partition');
  const off = c.column('kafka_offset');
  const kts = c.column('kafka_timestamp');
  const rows = new Array<LandingRow>(c.rows);
  for (let i = 0; i < c.rows; i++) {
    rows[i] = {
      detectionOid: c.int64(oid, i, 'detection_oid'),
      geographicalLocationOid: c.int64(loc, i, 'geographical_location_oid'),
      videoCameraOid: c.int64(cam, i, 'video_camera_oid'),
      itemName: c.text(item, i, 'item_name'),
      timestampDetected: c.number(ts, i, 'timestamp_detected'),
      partition: c.number(part, i, 'kafka_partition'),
      offset: c.int64(off, i, 'kafka_offset'),
      kafkaTimestamp: c.number(kts, i, 'kafka_timestamp'),
    };
  }
  return rows;
}

/**
 * The warehouse rows of a row group with the columns of WAREHOUSE_SCHEMA: the
 * landing columns and the location name.
 */
export function warehouseRowsOf(c: DecodedColumns): WarehouseRow[] {
  const name = c.column('geographical_location');
  const landing = landingRowsOf(c);
  const rows = new Array<WarehouseRow>(landing.length);
  for (let i = 0; i < landing.length; i++) {
    rows[i] = warehouseRow(landing[i] as LandingRow, c.optionalText(name, i, 'geographical_location'));
  }
  return rows;
}
