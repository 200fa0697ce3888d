// The count horizon (meta row "speed/count-horizon"): per Kafka partition, an
// event time no counter cell of that partition lies beyond. A cell's bucket
// start is at most the event time it counts, so a cell whose bucket starts
// after the horizon was never written, and the speed layer takes it as empty
// without reading HBase: the first events of each new minute, hour and day
// need no reads. Every writer of live counts and roll-ups raises the horizon
// before writing a cell beyond it.
//
//   qualifier "p<partition>"  the partition's horizon, epoch ms
//   qualifier "base"          written once by setup when it creates the count
//                             tables: no cell of any partition before it
//
// Value: int64 big-endian, 8 bytes. The HBase timestamp of a cell is its value,
// so when two writers race (a zombie owner and its successor) the higher one
// stays: a horizon only ever rises.

import { ContractError } from '../errors';
import { int64FromBytes, int64ToBytes } from './int64';
import { FAMILIES } from './tables';

export const COUNT_HORIZON_ROW = 'speed/count-horizon';
export const COUNT_HORIZON_BASE_QUALIFIER = 'base';
/** The base of tables created empty: every bucket lies beyond it. */
export const EMPTY_TABLES_HORIZON_MS = -1;

/** The meta cell recording `horizonMs` under `qualifier` (a partition's "p<n>", or the base); written through countHorizonPut. */
function countHorizonCell(
  qualifier: string,
  horizonMs: number,
): {
  family: string;
  qualifier: string;
  value: Buffer;
  timestamp: number;
} {
  if (!Number.isSafeInteger(horizonMs) || horizonMs < EMPTY_TABLES_HORIZON_MS)
    throw new ContractError(`invalid count horizon ${horizonMs}`);
  return { family: FAMILIES.meta, qualifier, value: int64ToBytes(BigInt(horizonMs)), timestamp: Math.max(0, horizonMs) };
}

/** The meta row mutation recording each `[qualifier, horizonMs]`: how every writer raises a horizon (or setup sets the base). */
export function countHorizonPut(horizons: Iterable<readonly [qualifier: string, horizonMs: number]>): {
  row: Buffer;
  cells: ReturnType<typeof countHorizonCell>[];
} {
  return { row: Buffer.from(COUNT_HORIZON_ROW), cells: [...horizons].map(([qualifier, ms]) => countHorizonCell(qualifier, ms)) };
}

/** A stored horizon; undefined for a cell that is not one (its reader then knows nothing and reads every cell). */
export function decodeCountHorizon(value: Buffer | undefined): number | undefined {
  if (value?.length !== 8) return undefined;
  const ms = Number(int64FromBytes(value, 0));
  return Number.isSafeInteger(ms) && ms >= EMPTY_TABLES_HORIZON_MS ? ms : undefined;
}
