// The Kafka store adapter: builds kafkajs clients from the Config, with kafkajs
// logs routed to our logger, and wraps the admin calls the project uses.

import { Kafka, logLevel as KafkaLogLevel, type Admin, type KafkaConfig, type logCreator } from 'kafkajs';
import type { Config } from '../config';
import { KafkaError } from '../errors';
import { createLogger, type Logger } from '../log';

export interface KafkaClientOptions {
  /** Per-connection timeout; short for probes, longer for workers. */
  connectionTimeoutMs?: number;
  /** kafkajs retries per request (its own backoff); 0 for probes that must fail fast. */
  retries?: number;
  clientIdSuffix?: string;
  logger?: Logger;
}

function logCreatorFor(logger: Logger): logCreator {
  return () => ({ level, log }) => {
    const text = `${log.message}${log.error ? `: ${log.error}` : ''}`;
    if (level === KafkaLogLevel.ERROR) logger.error(text);
    else if (level === KafkaLogLevel.WARN) logger.warn(text);
    else if (level === KafkaLogLevel.INFO) logger.debug(text);
  };
}

export function createKafka(config: Config, options: KafkaClientOptions = {}): Kafka {
  const logger = options.logger ?? createLogger('kafkajs', config.logLevel);
  const kafkaConfig: KafkaConfig = {
    clientId: options.clientIdSuffix ? `${config.kafka.clientId}-${options.clientIdSuffix}` : config.kafka.clientId,
    brokers: [...config.kafka.brokers],
    connectionTimeout: options.connectionTimeoutMs ?? 3000,
    requestTimeout: 30_000,
    retry: { retries: options.retries ?? 8, initialRetryTime: 200, maxRetryTime: 10_000 },
    logLevel: KafkaLogLevel.WARN,
    logCreator: logCreatorFor(logger),
  };
  return new Kafka(kafkaConfig);
}

/** Runs `body` with a connected admin client and always disconnects it. */
export async function withKafkaAdmin<T>(config: Config, options: KafkaClientOptions, body: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = createKafka(config, { ...options, logger: options.logger ?? silentLogger }).admin();
  try {
    await admin.connect();
    return await body(admin);
  } catch (error) {
    throw new KafkaError(`Kafka at ${config.kafka.brokers.join(',')}: ${(error as Error).message}`, { retriable: true, cause: error });
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

const silentLogger: Logger = createLogger('kafkajs', 'error', () => undefined);
