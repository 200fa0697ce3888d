// The cell of one detection row (table detections, family d; and of a live-feed
// row in table recent, family r): one cell, qualifier "rec", holding the whole
// record as a UTF-8 JSON object, so the rows read plainly in any HBase tool:
//   loc, cam, oid, ts   the event's int64 fields, as decimal strings
//   item                item_name
//   name                geographical_location, null when the oid is unknown to Dataset B
//   src                 lineage "<partition>:<offset>" of the message that created the row
// One cell instead of one per field: the region server's cost per event is
// mostly per cell (memstore inserts, WAL entries, RPC cells), and the speed
// layer writes every record twice.
// Rows written before carry one cell per field under the same names; the
// decoder still reads them until the tables' TTL has aged them out.
// Cell timestamp = timestamp_detected: a retried put writes the very same cell.

import type { EnrichedDetection } from './enriched-detection';
import { parseInt64 } from './int64';
import { ContractError } from '../errors';

export const DETECTION_RECORD_QUALIFIER = 'rec';

/** The record's fields, which were also the per-field qualifiers of rows written before the record cell. */
export const DETECTION_QUALIFIERS = {
  location: 'loc',
  camera: 'cam',
  detection: 'oid',
  timestamp: 'ts',
  item: 'item',
  name: 'name',
  lineage: 'src',
} as const;

export interface TextCell {
  readonly qualifier: string;
  readonly value: Buffer;
}

export function encodeDetectionCells(row: EnrichedDetection): TextCell[] {
  // Key order is fixed by this literal: the same row always encodes to the same bytes.
  const record = {
    loc: row.geographicalLocationOid.toString(),
    cam: row.videoCameraOid.toString(),
    oid: row.detectionOid.toString(),
    ts: String(row.timestampDetected),
    item: row.itemName,
    name: row.geographicalLocation,
    src: `${row.lineage.partition}:${row.lineage.offset}`,
  };
  return [{ qualifier: DETECTION_RECORD_QUALIFIER, value: Buffer.from(JSON.stringify(record), 'utf8') }];
}

/** The inverse of encodeDetectionCells; `cells` maps qualifier to value (a record cell, or the per-field cells of an older row). */
export function decodeDetectionCells(cells: ReadonlyMap<string, Buffer>): EnrichedDetection {
  const record = cells.get(DETECTION_RECORD_QUALIFIER);
  const field = record === undefined ? perFieldCells(cells) : recordFields(record);
  const q = DETECTION_QUALIFIERS;
  const text = (name: string): string => {
    const value = field(name);
    if (typeof value !== 'string') throw new ContractError(`detection row lacks ${name}`);
    return value;
  };
  const [partition, offset] = text(q.lineage).split(':');
  const timestamp = Number(text(q.timestamp));
  if (!Number.isSafeInteger(timestamp))
    throw new ContractError(`detection row has ts ${JSON.stringify(text(q.timestamp))}, not an integer`);
  const name = field(q.name);
  if (name !== null && name !== undefined && typeof name !== 'string') throw new ContractError('detection row has a name that is not text');
  return {
    geographicalLocationOid: parseInt64(text(q.location), 'loc'),
    videoCameraOid: parseInt64(text(q.camera), 'cam'),
    detectionOid: parseInt64(text(q.detection), 'oid'),
    timestampDetected: timestamp,
    itemName: text(q.item),
    geographicalLocation: typeof name === 'string' ? name : null,
    locationKnown: typeof name === 'string',
    lineage: { partition: Number(partition), offset: String(offset) },
  };
}

function recordFields(value: Buffer): (name: string) => unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8'));
  } catch {
    throw new ContractError(`detection record cell is not JSON (${value.length} bytes)`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new ContractError('detection record cell is not a JSON object');
  const record = parsed as Record<string, unknown>;
  return (name) => (Object.hasOwn(record, name) ? record[name] : undefined);
}

function perFieldCells(cells: ReadonlyMap<string, Buffer>): (name: string) => string | undefined {
  return (name) => cells.get(name)?.toString('utf8');
}

/**
 * The lineage text ("<partition>:<offset>") of a stored row, read from its
 * record cell or, in an older row, its src cell; undefined when the row has none
 * or its record cannot be read (the speed layer treats such a row as absent).
 */
export function detectionLineage(cell: (qualifier: string) => Buffer | undefined): string | undefined {
  const record = cell(DETECTION_RECORD_QUALIFIER);
  if (record === undefined) return cell(DETECTION_QUALIFIERS.lineage)?.toString('utf8');
  try {
    const src = recordFields(record)(DETECTION_QUALIFIERS.lineage);
    return typeof src === 'string' ? src : undefined;
  } catch {
    return undefined;
  }
}
