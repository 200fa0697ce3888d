import { expect } from 'chai';
import { numericLeaves, renderMetrics } from './prometheus-text';

describe('prometheus text', () => {
  it('renders help, type and escaped labels', () => {
    const text = renderMetrics([{ name: 'utopia_x', help: 'an x', type: 'gauge', samples: [{ labels: { group: 'a"b' }, value: 3 }, { value: Infinity }] }]);
    expect(text).to.equal('# HELP utopia_x an x\n# TYPE utopia_x gauge\nutopia_x{group="a\\"b"} 3\nutopia_x +Inf\n');
  });

  it('finds numeric leaves of a report', () => {
    expect(numericLeaves({ day: '2026-11-20', durations: { totalMs: 12 }, rows: '42', ok: true, days: [{ ms: 3 }] })).to.deep.equal([['durations.totalMs', 12], ['rows', 42], ['days.0.ms', 3]]);
  });
});
