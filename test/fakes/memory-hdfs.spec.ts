// The in-memory HDFS keeps files and folders as the NameNode does and fails where it does.

import { expect } from 'chai';
import { HdfsError } from '../../common/errors';
import { writeAtomically } from '../../common/hdfs';
import { MemoryHdfs } from './memory-hdfs';

describe('MemoryHdfs', () => {
  const status = (promise: Promise<unknown>) =>
    promise.then(
      () => 'ok',
      (e: unknown) => (e instanceof HdfsError ? e.status : e),
    );

  it('lists a folder by name, folders implied by their files', async () => {
    const hdfs = new MemoryHdfs();
    await hdfs.upload('/a/b.txt', Buffer.from('b'));
    await hdfs.upload('/a/c/d.txt', Buffer.from('d'));
    await hdfs.mkdirs('/a/0-empty');
    expect((await hdfs.list('/a')).map((e) => `${e.name}:${e.type}`)).to.deep.equal(['0-empty:DIRECTORY', 'b.txt:FILE', 'c:DIRECTORY']);
    expect((await hdfs.stat('/a/b.txt'))?.length).to.equal(1);
    expect(await hdfs.stat('/a/x')).to.equal(null);
  });

  it('refuses to overwrite without the option, to read a missing file, to rename onto a file without overwrite', async () => {
    const hdfs = new MemoryHdfs();
    await hdfs.upload('/f', Buffer.from('1'));
    await hdfs.upload('/g', Buffer.from('2'));
    expect(await status(hdfs.upload('/f', Buffer.from('x')))).to.equal(403);
    expect(await status(hdfs.readFile('/missing'))).to.equal(404);
    expect(await status(hdfs.rename('/missing', '/h'))).to.equal(404);
    expect(await status(hdfs.rename('/f', '/g'))).to.equal(403);
    await hdfs.rename('/f', '/g', { overwrite: true });
    expect((await hdfs.readFile('/g')).toString()).to.equal('1');
    expect(await hdfs.exists('/f')).to.equal(false);
  });

  it('deletes a non-empty folder only when recursive, never the root; false when nothing was there', async () => {
    const hdfs = new MemoryHdfs();
    await hdfs.upload('/d/f', Buffer.from('1'));
    expect(await status(hdfs.delete('/d'))).to.equal(403);
    expect(await hdfs.delete('/d', { recursive: true })).to.equal(true);
    expect(await hdfs.delete('/d')).to.equal(false);
    expect(await hdfs.delete('/', { recursive: true }).catch((e: unknown) => e)).to.be.instanceOf(HdfsError);
  });

  it('serves the adapter helpers: writeAtomically leaves only the final file', async () => {
    const hdfs = new MemoryHdfs();
    await hdfs.mkdirs('/w');
    await writeAtomically(hdfs, '/w/part-0.parquet', Buffer.from('data'));
    expect((await hdfs.list('/w')).map((e) => e.name)).to.deep.equal(['part-0.parquet']);
  });
});
