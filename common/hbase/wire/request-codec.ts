// Hand-written encoders of the few HBase RPC requests the native client sends, with
// the field numbers of HBase's RPC.proto, HBase.proto and Client.proto. Each message is
// sized first (the sizes of nested messages are pushed on a list in the order the
// writer needs them), then written into one Buffer that already holds the call frame:
// int32 total length, varint-delimited RequestHeader, varint-delimited request.

import type { CellInput, ReadOptions, RowMutation } from '../hbase-types';
import { delimitedSize, ProtoWriter, utf8Length, varint64Size, varintSize } from './proto-writer';
import { HBaseError } from '../../errors';

const PUT = 2; // MutationProto.MutationType.PUT
const REGION_NAME = 1; // RegionSpecifier.RegionSpecifierType.REGION_NAME

export interface GetSpec {
  readonly row: Buffer;
  readonly options: ReadOptions;
}

/** One action of a Multi: its position in the caller's list and a put or a get. */
export interface MultiAction {
  readonly index: number;
  readonly put?: RowMutation;
  readonly get?: GetSpec;
}

export interface RegionActions {
  readonly regionName: Buffer;
  readonly actions: readonly MultiAction[];
}

export interface ScanSpec {
  readonly start?: Buffer;
  readonly stop?: Buffer;
  readonly families?: readonly string[];
  /** Only these qualifiers of each family. */
  readonly qualifiers?: readonly string[];
  readonly timeRange?: { readonly from: number; readonly to: number };
  readonly maxResultSize?: number;
  readonly reversed?: boolean;
  /** Only the first cell of each row (FirstKeyOnlyFilter): enough to learn which rows exist. */
  readonly firstKeyOnly?: boolean;
}

/** Filter { name = 1 } of HBase's Filter.proto; FirstKeyOnlyFilter's own message has no fields. */
const FIRST_KEY_ONLY = 'org.apache.hadoop.hbase.filter.FirstKeyOnlyFilter';
const FIRST_KEY_ONLY_LENGTH = Buffer.byteLength(FIRST_KEY_ONLY);
const FIRST_KEY_ONLY_FILTER_SIZE = delimitedSize(FIRST_KEY_ONLY_LENGTH);

export type ScanCall =
  | { readonly kind: 'open'; readonly regionName: Buffer; readonly scan: ScanSpec; readonly rows: number; readonly close?: boolean }
  | { readonly kind: 'next'; readonly scannerId: bigint; readonly rows: number; readonly callSeq: number }
  | { readonly kind: 'close'; readonly scannerId: bigint };

// ---------------------------------------------------------------- frames

/** The whole call: length prefix, RequestHeader, then the request body written by `body`. */
function frame(callId: number, method: string, bodySize: number, body: (w: ProtoWriter) => void): Buffer {
  const methodLength = Buffer.byteLength(method);
  const headerSize = 1 + varintSize(callId) + delimitedSize(methodLength) + 2;
  const total = varintSize(headerSize) + headerSize + varintSize(bodySize) + bodySize;
  const w = new ProtoWriter(4 + total);
  w.buffer.writeUInt32BE(total, 0);
  w.pos = 4;
  w.varint(headerSize);
  writeRequestHeader(w, callId, method, methodLength);
  w.varint(bodySize);
  const bodyStart = w.pos;
  body(w);
  if (w.pos - bodyStart !== bodySize) throw new HBaseError(`HBase ${method} request encoded ${w.pos - bodyStart} bytes, sized ${bodySize}`);
  return w.buffer;
}

/** RequestHeader: call_id = 1, method_name = 3, request_param = 4. */
export function writeRequestHeader(w: ProtoWriter, callId: number, method: string, methodLength: number): void {
  w.uintField(1, callId);
  w.stringField(3, method, methodLength);
  w.boolField(4, true);
}

