// Runs one chunk of a partition so that a poison event or cell never stalls it:
//  - a retriable failure (a store outage: HBase or Kafka down) is waited out,
//    however long, and dead-letters nothing;
//  - a corrupt stored cell (CorruptCellError) is quarantined and the chunk tried again;
//  - any other failure gets a small budget of attempts (`attempts`); when it is
//    spent and the failure is attributable to the events (not a store error:
//    a RangeError, a TypeError, a contract ValidationError...), the chunk is cut
//    in halves, in offset order, until the one event that fails alone is found.
//    That event is dead-lettered with reason 'processing_failed' and the error,
//    and the events behind it proceed. Store errors that are not retriable are
//    thrown (the consumer restarts): they say nothing about one event.
// Every processing step is idempotent (lineage- and offset-guarded writes), so a
// half that succeeded before its neighbour failed is never counted twice.

import type { Rejection } from '../common/contract';
import { ContractError, CorruptCellError, errorMessage, isStoreError, UtopiaError, ValidationError } from '../common/errors';
import { kafkaFailure } from '../common/kafka';
import { retry, type RetryOptions } from '../common/retry';
import type { CellQuarantine } from './cell-quarantine';
import type { RejectedMessages } from './classify-batch';
import type { ConsumedMessage } from './consumed-message';
import type { BatchPlan } from './plan-batch';

export type ChunkProcessor = (messages: readonly ConsumedMessage[], rejected: RejectedMessages) => Promise<BatchPlan>;

export interface ChunkRunnerOptions {
  readonly process: ChunkProcessor;
  readonly quarantineCell: CellQuarantine;
  /** Attempts a failure that is not retriable gets before the chunk is cut. */
  readonly attempts: number;
  /** Backoff, abort signal, bail (e.g. a revoked partition) and logging of the retries. */
  readonly retry: Pick<RetryOptions, 'initialDelayMs' | 'maxDelayMs' | 'signal' | 'bail' | 'onRetry' | 'random'>;
  readonly onPoison?: (message: ConsumedMessage, rejection: Rejection, error: unknown) => void;
  readonly onQuarantine?: (error: CorruptCellError) => void;
  /** Cells quarantined per chunk before giving up (a cell that comes back corrupt is a store problem). */
  readonly maxQuarantines?: number;
}

/** A cell was quarantined: try again at once. */
class CellQuarantined extends UtopiaError {
  constructor(cause: CorruptCellError) {
    super(`quarantined ${cause.message}`, { retriable: true, cause });
  }
}

/** The merged plan of the whole chunk (its dead letters in offset order) once HBase holds it. */
export async function runChunk(messages: readonly ConsumedMessage[], options: ChunkRunnerOptions): Promise<BatchPlan> {
  const rejected = new Map<string, Rejection>();
  const plans: BatchPlan[] = [];
  let quarantines = 0;
  const maxQuarantines = options.maxQuarantines ?? 100;

  const attempt = async (span: readonly ConsumedMessage[]): Promise<BatchPlan> =>
    retry(
      async () => {
        try {
          return await options.process(span, rejected);
        } catch (error) {
          if (!(error instanceof CorruptCellError) || ++quarantines > maxQuarantines) throw error;
          await options.quarantineCell(error);
          options.onQuarantine?.(error);
          throw new CellQuarantined(error);
        }
      },
      { ...options.retry, retries: Infinity, fatalAttempts: options.attempts },
    );

  const run = async (span: readonly ConsumedMessage[]): Promise<void> => {
    try {
      plans.push(await attempt(span));
      return;
    } catch (error) {
      if (!attributable(error) || options.retry.signal?.aborted || options.retry.bail?.(error)) throw error;
      if (span.length > 1) {
        const half = Math.ceil(span.length / 2);
        await run(span.slice(0, half));
        await run(span.slice(half));
        return;
      }
      const message = span[0] as ConsumedMessage;
      const rejection: Rejection = {
        ok: false,
        reason: 'processing_failed',
        message: `storing the event failed ${options.attempts} times: ${describe(error)}`,
      };
      rejected.set(message.offset, rejection);
      options.onPoison?.(message, rejection, error);
      plans.push(await attempt(span)); // now a dead letter: only its quality counter is written
    }
  };

  await run(messages);
  return mergePlans(plans);
}

/** Failures a single event can cause: anything but a store error or our own typed control errors (data that breaks a contract is the event's). */
function attributable(error: unknown): boolean {
  if (isStoreError(error) || kafkaFailure(error) !== undefined) return false;
  return !(error instanceof UtopiaError) || error instanceof ValidationError || error instanceof ContractError;
}

function describe(error: unknown): string {
  const name = error instanceof Error ? error.name : typeof error;
  return `${name}: ${errorMessage(error)}`.slice(0, 500);
}

function mergePlans(plans: readonly BatchPlan[]): BatchPlan {
  if (plans.length === 1) return plans[0] as BatchPlan;
  const figures = { accepted: 0, duplicates: 0, dead_letters: 0, late: 0, unknown_location: 0 };
  for (const plan of plans) for (const key of Object.keys(figures) as (keyof typeof figures)[]) figures[key] += plan.figures[key];
  return {
    rows: plans.flatMap((p) => p.rows),
    counters: plans.flatMap((p) => p.counters),
    deadLetters: plans.flatMap((p) => p.deadLetters),
    figures,
  };
}
