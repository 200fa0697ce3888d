// Writes a file so that readers see either nothing (or the previous file) or the whole
// new file, never a partial one: upload to a hidden temporary sibling, then rename it
// over the final name in one NameNode operation (the Kafka Connect HDFS sink pattern).
// With `overwrite`, the rename uses renameoptions=OVERWRITE, which replaces an existing
// file atomically: no window where the final name is missing.

import type { Readable } from 'node:stream';
import type { Logger } from '../log';
import { checkHdfsPath, temporarySibling } from './hdfs-path';
import type { HdfsStore } from './hdfs-store';

export interface WriteAtomicallyOptions {
  /** Replace an existing file at the final path; false fails if it exists. Default false. */
  readonly overwrite?: boolean;
  readonly logger?: Logger;
  /** Random part of the temporary name (tests). */
  readonly random?: () => string;
}

export async function writeAtomically(
  store: HdfsStore,
  finalPath: string,
  data: Readable | Buffer,
  options: WriteAtomicallyOptions = {},
): Promise<void> {
  const target = checkHdfsPath(finalPath, 'writeAtomically');
  const temporary = temporarySibling(target, options.random);
  try {
    await store.upload(temporary, data, { overwrite: true });
    await store.rename(temporary, target, { overwrite: options.overwrite ?? false });
  } catch (error) {
    // Leave no temporary file behind; the original failure is what the caller needs.
    await store.delete(temporary).catch((cleanup: unknown) => {
      options.logger?.warn(
        `could not delete ${temporary} after a failed write: ${cleanup instanceof Error ? cleanup.message : String(cleanup)}`,
      );
    });
    throw error;
  }
}
