import { expect } from 'chai';
import { gaugeValue, histogramFigures, seriesValue } from './prometheus-text';

describe('prometheus text', () => {
  const text = [
    'process_resident_memory_bytes 1.5e6',
    'utopia_x_seconds_bucket{operation="puts",le="0.1"} 3',
    'utopia_x_seconds_sum{operation="puts",table="a"} 1.5',
    'utopia_x_seconds_count{operation="puts",table="a"} 3',
    'utopia_x_seconds_sum{operation="mget",table="a"} 0',
    'utopia_x_seconds_count{operation="mget",table="a"} 0',
    'utopia_cells_total{source="read"} 7',
    'utopia_cells_total{source="read_more"} 9',
  ].join('\n');

  it('reads a gauge, also in exponent form', () => {
    expect(gaugeValue(text, 'process_resident_memory_bytes')).to.equal(1.5e6);
    expect(gaugeValue(text, 'nodejs_heap_size_used_bytes')).to.equal(undefined);
  });

  it('reads one labelled series, and no other sharing its prefix', () => {
    expect(seriesValue(text, 'utopia_cells_total', 'source', 'read')).to.equal(7);
    expect(seriesValue(text, 'utopia_cells_total', 'source', 'known_empty')).to.equal(undefined);
  });

  it('gives count and mean per histogram series', () => {
    const figures = histogramFigures(text, 'utopia_x_seconds');
    expect(figures.get('operation="puts",table="a"')).to.deep.equal({ count: 3, mean: 0.5 });
    expect(figures.get('operation="mget",table="a"')).to.deep.equal({ count: 0, mean: 0 });
  });
});
