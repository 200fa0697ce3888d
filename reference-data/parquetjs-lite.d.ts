// Typings for the row-level API of parquetjs-lite that the reference loader
// uses (files of 10,000 rows: the row cursor is fast enough here).

declare module 'parquetjs-lite' {
  export class ParquetSchema {
    constructor(fields: Record<string, { type: string; optional?: boolean; compression?: string }>);
  }
  export interface ParquetCursor {
    next(): Promise<Record<string, unknown> | null>;
  }
  export class ParquetReader {
    static openFile(path: string): Promise<ParquetReader>;
    static openBuffer(buffer: Buffer): Promise<ParquetReader>;
    getCursor(columns?: string[][]): ParquetCursor;
    getRowCount(): number | bigint | { toNumber(): number };
    close(): Promise<void>;
  }
  export class ParquetWriter {
    static openFile(schema: ParquetSchema, path: string, options?: Record<string, unknown>): Promise<ParquetWriter>;
    appendRow(row: Record<string, unknown>): Promise<void>;
    close(): Promise<void>;
  }
}

declare module 'parquetjs-lite/lib/types' {
  export const PARQUET_LOGICAL_TYPES: Record<string, { toPrimitive: (value: unknown) => unknown }>;
}
