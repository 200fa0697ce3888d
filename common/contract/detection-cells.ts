// The cells of one detection row (table detections, family d; and the value of
// a live-feed row in table recent, family r). Values are UTF-8 text so the rows
// read plainly in any HBase tool; int64 values as decimal strings.
//   loc, cam, oid, ts   the event's int64 fields
//   item                item_name
//   name                geographical_location (absent when the oid is unknown to Dataset B)
//   src                 lineage "<partition>:<offset>" of the message that created the row
// Cell timestamp = timestamp_detected: a retried put writes the very same cell.

import type { EnrichedDetection } from './enriched-detection';
import { parseInt64 } from './int64';
import { ContractError } from '../errors';

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
  const q = DETECTION_QUALIFIERS;
  const cells: TextCell[] = [
    { qualifier: q.location, value: Buffer.from(row.geographicalLocationOid.toString()) },
    { qualifier: q.camera, value: Buffer.from(row.videoCameraOid.toString()) },
    { qualifier: q.detection, value: Buffer.from(row.detectionOid.toString()) },
    { qualifier: q.timestamp, value: Buffer.from(String(row.timestampDetected)) },
    { qualifier: q.item, value: Buffer.from(row.itemName, 'utf8') },
    { qualifier: q.lineage, value: Buffer.from(`${row.lineage.partition}:${row.lineage.offset}`) },
  ];
  if (row.geographicalLocation !== null) cells.push({ qualifier: q.name, value: Buffer.from(row.geographicalLocation, 'utf8') });
  return cells;
}

/** The inverse of encodeDetectionCells; `cells` maps qualifier to value. */
export function decodeDetectionCells(cells: ReadonlyMap<string, Buffer>): EnrichedDetection {
  const q = DETECTION_QUALIFIERS;
  const text = (qualifier: string): string => {
    const value = cells.get(qualifier);
    if (value === undefined) throw new ContractError(`detection row lacks cell ${qualifier}`);
    return value.toString('utf8');
  };
  const [partition, offset] = text(q.lineage).split(':');
  const name = cells.get(q.name);
  return {
    geographicalLocationOid: parseInt64(text(q.location), 'loc'),
    videoCameraOid: parseInt64(text(q.camera), 'cam'),
    detectionOid: parseInt64(text(q.detection), 'oid'),
    timestampDetected: Number(text(q.timestamp)),
    itemName: text(q.item),
    geographicalLocation: name === undefined ? null : name.toString('utf8'),
    locationKnown: name !== undefined,
    lineage: { partition: Number(partition), offset: String(offset) },
  };
}
