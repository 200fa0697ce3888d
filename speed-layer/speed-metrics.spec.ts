import { expect } from 'chai';
import { SpeedMetrics } from './speed-metrics';

describe('speed metrics', () => {
  it('counts messages by outcome and dead letters by reason, with every reason present from the start', async () => {
    const metrics = new SpeedMetrics('i1', 'speed-group', { defaultMetrics: false });
    let text = await metrics.registry.metrics();
    expect(text).to.include('utopia_speed_dead_letters_total{reason="key_mismatch"} 0');
    expect(text).to.include('utopia_speed_messages_total{outcome="accepted"} 0');
    metrics.recordOutcomes({ accepted: 5, duplicates: 2, dead_letters: 2, late: 1, unknown_location: 0 }, [
      { rejection: { reason: 'malformed_json' } },
      { rejection: { reason: 'malformed_json' } },
    ]);
    metrics.recordBatch(0, 9, 40, 12, Date.now());
    text = await metrics.registry.metrics();
    expect(text).to.include('utopia_speed_messages_total{outcome="accepted"} 5');
    expect(text).to.include('utopia_speed_messages_total{outcome="dead_letters"} 2');
    expect(text).to.include('utopia_speed_dead_letters_total{reason="malformed_json"} 2');
    expect(text).to.include('utopia_speed_batch_duration_seconds_count 1');
    expect(text).to.include('utopia_consumer_lag_messages{group="speed-group",partition="0"} 12');
    expect(metrics.snapshot().lagByPartition).to.deep.equal({ '0': 12 });
  });

  it('exposes the default process and Node metrics in its own registry', async () => {
    const text = await new SpeedMetrics('i2', 'g').registry.metrics();
    expect(text).to.match(/^process_cpu_seconds_total \d/m);
    expect(text).to.match(/^nodejs_heap_size_used_bytes \d/m);
    expect(text).to.include('nodejs_eventloop_lag_seconds');
    expect(text).to.include('nodejs_gc_duration_seconds');
  });
});
