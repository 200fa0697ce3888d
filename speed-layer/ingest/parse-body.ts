// Splits a POST /ingest body into records, pure. A JSON body is an array of
// events (or one event object); an NDJSON body is one event per line. Each
// record keeps its raw text, so a refused one reaches the dead-letter topic as
// it was sent. Integers beyond 2^53 stay exact (lossless JSON).

import { parseLosslessJson } from '../../common/contract';
import { IngestError } from './ingest-error';

export type BodyFormat = 'json' | 'ndjson';

export interface RawRecord {
  /** The record as decoded JSON, or undefined when its line is not JSON. */
  readonly value: unknown;
  readonly raw: string;
  readonly parseError?: string;
}

export function formatOf(contentType: string | undefined): BodyFormat | undefined {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json') return 'json';
  if (type === 'application/x-ndjson' || type === 'application/ndjson' || type === 'application/jsonl') return 'ndjson';
  return undefined;
}

export function parseBody(text: string, format: BodyFormat, maxRecords: number): RawRecord[] {
  const records = format === 'json' ? parseJsonBody(text) : parseNdjsonBody(text);
  if (records.length === 0) throw new IngestError(400, 'the body holds no records');
  if (records.length > maxRecords) throw new IngestError(413, `the body holds ${records.length} records; at most ${maxRecords} per request`);
  return records;
}

function parseJsonBody(text: string): RawRecord[] {
  let value: unknown;
  try {
    value = parseLosslessJson(text);
  } catch (error) {
    throw new IngestError(400, `the body is not valid JSON: ${(error as Error).message}`);
  }
  const items = Array.isArray(value) ? value : [value];
  return items.map((item) => ({ value: item, raw: JSON.stringify(item) }));
}

function parseNdjsonBody(text: string): RawRecord[] {
  const records: RawRecord[] = [];
  for (const line of text.split('\n')) {
    const raw = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (raw.trim() === '') continue;
    try {
      records.push({ value: parseLosslessJson(raw), raw });
    } catch (error) {
      records.push({ value: undefined, raw, parseError: (error as Error).message });
    }
  }
  return records;
}
