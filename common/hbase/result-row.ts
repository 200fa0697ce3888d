// Converts the client's parsed results (columns with Long timestamps) into Rows.

import type { ParsedResult } from 'hbase-rpc-client';
import type { Row } from './hbase-types';

export function toRow(result: ParsedResult | null | undefined): Row | null {
  if (!result || result.columns.length === 0) return null;
  return {
    key: result.row,
    cells: result.columns.map((column) => ({
      family: column.family.toString(),
      qualifier: column.qualifier.toString(),
      value: column.value,
      timestamp: Number(column.timestamp.toString()),
    })),
  };
}
