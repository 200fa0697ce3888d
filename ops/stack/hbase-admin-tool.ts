// The HBase admin tool (hbase-admin.ts) runs a small Java program
// on HBase's own Admin API. It is compiled once against the stack's HBase jars,
// and again whenever its source changes (a hash of the source sits beside it).

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot, type Config } from '../../common/config';
import { ADMIN_SOURCE, HBaseAdmin } from './hbase-admin';
import type { Logger } from '../../common/log';
import { installJars } from './install-jars';
import type { StackLayout } from './stack-layout';

export function adminClassesDir(layout: StackLayout): string {
  return path.join(layout.home, 'hbase', 'admin-classes');
}

export async function compileAdminTool(layout: StackLayout, log: Logger): Promise<void> {
  const sourceFile = path.join(repoRoot, ADMIN_SOURCE);
  const hash = crypto.createHash('sha256').update(fs.readFileSync(sourceFile)).digest('hex');
  const classesDir = adminClassesDir(layout);
  const marker = path.join(classesDir, '.source-sha256');
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8').trim() === hash) return;
  log.info('compiling the HBase admin tool');
  fs.rmSync(classesDir, { recursive: true, force: true });
  fs.mkdirSync(classesDir, { recursive: true });
  await HBaseAdmin.compile({ libDir: layout.lib('hbase'), classesDir, sourceFile });
  fs.writeFileSync(marker, hash + '\n');
}

/** An admin client for the configured HBase; installs the jars and compiles the tool if needed. */
export async function createHBaseAdmin(layout: StackLayout, config: Config, log: Logger): Promise<HBaseAdmin> {
  await installJars(layout, 'hbase', log);
  await compileAdminTool(layout, log);
  return new HBaseAdmin({
    libDir: layout.lib('hbase'),
    classesDir: adminClassesDir(layout),
    zookeeperQuorum: config.hbase.zookeeperQuorum,
    zookeeperRoot: config.hbase.zookeeperRoot,
  });
}
