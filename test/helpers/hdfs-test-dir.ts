// A store on the configured HDFS (HDFS_WEBHDFS_URL) with fast retries, and a random
// folder under /tmp-tests for one test file, deleted afterwards.

import { expect } from 'chai';
import { loadConfig } from '../../common/config';
import { HdfsError } from '../../common/errors';
import { createHdfsStore, joinHdfsPath, type WebHdfsStore } from '../../common/hdfs';
import { randomName } from './random-name';

export interface HdfsTestDir {
  readonly store: WebHdfsStore;
  readonly root: string;
  path(...parts: string[]): string;
  remove(): Promise<void>;
}

export const fastHdfsRetry = { retries: 2, initialDelayMs: 20, maxDelayMs: 100 };

export async function createHdfsTestDir(prefix: string): Promise<HdfsTestDir> {
  const store = createHdfsStore(loadConfig().hdfs, { retry: fastHdfsRetry });
  const root = joinHdfsPath('/tmp-tests', randomName(prefix));
  await store.mkdirs(root);
  return {
    store,
    root,
    path: (...parts) => joinHdfsPath(root, ...parts),
    remove: async () => {
      await store.delete(root, { recursive: true });
    },
  };
}

/** The HdfsError `promise` fails with; fails the test if it succeeds or fails otherwise. */
export async function hdfsFailure(promise: Promise<unknown>): Promise<HdfsError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'expected the call to fail').to.be.instanceOf(HdfsError);
  return error as HdfsError;
}
