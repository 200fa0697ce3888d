// The core-site and hdfs-site shared by the NameNode and the DataNode. Every
// address is 127.0.0.1: WebHDFS redirects reads and writes to the DataNode by
// the name it registers with, and Node may resolve "localhost" to ::1.

import { getJson } from '../http-probe';
import { hadoopXml, log4jProperties, type ServiceContext } from '../service-spec';
import { StackError } from '../../../common/errors';

export const hdfsPorts = {
  dataNodeData: 9866,
  dataNodeHttp: 9864,
  dataNodeIpc: 9867,
} as const;

export function nameNodeRpcPort(ctx: ServiceContext): number {
  return Number(new URL(ctx.config.hdfs.namenodeRpc.replace(/^hdfs:/, 'http:')).port || 8020);
}

export function nameNodeHttpPort(ctx: ServiceContext): number {
  return Number(ctx.config.hdfs.webhdfsUrl.port || 9870);
}

export function hdfsConfigFiles(ctx: ServiceContext): Record<string, string> {
  return {
    'core-site.xml': hadoopXml({
      'fs.defaultFS': `hdfs://127.0.0.1:${nameNodeRpcPort(ctx)}`,
      'hadoop.tmp.dir': `${ctx.layout.home}/hdfs-tmp`,
      // Let WebHDFS callers act as any user (SIMPLE auth, local stack only).
      'hadoop.proxyuser.root.hosts': '*',
      'hadoop.proxyuser.root.groups': '*',
    }),
    'hdfs-site.xml': hadoopXml({
      'dfs.replication': 1,
      'dfs.permissions.enabled': false,
      'dfs.webhdfs.enabled': true,
      'dfs.namenode.name.dir': `file://${ctx.layout.data('namenode')}`,
      'dfs.datanode.data.dir': `file://${ctx.layout.data('datanode')}`,
      'dfs.namenode.rpc-address': `127.0.0.1:${nameNodeRpcPort(ctx)}`,
      'dfs.namenode.http-address': `127.0.0.1:${nameNodeHttpPort(ctx)}`,
      'dfs.datanode.address': `127.0.0.1:${hdfsPorts.dataNodeData}`,
      'dfs.datanode.http.address': `127.0.0.1:${hdfsPorts.dataNodeHttp}`,
      'dfs.datanode.ipc.address': `127.0.0.1:${hdfsPorts.dataNodeIpc}`,
      'dfs.datanode.hostname': '127.0.0.1',
      'dfs.namenode.safemode.extension': 0,
      'dfs.namenode.safemode.min.datanodes': 0,
      // Small heartbeats so a (re)started DataNode is seen quickly.
      'dfs.heartbeat.interval': 1,
      'dfs.namenode.heartbeat.recheck-interval': 10000,
      'dfs.namenode.fs-limits.min-block-size': 1024,
    }),
  };
}

/**
 * The files of one HDFS service's conf folder: the shared site files and its own
 * log4j.properties, which its JVM is pointed at (hadoopLogArgs). Without it
 * log4j prints "ERROR Ignoring configuration file" and the service runs on
 * Hadoop's built-in logging.
 */
export function hdfsServiceFiles(ctx: ServiceContext, service: 'namenode' | 'datanode'): Record<string, string> {
  return { ...hdfsConfigFiles(ctx), 'log4j.properties': log4jProperties(ctx.layout.log(service)) };
}

interface JmxBeans {
  beans: Array<Record<string, unknown>>;
}

export async function nameNodeBean(ctx: ServiceContext, name: string): Promise<Record<string, unknown>> {
  const url = new URL(`/jmx?qry=Hadoop:service=NameNode,name=${name}`, ctx.config.hdfs.webhdfsUrl);
  const bean = ((await getJson(url.toString())) as JmxBeans).beans[0];
  if (!bean) throw new StackError(`NameNode JMX has no ${name} bean yet`);
  return bean;
}

/** The NameNodeInfo bean's Safemode text: empty when the NameNode is out of safe mode. */
export function safeModeText(info: Record<string, unknown>): string {
  return typeof info.Safemode === 'string' ? info.Safemode : '';
}
