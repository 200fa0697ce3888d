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

  it("exposes a counter store's tally as read at each scrape", async () => {
    const metrics = new SpeedMetrics('i3', 'g', { defaultMetrics: false });
    const tally = { read: 2, knownEmpty: 5, forgottenResets: 0 };
    metrics.observeCounterCells(tally);
    expect(await metrics.registry.metrics()).to.include('utopia_speed_counter_cells_total{source="known_empty"} 5');
    tally.knownEmpty = 9;
    tally.forgottenResets = 1;
    const text = await metrics.registry.metrics();
    expect(text).to.include('utopia_speed_counter_cells_total{source="read"} 2');
    expect(text).to.include('utopia_speed_counter_cells_total{source="known_empty"} 9');
    expect(text).to.include('utopia_speed_forgotten_cells_filter_resets_total 1');
  });

  it('exposes the default process and Node metrics in its own registry', async () => {
    const text = await new SpeedMetrics('i2', 'g').registry.metrics();
    expect(text).to.match(/^process_cpu_seconds_total \d/m);
    expect(text).to.match(/^nodejs_heap_size_used_bytes \d/m);
    expect(text).to.include('nodejs_eventloop_lag_seconds');
    expect(text).to.include('nodejs_gc_duration_seconds');
  });
});
