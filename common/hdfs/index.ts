// The public surface of the HDFS adapter.

export type { HdfsStore, UploadOptions, RenameOptions, DeleteOptions } from './hdfs-store';
export type { HdfsEntry, HdfsEntryType } from './hdfs-entry';
export { createHdfsStore, type HdfsStoreDeps } from './create-hdfs-store';
export { WebHdfsStore } from './webhdfs-store';
export { swapDirectory } from './swap-directory';
export { writeAtomically, type WriteAtomicallyOptions } from './write-atomically';
export { joinHdfsPath, parentOf, baseName, checkHdfsPath, temporarySibling } from './hdfs-path';
