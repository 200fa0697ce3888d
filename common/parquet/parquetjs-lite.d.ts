// Typings for the parts of parquetjs-lite we use: its envelope reader (whole
// column chunks), its Thrift classes and helpers. Nothing else of it is typed.

declare module 'parquetjs-lite/lib/reader' {
  export interface DecodedChunk {
    readonly dlevels: number[];
    readonly values: unknown[];
    readonly count: number;
  }
  export interface ThriftColumnChunk {
    file_path?: string | null;
    meta_data: {
      path_in_schema: string[];
      num_values: unknown;
      statistics?: { min_value?: unknown; max_value?: unknown } | null;
      codec: number;
      data_page_offset: unknown;
      total_compressed_size: unknown;
      dictionary_page_offset?: unknown;
    };
  }
  export interface ThriftRowGroup {
    num_rows: unknown;
    columns: ThriftColumnChunk[];
  }
  export interface ThriftFileMetaData {
    num_rows: unknown;
    row_groups: ThriftRowGroup[];
    key_value_metadata?: { key: string; value: string }[] | null;
  }
  export interface ParquetSchemaField {
    readonly name: string;
    readonly primitiveType: string;
    readonly originalType?: string;
    readonly repetitionType: string;
  }
  export class ParquetEnvelopeReader {
    static openBuffer(buffer: Buffer): Promise<ParquetEnvelopeReader>;
    readHeader(): Promise<void>;
    readFooter(): Promise<ThriftFileMetaData & { version: number }>;
    readColumnChunk(schema: unknown, chunk: ThriftColumnChunk): Promise<DecodedChunk>;
  }
  export class ParquetReader {
    static openEnvelopeReader(envelope: ParquetEnvelopeReader, options: { metadata: ThriftFileMetaData }): Promise<ParquetReader>;
    readonly metadata: ThriftFileMetaData;
    readonly envelopeReader: ParquetEnvelopeReader;
    readonly schema: { fieldList: ParquetSchemaField[]; findField(path: string[]): ParquetSchemaField };
    close(): Promise<void>;
  }
}

declare module 'parquetjs-lite/lib/util' {
  export function serializeThrift(value: unknown): Buffer;
  /** Reads a Thrift struct (compact protocol) from `buffer` at `offset` into `value`; returns the bytes read. */
  export function decodeThrift(value: unknown, buffer: Buffer, offset?: number): number;
}

declare module 'parquetjs-lite/lib/codec' {
  const codecs: Record<string, unknown>;
  export = codecs;
}

declare module 'parquetjs-lite/gen-nodejs/parquet_types' {
  // Thrift-generated constructors taking an optional fields object.
  type Ctor = new (fields?: Record<string, unknown>) => Record<string, unknown>;
  export const FileMetaData: Ctor;
  export const SchemaElement: Ctor;
  export const RowGroup: Ctor;
  export const ColumnChunk: Ctor;
  export const ColumnMetaData: Ctor;
  export const PageHeader: Ctor;
  export const DataPageHeader: Ctor;
  export const Statistics: Ctor;
  export const KeyValue: Ctor;
  export const Type: Record<string, number>;
  export const Encoding: Record<string, number>;
  export const CompressionCodec: Record<string, number>;
  export const PageType: Record<string, number>;
  export const FieldRepetitionType: Record<string, number>;
  export const ConvertedType: Record<string, number>;
}

declare module 'snappyjs' {
  export function compress(input: Buffer): Buffer;
  export function uncompress(input: Buffer): Buffer;
}
