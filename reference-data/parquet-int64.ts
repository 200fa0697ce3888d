// parquetjs-lite's writer turns INT64 values into JS numbers (parseInt) before
// encoding them with BigInt(), so oids above 2^53 would lose digits. This lets
// bigint values through unchanged; everything else behaves as before.

import { PARQUET_LOGICAL_TYPES } from 'parquetjs-lite/lib/types';

let patched = false;

export function keepInt64Exact(): void {
  if (patched) return;
  patched = true;
  const int64 = PARQUET_LOGICAL_TYPES.INT64;
  if (!int64) return;
  const original = int64.toPrimitive;
  int64.toPrimitive = (value: unknown) => (typeof value === 'bigint' ? value : original(value));
}
