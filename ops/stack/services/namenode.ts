// The HDFS NameNode; its HTTP server also serves WebHDFS.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { getJson } from '../http-probe';
import { jdk17Flags, javaBin } from '../jvm';
import type { ServiceContext, ServiceSpec } from '../service-spec';
import { hdfsServiceFiles, nameNodeBean, nameNodeHttpPort, nameNodeRpcPort, safeModeText } from './hdfs-site';

/** Fixed, so the DataNode folder stays valid for this NameNode (never re-format one without the other). */
const clusterId = 'utopia-local';

function hadoopLogArgs(ctx: ServiceContext, service: string): string[] {
  return [`-Dlog4j.configuration=file:${path.join(ctx.layout.conf(service), 'log4j.properties')}`, `-Dhadoop.log.dir=${ctx.layout.logDir}`];
}

export const nameNodeService: ServiceSpec = {
  name: 'namenode',
  title: 'HDFS NameNode (RPC + WebHDFS)',
  group: 'hdfs',
  mainClass: 'org.apache.hadoop.hdfs.server.namenode.NameNode',
  heapMb: 512,
  ports: (ctx) => [
    { port: nameNodeRpcPort(ctx), what: 'HDFS NameNode RPC' },
    { port: nameNodeHttpPort(ctx), what: 'HDFS NameNode HTTP / WebHDFS' },
  ],
  configFiles: (ctx) => hdfsServiceFiles(ctx, 'namenode'),
  jvmArgs: (ctx) => hadoopLogArgs(ctx, 'namenode'),
  mainArgs: () => [],
  async formatIfNeeded(ctx) {
    if (fs.existsSync(path.join(ctx.layout.data('namenode'), 'current', 'VERSION'))) return;
    ctx.log.info('formatting the HDFS NameNode (first start)');
    // A fresh NameNode needs a fresh DataNode folder: the cluster id must match.
    fs.rmSync(ctx.layout.data('datanode'), { recursive: true, force: true });
    execFileSync(
      javaBin(),
      [
        ...jdk17Flags,
        '-Xmx256m',
        ...hadoopLogArgs(ctx, 'namenode'),
        '-cp',
        `${ctx.layout.conf('namenode')}:${ctx.layout.lib('hdfs')}/*`,
        nameNodeService.mainClass,
        '-format',
        '-clusterid',
        clusterId,
        '-nonInteractive',
      ],
      { stdio: 'pipe' },
    );
  },
  async probe(ctx) {
    const info = await nameNodeBean(ctx, 'NameNodeInfo');
    const status = new URL(`/webhdfs/v1/?op=GETFILESTATUS&user.name=${ctx.config.hdfs.user}`, ctx.config.hdfs.webhdfsUrl);
    await getJson(status.toString());
    const safemode = safeModeText(info);
    return safemode === '' ? 'WebHDFS answers' : `WebHDFS answers, ${safemode.split('.')[0]}`;
  },
};

export { hadoopLogArgs };
