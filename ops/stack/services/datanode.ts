// The HDFS DataNode; ready once the NameNode counts it live and has left safe mode.

import { hdfsConfigFiles, hdfsPorts, nameNodeBean } from './hdfs-site';
import { hadoopLogArgs } from './namenode';
import type { ServiceSpec } from '../service-spec';

export const dataNodeService: ServiceSpec = {
  name: 'datanode',
  title: 'HDFS DataNode',
  group: 'hdfs',
  mainClass: 'org.apache.hadoop.hdfs.server.datanode.DataNode',
  heapMb: 256,
  ports: () => [
    { port: hdfsPorts.dataNodeData, what: 'HDFS DataNode data transfer' },
    { port: hdfsPorts.dataNodeHttp, what: 'HDFS DataNode HTTP (WebHDFS reads/writes)' },
    { port: hdfsPorts.dataNodeIpc, what: 'HDFS DataNode IPC' },
  ],
  configFiles: hdfsConfigFiles,
  jvmArgs: (ctx) => hadoopLogArgs(ctx, 'datanode'),
  mainArgs: () => [],
  async probe(ctx) {
    const state = await nameNodeBean(ctx, 'FSNamesystemState');
    const live = Number(state.NumLiveDataNodes ?? 0);
    if (live < 1) throw new Error('the NameNode sees no live DataNode yet');
    const info = await nameNodeBean(ctx, 'NameNodeInfo');
    if (String(info.Safemode ?? '') !== '') throw new Error('the NameNode is still in safe mode');
    return `${live} live DataNode, safe mode off`;
  },
};
