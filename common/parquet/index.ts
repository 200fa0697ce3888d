// The project's Parquet layer over parquetjs-lite's lower layer: columnar
// writes (encodeParquet) and column-chunk reads (openParquet, readParquetColumns).

export type { ColumnSpec, ColumnType, ColumnValues, ColumnBatch, WriteOptions } from './parquet-schema';
export { encodeParquet, CREATED_BY } from './parquet-writer';
export { int64Column } from './typed-columns';
export {
  openParquet,
  type OpenParquet,
  type ParquetFooter,
  type ColumnInfo,
  type ColumnStats,
  type DecodedValue,
  type PhysicalType,
} from './parquet-reader';
export { readParquetColumns } from './read-columns';
