// The table of every setting the project reads from the environment: its
// variable, its local-stack default and what it means. config.ts turns it into
// a typed Config; `utopia config --markdown` prints it for the README.

export interface Setting {
  readonly env: string;
  readonly default: string;
  readonly doc: string;
  readonly secret?: boolean;
}

function setting(env: string, defaultValue: string, doc: string, secret = false): Setting {
  return { env, default: defaultValue, doc, secret };
}

export const settings = {
  home: setting('UTOPIA_HOME', '.utopia', 'Folder for the local stack: downloaded jars, service data and logs (relative to the repository).'),
  logLevel: setting('UTOPIA_LOG_LEVEL', 'info', 'Log level: debug, info, warn or error.'),

  kafkaBrokers: setting('KAFKA_BROKERS', '127.0.0.1:9092', 'Kafka bootstrap servers, comma-separated host:port.'),
  kafkaClientId: setting('KAFKA_CLIENT_ID', 'utopia', 'Client id sent to Kafka (shows in broker logs and quotas).'),
  kafkaDetectionsTopic: setting('KAFKA_DETECTIONS_TOPIC', 'utopia.detections', 'Topic of Dataset A events, keyed by detection_oid.'),
  kafkaDeadLetterTopic: setting('KAFKA_DEAD_LETTER_TOPIC', 'utopia.detections.dead-letter', 'Topic of rejected events, each with its reason.'),
  kafkaPartitions: setting('KAFKA_PARTITIONS', '12', 'Partitions of the detections topic when setup creates it.'),
  kafkaReplicationFactor: setting('KAFKA_REPLICATION_FACTOR', '1', 'Replication factor of the topics setup creates (3 on a real cluster).'),

  hbaseZookeeperQuorum: setting('HBASE_ZOOKEEPER_QUORUM', '127.0.0.1:2181', 'ZooKeeper quorum of HBase, comma-separated host:port.'),
  hbaseZookeeperRoot: setting('HBASE_ZOOKEEPER_ROOT', '/hbase', 'Parent znode of HBase (zookeeper.znode.parent).'),
  hbaseNamespace: setting('HBASE_NAMESPACE', 'utopia', 'HBase namespace of the project tables.'),
  hbaseUser: setting('HBASE_USER', 'utopia', 'User the HBase client acts as (SIMPLE authentication only, no Kerberos).'),
  hbaseRegions: setting('HBASE_REGIONS', '8', 'Regions the detection table is pre-split into by its one-byte hash prefix (1..256).'),
  hbaseCallTimeoutMs: setting('HBASE_CALL_TIMEOUT_MS', '10000', 'Timeout of one HBase RPC, in milliseconds.'),

  hdfsWebhdfsUrl: setting('HDFS_WEBHDFS_URL', 'http://127.0.0.1:9870', 'WebHDFS endpoint of the NameNode.'),
  hdfsNamenodeRpc: setting('HDFS_NAMENODE_RPC', 'hdfs://127.0.0.1:8020', 'NameNode RPC address (fs.defaultFS), for Spark and Hive readers.'),
  hdfsUser: setting('HDFS_USER', 'utopia', 'User WebHDFS calls act as (user.name; SIMPLE authentication).'),
  hdfsRoot: setting('HDFS_ROOT', '/utopia', 'HDFS folder under which landing, warehouse, views and reports live.'),

  stackLocal: setting('UTOPIA_LOCAL_STACK', 'true', 'true: npm start brings up the local stack; false: use the clusters configured above.'),
  stackReadyTimeoutS: setting('UTOPIA_STACK_READY_TIMEOUT_S', '180', 'Seconds `stack up` waits for each service to become ready.'),
} as const satisfies Record<string, Setting>;

export type SettingName = keyof typeof settings;
