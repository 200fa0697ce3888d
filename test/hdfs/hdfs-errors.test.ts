// Failures name the operation, the path and the HTTP status, and carry the
// RemoteException message; unreachable WebHDFS is retriable.

import { expect } from 'chai';
import { Readable } from 'node:stream';
import { createHdfsStore } from '../../common/hdfs';
import { createHdfsTestDir, hdfsFailure as failure, type HdfsTestDir } from '../helpers/hdfs-test-dir';

describe('HDFS store: errors', () => {
  let dir: HdfsTestDir;
  before(async () => {
    dir = await createHdfsTestDir('hdfs-errors');
  });
  after(async () => {
    await dir?.remove();
  });

  it('reading a missing file: open, path, 404, FileNotFoundException', async () => {
    const path = dir.path('nothing-here.parquet');
    const error = await failure(dir.store.readFile(path));
    expect(error).to.include({ operation: 'open', path, status: 404, retriable: false });
    expect(error.message).to.equal(`HDFS open ${path} failed (HTTP 404): File ${path} not found. (FileNotFoundException)`);
    await failure(dir.store.readStream(path));
  });

  it('creating over an existing file without overwrite: create, 403, FileAlreadyExistsException, no stack trace', async () => {
    const path = dir.path('exists.bin');
    await dir.store.upload(path, Buffer.from('first'));
    const error = await failure(dir.store.upload(path, Buffer.from('second')));
    expect(error).to.include({ operation: 'create', path, status: 403, retriable: false });
    expect(error.message).to.match(/already exists \(FileAlreadyExistsException\)$/);
    expect(error.message).not.to.match(/\tat org\.apache/);
    expect((await dir.store.readFile(path)).toString()).to.equal('first');
    await dir.store.upload(path, Buffer.from('second'), { overwrite: true });
    expect((await dir.store.readFile(path)).toString()).to.equal('second');
  });

  it('a source stream that fails mid-upload ends the upload with an HdfsError instead of hanging', async () => {
    const path = dir.path('broken-source.bin');
    let sent = 0;
    const source = new Readable({
      read() {
        if (sent >= 4 << 20) return this.destroy(new Error('disk went away'));
        sent += 1 << 20;
        this.push(Buffer.alloc(1 << 20, 7));
      },
    });
    const error = await failure(dir.store.upload(path, source));
    expect(error).to.include({ operation: 'create', path, status: undefined, retriable: false });
    expect(error.message).to.equal(`HDFS create ${path} failed: the stream being uploaded failed: disk went away`);
  });

  it('listing a missing folder: liststatus, 404', async () => {
    const path = dir.path('no-folder');
    expect(await failure(dir.store.list(path))).to.include({ operation: 'liststatus', path, status: 404 });
  });

  it('an unreachable WebHDFS is a retriable error without status, after the retries', async () => {
    let retries = 0;
    const store = createHdfsStore(
      { webhdfsUrl: new URL('http://127.0.0.1:1'), user: 'utopia' },
      { retry: { retries: 2, initialDelayMs: 1, onRetry: () => retries++ } },
    );
    const error = await failure(store.mkdirs('/x'));
    expect(error).to.include({ operation: 'mkdirs', path: '/x', status: undefined, retriable: true });
    expect(error.message).to.match(/cannot reach WebHDFS: connect ECONNREFUSED 127\.0\.0\.1:1/);
    expect(retries).to.equal(2);
    const upload = await failure(store.upload('/x/y', Buffer.from('z')));
    expect(upload).to.include({ operation: 'create', retriable: true });
  });
});