/** Connection preamble: "HBas", version 0, auth SIMPLE (0x50), then the length-prefixed ConnectionHeader. */
export function encodeConnectionPreamble(effectiveUser: string, realUser?: string): Buffer {
  const header = encodeConnectionHeader(effectiveUser, realUser);
  const out = Buffer.alloc(6 + 4 + header.length);
  out.write('HBas', 0, 'latin1');
  out[4] = 0;
  out[5] = 0x50;
  out.writeUInt32BE(header.length, 6);
  header.copy(out, 10);
  return out;
}

/** ConnectionHeader: user_info = 1 (UserInformation: effective_user = 1, real_user = 2), service_name = 2. */
export function encodeConnectionHeader(effectiveUser: string, realUser?: string): Buffer {
  const effectiveLength = Buffer.byteLength(effectiveUser);
  const realLength = realUser === undefined ? 0 : Buffer.byteLength(realUser);
  const userSize = delimitedSize(effectiveLength) + (realUser === undefined ? 0 : delimitedSize(realLength));
  const service = 'ClientService';
  const w = new ProtoWriter(delimitedSize(userSize) + delimitedSize(service.length));
  w.header(1, userSize);
  w.stringField(1, effectiveUser, effectiveLength);
  if (realUser !== undefined) w.stringField(2, realUser, realLength);
  w.stringField(2, service, service.length);
  return w.buffer;
}

// ---------------------------------------------------------------- shared pieces

function regionSpecifierSize(regionName: Buffer): number {
  return 2 + delimitedSize(regionName.length);
}

function writeRegionSpecifier(w: ProtoWriter, field: number, regionName: Buffer): void {
  w.header(field, regionSpecifierSize(regionName));
  w.uintField(1, REGION_NAME);
  w.bytesField(2, regionName);
}

/** TimeRange: from = 1, to = 2. */
function timeRangeSize(range: { from: number; to: number }): number {
  return 2 + varintSize(range.from) + varintSize(range.to);
}

function writeTimeRange(w: ProtoWriter, field: number, range: { from: number; to: number }): void {
  w.header(field, timeRangeSize(range));
  w.uintField(1, range.from);
  w.uintField(2, range.to);
}

/** Column: family = 1, qualifier = 2 (repeated; none = the whole family). Each family is asked with the same qualifiers. */
function columnsSize(families: readonly string[] | undefined, qualifiers: readonly string[] | undefined, sizes: number[]): number {
  if (!families || families.length === 0) return 0;
  let qualifierBytes = 0;
  for (const qualifier of qualifiers ?? []) qualifierBytes += delimitedSize(utf8Length(qualifier));
  let size = 0;
  for (const family of families) {
    const length = utf8Length(family);
    sizes.push(length);
    size += delimitedSize(delimitedSize(length) + qualifierBytes);
  }
  return size;
}

function writeColumns(
  w: ProtoWriter,
  field: number,
  families: readonly string[] | undefined,
  qualifiers: readonly string[] | undefined,
  sizes: number[],
  at: { i: number },
): void {
  if (!families || families.length === 0) return;
  let qualifierBytes = 0;
  for (const qualifier of qualifiers ?? []) qualifierBytes += delimitedSize(utf8Length(qualifier));
  for (const family of families) {
    const length = sizes[at.i++] as number;
    w.header(field, delimitedSize(length) + qualifierBytes);
    w.stringField(1, family, length);
    for (const qualifier of qualifiers ?? []) w.stringField(2, qualifier, utf8Length(qualifier));
  }
}

// ---------------------------------------------------------------- MutationProto (put)

// MutationProto: row = 1, mutate_type = 2, column_value = 3 (ColumnValue: family = 1,
// qualifier_value = 2 (QualifierValue: qualifier = 1, value = 2, timestamp = 3)).
// Consecutive cells of one family share a ColumnValue.

