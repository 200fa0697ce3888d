// The HDFS DataNode; ready once a small file written through WebHDFS (which
// streams through the DataNode) reads back. The NameNode's live count alone is
// not enough: it still counts a killed DataNode live for half a minute.

import { createHdfsStore } from '../../../common/hdfs';
import { hdfsServiceFiles, hdfsPorts, nameNodeBean, safeModeText } from './hdfs-site';
import { hadoopLogArgs } from './namenode';
import type { ServiceSpec } from '../service-spec';
import { StackError } from '../../../common/errors';

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
  configFiles: (ctx) => hdfsServiceFiles(ctx, 'datanode'),
  jvmArgs: (ctx) => hadoopLogArgs(ctx, 'datanode'),
  mainArgs: () => [],
  async probe(ctx) {
    const state = await nameNodeBean(ctx, 'FSNamesystemState');
    const live = Number(state.NumLiveDataNodes ?? 0);
    if (live < 1) throw new StackError('the NameNode sees no live DataNode yet');
    const info = await nameNodeBean(ctx, 'NameNodeInfo');
    if (safeModeText(info) !== '') throw new StackError('the NameNode is still in safe mode');
    const store = createHdfsStore(ctx.config.hdfs, { retry: { retries: 0 }, idleTimeoutMs: 3000 });
    const probeFile = '/tmp/.utopia-stack-probe';
    const token = Buffer.from(`probe ${process.pid} ${Date.now()}`);
    await store.upload(probeFile, token, { overwrite: true });
    if (!(await store.readFile(probeFile)).equals(token)) throw new StackError('a file written through WebHDFS read back different');
    return `${live} live DataNode, WebHDFS write+read ok`;
  },
};
