// The HBase table names the speed layer writes, resolved once from the config.

import type { Config } from '../common/config';
import {
  detectionTableName,
  liveCountsTableName,
  liveRollupsTableName,
  metaTableName,
  recentTableName,
  referenceTableName,
} from '../common/contract';
import type { CounterTable } from './counter-cell';

export interface SpeedTables {
  readonly detections: string;
  readonly liveCounts: string;
  readonly rollups: string;
  readonly recent: string;
  readonly reference: string;
  readonly meta: string;
}

export function speedTables(config: Config): SpeedTables {
  const ns = config.hbase.namespace;
  return {
    detections: detectionTableName(ns),
    liveCounts: liveCountsTableName(ns),
    rollups: liveRollupsTableName(ns),
    recent: recentTableName(ns),
    reference: referenceTableName(ns),
    meta: metaTableName(ns),
  };
}

export function counterTableName(tables: SpeedTables, table: CounterTable): string {
  return tables[table];
}
