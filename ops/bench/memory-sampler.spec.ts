import { expect } from 'chai';
import { parseSample } from './memory-sampler';

describe('memory sampler', () => {
  it('reads the four gauges of a Prometheus exposition, in MB', () => {
    const text = [
      '# HELP process_resident_memory_bytes Resident memory size in bytes.',
      'process_resident_memory_bytes 314572800',
      'nodejs_heap_size_total_bytes 209715200',
      'nodejs_heap_size_used_bytes 104857600',
      'nodejs_external_memory_bytes 52428800',
    ].join('\n');
    expect(parseSample(text)).to.deep.equal({ rssMb: 300, heapUsedMb: 100, heapTotalMb: 200, externalMb: 50 });
  });

  it('gives nothing when a gauge is missing', () => {
    expect(parseSample('process_resident_memory_bytes 1\n')).to.equal(undefined);
  });
});
