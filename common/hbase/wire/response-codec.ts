// Hand-written decoders of the HBase RPC responses the native client reads (field
// numbers of HBase's RPC.proto, Client.proto, Cell.proto and HBase.proto). Row keys and
// values are views of the response buffer; families and qualifiers become strings
// (the Row shape of hbase-types); timestamps are numbers (epoch ms, exact).

import type { Cell, Row } from '../hbase-types';
import { ProtoReader } from './proto-reader';

/** ExceptionResponse (exception_class_name = 1, stack_trace = 2, do_not_retry = 5) or a NameBytesPair. */
export interface ServerException {
  readonly className: string;
  readonly message: string;
  readonly doNotRetry: boolean;
}

export interface ResponseHeader {
  readonly callId: number;
  readonly exception?: ServerException;
}

/** ResponseHeader: call_id = 1, exception = 2. */
export function decodeResponseHeader(r: ProtoReader, end: number): ResponseHeader {
  let callId = -1;
  let exception: ServerException | undefined;
  while (r.pos < end) {
    const tag = r.varint();
    if (tag === 0x08) callId = r.varint();
    else if (tag === 0x12) exception = decodeExceptionResponse(r, r.delimitedEnd());
    else r.skip(tag & 7);
  }
  return exception ? { callId, exception } : { callId };
}

function decodeExceptionResponse(r: ProtoReader, end: number): ServerException {
  let className = '';
  let trace = '';
  let doNotRetry = false;
  while (r.pos < end) {
    const tag = r.varint();
    if (tag === 0x0a) className = r.string();
    else if (tag === 0x12) trace = r.string();
    else if (tag === 0x28) doNotRetry = r.bool();
    else r.skip(tag & 7);
  }
  r.pos = end;
  return { className, message: firstLine(trace) || className, doNotRetry };
}

/** NameBytesPair: name = 1 (the exception class), value = 2 (its stack trace). */
function decodeNameBytesPair(r: ProtoReader, end: number): ServerException {
  let className = '';
  let message = '';
  while (r.pos < end) {
    const tag = r.varint();
    if (tag === 0x0a) className = r.string();
    else if (tag === 0x12) message = firstLine(r.string());
    else r.skip(tag & 7);
  }
  r.pos = end;
  return { className, message: message || className, doNotRetry: false };
}

function firstLine(text: string): string {
  const newline = text.indexOf('\n');
  return newline < 0 ? text : text.slice(0, newline);
}

// ---------------------------------------------------------------- Result

/** Cell: row = 1, family = 2, qualifier = 3, timestamp = 4, value = 6. */
function decodeCell(r: ProtoReader, end: number, into: { key: Buffer | undefined }): Cell {
  let family = '';
  let qualifier = '';
  let value: Buffer = EMPTY;
  let timestamp = 0;
  while (r.pos < end) {
    const tag = r.varint();
    switch (tag) {
      case 0x0a:
        if (into.key === undefined) into.key = r.bytes();
        else r.pos = r.delimitedEnd();
        break;
      case 0x12:
        family = r.string();
        break;
      case 0x1a:
        qualifier = r.string();
        break;
      case 0x20:
        timestamp = r.varint();
        break;
      case 0x32:
        value = r.bytes();
        break;
      default:
        r.skip(tag & 7);
    }
  }
  r.pos = end;
  return { family, qualifier, value, timestamp };
}

const EMPTY = Buffer.alloc(0);

/** Result: cell = 1 (others ignored). Null if it holds no cell. */
export function decodeResult(r: ProtoReader, end: number): Row | null {
  const cells: Cell[] = [];
  const key: { key: Buffer | undefined } = { key: undefined };
  while (r.pos < end) {
    const tag = r.varint();
    if (tag === 0x0a) cells.push(decodeCell(r, r.delimitedEnd(), key));
    else r.skip(tag & 7);
  }
  r.pos = end;
  return cells.length === 0 || key.key === undefined ? null : { key: key.key, cells };
}

/** GetResponse: result = 1. */
export function decodeGetResponse(r: ProtoReader, end: number): Row | null {
  let row: Row | null = null;
  while (r.pos < end) {
    const tag = r.varint();
    if (tag === 0x0a) row = decodeResult(r, r.delimitedEnd());
    else r.skip(tag & 7);
  }
  return row;
}

// ---------------------------------------------------------------- Multi

export interface ActionOutcome {
  readonly index: number;
  readonly row: Row | null;
  readonly exception?: ServerException;
}

export interface RegionOutcome {
  /** Set when the whole region action failed (e.g. NotServingRegionException). */
  readonly exception?: ServerException;
  readonly actions: ActionOutcome[];
}

