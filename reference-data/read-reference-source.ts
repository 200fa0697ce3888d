// Reads Dataset B from a CSV file, a Parquet file, or a folder of either (the
// part files Spark and pandas write; hidden files, _SUCCESS and .crc are
// skipped). Each row keeps where it came from, for error reports.

import fs from 'node:fs';
import path from 'node:path';
import { ValidationError } from '../common/errors';
import { parseCsv } from './csv';
import { readParquetRows } from './reference-parquet';

export interface SourceRows {
  readonly rows: unknown[];
  /** Where row i came from, e.g. "locations.csv line 12" or "part-00001.parquet row 7". */
  readonly origins: string[];
  readonly files: string[];
}

const COLUMNS = ['geographical_location_oid', 'geographical_location'] as const;

export async function readReferenceSource(source: string): Promise<SourceRows> {
  const stat = fs.statSync(source, { throwIfNoEntry: false });
  if (!stat) throw new ValidationError('reference_source', `${source}: no such file or folder`);
  const files = stat.isDirectory() ? dataFiles(source) : [source];
  if (files.length === 0) throw new ValidationError('reference_source', `${source}: the folder holds no .csv or .parquet files`);
  const rows: unknown[] = [];
  const origins: string[] = [];
  for (const file of files) {
    const name = path.basename(file);
    if (file.toLowerCase().endsWith('.csv')) {
      const csv = readCsvRows(file);
      csv.rows.forEach((row, i) => {
        rows.push(row);
        origins.push(`${name} line ${csv.lines[i]}`);
      });
    } else if (file.toLowerCase().endsWith('.parquet')) {
      (await readParquetRows(file)).forEach((row, i) => {
        rows.push(row);
        origins.push(`${name} row ${i + 1}`);
      });
    } else {
      throw new ValidationError('reference_source', `${file}: expected a .csv or .parquet file`);
    }
  }
  return { rows, origins, files };
}

function dataFiles(folder: string): string[] {
  return fs
    .readdirSync(folder)
    .filter((name) => !name.startsWith('.') && !name.startsWith('_') && /\.(csv|parquet)$/i.test(name))
    .sort()
    .map((name) => path.join(folder, name));
}

function readCsvRows(file: string): { rows: Record<string, string>[]; lines: number[] } {
  let records;
  try {
    records = parseCsv(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ValidationError('reference_source', `${file}: ${(error as Error).message}`);
  }
  const [header, ...data] = records;
  const columns = header?.fields.map((f) => f.trim()) ?? [];
  const missing = COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length > 0)
    throw new ValidationError(
      'reference_source',
      `${file}: the header line lacks ${missing.join(' and ')} (found ${JSON.stringify(columns)})`,
    );
  const rows = data.map((record) => {
    const row: Record<string, string> = {};
    columns.forEach((column, i) => {
      const value = record.fields[i];
      if (value !== undefined) row[column] = value;
    });
    return row;
  });
  return { rows, lines: data.map((r) => r.line) };
}
