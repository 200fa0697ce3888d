import { expect } from 'chai';
import { HBaseError } from '../errors';
import { toHBaseError } from './hbase-error';

function rpcError(exceptionClassName: string, doNotRetry: boolean): Error {
  return Object.assign(new Error('boom\n\tat server'), { exceptionClassName, doNotRetry });
}

describe('toHBaseError', () => {
  it('keeps DoNotRetry exceptions final', () => {
    const error = toHBaseError('put', 'ns:t', rpcError('org.apache.hadoop.hbase.regionserver.NoSuchColumnFamilyException', true));
    expect(error).to.be.instanceOf(HBaseError);
    expect(error.retriable).to.equal(false);
    expect(error.message).to.equal('HBase put on ns:t failed: NoSuchColumnFamilyException: boom');
  });

  it('marks timeouts and moved regions retriable', () => {
    expect(toHBaseError('get', 't', rpcError('org.apache.hadoop.hbase.ipc.CallTimeoutException', false)).retriable).to.equal(true);
    expect(toHBaseError('get', 't', 'Failed to connect to zookeeper').retriable).to.equal(true);
  });

  it('treats plain client errors (bad input) as final', () => {
    expect(toHBaseError('put', 't', new TypeError('Invalid value type')).retriable).to.equal(false);
  });
});
