// The one place where Spark SQL and DuckDB differ for the day's job
// (day-job.ts holds the SQL both run). Everything else is the same text:
//   reading Parquet with an explicit schema: Spark's CREATE TEMPORARY VIEW ... USING parquet
//     with a column list, DuckDB's read_parquet() with casts;
//   computing a relation once: Spark's CACHE TABLE, DuckDB's temporary table;
//   writing Parquet: Spark's INSERT OVERWRITE DIRECTORY, DuckDB's COPY ... TO;
//   string literals: Spark reads backslash escapes inside quotes, DuckDB does not.
// Both compare strings by UTF-8 bytes and count with BIGINT; the day's bounds
// are passed as epoch-ms numbers, so no session time zone is involved.

import { UtopiaError } from '../../common/errors';

export type SqlEngineName = 'duckdb' | 'spark';

export interface SqlColumn {
  readonly name: string;
  readonly type: 'BIGINT' | 'INT' | 'STRING';
}

/** Parquet files to read: one folder (every *.parquet in it) or a list of files (glob for Spark). */
export interface ParquetSource {
  readonly files: readonly string[];
}

export interface Dialect {
  readonly name: SqlEngineName;
  /** Settings run first. */
  readonly preamble: readonly string[];
  /** A view named `name` over Parquet files with exactly these columns and types. */
  parquetView(name: string, source: ParquetSource, columns: readonly SqlColumn[]): string;
  /** Computes `query` once as `name` for the statements after it. */
  materialize(name: string, query: string): string;
  /** Writes the rows of `query` as snappy Parquet files into folder `dir` (row groups of 131,072 rows). */
  writeParquet(query: string, dir: string): string;
}

export const ROW_GROUP_ROWS = 131_072;

const duckdbType: Record<SqlColumn['type'], string> = { BIGINT: 'BIGINT', INT: 'INTEGER', STRING: 'VARCHAR' };

export const duckdbDialect: Dialect = {
  name: 'duckdb',
  preamble: ["SET TimeZone = 'UTC'", 'SET preserve_insertion_order = true'],
  parquetView: (name, source, columns) =>
    `CREATE TEMP VIEW ${name} AS SELECT ${columns.map((c) => `CAST(${c.name} AS ${duckdbType[c.type]}) AS ${c.name}`).join(', ')} ` +
    `FROM read_parquet([${source.files.map(duckdbString).join(', ')}])`,
  materialize: (name, query) => `CREATE TEMP TABLE ${name} AS ${query}`,
  writeParquet: (query, dir) =>
    `COPY (${query}) TO ${duckdbString(`${dir}/part-00000.parquet`)} (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE ${ROW_GROUP_ROWS})`,
};

export const sparkDialect: Dialect = {
  name: 'spark',
  preamble: ['SET spark.sql.session.timeZone=UTC'],
  parquetView: (name, source, columns) =>
    `CREATE TEMPORARY VIEW ${name} (${columns.map((c) => `${c.name} ${c.type}`).join(', ')}) USING parquet OPTIONS (path ${sparkString(sparkGlob(source.files))})`,
  materialize: (name, query) => `CACHE TABLE ${name} AS ${query}`,
  writeParquet: (query, dir) =>
    `INSERT OVERWRITE DIRECTORY ${sparkString(dir)} USING parquet OPTIONS ('compression' 'snappy', 'parquet.block.row.count.limit' '${ROW_GROUP_ROWS}') ${query}`,
};

export function dialectOf(name: SqlEngineName): Dialect {
  return name === 'spark' ? sparkDialect : duckdbDialect;
}

function duckdbString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function sparkString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * Several files as one Hadoop glob: the common folder, then `{a,b,...}` of
 * the rest of each path (Hadoop expands braces holding slashes). Glob
 * characters in names are escaped.
 */
export function sparkGlob(files: readonly string[]): string {
  if (files.length === 0) throw new UtopiaError('a Parquet source needs at least one file');
  if (files.length === 1) return files[0] as string;
  const first = files[0] as string;
  let prefix = first.slice(0, first.lastIndexOf('/') + 1);
  while (!files.every((f) => f.startsWith(prefix))) prefix = prefix.slice(0, prefix.slice(0, -1).lastIndexOf('/') + 1);
  const escape = (s: string): string => s.replace(/[\\{}[\]*?,]/g, (c) => `\\${c}`);
  return `${prefix}{${files.map((f) => escape(f.slice(prefix.length))).join(',')}}`;
}
