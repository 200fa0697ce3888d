// The narrow contract the layers use to reach HDFS. No I/O here: webhdfs-store.ts
// implements it over WebHDFS, and a fake can implement it in unit tests.

import type { Readable } from 'node:stream';
import type { HdfsEntry } from './hdfs-entry';

export interface UploadOptions {
  /** Replace an existing file; false fails with FileAlreadyExistsException (HTTP 403). Default false. */
  readonly overwrite?: boolean;
}

export interface RenameOptions {
  /**
   * false (default): plain RENAME; fails if the destination exists or the source is missing.
   * true: RENAME with renameoptions=OVERWRITE, which atomically replaces an existing file
   * (or empty folder) at the destination.
   */
  readonly overwrite?: boolean;
}

export interface DeleteOptions {
  readonly recursive?: boolean;
}

export interface HdfsStore {
  /** Creates the folder and its parents; succeeds if it already exists. */
  mkdirs(path: string): Promise<void>;
  /**
   * Writes a file, streamed to the DataNode (a Readable is never buffered whole). A failed
   * stream upload can leave a partial file at `path`: use writeAtomically for data files.
   */
  upload(path: string, data: Readable | Buffer, options?: UploadOptions): Promise<void>;
  /** Opens a file; rejects (FileNotFoundException -> HTTP 404) before any byte if it cannot. */
  readStream(path: string): Promise<Readable>;
  readFile(path: string): Promise<Buffer>;
  /** Atomic on HDFS (one NameNode operation). */
  rename(source: string, destination: string, options?: RenameOptions): Promise<void>;
  /** The folder's entries, as the NameNode orders them (by name). */
  list(path: string): Promise<HdfsEntry[]>;
  /** The entry at `path`, or null when nothing is there. */
  stat(path: string): Promise<HdfsEntry | null>;
  exists(path: string): Promise<boolean>;
  /** Returns false when nothing was there. A non-empty folder needs `recursive`. */
  delete(path: string, options?: DeleteOptions): Promise<boolean>;
}
