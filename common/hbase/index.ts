// Public surface of the HBase adapter: a typed, promise-based store over the patched
// hbase-rpc-client (SIMPLE authentication only, no Kerberos). The admin wrapper over
// HBase's Java Admin API is the stack's own (ops/stack/hbase-admin.ts).

export type { HBaseConnection, HBaseTables } from './hbase-tables';
export { HBaseStore, hbaseStoreOptions, type HBaseCallObserver, type HBaseStoreOptions } from './hbase-store';
export { putsWithRetry } from './puts-with-retry';
export { PutPipeline } from './put-pipeline';
export { toHBaseError } from './hbase-error';
export { checkMutation } from './check-mutation';
export { prefixEnd } from './scan-range';
export {
  cellValue,
  type Cell,
  type CellInput,
  type CheckCondition,
  type DeleteOptions,
  type IncrementOptions,
  type ReadOptions,
  type Row,
  type RowMutation,
  type ScanOptions,
  type TimeRange,
} from './hbase-types';
