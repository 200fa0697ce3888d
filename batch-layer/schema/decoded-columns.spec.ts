// Warehouse rows through the project's Parquet writer and reader and back:
// exact int64 (above 2^53), null names, UTF-8; a missing column or a value of
// the wrong type names its column in the caller's error.

import { expect } from 'chai';
import { ParquetError } from '../../common/errors';
import { encodeParquet, openParquet, type DecodedValue } from '../../common/parquet';
import { DecodedColumns, landingRowsOf, warehouseRowsOf } from './decoded-columns';
import { LANDING_SCHEMA, landingBatch } from './landing-schema';
import { WAREHOUSE_SCHEMA, warehouseBatch, type WarehouseRow } from './warehouse-schema';

const rows: WarehouseRow[] = [
  {
    detectionOid: 9_007_199_254_740_993n,
    geographicalLocationOid: 1n,
    geographicalLocation: 'Plaza 🎪 広場',
    videoCameraOid: 9_223_372_036_854_775_807n,
    itemName: 'bicycle',
    timestampDetected: 1_764_547_200_123,
    partition: 11,
    offset: 123_456_789_012n,
    kafkaTimestamp: 1_764_547_200_456,
  },
  {
    detectionOid: 2n,
    geographicalLocationOid: 77n,
    geographicalLocation: null,
    videoCameraOid: 3n,
    itemName: 'x'.repeat(5000),
    timestampDetected: 946_684_800_000,
    partition: 0,
    offset: 0n,
    kafkaTimestamp: 946_684_800_000,
  },
];
const fail = (message: string): Error => new ParquetError(`test: ${message}`);

async function decoded(): Promise<Map<string, DecodedValue[]>> {
  const file = await openParquet(encodeParquet(WAREHOUSE_SCHEMA, warehouseBatch(rows)), 'test.parquet');
  try {
    return await file.readRowGroup(0);
  } finally {
    await file.close();
  }
}

describe('DecodedColumns / warehouseRowsOf', () => {
  it('reads back exactly the rows the warehouse writer wrote, reading every column of WAREHOUSE_SCHEMA', async () => {
    const columns = await decoded();
    expect([...columns.keys()].sort()).to.deep.equal(WAREHOUSE_SCHEMA.map((c) => c.name).sort());
    expect(warehouseRowsOf(new DecodedColumns(columns, rows.length, fail))).to.deep.equal(rows);
  });

  it('names the missing column in the caller error', async () => {
    const columns = await decoded();
    columns.delete('kafka_offset');
    expect(() => warehouseRowsOf(new DecodedColumns(columns, rows.length, fail))).to.throw(
      ParquetError,
      'test: column kafka_offset missing or short',
    );
  });

  it('refuses a value of the wrong type instead of making a wrong row', async () => {
    const columns = await decoded();
    columns.set('detection_oid', ['12', 2n]);
    expect(() => warehouseRowsOf(new DecodedColumns(columns, rows.length, fail))).to.throw(
      ParquetError,
      'detection_oid is 12, expected an integer',
    );
    columns.set('detection_oid', [1.5, 2n]);
    expect(() => warehouseRowsOf(new DecodedColumns(columns, rows.length, fail))).to.throw(ParquetError, 'expected an integer');
  });

  it('reads landing rows back exactly, and refuses a null oid of a damaged file (quarantined by the caller)', async () => {
    const file = await openParquet(encodeParquet(LANDING_SCHEMA, landingBatch(rows)), 'landing.parquet');
    const columns = await file.readRowGroup(0);
    await file.close();
    const landing = rows.map(({ geographicalLocation: _name, ...row }) => row);
    expect(landingRowsOf(new DecodedColumns(columns, rows.length, fail))).to.deep.equal(landing);
    columns.set('detection_oid', [null, 2n]);
    expect(() => landingRowsOf(new DecodedColumns(columns, rows.length, fail))).to.throw(
      ParquetError,
      'detection_oid is null, expected an integer',
    );
  });
});
