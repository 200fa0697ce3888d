// What HBase refuses in a put, checked before any call: no cells, or a cell
// timestamp that is not epoch ms (the project always sets it: a retried put then
// writes the very same cell).

import { HBaseError } from '../errors';
import type { RowMutation } from './hbase-types';

export function checkMutation(mutation: RowMutation): void {
  if (mutation.cells.length === 0) throw new HBaseError(`put of row ${mutation.row.toString('hex')} has no cells`);
  for (const cell of mutation.cells) {
    if (!Number.isSafeInteger(cell.timestamp) || cell.timestamp < 0)
      throw new HBaseError(`cell timestamp must be epoch ms, got ${cell.timestamp}`);
  }
}
