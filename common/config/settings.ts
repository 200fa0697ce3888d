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
  home: setting(
    'UTOPIA_HOME',
    '.utopia',
    'Folder for the local stack: downloaded jars, service data and logs (relative to the repository).',
  ),
  logLevel: setting('UTOPIA_LOG_LEVEL', 'info', 'Log level: debug, info, warn or error.'),
  logFormat: setting(
    'UTOPIA_LOG_FORMAT',
    'text',
    'Log lines on stderr: text (one readable line each) or json (one JSON object per line with level, time, layer and message, for log shippers).',
  ),

  kafkaBrokers: setting('KAFKA_BROKERS', '127.0.0.1:9092', 'Kafka bootstrap servers, comma-separated host:port.'),
  kafkaClientId: setting('KAFKA_CLIENT_ID', 'utopia', 'Client id sent to Kafka (shows in broker logs and quotas).'),
  kafkaDetectionsTopic: setting('KAFKA_DETECTIONS_TOPIC', 'utopia.detections', 'Topic of Dataset A events, keyed by detection_oid.'),
  kafkaDeadLetterTopic: setting(
    'KAFKA_DEAD_LETTER_TOPIC',
    'utopia.detections.dead-letter',
    'Topic of rejected events, each with its reason.',
  ),
  kafkaPartitions: setting('KAFKA_PARTITIONS', '12', 'Partitions of the detections topic when setup creates it.'),
  kafkaReplicationFactor: setting('KAFKA_REPLICATION_FACTOR', '1', 'Replication factor of the topics setup creates (3 on a real cluster).'),

  hbaseZookeeperQuorum: setting('HBASE_ZOOKEEPER_QUORUM', '127.0.0.1:2181', 'ZooKeeper quorum of HBase, comma-separated host:port.'),
  hbaseZookeeperRoot: setting('HBASE_ZOOKEEPER_ROOT', '/hbase', 'Parent znode of HBase (zookeeper.znode.parent).'),
  hbaseNamespace: setting('HBASE_NAMESPACE', 'utopia', 'HBase namespace of the project tables.'),
  hbaseUser: setting('HBASE_USER', 'utopia', 'User the HBase client acts as (SIMPLE authentication only, no Kerberos).'),
  hbaseRegions: setting('HBASE_REGIONS', '8', 'Regions the detection table is pre-split into by its one-byte hash prefix (1..256).'),
  hbaseClient: setting(
    'HBASE_CLIENT',
    'native',
    "HBase client of puts, gets and scans: native (the project's own RPC code in common/hbase) or legacy (hbase-rpc-client for every call).",
  ),
  hbaseCallTimeoutMs: setting('HBASE_CALL_TIMEOUT_MS', '10000', 'Timeout of one HBase RPC, in milliseconds.'),

  hdfsWebhdfsUrl: setting('HDFS_WEBHDFS_URL', 'http://127.0.0.1:9870', 'WebHDFS endpoint of the NameNode.'),
  hdfsNamenodeRpc: setting(
    'HDFS_NAMENODE_RPC',
    'hdfs://127.0.0.1:8020',
    'NameNode RPC address (fs.defaultFS), for Spark and Hive readers.',
  ),
  hdfsUser: setting('HDFS_USER', 'utopia', 'User WebHDFS calls act as (user.name; SIMPLE authentication).'),
  hdfsRoot: setting('HDFS_ROOT', '/utopia', 'HDFS folder under which landing, warehouse, views and reports live.'),

  apiHost: setting('API_HOST', '127.0.0.1', 'Address the serving API listens on; a non-loopback address needs API keys.'),
  apiPort: setting('API_PORT', '8080', 'Port of the serving API and dashboard.'),
  apiViewerKeys: setting(
    'API_VIEWER_KEYS',
    '',
    'Comma-separated API keys that may read (empty, with API_ADMIN_KEYS empty: no keys, loopback only and read-only).',
    true,
  ),
  apiAdminKeys: setting('API_ADMIN_KEYS', '', 'Comma-separated API keys that may also start batch runs and reference loads.', true),
  apiAllowedHosts: setting(
    'API_ALLOWED_HOSTS',
    '',
    'Extra names (name or name:port, comma-separated) the API answers in Host/Origin, besides API_HOST, 127.0.0.1, localhost and [::1] on its port; e.g. the name of a reverse proxy.',
  ),
  apiRateLimitPerS: setting(
    'API_RATE_LIMIT_PER_S',
    '100',
    'Requests per second each client address (checked before the key) and each API key may make on average.',
  ),
  apiRateLimitBurst: setting(
    'API_RATE_LIMIT_BURST',
    '200',
    'Requests an address or a key may make at once before the per-second rate applies.',
  ),
  apiMaxRangeDays: setting('API_MAX_RANGE_DAYS', '31', 'Longest time range, in days, a counts or top-items query may cover.'),
  apiMaxRowKeys: setting(
    'API_MAX_ROW_KEYS',
    '50000',
    'Most view rows (buckets x locations) one counts or top-items query may read; more gets 413.',
  ),
  apiMaxReadsInFlight: setting(
    'API_MAX_READS_IN_FLIGHT',
    '16',
    'Most HBase view reads the API runs at once, over all requests; more wait their turn.',
  ),
  apiMaxPageSize: setting('API_MAX_PAGE_SIZE', '500', 'Largest page size (limit) of paged answers.'),
  apiLiveCacheMs: setting(
    'API_LIVE_CACHE_MS',
    '250',
    'How long an answer touching the current hour of the speed view (and the batch watermark) is reused (0: never).',
  ),
  apiLiveMaxStaleMs: setting(
    'API_LIVE_MAX_STALE_MS',
    '500',
    'Once API_LIVE_CACHE_MS has passed, a live answer is still served while one background read refreshes it, up to this age (ms, from its read); never older. At or below API_LIVE_CACHE_MS: no stale serving. An answer lags HBase by at most this plus API_LIVE_CACHE_MS (its chunks of the current hour); with the dashboard polling every second, keep the sum under 1 s so new data shows within 2 s.',
  ),
  apiAuditLog: setting(
    'API_AUDIT_LOG',
    'true',
    'Write one audit line per API request (caller, method, path, status, duration) to stderr, whatever UTOPIA_LOG_LEVEL says.',
  ),
  apiSettledCacheMs: setting(
    'API_SETTLED_CACHE_MS',
    '60000',
    'How long speed-view chunks that ended over 2 minutes ago are reused before a background re-read (late events for them show this much later).',
  ),

  speedGroupId: setting(
    'SPEED_GROUP_ID',
    'utopia-speed',
    'Kafka consumer group of the speed layer; every instance of one deployment shares it.',
  ),
  speedSessionTimeoutMs: setting(
    'SPEED_SESSION_TIMEOUT_MS',
    '10000',
    "Kafka session timeout of a speed-layer instance: how soon a killed instance's partitions move to the others.",
  ),
  speedConcurrency: setting(
    'SPEED_CONCURRENCY',
    '3',
    'Partitions one speed-layer instance processes at the same time (overlaps HBase round trips).',
  ),
  speedLateAfterMs: setting(
    'SPEED_LATE_AFTER_MS',
    '600000',
    'An event detected this long before Kafka received it counts as late (quality counter).',
  ),
  speedMetricsIntervalMs: setting(
    'SPEED_METRICS_INTERVAL_MS',
    '5000',
    'How often each speed-layer instance publishes its snapshot (throughput, lag) to HBase meta for the API and dashboard.',
  ),
  speedReferencePollMs: setting(
    'SPEED_REFERENCE_POLL_MS',
    '5000',
    'How often the speed layer checks meta reference/current for a new Dataset B version.',
  ),
  speedCountCacheCells: setting(
    'SPEED_COUNT_CACHE_CELLS',
    '600000',
    'Count cells one speed-layer instance keeps in memory (about 70 bytes each); older ones are re-read from HBase when touched again.',
  ),
  speedFetchBytesPerPartition: setting(
    'SPEED_FETCH_BYTES_PER_PARTITION',
    '262144',
    "Bytes the speed layer fetches from Kafka per partition and fetch, as stored: compressed bytes for a compressed topic. Every partition's batch is held decompressed until processed: 256 KiB is about 1,300 uncompressed events or 10,800 gzip-compressed ones; for a gzip topic 65536 saves about 120 MB of memory (README, Memory of the speed layer).",
  ),
  rekeyGroupId: setting(
    'REKEY_GROUP_ID',
    'utopia-rekey',
    'Kafka consumer group of `utopia rekey` (also the prefix of its transactional ids); one group per source topic.',
  ),
  speedPoisonAttempts: setting(
    'SPEED_POISON_ATTEMPTS',
    '3',
    'Attempts a chunk gets for a failure that is not a store outage before its poison event is isolated and dead-lettered (processing_failed).',
  ),
  stopGraceMs: setting(
    'UTOPIA_STOP_GRACE_MS',
    '15000',
    'After SIGTERM, how long the speed layer and the landing writer may take to commit the chunk in hand and exit; `npm start` waits this plus 5 s before SIGKILL.',
  ),
  ingestHost: setting('INGEST_HOST', '127.0.0.1', 'Address the HTTP ingest listens on.'),
  ingestPort: setting('INGEST_PORT', '8081', 'Port of the HTTP ingest (POST /ingest).'),
  ingestKeys: setting(
    'INGEST_API_KEYS',
    '',
    'Comma-separated API keys (role ingest) that may POST /ingest (empty: no keys, loopback only).',
    true,
  ),
  ingestAllowedHosts: setting(
    'INGEST_ALLOWED_HOSTS',
    '',
    'Extra names (name or name:port) the HTTP ingest answers in Host/Origin, besides INGEST_HOST, 127.0.0.1, localhost and [::1] on its port.',
  ),
  ingestMaxBodyBytes: setting('INGEST_MAX_BODY_BYTES', '5242880', 'Largest request body POST /ingest accepts (bytes); larger gets 413.'),
  ingestMaxRecords: setting('INGEST_MAX_RECORDS', '10000', 'Most records one POST /ingest may carry; more gets 413.'),

  landingGroupId: setting('LANDING_GROUP_ID', 'utopia-landing', 'Kafka consumer group of the landing writer (raw Parquet into HDFS).'),
  landingFlushRows: setting(
    'LANDING_FLUSH_ROWS',
    '200000',
    "The landing writer flushes a partition's buffer to one Parquet file at this many messages...",
  ),
  landingFlushAgeMs: setting('LANDING_FLUSH_AGE_MS', '60000', '...or when its oldest buffered message is this old (milliseconds).'),
  batchCron: setting('BATCH_CRON', '0 2 * * *', 'node-cron expression of `utopia batch schedule` (default 02:00 every night).'),
  batchTimeZone: setting('BATCH_TIME_ZONE', 'UTC', 'Time zone of BATCH_CRON (IANA name). Event days are always UTC.'),
  batchCloseGraceMin: setting(
    'BATCH_CLOSE_GRACE_MIN',
    '60',
    'A UTC event day is closed (compacted by a run without --date) this many minutes after it ends.',
  ),
  batchTopX: setting('BATCH_TOP_X', '10', 'Items per location in the daily top-X view and report.'),
  batchLandingRetentionDays: setting(
    'BATCH_LANDING_RETENTION_DAYS',
    '14',
    'Landing files older than this many days are deleted once every day they hold is compacted.',
  ),
  batchWorkDir: setting('BATCH_WORK_DIR', '.utopia/batch-work', "Local folder for the batch's spill files (relative to the repository)."),
  batchSpillBuckets: setting(
    'BATCH_SPILL_BUCKETS',
    '32',
    'Hash buckets of detection_oid the batch spills a day into; memory holds one bucket at a time.',
  ),
  batchPartRows: setting('BATCH_PART_ROWS', '500000', 'Rows per warehouse part file (row groups of 128k rows inside).'),
  batchLockLeaseS: setting('BATCH_LOCK_LEASE_S', '3600', 'A batch lock older than this many seconds (a crashed run) may be taken over.'),
  batchEngine: setting(
    'BATCH_ENGINE',
    'node',
    "Engine of a day's compaction, top-X and totals: node (hand-written), duckdb (the day's SQL embedded) or spark (the same SQL on spark-sql). `batch run --engine` overrides.",
  ),
  batchSparkMaster: setting(
    'BATCH_SPARK_MASTER',
    'local[*]',
    'Spark master of the spark engine: local[N], spark://host:port, yarn or k8s://... (passed to spark-sql --master).',
  ),
  batchSparkConf: setting(
    'BATCH_SPARK_CONF',
    '',
    'Extra Spark settings of the spark engine, `key=value` pairs separated by `;` (each passed as --conf).',
  ),
  batchSparkIo: setting(
    'BATCH_SPARK_IO',
    'local',
    'Where the spark engine reads and writes: local (landing files staged on local disk, for local[N] and a one-box standalone) or hdfs (hdfs:// on HDFS_NAMENODE_RPC, for a cluster).',
  ),
  batchSparkPyspark: setting(
    'BATCH_SPARK_PYSPARK',
    '4.3.0',
    'pyspark version installed on first use into UTOPIA_HOME/spark (its spark-sql runs the spark engine).',
  ),
  batchDeadlineHour: setting(
    'BATCH_DEADLINE_HOUR',
    '6',
    'Hour (UTC, 0-23) by which yesterday must be in the batch view; later, the BatchNotDone alert fires (exported as utopia_batch_deadline_hour).',
  ),

  metricsHost: setting(
    'METRICS_HOST',
    '127.0.0.1',
    'Address the /metrics endpoints of the speed layer, landing writer and batch scheduler listen on (the API serves /metrics on its own port).',
  ),
  speedMetricsPort: setting('SPEED_METRICS_PORT', '9101', "Port of the speed layer's /metrics for Prometheus (0: none)."),
  landingMetricsPort: setting('LANDING_METRICS_PORT', '9102', "Port of the landing writer's /metrics (0: none)."),
  batchMetricsPort: setting('BATCH_METRICS_PORT', '9103', 'Port of the /metrics of `utopia batch schedule` (0: none).'),

  stackLocal: setting('UTOPIA_LOCAL_STACK', 'true', 'true: npm start brings up the local stack; false: use the clusters configured above.'),
  stackHbaseRootdir: setting(
    'UTOPIA_HBASE_ROOTDIR',
    'local',
    "Where the local stack keeps HBase's data and WAL: local (files under UTOPIA_HOME) or hdfs (hbase.rootdir /hbase on the local NameNode, as production runs it; HBase then starts after HDFS and cannot run without it). Each keeps its own tables and ZooKeeper state; takes effect when HBase next starts (`stack down`, then `stack up`).",
  ),
  stackReadyTimeoutS: setting('UTOPIA_STACK_READY_TIMEOUT_S', '180', 'Seconds `stack up` waits for each service to become ready.'),
  startSimulatorRate: setting(
    'START_SIMULATOR_RATE',
    '200',
    'Events per second of the simulator `npm start` runs (0: no simulator; `--rate` overrides).',
  ),
  startRekeyFrom: setting(
    'START_REKEY_FROM',
    '',
    'Topic `npm start` also rekeys into the detections topic (`utopia rekey --from`); empty: none.',
  ),
} as const satisfies Record<string, Setting>;

export type SettingName = keyof typeof settings;
