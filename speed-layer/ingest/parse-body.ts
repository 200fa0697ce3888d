// Splits a POST /ingest body into records. A JSON body is an array of events
// (or one event object); an NDJSON body is one event per line. Each record
// keeps its raw text, so a refused one reaches the dead-letter topic as it
// was sent. Integers beyond 2^53 stay exact (lossless JSON).
//
// A 5 MB body takes far longer to parse than a request may hold the event
// loop, so the work is done record by record in time slices (TimeSlicer),
// and it stops at the first record over the limit instead of parsing the rest.

import { parseLosslessJson } from '../../common/contract';
import { IngestError } from './ingest-error';
import { TimeSlicer } from './time-slicer';

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

export async function parseBody(text: string, format: BodyFormat, maxRecords: number, slicer = new TimeSlicer()): Promise<RawRecord[]> {
  const records = format === 'json' ? await parseJsonBody(text, maxRecords, slicer) : await parseNdjsonBody(text, maxRecords, slicer);
  if (records.length === 0) throw new IngestError(400, 'the body holds no records');
  return records;
}

function tooMany(maxRecords: number): IngestError {
  return new IngestError(413, `the body holds more than ${maxRecords} records; at most ${maxRecords} per request`);
}

async function parseNdjsonBody(text: string, maxRecords: number, slicer: TimeSlicer): Promise<RawRecord[]> {
  // Count first (no allocation): a body over the limit is refused before any line is parsed.
  if ((await countLines(text, maxRecords, slicer)) > maxRecords) throw tooMany(maxRecords);
  const records: RawRecord[] = [];
  let start = 0;
  while (start <= text.length) {
    if (slicer.due()) await slicer.pause();
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const line = text.slice(start, end);
    start = end + 1;
    const raw = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (raw.trim() === '') continue;
    if (records.length === maxRecords) throw tooMany(maxRecords);
    try {
      records.push({ value: parseLosslessJson(raw), raw });
    } catch (error) {
      records.push({ value: undefined, raw, parseError: (error as Error).message });
    }
  }
  return records;
}

/** Lines holding more than white space, counted up to limit + 1. */
async function countLines(text: string, limit: number, slicer: TimeSlicer): Promise<number> {
  let count = 0;
  let start = 0;
  while (start < text.length && count <= limit) {
    if ((count & 0x3ff) === 0 && slicer.due()) await slicer.pause();
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (
        c !== 32 &&
        c !== 9 &&
        c !== 13 &&
        c !== 0xa0 &&
        c !== 0xfeff &&
        !(c >= 0x2000 && c <= 0x200a) &&
        c !== 0x2028 &&
        c !== 0x2029 &&
        c !== 0x3000 &&
        c !== 0x1680 &&
        c !== 0x202f &&
        c !== 0x205f &&
        c !== 11 &&
        c !== 12 &&
        c !== 0x85
      ) {
        count++;
        break;
      }
    }
    start = end + 1;
  }
  return count;
}

async function parseJsonBody(text: string, maxRecords: number, slicer: TimeSlicer): Promise<RawRecord[]> {
  const first = text.search(/\S/);
  if (first === -1 || text[first] !== '[') {
    const value = parseWhole(text);
    return [{ value, raw: JSON.stringify(value) }];
  }
  const records: RawRecord[] = [];
  for (const slice of await arrayElements(text, first, slicer)) {
    if (records.length === maxRecords) throw tooMany(maxRecords);
    if (slicer.due()) await slicer.pause();
    const value = parseWhole(slice);
    records.push({ value, raw: JSON.stringify(value) });
  }
  return records;
}

function parseWhole(text: string): unknown {
  try {
    return parseLosslessJson(text);
  } catch (error) {
    throw new IngestError(400, `the body is not valid JSON: ${(error as Error).message}`);
  }
}

const QUOTE = 34;
const BACKSLASH = 92;

/**
 * The source text of each element of the top-level array starting at
 * `open`: a scan that tracks strings and nesting depth only; each element is
 * then parsed on its own, which finds any other error.
 */
async function arrayElements(text: string, open: number, slicer: TimeSlicer): Promise<string[]> {
  const elements: string[] = [];
  let depth = 0;
  let inString = false;
  let elementStart = open + 1;
  let closed = -1;
  for (let i = open; i < text.length; i++) {
    if ((i & 0xffff) === 0 && slicer.due()) await slicer.pause();
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
      continue;
    }
    if (c === QUOTE) inString = true;
    else if (c === 91 || c === 123)
      depth++; // [ {
    else if (c === 93 || c === 125) {
      depth--; // ] }
      if (depth === 0) {
        const last = text.slice(elementStart, i);
        if (last.trim() !== '' || elements.length > 0) elements.push(last);
        closed = i;
        break;
      }
    } else if (c === 44 && depth === 1) {
      elements.push(text.slice(elementStart, i)); // ,
      elementStart = i + 1;
    }
  }
  if (closed === -1 || text.slice(closed + 1).trim() !== '')
    throw new IngestError(400, 'the body is not valid JSON: expected one array of events');
  return elements;
}
