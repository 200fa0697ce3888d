// The only module that reads process.env. It parses every setting of
// settings.ts, reports all bad variables at once, and freezes the result.

import path from 'node:path';
import { ConfigError } from '../errors';
import { settings, type SettingName } from './settings';
import {
  parseBoolean,
  parseHBaseClient,
  parseHostPortList,
  parseHttpUrl,
  parseHdfsPath,
  parseIntInRange,
  parseKeyList,
  parseLogFormat,
  parseLogLevel,
  parseNameList,
  parseNonNegativeInt,
  parseOneOf,
  parsePortOrOff,
  parsePositiveInt,
  parseSparkConf,
  parseString,
  parseVersion,
  type HostPort,
  type LogFormat,
  type LogLevel,
} from './parsers';

export const BATCH_ENGINES = ['node', 'duckdb', 'spark'] as const;
export type BatchEngine = (typeof BATCH_ENGINES)[number];

export function parseBatchEngine(raw: string): BatchEngine {
  return parseOneOf(raw, BATCH_ENGINES);
}

export interface Config {
  readonly home: string;
  readonly logLevel: LogLevel;
  /** SIGTERM grace of the consumers (speed layer, landing writer), ms. */
  readonly stopGraceMs: number;
  readonly logFormat: LogFormat;
  readonly kafka: {
    readonly brokers: readonly string[];
    readonly clientId: string;
    readonly detectionsTopic: string;
    readonly deadLetterTopic: string;
    readonly partitions: number;
    readonly replicationFactor: number;
  };
  readonly hbase: {
    readonly zookeeperQuorum: readonly HostPort[];
    readonly zookeeperRoot: string;
    readonly namespace: string;
    readonly user: string;
    readonly regions: number;
    readonly callTimeoutMs: number;
    /** native: the project's own client for puts, gets and scans; legacy: hbase-rpc-client for everything. */
    readonly client: 'native' | 'legacy';
  };
  readonly hdfs: {
    readonly webhdfsUrl: URL;
    readonly namenodeRpc: string;
    readonly user: string;
    readonly root: string;
  };
  readonly api: {
    readonly host: string;
    readonly port: number;
    readonly viewerKeys: readonly string[];
    readonly adminKeys: readonly string[];
    readonly allowedHosts: readonly string[];
    readonly maxRowKeys: number;
    readonly maxReadsInFlight: number;
    readonly rateLimitPerS: number;
    readonly rateLimitBurst: number;
    readonly maxRangeDays: number;
    readonly maxPageSize: number;
    readonly liveCacheMs: number;
    readonly liveMaxStaleMs: number;
    readonly settledCacheMs: number;
    readonly auditLog: boolean;
  };
  readonly speed: {
    readonly groupId: string;
    readonly sessionTimeoutMs: number;
    readonly concurrency: number;
    readonly lateAfterMs: number;
    readonly metricsIntervalMs: number;
    readonly referencePollMs: number;
    readonly countCacheCells: number;
    readonly fetchBytesPerPartition: number;
    readonly poisonAttempts: number;
  };
  readonly rekey: {
    readonly groupId: string;
  };
  readonly ingest: {
    readonly host: string;
    readonly port: number;
    readonly keys: readonly string[];
    readonly allowedHosts: readonly string[];
    readonly maxBodyBytes: number;
    readonly maxRecords: number;
  };
  readonly landing: {
    readonly groupId: string;
    readonly flushRows: number;
    readonly flushAgeMs: number;
  };
  readonly batch: {
    readonly cron: string;
    readonly timeZone: string;
    readonly closeGraceMin: number;
    readonly topX: number;
    readonly landingRetentionDays: number;
    readonly workDir: string;
    readonly spillBuckets: number;
    readonly partRows: number;
    readonly lockLeaseS: number;
    readonly engine: BatchEngine;
    readonly sparkMaster: string;
    readonly sparkConf: readonly (readonly [string, string])[];
    readonly sparkIo: 'local' | 'hdfs';
    readonly pysparkVersion: string;
    /** Hour (UTC) by which yesterday must be in the batch view (alerting only). */
    readonly deadlineHour: number;
  };
  /** /metrics endpoints of the processes that serve no API; a port of 0 means none. */
  readonly metrics: {
    readonly host: string;
    readonly speedPort: number;
    readonly landingPort: number;
    readonly batchPort: number;
  };
  readonly stack: {
    readonly local: boolean;
    readonly hbaseRootdir: 'local' | 'hdfs';
    readonly readyTimeoutS: number;
    /** Events/s of the live simulator `npm start` runs; 0 = none. */
    readonly simulatorRate: number;
    /** Topic npm start runs `utopia rekey --from` on; '' = none. */
    readonly rekeyFrom: string;
  };
}

