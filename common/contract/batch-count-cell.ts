// The cell of one hour bucket of the batch view (table batch_views, family v,
// rows from countRowKey with granularity 'hour'): qualifier "n", the count of
// distinct detection_oid as an 8-byte big-endian int64 (HBase Bytes.toBytes(long)),
// so HBase tools read it as a long and the batch layer may rewrite it in place.

import { int64FromBytes, int64ToBytes } from './int64';
import { ContractError } from '../errors';

export const BATCH_COUNT_QUALIFIER = 'n';

export function encodeBatchCount(count: bigint): Buffer {
  return int64ToBytes(count);
}

export function decodeBatchCount(cell: Buffer): bigint {
  if (cell.length !== 8) throw new ContractError(`batch count cell must be 8 bytes, got ${cell.length}`);
  return int64FromBytes(cell, 0);
}
