// Finds the region holding a row: the cache first, else a reversed scan of hbase:meta
// starting at "<table>,<row>,99999999999999" for one row, as HBase's own client does
// (HBase 2 removed Get closest_row_before). Split parents and offline regions are not
// used: the lookup fails retriably and the caller backs off until the daughters are online.

import { HBaseError } from '../../errors';
import type { Row } from '../hbase-types';
import { encodeScanCall } from '../wire/request-codec';
import { decodeRegionInfo, decodeScanResponse } from '../wire/response-codec';
import { HBaseServerError } from './server-error';
import { RegionCache, regionContains, type RegionLocation } from './region-cache';
import type { RpcConnection } from './rpc-connection';

const META_REGION = Buffer.from('hbase:meta,,1');
const META_TABLE = 'hbase:meta';
const EMPTY = Buffer.alloc(0);

export interface MetaServer {
  readonly host: string;
  readonly port: number;
}

export class RegionLocator {
  readonly cache = new RegionCache();

  constructor(
    private readonly metaServer: () => MetaServer | undefined,
    private readonly connect: (server: string) => RpcConnection,
  ) {}

  /** The cached region of `row`, or undefined (then call locate). */
  cached(table: string, row: Buffer): RegionLocation | undefined {
    return this.cache.find(table, row);
  }

  async locate(table: string, row: Buffer): Promise<RegionLocation> {
    const hit = this.cache.find(table, row);
    if (hit) return hit;
    const meta = this.metaServer();
    if (!meta) throw new HBaseError('HBase meta location not known yet (ZooKeeper)', { retriable: true });
    if (table === META_TABLE) {
      // hbase:meta is one region, wherever ZooKeeper says; not cached, so a move is seen at once.
      return { name: META_REGION, startKey: EMPTY, endKey: EMPTY, server: `${meta.host}:${meta.port}` };
    }
    const metaTable = metaTableName(table);
    const start = Buffer.concat([Buffer.from(`${metaTable},`), row, Buffer.from(',99999999999999')]);
    const connection = this.connect(`${meta.host}:${meta.port}`);
    const response = await connection.call(
      'locate',
      table,
      (callId) =>
        encodeScanCall(callId, {
          kind: 'open',
          regionName: META_REGION,
          scan: { start, families: ['info'], reversed: true },
          rows: 1,
          close: true,
        }),
      decodeScanResponse,
    );
    const region = toLocation(metaTable, response.rows[0]);
    if (!regionContains(region, row))
      throw new HBaseError(`no online region of ${table} holds row ${row.toString('hex')} yet`, { retriable: true });
    this.cache.add(table, region);
    return region;
  }
}

function metaTableName(table: string): string {
  return table.startsWith('default:') ? table.slice('default:'.length) : table;
}

function toLocation(metaTable: string, row: Row | undefined): RegionLocation {
  const prefix = `${metaTable},`;
  if (!row || row.key.length < prefix.length || row.key.toString('utf8', 0, prefix.length) !== prefix) {
    throw new HBaseServerError(
      'org.apache.hadoop.hbase.TableNotFoundException',
      `HBase table ${metaTable} failed: TableNotFoundException: no region of ${metaTable} in ${META_TABLE}`,
      false,
    );
  }
  let info: ReturnType<typeof decodeRegionInfo> = null;
  let server: string | undefined;
  for (const cell of row.cells) {
    if (cell.family !== 'info') continue;
    if (cell.qualifier === 'regioninfo') info = decodeRegionInfo(cell.value);
    else if (cell.qualifier === 'server') server = cell.value.toString('utf8');
  }
  if (!info) throw new HBaseError(`row ${row.key.toString()} of ${META_TABLE} has no region info`, { retriable: true });
  if (info.offline || info.split) throw new HBaseError(`region ${row.key.toString()} is offline or split`, { retriable: true });
  if (!server) throw new HBaseError(`region ${row.key.toString()} is not assigned to a server yet`, { retriable: true });
  // Copies: the cache outlives the response buffer these views point into.
  return { name: Buffer.from(row.key), startKey: Buffer.from(info.startKey), endKey: Buffer.from(info.endKey), server };
}