function putSize(mutation: RowMutation, sizes: number[]): number {
  const slot = sizes.length;
  sizes.push(0);
  let size = delimitedSize(mutation.row.length) + 2;
  const cells = mutation.cells;
  let i = 0;
  while (i < cells.length) {
    const family = (cells[i] as CellInput).family;
    const familyLength = utf8Length(family);
    const columnSlot = sizes.length;
    sizes.push(0, familyLength);
    let columnSize = delimitedSize(familyLength);
    for (; i < cells.length && (cells[i] as CellInput).family === family; i++) {
      const cell = cells[i] as CellInput;
      const qualifierLength = utf8Length(cell.qualifier);
      const valueSize = delimitedSize(qualifierLength) + delimitedSize(cell.value.length) + 1 + varintSize(cell.timestamp);
      sizes.push(qualifierLength, valueSize);
      columnSize += delimitedSize(valueSize);
    }
    sizes[columnSlot] = columnSize;
    size += delimitedSize(columnSize);
  }
  sizes[slot] = size;
  return size;
}

function writePut(w: ProtoWriter, field: number, mutation: RowMutation, sizes: number[], at: { i: number }): void {
  w.header(field, sizes[at.i++] as number);
  w.bytesField(1, mutation.row);
  w.uintField(2, PUT);
  const cells = mutation.cells;
  let i = 0;
  while (i < cells.length) {
    const family = (cells[i] as CellInput).family;
    w.header(3, sizes[at.i++] as number);
    w.stringField(1, family, sizes[at.i++] as number);
    for (; i < cells.length && (cells[i] as CellInput).family === family; i++) {
      const cell = cells[i] as CellInput;
      const qualifierLength = sizes[at.i++] as number;
      w.header(2, sizes[at.i++] as number);
      w.stringField(1, cell.qualifier, qualifierLength);
      w.bytesField(2, cell.value);
      w.uintField(3, cell.timestamp);
    }
  }
}

// ---------------------------------------------------------------- Get

// Get: row = 1, column = 2, time_range = 5.

function getSize(get: GetSpec, sizes: number[]): number {
  const slot = sizes.length;
  sizes.push(0);
  let size = delimitedSize(get.row.length) + columnsSize(get.options.families, get.options.qualifiers, sizes);
  if (get.options.timeRange) size += delimitedSize(timeRangeSize(get.options.timeRange));
  sizes[slot] = size;
  return size;
}

function writeGet(w: ProtoWriter, field: number, get: GetSpec, sizes: number[], at: { i: number }): void {
  w.header(field, sizes[at.i++] as number);
  w.bytesField(1, get.row);
  writeColumns(w, 2, get.options.families, get.options.qualifiers, sizes, at);
  if (get.options.timeRange) writeTimeRange(w, 5, get.options.timeRange);
}

// ---------------------------------------------------------------- Multi

// MultiRequest: region_action = 1 (RegionAction: region = 1, action = 3 (Action:
// index = 1, mutation = 2, get = 3)).

function actionSize(action: MultiAction, sizes: number[]): number {
  const slot = sizes.length;
  sizes.push(0);
  let size = 1 + varintSize(action.index);
  if (action.put) size += delimitedSize(putSize(action.put, sizes));
  else if (action.get) size += delimitedSize(getSize(action.get, sizes));
  sizes[slot] = size;
  return size;
}

function writeAction(w: ProtoWriter, action: MultiAction, sizes: number[], at: { i: number }): void {
  w.header(3, sizes[at.i++] as number);
  w.uintField(1, action.index);
  if (action.put) writePut(w, 2, action.put, sizes, at);
  else if (action.get) writeGet(w, 3, action.get, sizes, at);
}

export function multiRequestSize(regions: readonly RegionActions[], sizes: number[]): number {
  let size = 0;
  for (const region of regions) {
    const slot = sizes.length;
    sizes.push(0);
    let regionSize = delimitedSize(regionSpecifierSize(region.regionName));
    for (const action of region.actions) regionSize += delimitedSize(actionSize(action, sizes));
    sizes[slot] = regionSize;
    size += delimitedSize(regionSize);
  }
  return size;
}

export function writeMultiRequest(w: ProtoWriter, regions: readonly RegionActions[], sizes: number[]): void {
  const at = { i: 0 };
  for (const region of regions) {
    w.header(1, sizes[at.i++] as number);
    writeRegionSpecifier(w, 1, region.regionName);
    for (const action of region.actions) writeAction(w, action, sizes, at);
  }
}

