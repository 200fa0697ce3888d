import { expect } from 'chai';
import { exposedSampleNames, promqlMetricNames } from './promql-metric-names';

describe('PromQL metric names', () => {
  it('finds the metrics of an expression, not its functions, labels, strings or numbers', () => {
    expect(
      promqlMetricNames(
        'histogram_quantile(0.99, sum by (le, route) (rate(utopia_api_request_duration_seconds_bucket{job="utopia-api", route=~"/api/v1/.*"}[5m]))) > 0.05',
      ),
    ).to.deep.equal(['utopia_api_request_duration_seconds_bucket']);
    expect(
      promqlMetricNames('time() - utopia_batch_watermark_timestamp_seconds{job="a"} > 172800 + 3600 * utopia_batch_deadline_hour'),
    ).to.deep.equal(['utopia_batch_deadline_hour', 'utopia_batch_watermark_timestamp_seconds']);
    expect(
      promqlMetricNames('sum without (outcome) (increase(x_total{outcome="dead_letters"}[10m])) / on (job) group_left (kind) y offset 1h'),
    ).to.deep.equal(['x_total', 'y']);
    expect(promqlMetricNames('up{job=~"utopia-.*"} == 0 and on() hour() >= 4')).to.deep.equal(['up']);
    expect(promqlMetricNames('rate(a[$__rate_interval]) * 1e3')).to.deep.equal(['a']);
  });

  it('reads the sample names of an exposition', () => {
    const text = '# HELP a_total x\n# TYPE a_total counter\na_total{x="1"} 3\nb_bucket{le="+Inf"} 1\nb_sum 2\nb_count 1\n';
    expect([...exposedSampleNames(text)].sort()).to.deep.equal(['a_total', 'b_bucket', 'b_count', 'b_sum']);
  });
});