/** MultiResponse: region_action_result = 1 (RegionActionResult: result_or_exception = 1, exception = 2). */
export function decodeMultiResponse(r: ProtoReader, end: number): RegionOutcome[] {
  const regions: RegionOutcome[] = [];
  while (r.pos < end) {
    const tag = r.varint();
    if (tag === 0x0a) regions.push(decodeRegionActionResult(r, r.delimitedEnd()));
    else r.skip(tag & 7);
  }
  return regions;
}

function decodeRegionActionResult(r: ProtoReader, end: number): RegionOutcome {
  const actions: ActionOutcome[] = [];
  let exception: ServerException | undefined;
  while (r.pos < end) {
    const tag = r.varint();
    if (tag === 0x0a) actions.push(decodeResultOrException(r, r.delimitedEnd()));
    else if (tag === 0x12) exception = decodeNameBytesPair(r, r.delimitedEnd());
    else r.skip(tag & 7);
  }
  r.pos = end;
  return exception ? { exception, actions } : { actions };
}

/** ResultOrException: index = 1, result = 2, exception = 3. */
function decodeResultOrException(r: ProtoReader, end: number): ActionOutcome {
  let index = -1;
  let row: Row | null = null;
  let exception: ServerException | undefined;
  while (r.pos < end) {
    const tag = r.varint();
    if (tag === 0x08) index = r.varint();
    else if (tag === 0x12) row = decodeResult(r, r.delimitedEnd());
    else if (tag === 0x1a) exception = decodeNameBytesPair(r, r.delimitedEnd());
    else r.skip(tag & 7);
  }
  r.pos = end;
  return exception ? { index, row, exception } : { index, row };
}

// ---------------------------------------------------------------- Scan

export interface ScanResult {
  readonly scannerId?: bigint;
  readonly rows: Row[];
  /** Absent: the server did not say. */
  readonly moreResults?: boolean;
  readonly moreResultsInRegion?: boolean;
}

/** ScanResponse: scanner_id = 2, more_results = 3, results = 5, more_results_in_region = 8. */
export function decodeScanResponse(r: ProtoReader, end: number): ScanResult {
  const rows: Row[] = [];
  let scannerId: bigint | undefined;
  let moreResults: boolean | undefined;
  let moreResultsInRegion: boolean | undefined;
  while (r.pos < end) {
    const tag = r.varint();
    switch (tag) {
      case 0x10:
        scannerId = r.varint64();
        break;
      case 0x18:
        moreResults = r.bool();
        break;
      case 0x2a: {
        const row = decodeResult(r, r.delimitedEnd());
        if (row) rows.push(row);
        break;
      }
      case 0x40:
        moreResultsInRegion = r.bool();
        break;
      default:
        r.skip(tag & 7);
    }
  }
  return {
    rows,
    ...(scannerId !== undefined ? { scannerId } : {}),
    ...(moreResults !== undefined ? { moreResults } : {}),
    ...(moreResultsInRegion !== undefined ? { moreResultsInRegion } : {}),
  };
}

// ---------------------------------------------------------------- hbase:meta

export interface RegionInfo {
  readonly namespace: string;
  readonly table: string;
  readonly startKey: Buffer;
  readonly endKey: Buffer;
  readonly offline: boolean;
  readonly split: boolean;
}

/** RegionInfo (after the "PBUF" magic): table_name = 2 (namespace = 1, qualifier = 2), start_key = 3, end_key = 4, offline = 5, split = 6. */
export function decodeRegionInfo(value: Buffer): RegionInfo | null {
  if (value.length < 4 || value.toString('latin1', 0, 4) !== 'PBUF') return null;
  const r = new ProtoReader(value, 4);
  let namespace = '';
  let table = '';
  let startKey: Buffer = EMPTY;
  let endKey: Buffer = EMPTY;
  let offline = false;
  let split = false;
  while (r.more()) {
    const tag = r.varint();
    switch (tag) {
      case 0x12: {
        const end = r.delimitedEnd();
        while (r.pos < end) {
          const inner = r.varint();
          if (inner === 0x0a) namespace = r.string();
          else if (inner === 0x12) table = r.string();
          else r.skip(inner & 7);
        }
        break;
      }
      case 0x1a:
        startKey = r.bytes();
        break;
      case 0x22:
        endKey = r.bytes();
        break;
      case 0x28:
        offline = r.bool();
        break;
      case 0x30:
        split = r.bool();
        break;
      default:
        r.skip(tag & 7);
    }
  }
  return { namespace, table, startKey, endKey, offline, split };
}
