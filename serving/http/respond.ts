// Sends an answer as JSON (default) or, for tabular answers, as CSV when the
// client asks with ?format=csv or Accept: text/csv. bigint values (int64)
// become decimal strings in JSON, so no int64 is ever rounded by a client.

import type { Request, Response } from 'express';
import { badParameter } from '../errors';
import { toCsv, type CsvValue } from '../../common/csv';

export interface Table {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly CsvValue[])[];
}

export type Format = 'json' | 'csv';

/** The format asked for; `format` must already have been read as a known parameter. */
export function wantedFormat(req: Request, format: string | undefined): Format {
  if (format !== undefined) {
    if (format !== 'json' && format !== 'csv')
      throw badParameter('format', `expected json or csv, got ${JSON.stringify(format.slice(0, 20))}`);
    return format;
  }
  return req.accepts(['application/json', 'text/csv']) === 'text/csv' && !req.get('accept')?.includes('application/json') ? 'csv' : 'json';
}

/** JSON with int64 (bigint) values as decimal strings. */
export function jsonText(body: unknown): string {
  return JSON.stringify(body, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
}

export function sendJson(res: Response, body: unknown, status = 200): void {
  res.status(status).type('application/json').send(jsonText(body));
}

/** The text of a tabular answer in `format`: `body` as JSON, or `table` as CSV. */
export function renderAnswer(format: Format, body: () => unknown, table: () => Table): string {
  if (format === 'csv') {
    const { columns, rows } = table();
    return toCsv(columns, rows);
  }
  return jsonText(body());
}

/** Sends an answer already rendered by renderAnswer. */
export function sendRendered(res: Response, format: Format, text: string): void {
  res
    .status(200)
    .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json')
    .send(text);
}

export function sendAnswer(res: Response, format: Format, body: unknown, table: () => Table): void {
  sendRendered(
    res,
    format,
    renderAnswer(format, () => body, table),
  );
}
