// The Kafka store adapter: builds kafkajs clients from the Config, with kafkajs
// logs routed to our logger (judged by kafkajs-log.ts), and wraps the admin
// calls the project uses.

import { Kafka, logLevel as KafkaLogLevel, type Admin, type KafkaConfig, type logCreator } from 'kafkajs';
import type { Config } from '../config';
import { errorMessage, KafkaError } from '../errors';
import { createLogger, type Logger } from '../log';
import { judgeKafkaLog } from './kafkajs-log';

export interface KafkaClientOptions {
  /** Per-connection timeout; short for probes, longer for workers. */
  connectionTimeoutMs?: number;
  /** kafkajs retries per request (its own backoff); 0 for probes that must fail fast. */
  retries?: number;
  clientIdSuffix?: string;
  logger?: Logger;
}

/**
 * How long after a client is made its transient coordinator and leader answers
 * count as start-up (DEBUG): a fresh broker loads __consumer_offsets and
 * __transaction_state within seconds; two minutes leaves room on a busy machine.
 */
export const KAFKA_START_UP_MS = 120_000;

/** One per process: kafkajs warns about bounded retries once per idempotent producer. */
const eosState = { noted: false };

function logCreatorFor(logger: Logger, now: () => number = Date.now): logCreator {
  const createdAt = now();
  return () =>
    ({ level, namespace, log }) => {
      const state = { startingUp: now() - createdAt < KAFKA_START_UP_MS, eosNoted: eosState.noted };
      const error = (log as { error?: unknown }).error;
      const verdict = judgeKafkaLog(
        { level, namespace, message: log.message, ...(error === undefined ? {} : { error: errorMessage(error) }) },
        state,
      );
      eosState.noted = state.eosNoted;
      if (verdict.level) logger[verdict.level](verdict.text);
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
    // INFO entries become DEBUG lines; kafkajs builds DEBUG entries (whole
    // requests and responses) only when our level asks for them.
    logLevel: config.logLevel === 'debug' ? KafkaLogLevel.INFO : KafkaLogLevel.WARN,
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
