// One detection by oid (table detections) and a location's live feed (table
// recent, newest first). Paging through the feed uses an opaque cursor: the
// hex row key of the next row, checked to belong to the asked location.

import {
  decodeDetectionCells,
  decodeRecentRowKey,
  detectionRowKey,
  detectionTableName,
  FAMILIES,
  RECENT_KEY_LENGTH,
  recentLocationPrefix,
  recentTableName,
  type EnrichedDetection,
} from '../../common/contract';
import type { HBaseTables, Row } from '../../common/hbase';
import { badParameter } from '../errors';

export interface FeedPage {
  readonly items: readonly EnrichedDetection[];
  readonly next: string | null;
}

export class DetectionReader {
  constructor(
    private readonly store: HBaseTables,
    private readonly namespace: string,
  ) {}

  async detection(oid: bigint): Promise<EnrichedDetection | null> {
    const row = await this.store.get(detectionTableName(this.namespace), detectionRowKey(oid), { families: [FAMILIES.detections] });
    return row ? decode(row) : null;
  }

  async recent(location: bigint, limit: number, cursor: string | undefined): Promise<FeedPage> {
    const prefix = recentLocationPrefix(location);
    const start = cursor === undefined ? undefined : parseCursor(cursor, prefix);
    const rows = await this.store.scanAll(recentTableName(this.namespace), {
      prefix,
      ...(start ? { start } : {}),
      limit: limit + 1,
      families: [FAMILIES.recent],
      caching: limit + 1,
    });
    const page = rows.slice(0, limit);
    const following = rows[limit];
    return { items: page.map(decode), next: following ? following.key.toString('hex') : null };
  }
}

function decode(row: Row): EnrichedDetection {
  return decodeDetectionCells(new Map(row.cells.map((cell) => [cell.qualifier, cell.value])));
}

function parseCursor(cursor: string, prefix: Buffer): Buffer {
  const key = /^[0-9a-f]+$/.test(cursor) && cursor.length === RECENT_KEY_LENGTH * 2 ? Buffer.from(cursor, 'hex') : undefined;
  if (!key || !key.subarray(0, prefix.length).equals(prefix))
    throw badParameter('cursor', 'not a cursor of this location (use the "next" value of the previous page)');
  decodeRecentRowKey(key);
  return key;
}