export function encodeMultiCall(callId: number, regions: readonly RegionActions[]): Buffer {
  const sizes: number[] = [];
  const size = multiRequestSize(regions, sizes);
  return frame(callId, 'Multi', size, (w) => writeMultiRequest(w, regions, sizes));
}

// ---------------------------------------------------------------- Get request

/** GetRequest: region = 1, get = 2. */
export function encodeGetCall(callId: number, regionName: Buffer, get: GetSpec): Buffer {
  const sizes: number[] = [];
  const size = delimitedSize(regionSpecifierSize(regionName)) + delimitedSize(getSize(get, sizes));
  return frame(callId, 'Get', size, (w) => {
    writeRegionSpecifier(w, 1, regionName);
    writeGet(w, 2, get, sizes, { i: 0 });
  });
}

// ---------------------------------------------------------------- Scan request

// Scan: column = 1, start_row = 3, stop_row = 4, time_range = 6, max_result_size = 10,
// reversed = 15. ScanRequest: region = 1, scan = 2, scanner_id = 3, number_of_rows = 4,
// close_scanner = 5, next_call_seq = 6.

function scanSize(scan: ScanSpec, sizes: number[]): number {
  let size = columnsSize(scan.families, scan.qualifiers, sizes);
  if (scan.start && scan.start.length > 0) size += delimitedSize(scan.start.length);
  if (scan.stop && scan.stop.length > 0) size += delimitedSize(scan.stop.length);
  if (scan.firstKeyOnly) size += delimitedSize(FIRST_KEY_ONLY_FILTER_SIZE);
  if (scan.timeRange) size += delimitedSize(timeRangeSize(scan.timeRange));
  if (scan.maxResultSize !== undefined) size += 1 + varintSize(scan.maxResultSize);
  if (scan.reversed) size += 2;
  return size;
}

function writeScan(w: ProtoWriter, scan: ScanSpec, size: number, sizes: number[]): void {
  w.header(2, size);
  writeColumns(w, 1, scan.families, scan.qualifiers, sizes, { i: 0 });
  if (scan.start && scan.start.length > 0) w.bytesField(3, scan.start);
  if (scan.stop && scan.stop.length > 0) w.bytesField(4, scan.stop);
  if (scan.firstKeyOnly) {
    w.header(5, FIRST_KEY_ONLY_FILTER_SIZE);
    w.stringField(1, FIRST_KEY_ONLY, FIRST_KEY_ONLY_LENGTH);
  }
  if (scan.timeRange) writeTimeRange(w, 6, scan.timeRange);
  if (scan.maxResultSize !== undefined) w.uintField(10, scan.maxResultSize);
  if (scan.reversed) w.boolField(15, true);
}

export function encodeScanCall(callId: number, call: ScanCall): Buffer {
  switch (call.kind) {
    case 'open': {
      const sizes: number[] = [];
      const scan = scanSize(call.scan, sizes);
      const size =
        delimitedSize(regionSpecifierSize(call.regionName)) + delimitedSize(scan) + 1 + varintSize(call.rows) + (call.close ? 2 : 0);
      return frame(callId, 'Scan', size, (w) => {
        writeRegionSpecifier(w, 1, call.regionName);
        writeScan(w, call.scan, scan, sizes);
        w.uintField(4, call.rows);
        if (call.close) w.boolField(5, true);
      });
    }
    case 'next': {
      const size = 1 + varint64Size(call.scannerId) + 1 + varintSize(call.rows) + 1 + varintSize(call.callSeq);
      return frame(callId, 'Scan', size, (w) => {
        w.uint64Field(3, call.scannerId);
        w.uintField(4, call.rows);
        w.uintField(6, call.callSeq);
      });
    }
    case 'close': {
      const size = 1 + varint64Size(call.scannerId) + 1 + 1 + 2;
      return frame(callId, 'Scan', size, (w) => {
        w.uint64Field(3, call.scannerId);
        w.uintField(4, 0);
        w.boolField(5, true);
      });
    }
  }
}
