import { expect } from 'chai';
import { formatDuration, progressFigures, progressLine } from './progress-line';

describe('progress line', () => {
  const state = { phase: 'compaction', unit: 'rows', done: 120_000, total: 1_000_000, startedAt: 0 };

  it('gives rate and time left from the work done since the phase started', () => {
    expect(progressFigures(state, 3000)).to.deep.equal({ rate: 40_000, etaS: 22 });
    expect(progressLine(state, 3000)).to.equal('compaction: 120,000/1,000,000 rows (12 %), 40,000 rows/s, 22 s left');
  });

  it('has no time left without a total, nor a rate in the first instant', () => {
    expect(progressLine({ ...state, total: undefined }, 4000)).to.equal('compaction: 120,000 rows, 30,000 rows/s');
    expect(progressFigures(state, 0)).to.deep.equal({ rate: 0, etaS: undefined });
  });

  it('writes durations in the largest fitting units', () => {
    expect([formatDuration(59.4), formatDuration(125), formatDuration(7300)]).to.deep.equal(['59 s', '2 min 5 s', '2 h 1 min']);
  });
});