/** The repository root (two levels above dist/common/config or common/config). */
export const repoRoot = findRepoRoot(__dirname);

function findRepoRoot(from: string): string {
  const parts = from.split(path.sep);
  const distIndex = parts.lastIndexOf('dist');
  const base = distIndex >= 0 ? parts.slice(0, distIndex).join(path.sep) : path.resolve(from, '..', '..');
  return base || path.sep;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const read = settingReader(env, problems);
  // The sections are read in this order, so the problems are listed in it too.
  const config: Config = {
    home: read('home', (raw) => path.resolve(repoRoot, parseString(raw))),
    logLevel: read('logLevel', parseLogLevel),
    stopGraceMs: read('stopGraceMs', parsePositiveInt),
    logFormat: read('logFormat', parseLogFormat),
    kafka: kafkaSettings(read),
    hbase: hbaseSettings(read),
    hdfs: hdfsSettings(read),
    api: apiSettings(read),
    speed: speedSettings(read),
    rekey: { groupId: read('rekeyGroupId', parseString) },
    ingest: ingestSettings(read),
    landing: landingSettings(read),
    batch: batchSettings(read),
    metrics: metricsSettings(read),
    stack: stackSettings(read),
  };
  if (problems.length > 0) {
    throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return deepFreeze(config);
}

/** Reads one setting: its variable, else its default, through `parse`. */
type ReadSetting = <T>(name: SettingName, parse: (raw: string) => T) => T;

/** A reader that collects a bad value's problem instead of throwing, so all are reported at once. */
function settingReader(env: NodeJS.ProcessEnv, problems: string[]): ReadSetting {
  return <T>(name: SettingName, parse: (raw: string) => T): T => {
    const { env: variable, default: fallback, secret } = settings[name];
    const given = env[variable];
    const raw = given === undefined || given === '' ? fallback : given;
    try {
      return parse(raw);
    } catch (error) {
      // A secret's value (API keys) is never printed, only its length.
      problems.push(`${variable}=${secret ? `<secret, ${raw.length} characters>` : JSON.stringify(raw)}: ${(error as Error).message}`);
      return undefined as T;
    }
  };
}

function kafkaSettings(read: ReadSetting): Config['kafka'] {
  return {
    brokers: read('kafkaBrokers', (raw) => parseHostPortList(raw).map(({ host, port }) => `${host}:${port}`)),
    clientId: read('kafkaClientId', parseString),
    detectionsTopic: read('kafkaDetectionsTopic', parseString),
    deadLetterTopic: read('kafkaDeadLetterTopic', parseString),
    partitions: read('kafkaPartitions', parsePositiveInt),
    replicationFactor: read('kafkaReplicationFactor', parsePositiveInt),
  };
}

function hbaseSettings(read: ReadSetting): Config['hbase'] {
  return {
    zookeeperQuorum: read('hbaseZookeeperQuorum', parseHostPortList),
    zookeeperRoot: read('hbaseZookeeperRoot', parseHdfsPath),
    namespace: read('hbaseNamespace', parseString),
    user: read('hbaseUser', parseString),
    // The salt prefix is one byte, so at most 256 pre-split regions.
    regions: read('hbaseRegions', parseIntInRange(1, 256)),
    callTimeoutMs: read('hbaseCallTimeoutMs', parsePositiveInt),
    client: read('hbaseClient', parseHBaseClient),
  };
}

function hdfsSettings(read: ReadSetting): Config['hdfs'] {
  return {
    webhdfsUrl: read('hdfsWebhdfsUrl', parseHttpUrl),
    namenodeRpc: read('hdfsNamenodeRpc', parseString),
    user: read('hdfsUser', parseString),
    root: read('hdfsRoot', parseHdfsPath),
  };
}

function apiSettings(read: ReadSetting): Config['api'] {
  return {
    host: read('apiHost', parseString),
    port: read('apiPort', parseIntInRange(1, 65535)),
    viewerKeys: read('apiViewerKeys', parseKeyList),
    adminKeys: read('apiAdminKeys', parseKeyList),
    allowedHosts: read('apiAllowedHosts', parseNameList),
    maxRowKeys: read('apiMaxRowKeys', parsePositiveInt),
    maxReadsInFlight: read('apiMaxReadsInFlight', parseIntInRange(1, 1000)),
    rateLimitPerS: read('apiRateLimitPerS', parsePositiveInt),
    rateLimitBurst: read('apiRateLimitBurst', parsePositiveInt),
    maxRangeDays: read('apiMaxRangeDays', parseIntInRange(1, 3660)),
    maxPageSize: read('apiMaxPageSize', parseIntInRange(1, 100_000)),
    liveCacheMs: read('apiLiveCacheMs', parseNonNegativeInt),
    liveMaxStaleMs: read('apiLiveMaxStaleMs', parseNonNegativeInt),
    settledCacheMs: read('apiSettledCacheMs', parseNonNegativeInt),
    auditLog: read('apiAuditLog', parseBoolean),
  };
}

function speedSettings(read: ReadSetting): Config['speed'] {
  return {
    groupId: read('speedGroupId', parseString),
    sessionTimeoutMs: read('speedSessionTimeoutMs', parseIntInRange(6000, 300_000)),
    concurrency: read('speedConcurrency', parseIntInRange(1, 64)),
    lateAfterMs: read('speedLateAfterMs', parsePositiveInt),
    metricsIntervalMs: read('speedMetricsIntervalMs', parsePositiveInt),
    referencePollMs: read('speedReferencePollMs', parsePositiveInt),
    countCacheCells: read('speedCountCacheCells', parsePositiveInt),
    fetchBytesPerPartition: read('speedFetchBytesPerPartition', parseIntInRange(1024, 64 * 1024 * 1024)),
    poisonAttempts: read('speedPoisonAttempts', parsePositiveInt),
  };
}

function ingestSettings(read: ReadSetting): Config['ingest'] {
  return {
    host: read('ingestHost', parseString),
    port: read('ingestPort', parseIntInRange(1, 65535)),
    keys: read('ingestKeys', parseKeyList),
    allowedHosts: read('ingestAllowedHosts', parseNameList),
    maxBodyBytes: read('ingestMaxBodyBytes', parsePositiveInt),
    maxRecords: read('ingestMaxRecords', parsePositiveInt),
  };
}

function landingSettings(read: ReadSetting): Config['landing'] {
  return {
    groupId: read('landingGroupId', parseString),
    flushRows: read('landingFlushRows', parsePositiveInt),
    flushAgeMs: read('landingFlushAgeMs', parsePositiveInt),
  };
}

function batchSettings(read: ReadSetting): Config['batch'] {
  return {
    cron: read('batchCron', parseString),
    timeZone: read('batchTimeZone', parseString),
    closeGraceMin: read('batchCloseGraceMin', parseNonNegativeInt),
    topX: read('batchTopX', parseIntInRange(1, 1000)),
    landingRetentionDays: read('batchLandingRetentionDays', parsePositiveInt),
    workDir: read('batchWorkDir', (raw) => path.resolve(repoRoot, parseString(raw))),
    spillBuckets: read('batchSpillBuckets', parseIntInRange(1, 4096)),
    partRows: read('batchPartRows', parsePositiveInt),
    lockLeaseS: read('batchLockLeaseS', parsePositiveInt),
    engine: read('batchEngine', parseBatchEngine),
    sparkMaster: read('batchSparkMaster', parseString),
    sparkConf: read('batchSparkConf', parseSparkConf),
    sparkIo: read('batchSparkIo', (raw) => parseOneOf(raw, ['local', 'hdfs'] as const)),
    pysparkVersion: read('batchSparkPyspark', parseVersion),
    deadlineHour: read('batchDeadlineHour', (raw) => {
      const hour = parseNonNegativeInt(raw);
      if (hour > 23) throw new ConfigError('expected an hour from 0 to 23');
      return hour;
    }),
  };
}

function metricsSettings(read: ReadSetting): Config['metrics'] {
  return {
    host: read('metricsHost', parseString),
    speedPort: read('speedMetricsPort', parsePortOrOff),
    landingPort: read('landingMetricsPort', parsePortOrOff),
    batchPort: read('batchMetricsPort', parsePortOrOff),
  };
}

function stackSettings(read: ReadSetting): Config['stack'] {
  return {
    local: read('stackLocal', parseBoolean),
    hbaseRootdir: read('stackHbaseRootdir', (raw) => parseOneOf(raw, ['local', 'hdfs'] as const)),
    readyTimeoutS: read('stackReadyTimeoutS', parsePositiveInt),
    simulatorRate: read('startSimulatorRate', parseNonNegativeInt),
    rekeyFrom: read('startRekeyFrom', (raw) => raw.trim()),
  };
}

/**
 * The log format alone, for loggers made without a Config at hand (createLogger's
 * default). A bad value falls back to text here; loadConfig reports it.
 */
export function logFormatFrom(env: NodeJS.ProcessEnv = process.env): LogFormat {
  try {
    return parseLogFormat(env[settings.logFormat.env] || settings.logFormat.default);
  } catch {
    return 'text';
  }
}

/** The effective configuration as `VARIABLE=value` lines, secrets redacted, for start-up logs. */
export function describeConfig(env: NodeJS.ProcessEnv = process.env): string[] {
  return Object.values(settings).map((s) => {
    const given = env[s.env];
    const value = s.secret && given ? '<redacted>' : given || s.default;
    return `${s.env}=${value}${given ? '' : ' (default)'}`;
  });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !(value instanceof URL)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
