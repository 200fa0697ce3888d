// Waits until Kafka can serve consumer groups (and transactions), so the layers
// start against a broker that is ready instead of logging its start-up as
// errors. A broker that answers Metadata may still be creating or loading
// __consumer_offsets (and __transaction_state): its group coordinator then
// answers "not available" or "loading" for a few seconds. The check asks the
// real questions (FindCoordinator + DescribeGroups for each group the layers
// will use, FindCoordinator + InitProducerId for a transactional id) with
// kafkajs's own retries off and its logs silent, retries with backoff until a
// deadline, and says the outcome in one INFO line.

import type { Config } from '../config';
import { KafkaError } from '../errors';
import { createLogger, type Logger } from '../log';
import { retry } from '../retry';
import { createKafka, withKafkaAdmin } from './kafka-client';

export interface KafkaReadinessOptions {
  /** Consumer groups whose coordinator must answer. */
  readonly groupIds: readonly string[];
  /** Also wait for the transaction coordinator (the speed layer's dead letters use transactions). */
  readonly transactions: boolean;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

const silent: Logger = createLogger('kafkajs', 'error', () => undefined);

async function transactionCoordinatorAnswers(config: Config, transactionalId: string): Promise<void> {
  // An empty transaction: InitProducerId needs the coordinator; abort() of a
  // transaction with nothing in it sends nothing more.
  const producer = createKafka(config, { connectionTimeoutMs: 3000, retries: 1, clientIdSuffix: 'readiness', logger: silent }).producer({
    transactionalId,
    idempotent: true,
    maxInFlightRequests: 1,
  });
  try {
    await producer.connect();
    const transaction = await producer.transaction();
    await transaction.abort();
  } catch (error) {
    throw new KafkaError(`Kafka transaction coordinator: ${(error as Error).message}`, { retriable: true, cause: error });
  } finally {
    await producer.disconnect().catch(() => undefined);
  }
}

/** Resolves once the broker, the groups' coordinators (and the transaction coordinator) answer; throws after the timeout. */
export async function waitForKafkaReady(config: Config, log: Logger, options: KafkaReadinessOptions): Promise<void> {
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? 120_000;
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([deadline, options.signal]) : deadline;
  let attempts = 0;
  let lastProblem = '';
  try {
    await retry(
      async () => {
        attempts++;
        await withKafkaAdmin(config, { connectionTimeoutMs: 3000, retries: 0, logger: silent }, async (admin) => {
          await admin.describeCluster();
          // One group per call: kafkajs asks only the first group's coordinator otherwise.
          for (const groupId of options.groupIds) await admin.describeGroups([groupId]);
        });
        // Named after the first group, so two worlds on one broker never fence each other's check.
        if (options.transactions)
          await transactionCoordinatorAnswers(config, `${options.groupIds[0] ?? config.kafka.clientId}.readiness-check`);
      },
      {
        retries: Infinity,
        initialDelayMs: 250,
        maxDelayMs: 2000,
        signal,
        onRetry: (error) => {
          lastProblem = (error as Error).message;
          log.debug(`Kafka not ready yet: ${lastProblem}`);
        },
      },
    );
  } catch (error) {
    if (options.signal?.aborted) return;
    throw new KafkaError(
      `Kafka at ${config.kafka.brokers.join(',')} did not become ready for consumer groups within ${Math.round(timeoutMs / 1000)} s (last answer: ${lastProblem || (error as Error).message})`,
      { retriable: true, cause: error },
    );
  }
  const what = [`group coordinator for ${options.groupIds.join(', ')}`, ...(options.transactions ? ['transaction coordinator'] : [])].join(
    ' and ',
  );
  const waited = attempts > 1 ? ` after ${((Date.now() - started) / 1000).toFixed(1)} s of start-up` : '';
  log.info(`Kafka ready: ${what} answer${waited}`);
}
