// Kafka 3.9 in KRaft mode: one process that is both broker and controller.

import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { withKafkaAdmin } from '../../../common/kafka';
import { jdk17Flags, javaBin } from '../jvm';
import { javaProperties, log4jProperties, portOf, type ServiceContext, type ServiceSpec } from '../service-spec';

/** Fixed so a re-format of the same folder is recognised (22 chars, base64url). */
const clusterId = 'dXRvcGlhLWxvY2FsLWthZg';
const controllerPort = 9093;

function brokerPort(ctx: ServiceContext): number {
  return portOf(ctx.config.kafka.brokers[0] as string);
}

export const kafkaService: ServiceSpec = {
  name: 'kafka',
  title: 'Kafka broker + controller (KRaft)',
  group: 'kafka',
  mainClass: 'kafka.Kafka',
  heapMb: 512,
  ports: (ctx) => [
    { port: brokerPort(ctx), what: 'Kafka broker' },
    { port: controllerPort, what: 'Kafka controller' },
  ],
  configFiles: (ctx) => ({
    'server.properties': javaProperties({
      'process.roles': 'broker,controller',
      'node.id': 1,
      'controller.quorum.voters': `1@127.0.0.1:${controllerPort}`,
      listeners: `PLAINTEXT://127.0.0.1:${brokerPort(ctx)},CONTROLLER://127.0.0.1:${controllerPort}`,
      'advertised.listeners': `PLAINTEXT://127.0.0.1:${brokerPort(ctx)}`,
      'controller.listener.names': 'CONTROLLER',
      'inter.broker.listener.name': 'PLAINTEXT',
      'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
      'log.dirs': ctx.layout.data('kafka'),
      'num.partitions': 1,
      'offsets.topic.replication.factor': 1,
      'offsets.topic.num.partitions': 12,
      'transaction.state.log.replication.factor': 1,
      'transaction.state.log.min.isr': 1,
      'share.coordinator.state.topic.replication.factor': 1,
      'group.initial.rebalance.delay.ms': 0,
      'auto.create.topics.enable': false,
      'log.retention.hours': 168,
      'log.segment.bytes': 268435456,
    }),
    'log4j.properties': log4jProperties(ctx.layout.log('kafka')),
  }),
  jvmArgs: (ctx) => [
    `-Dlog4j.configuration=file:${path.join(ctx.layout.conf('kafka'), 'log4j.properties')}`,
    `-Dkafka.logs.dir=${ctx.layout.logDir}`,
  ],
  mainArgs: (ctx) => [path.join(ctx.layout.conf('kafka'), 'server.properties')],
  async formatIfNeeded(ctx) {
    if (fs.existsSync(path.join(ctx.layout.data('kafka'), 'meta.properties'))) return;
    ctx.log.info('formatting Kafka storage (first start)');
    execFileSync(
      javaBin(),
      [
        ...jdk17Flags,
        '-Xmx256m',
        `-Dlog4j.configuration=file:${path.join(ctx.layout.conf('kafka'), 'log4j.properties')}`,
        '-cp',
        `${ctx.layout.lib('kafka')}/*`,
        'kafka.tools.StorageTool',
        'format',
        '-t',
        clusterId,
        '-c',
        path.join(ctx.layout.conf('kafka'), 'server.properties'),
        '--ignore-formatted',
      ],
      { stdio: 'pipe' },
    );
  },
  async probe(ctx) {
    return withKafkaAdmin(ctx.config, { connectionTimeoutMs: 2000, retries: 0 }, async (admin) => {
      const cluster = await admin.describeCluster();
      const topics = await admin.listTopics();
      return `${cluster.brokers.length} broker, ${topics.filter((t) => !t.startsWith('__')).length} topics`;
    });
  },
};
