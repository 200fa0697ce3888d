import { expect } from 'chai';
import { EOS_WARNING, judgeKafkaLog, KAFKAJS_LEVEL, type KafkaLogState } from './kafkajs-log';

describe('kafkajs log entries', () => {
  const starting = (): KafkaLogState => ({ startingUp: true, eosNoted: false });
  const running = (): KafkaLogState => ({ startingUp: false, eosNoted: false });
  const loading = {
    level: KAFKAJS_LEVEL.ERROR,
    namespace: 'Connection',
    message: 'Response FindCoordinator(key: 10, version: 2)',
    error: "The coordinator is loading and hence can't process requests for this group",
  };

  it("makes a starting broker's coordinator answers DEBUG during start-up, WARN after it", () => {
    expect(judgeKafkaLog(loading, starting())).to.deep.equal({
      level: 'debug',
      text: `[Connection] Response FindCoordinator(key: 10, version: 2): ${loading.error}`,
    });
    expect(judgeKafkaLog(loading, running()).level).to.equal('warn');
    for (const error of ['The group coordinator is not available', 'This is not the correct coordinator for this group']) {
      expect(judgeKafkaLog({ ...loading, error }, starting()).level, error).to.equal('debug');
    }
    expect(
      judgeKafkaLog(
        { level: KAFKAJS_LEVEL.ERROR, namespace: 'Runner', message: 'The coordinator is not aware of this member, re-joining the group' },
        starting(),
      ).level,
    ).to.equal('debug');
    // Seen on a fresh broker: the dead-letter producer's first transaction while its fenced predecessor's completes.
    const concurrent =
      'The producer attempted to update a transaction while another concurrent operation on the same transaction was ongoing';
    expect(
      judgeKafkaLog({ level: KAFKAJS_LEVEL.ERROR, namespace: 'Producer', message: `Failed to send messages: ${concurrent}` }, starting())
        .level,
    ).to.equal('debug');
    expect(
      judgeKafkaLog(
        {
          level: KAFKAJS_LEVEL.ERROR,
          namespace: 'Connection',
          message: 'Response AddPartitionsToTxn(key: 24, version: 1)',
          error: concurrent,
        },
        running(),
      ).level,
    ).to.equal('warn');
  });

  it('logs a rebalance as INFO once running', () => {
    const entry = { level: KAFKAJS_LEVEL.WARN, namespace: 'Runner', message: 'The group is rebalancing, re-joining' };
    expect(judgeKafkaLog(entry, starting()).level).to.equal('debug');
    expect(judgeKafkaLog(entry, running()).level).to.equal('info');
  });

  it('says the EoS warning once, at DEBUG, with why it is harmless here', () => {
    const state = starting();
    const entry = { level: KAFKAJS_LEVEL.WARN, namespace: 'Producer', message: EOS_WARNING };
    const first = judgeKafkaLog(entry, state);
    expect(first.level).to.equal('debug');
    expect(first.text).to.match(/harmless here: .*transaction/);
    expect(judgeKafkaLog(entry, state).level).to.equal(undefined);
  });

  it('keeps other errors and warnings at their level, at any time, and INFO as DEBUG', () => {
    expect(
      judgeKafkaLog(
        { level: KAFKAJS_LEVEL.ERROR, namespace: 'Consumer', message: 'Crash: KafkaJSNumberOfRetriesExceeded: boom' },
        starting(),
      ).level,
    ).to.equal('error');
    expect(judgeKafkaLog({ level: KAFKAJS_LEVEL.WARN, namespace: 'Cluster', message: 'something odd' }, starting()).level).to.equal('warn');
    expect(judgeKafkaLog({ level: KAFKAJS_LEVEL.INFO, namespace: 'Consumer', message: 'Starting' }, running()).level).to.equal('debug');
  });
});
