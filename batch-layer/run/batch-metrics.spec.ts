import { expect } from 'chai';
import { BatchMetrics } from './batch-metrics';

describe('batch metrics', () => {
  it('observes phase durations per day, runs by status and the last success', async () => {
    const metrics = new BatchMetrics(undefined, { defaultMetrics: false });
    metrics.finished(
      { days: [{ durationMs: 4000, phasesMs: { compaction: 2000, views: 1000, reconciliation: 500 } }], exitCode: 0 },
      5000,
      Date.parse('2026-11-21T02:00:05Z'),
    );
    metrics.failed();
    const text = await metrics.registry.metrics();
    expect(text).to.include('utopia_batch_runs_total{status="ok"} 1');
    expect(text).to.include('utopia_batch_runs_total{status="failed"} 1');
    expect(text).to.include('utopia_batch_runs_total{status="quarantined_files"} 0');
    expect(text).to.include('utopia_batch_phase_duration_seconds_sum{phase="compaction"} 2');
    expect(text).to.include('utopia_batch_phase_duration_seconds_count{phase="day"} 1');
    expect(text).to.include('utopia_batch_run_duration_seconds_sum 5');
    expect(text).to.include(`utopia_batch_last_success_timestamp_seconds ${Date.parse('2026-11-21T02:00:05Z') / 1000}`);
  });
});
