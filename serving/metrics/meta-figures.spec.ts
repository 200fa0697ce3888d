import { expect } from 'chai';
import { batchRunFigures, reconcileFigures } from './meta-figures';

describe('meta figures for /metrics', () => {
  it('reads a batch run: finish time, status, duration, phases summed over days', () => {
    const figures = batchRunFigures({
      runId: 'run-1',
      status: 'ok',
      finishedAt: '2026-11-21T02:10:00.000Z',
      durationMs: 4321,
      quarantined: [],
      days: [
        { day: '2026-11-19', phasesMs: { compaction: 1000, views: 500, reconciliation: 250 } },
        { day: '2026-11-20', phasesMs: { compaction: 2000, views: 0, reconciliation: 750 } },
      ],
    });
    expect(figures).to.deep.equal({
      finishedS: Date.parse('2026-11-21T02:10:00Z') / 1000,
      ok: true,
      durationS: 4.321,
      days: 2,
      quarantinedFiles: 0,
      phaseS: { compaction: 3, views: 0.5, reconciliation: 1 },
    });
    expect(batchRunFigures({ status: 'quarantined_files', quarantined: ['a', 'b'] })?.ok).to.equal(false);
    expect(batchRunFigures({ status: 'quarantined_files', quarantined: ['a', 'b'] })?.quarantinedFiles).to.equal(2);
    expect(batchRunFigures(null)).to.equal(undefined);
  });

  it('reads a reconciliation as differences found and repaired per kind, never its oids', () => {
    const figures = reconcileFigures({
      day: '2026-11-20',
      runId: 'run-1',
      detectionRows: {
        hbaseRows: 10,
        repaired: 3,
        repairedOids: ['9223372036854775807', '12345678901234567'],
        hbaseOnly: 2,
        hbaseOnlyOids: ['9007199254740993'],
        masked: 1,
        maskedOids: ['1'],
      },
      liveCounts: { cellsChecked: 100, cellsCorrected: 4, corrections: [] },
    });
    expect(figures).to.deep.equal({
      dayS: Date.parse('2026-11-20T00:00:00Z') / 1000,
      found: { missing_rows: 3, hbase_only_rows: 2, drifted_counts: 4 },
      repaired: { missing_rows: 2, hbase_only_rows: 0, drifted_counts: 4 },
    });
  });

  it('leaves out a check that was skipped beyond its TTL', () => {
    const figures = reconcileFigures({
      day: '2026-10-01',
      detectionRows: { skipped: 'beyond the detections TTL' },
      liveCounts: { skipped: 'beyond the live-counts TTL' },
    });
    expect(figures?.found).to.deep.equal({});
    expect(figures?.repaired).to.deep.equal({});
  });
});
