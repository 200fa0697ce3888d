// Moves a corrupt counter cell aside: first records it (value, reason, where)
// in meta row "quarantine/cells", then deletes exactly that version, so the
// retried chunk reads the cell as absent and the counter restarts from empty
// (the nightly reconciliation then corrects that cell's count from the
// warehouse). Deleting one version leaves no marker that would hide the new
// value, whose HBase timestamp is lower than a hand-written cell's may be.

import { FAMILIES, META_ROWS, quarantinedCellQualifier, type QuarantinedCell } from '../common/contract';
import type { CorruptCellError } from '../common/errors';
import type { HBaseTables } from '../common/hbase';

export type CellQuarantine = (error: CorruptCellError) => Promise<void>;

export function cellQuarantine(store: HBaseTables, metaTable: string, now: () => number): CellQuarantine {
  return async (error) => {
    const record: QuarantinedCell = {
      table: error.table,
      rowHex: error.row.toString('hex'),
      family: error.family,
      qualifier: error.qualifier,
      timestamp: error.timestamp,
      valueHex: error.value.toString('hex'),
      reason: error.reason,
      quarantinedAt: now(),
    };
    await store.put(metaTable, {
      row: Buffer.from(META_ROWS.quarantinedCells, 'utf8'),
      cells: [
        {
          family: FAMILIES.meta,
          qualifier: quarantinedCellQualifier(record),
          value: Buffer.from(JSON.stringify(record), 'utf8'),
          timestamp: record.quarantinedAt,
        },
      ],
    });
    await store.delete(error.table, error.row, { family: error.family, qualifier: error.qualifier, onlyVersion: error.timestamp });
  };
}
