import { expect } from 'chai';
import { ConfigError } from '../errors';
import { describeConfig, loadConfig } from './config';

describe('loadConfig', () => {
  it('gives local-stack defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config.kafka.brokers).to.deep.equal(['127.0.0.1:9092']);
    expect(config.kafka.partitions).to.equal(12);
    expect(config.hbase.zookeeperQuorum).to.deep.equal([{ host: '127.0.0.1', port: 2181 }]);
    expect(config.hdfs.webhdfsUrl.toString()).to.equal('http://127.0.0.1:9870/');
    expect(config.stack.local).to.equal(true);
    expect(Object.isFrozen(config.kafka)).to.equal(true);
  });

  it('reads overrides from the environment', () => {
    const config = loadConfig({
      KAFKA_BROKERS: 'a:1, b:2',
      KAFKA_PARTITIONS: '24',
      UTOPIA_LOCAL_STACK: 'false',
      HDFS_ROOT: '/data/utopia/',
    });
    expect(config.kafka.brokers).to.deep.equal(['a:1', 'b:2']);
    expect(config.kafka.partitions).to.equal(24);
    expect(config.stack.local).to.equal(false);
    expect(config.hdfs.root).to.equal('/data/utopia');
  });

  it('names every bad variable in one error', () => {
    const error = (() => {
      try {
        loadConfig({ KAFKA_PARTITIONS: 'twelve', HBASE_ZOOKEEPER_QUORUM: 'nohost', HBASE_REGIONS: '300', HDFS_ROOT: 'relative' });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).to.be.instanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).to.include('KAFKA_PARTITIONS="twelve"');
    expect(message).to.include('HBASE_ZOOKEEPER_QUORUM="nohost"');
    expect(message).to.include('HBASE_REGIONS="300": expected a whole number from 1 to 256');
    expect(message).to.include('HDFS_ROOT="relative"');
  });

  it('chooses the HBase client: native by default, legacy as the fallback, nothing else', () => {
    expect(loadConfig({}).hbase.client).to.equal('native');
    expect(loadConfig({ HBASE_CLIENT: ' Legacy ' }).hbase.client).to.equal('legacy');
    expect(() => loadConfig({ HBASE_CLIENT: 'fast' })).to.throw(ConfigError, 'HBASE_CLIENT="fast": expected native or legacy');
  });

  it("bounds the speed layer's Kafka fetch per partition: 256 KiB by default, 1 KiB to 64 MiB", () => {
    expect(loadConfig({}).speed.fetchBytesPerPartition).to.equal(262_144);
    expect(loadConfig({ SPEED_FETCH_BYTES_PER_PARTITION: '65536' }).speed.fetchBytesPerPartition).to.equal(65_536);
    for (const bad of ['512', '68000000', '64k'])
      expect(() => loadConfig({ SPEED_FETCH_BYTES_PER_PARTITION: bad })).to.throw(ConfigError, `SPEED_FETCH_BYTES_PER_PARTITION="${bad}"`);
  });

  it('describes the effective configuration, marking defaults', () => {
    const lines = describeConfig({ KAFKA_BROKERS: 'k:9' });
    expect(lines).to.include('KAFKA_BROKERS=k:9');
    expect(lines).to.include('HDFS_USER=utopia (default)');
  });
});
