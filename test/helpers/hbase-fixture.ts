// Shared set-up of the HBase integration tests: the store and the admin tool against
// the HBase of the configuration (HBASE_ZOOKEEPER_QUORUM), random table names, and
// clean-up of what a test created.

import { loadConfig } from '../../common/config';
import { HBaseStore, hbaseStoreOptions, type HBaseStoreOptions } from '../../common/hbase';
import type { HBaseAdmin } from '../../ops/stack/hbase-admin';
import { createLogger } from '../../common/log';
import { createHBaseAdmin } from '../../ops/stack/hbase-admin-tool';
import { stackLayout } from '../../ops/stack/stack-layout';
import { randomName } from './random-name';

export const TEST_NAMESPACE = 'utopia_test';

/** A fresh table name in the test namespace, e.g. utopia_test:scan-1a2b3c4d5e. */
export function randomTable(prefix: string): string {
  return `${TEST_NAMESPACE}:${randomName(prefix)}`;
}

export function createTestStore(overrides: Partial<HBaseStoreOptions> = {}): HBaseStore {
  return new HBaseStore({ ...hbaseStoreOptions(loadConfig()), retryPauseMs: 50, ...overrides });
}

let admin: Promise<HBaseAdmin> | undefined;

/** The stack's admin tool (jars installed and tool compiled on first use). */
export function testAdmin(): Promise<HBaseAdmin> {
  const config = loadConfig();
  admin ??= createHBaseAdmin(stackLayout(config.home), config, createLogger('test-hbase-admin', 'warn'));
  return admin;
}

/** Split points that cut the first key byte into `regions` equal ranges. */
export function byteSplits(regions: number): Buffer[] {
  return Array.from({ length: regions - 1 }, (_, i) => Buffer.from([Math.floor(((i + 1) * 256) / regions)]));
}

export function shuffle<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Row keys spread over every first byte, so a table pre-split by the first byte has rows in every region. */
export function spreadKey(i: number): Buffer {
  return Buffer.from([(i * 37) % 256, (i >> 8) & 0xff, i & 0xff]);
}

/** Closes the store (if any) and deletes the tables, even if closing fails. */
export async function cleanUp(store: { close(): void } | undefined, tables: readonly string[]): Promise<void> {
  try {
    store?.close();
  } finally {
    await (await testAdmin()).deleteTables(tables);
  }
}
