import { expect } from 'chai';
import { KafkaJSConnectionError, KafkaJSNonRetriableError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } from 'kafkajs';
import { HBaseError } from './errors';
import { isRetriable, retry } from './retry';

function protocolError(type: string, retriable: boolean): KafkaJSProtocolError {
  return new KafkaJSProtocolError(Object.assign(new Error(type), { type, code: 1, retriable }));
}

const fast = { initialDelayMs: 1, maxDelayMs: 1 };

describe('retry: typed errors', () => {
  it('retries kafkajs errors by their retriable flag and type, and unknown errors not at all', () => {
    expect(isRetriable(new KafkaJSConnectionError('connection refused'))).to.equal(true);
    expect(isRetriable(protocolError('NOT_LEADER_OR_FOLLOWER', true))).to.equal(true);
    expect(isRetriable(protocolError('MESSAGE_TOO_LARGE', false))).to.equal(false);
    expect(isRetriable(new KafkaJSNonRetriableError('closed consumer'))).to.equal(false);
    expect(isRetriable(new RangeError('The value of "value" is out of range'))).to.equal(false);
    expect(isRetriable(new TypeError('x is undefined'))).to.equal(false);
    expect(isRetriable(new HBaseError('down', { retriable: true }))).to.equal(true);
  });

  it('judges kafkajs\' "retries exceeded" by the failure it wraps: an outage stays retriable', () => {
    const outage = new KafkaJSNumberOfRetriesExceeded(new KafkaJSConnectionError('ECONNREFUSED'), { retryCount: 5, retryTime: 100 });
    expect(isRetriable(outage)).to.equal(true);
    const tooLarge = new KafkaJSNumberOfRetriesExceeded(protocolError('MESSAGE_TOO_LARGE', false), { retryCount: 0, retryTime: 100 });
    expect(isRetriable(tooLarge)).to.equal(false);
  });

  it('throws a refused record at the first attempt instead of retrying it forever', async () => {
    let attempts = 0;
    const failure = await retry(
      async () => {
        attempts++;
        throw protocolError('MESSAGE_TOO_LARGE', false);
      },
      { ...fast, retries: Infinity },
    ).catch((error: unknown) => error);
    expect(attempts).to.equal(1);
    expect(failure).to.be.instanceOf(KafkaJSProtocolError);
  });

  it('gives an unknown error `fatalAttempts` attempts, a retriable one as many as `retries`', async () => {
    let attempts = 0;
    await retry(
      async () => {
        attempts++;
        throw new RangeError('bad bucket');
      },
      { ...fast, retries: Infinity, fatalAttempts: 3 },
    ).catch(() => undefined);
    expect(attempts).to.equal(3);
    attempts = 0;
    const value = await retry(
      async () => {
        if (++attempts < 20) throw new KafkaJSConnectionError('down');
        return 'up';
      },
      { ...fast, retries: Infinity, fatalAttempts: 3 },
    );
    expect([value, attempts]).to.deep.equal(['up', 20]);
  });
});
