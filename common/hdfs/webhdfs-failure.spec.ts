import { expect } from 'chai';
import { HdfsError } from '../errors';
import {
  failureFromNetwork,
  failureFromResponse,
  isRetriableFailure,
  parseRemoteException,
  toHdfsError,
  wasRefused,
} from './webhdfs-failure';

const notFound = {
  RemoteException: {
    exception: 'FileNotFoundException',
    javaClassName: 'java.io.FileNotFoundException',
    message: 'File does not exist: /x/y',
  },
};
const standby = {
  RemoteException: {
    exception: 'StandbyException',
    javaClassName: 'org.apache.hadoop.ipc.StandbyException',
    message: 'Operation category READ is not supported in state standby',
  },
};
const safeMode = {
  RemoteException: {
    exception: 'SafeModeException',
    javaClassName: 'org.apache.hadoop.hdfs.server.namenode.SafeModeException',
    message: 'Cannot create directory /x. Name node is in safe mode.',
  },
};
const exists = {
  RemoteException: {
    exception: 'FileAlreadyExistsException',
    javaClassName: 'org.apache.hadoop.fs.FileAlreadyExistsException',
    message: 'rename destination /b already exists',
  },
};

function networkError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:9870`), { code });
}

describe('webhdfs-failure', () => {
  it('parses a RemoteException from an object, a JSON string or a Buffer', () => {
    expect(parseRemoteException(notFound)).to.deep.equal(notFound.RemoteException);
    expect(parseRemoteException(JSON.stringify(notFound))?.exception).to.equal('FileNotFoundException');
    expect(parseRemoteException(Buffer.from(JSON.stringify(notFound)))?.message).to.equal('File does not exist: /x/y');
    expect(parseRemoteException('<html>Error 500</html>')).to.equal(undefined);
    expect(parseRemoteException({ boolean: false })).to.equal(undefined);
  });

  it('drops the Java stack trace some NameNode messages carry', () => {
    const message =
      '/t/a for client 127.0.0.1 already exists\n\tat org.apache.hadoop.hdfs.server.namenode.FSDirWriteFileOp.startFile(FSDirWriteFileOp.java:388)\n\tat x.y(Z.java:1)\n';
    const body = { RemoteException: { exception: 'FileAlreadyExistsException', message } };
    expect(parseRemoteException(body)?.message).to.equal('/t/a for client 127.0.0.1 already exists');
  });

  it('builds an HdfsError naming operation, path, status and the remote message', () => {
    const error = toHdfsError('open', '/x/y', failureFromResponse(404, notFound));
    expect(error).to.be.instanceOf(HdfsError);
    expect(error.operation).to.equal('open');
    expect(error.path).to.equal('/x/y');
    expect(error.status).to.equal(404);
    expect(error.retriable).to.equal(false);
    expect(error.message).to.equal('HDFS open /x/y failed (HTTP 404): File does not exist: /x/y (FileNotFoundException)');
    expect(error.cause).to.deep.equal(notFound.RemoteException);
  });

  it('describes a body that is not a RemoteException', () => {
    expect(toHdfsError('liststatus', '/a', failureFromResponse(502, '<html>\n Bad   gateway</html>')).message).to.equal(
      'HDFS liststatus /a failed (HTTP 502): unexpected answer: <html> Bad gateway</html>',
    );
  });

  it('classifies standby, safe mode, 5xx and connection failures as retriable; client errors not', () => {
    expect(isRetriableFailure(failureFromResponse(403, standby))).to.equal(true);
    expect(isRetriableFailure(failureFromResponse(403, safeMode))).to.equal(true);
    expect(isRetriableFailure(failureFromResponse(503, ''))).to.equal(true);
    expect(isRetriableFailure(failureFromResponse(500, ''))).to.equal(true);
    expect(isRetriableFailure(failureFromNetwork(networkError('ECONNREFUSED')))).to.equal(true);
    expect(isRetriableFailure(failureFromNetwork(networkError('ECONNRESET')))).to.equal(true);
    expect(isRetriableFailure(failureFromResponse(404, notFound))).to.equal(false);
    expect(isRetriableFailure(failureFromResponse(403, exists))).to.equal(false);
    expect(isRetriableFailure(failureFromNetwork(new Error('weird')))).to.equal(false);
  });

  it('lets a non-idempotent call retry only when the server certainly did not act', () => {
    expect(wasRefused(failureFromNetwork(networkError('ECONNREFUSED')))).to.equal(true);
    expect(wasRefused(failureFromResponse(403, standby))).to.equal(true);
    expect(wasRefused(failureFromNetwork(networkError('ECONNRESET')))).to.equal(false);
    expect(wasRefused(failureFromResponse(500, ''))).to.equal(false);
    expect(toHdfsError('rename', '/a', failureFromNetwork(networkError('ECONNRESET')), { idempotent: false }).retriable).to.equal(false);
    expect(toHdfsError('rename', '/a', failureFromNetwork(networkError('ECONNREFUSED')), { idempotent: false }).retriable).to.equal(true);
  });

  it('says when WebHDFS cannot be reached, without a status', () => {
    const error = toHdfsError('mkdirs', '/a', failureFromNetwork(networkError('ECONNREFUSED')));
    expect(error.status).to.equal(undefined);
    expect(error.message).to.equal('HDFS mkdirs /a failed: cannot reach WebHDFS: connect ECONNREFUSED 127.0.0.1:9870');
  });
});
