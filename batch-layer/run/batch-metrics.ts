// The nightly batch's Prometheus metrics in `utopia batch schedule` (exposed on
// BATCH_METRICS_PORT): runs by status, phase durations of each compacted day,
// and the time of the last successful run. A one-shot `utopia batch run`
// exposes no endpoint: the API exports its figures from meta batch/last-run.

import fs from 'node:fs';
import path from 'node:path';
import { Counter, Gauge, Histogram } from 'prom-client';
import { createMetricsRegistry, type Registry, type RegistryOptions } from '../../common/metrics';
import type { DayReport } from '../report/day-report';

export const BATCH_PHASES = ['compaction', 'views', 'reconciliation', 'day'] as const;
export const BATCH_RUN_STATUSES = ['ok', 'quarantined_files', 'failed'] as const;

export class BatchMetrics {
  readonly registry: Registry;
  readonly runs: Counter<'status'>;
  readonly phaseSeconds: Histogram<'phase'>;
  readonly runSeconds: Histogram;
  readonly lastSuccess: Gauge;

  /** `workDir`: the spill folder (BATCH_WORK_DIR), whose disk space is exported for the disk-filling alert. */
  constructor(workDir?: string, options: RegistryOptions = {}) {
    this.registry = createMetricsRegistry(options);
    const registers = [this.registry];
    this.runs = new Counter({
      name: 'utopia_batch_runs_total',
      help: 'Batch runs of this scheduler by status (ok, quarantined_files, failed).',
      labelNames: ['status'],
      registers,
    });
    for (const status of BATCH_RUN_STATUSES) this.runs.inc({ status }, 0);
    const buckets = [1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200];
    this.phaseSeconds = new Histogram({
      name: 'utopia_batch_phase_duration_seconds',
      help: 'Duration of each phase of each compacted day (compaction, views, reconciliation; day = the whole day).',
      labelNames: ['phase'],
      buckets,
      registers,
    });
    for (const phase of BATCH_PHASES) this.phaseSeconds.zero({ phase });
    this.runSeconds = new Histogram({
      name: 'utopia_batch_run_duration_seconds',
      help: 'Duration of a whole batch run (every day it compacted).',
      buckets,
      registers,
    });
    if (workDir !== undefined) {
      const statfs = (): fs.StatsFs | undefined => {
        try {
          return fs.statfsSync(fs.existsSync(workDir) ? workDir : path.dirname(workDir));
        } catch {
          return undefined;
        }
      };
      new Gauge({
        name: 'utopia_batch_work_dir_free_bytes',
        help: 'Free space of the file system holding BATCH_WORK_DIR (the batch spills a day there).',
        registers,
        collect() {
          const stats = statfs();
          if (stats) this.set(stats.bavail * stats.bsize);
        },
      });
      new Gauge({
        name: 'utopia_batch_work_dir_size_bytes',
        help: 'Size of the file system holding BATCH_WORK_DIR.',
        registers,
        collect() {
          const stats = statfs();
          if (stats) this.set(stats.blocks * stats.bsize);
        },
      });
    }
    this.lastSuccess = new Gauge({
      name: 'utopia_batch_last_success_timestamp_seconds',
      help: 'When the last batch run of this scheduler finished without failing (epoch seconds; 0 before the first).',
      registers,
    });
  }

  finished(
    result: { readonly days: readonly Pick<DayReport, 'durationMs' | 'phasesMs'>[]; readonly exitCode: number },
    durationMs: number,
    nowMs = Date.now(),
  ): void {
    for (const day of result.days) {
      this.phaseSeconds.observe({ phase: 'compaction' }, day.phasesMs.compaction / 1000);
      this.phaseSeconds.observe({ phase: 'views' }, day.phasesMs.views / 1000);
      this.phaseSeconds.observe({ phase: 'reconciliation' }, day.phasesMs.reconciliation / 1000);
      this.phaseSeconds.observe({ phase: 'day' }, day.durationMs / 1000);
    }
    this.runSeconds.observe(durationMs / 1000);
    this.runs.inc({ status: result.exitCode === 0 ? 'ok' : 'quarantined_files' });
    this.lastSuccess.set(nowMs / 1000);
  }

  failed(): void {
    this.runs.inc({ status: 'failed' });
  }
}
