import { expect } from 'chai';
import { ConsumerLagMetrics } from './consumer-lag-metrics';
import { createMetricsRegistry } from './metrics-registry';

describe('consumer lag metrics', () => {
  it('gives lag in messages and the age of the oldest unprocessed event, growing while nothing is processed', async () => {
    let now = 1_000_000;
    const registry = createMetricsRegistry({ defaultMetrics: false });
    const lag = new ConsumerLagMetrics(registry, 'g1', () => now);
    lag.started(3, now - 30_000); // a chunk starts whose first event is 30 s old
    expect(await registry.metrics()).to.include('utopia_consumer_lag_seconds{group="g1",partition="3"} 30');
    now += 10_000; // stalled on it for 10 s
    expect(await registry.metrics()).to.include('utopia_consumer_lag_seconds{group="g1",partition="3"} 40');
    lag.done(3, 500, now - 5_000); // 500 behind; the newest processed event is 5 s old: an upper bound of the next one's age
    let text = await registry.metrics();
    expect(text).to.include('utopia_consumer_lag_messages{group="g1",partition="3"} 500');
    expect(text).to.include('utopia_consumer_lag_seconds{group="g1",partition="3"} 5');
    lag.done(3, 0, now - 1_000); // caught up
    text = await registry.metrics();
    expect(text).to.include('utopia_consumer_lag_messages{group="g1",partition="3"} 0');
    expect(text).to.include('utopia_consumer_lag_seconds{group="g1",partition="3"} 0');
    lag.forget();
    expect(await registry.metrics()).not.to.include('partition="3"');
  });

  it('keeps registries apart: two consumers in one process do not share series', async () => {
    const a = createMetricsRegistry({ defaultMetrics: false });
    const b = createMetricsRegistry({ defaultMetrics: false });
    new ConsumerLagMetrics(a, 'ga').done(1, 7, 0);
    new ConsumerLagMetrics(b, 'gb');
    expect(await a.metrics()).to.include('utopia_consumer_lag_messages{group="ga",partition="1"} 7');
    expect(await b.metrics()).not.to.include('group="ga"');
  });
});
