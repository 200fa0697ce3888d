// mkdirs, list, stat, exists and delete against the real HDFS.

import { expect } from 'chai';
import { HdfsError } from '../../common/errors';
import { createHdfsTestDir, type HdfsTestDir } from '../helpers/hdfs-test-dir';

describe('HDFS store: folders and metadata', () => {
  let dir: HdfsTestDir;
  before(async () => {
    dir = await createHdfsTestDir('hdfs-metadata');
  });
  after(async () => {
    await dir?.remove();
  });

  it('creates nested folders and is idempotent', async () => {
    await dir.store.mkdirs(dir.path('a/b/c'));
    await dir.store.mkdirs(dir.path('a/b/c'));
    const entry = await dir.store.stat(dir.path('a/b/c'));
    expect(entry).to.include({ name: 'c', type: 'DIRECTORY', length: 0 });
  });

  it('lists a folder by name with types, lengths and modification times', async () => {
    const before = Date.now() - 60_000;
    await dir.store.mkdirs(dir.path('list/dt=2024-01-02'));
    await dir.store.upload(dir.path('list/z.bin'), Buffer.alloc(1234, 1));
    await dir.store.upload(dir.path('list/a b%.bin'), Buffer.from('x'));
    const entries = await dir.store.list(dir.path('list'));
    expect(entries.map(({ name, type, length }) => ({ name, type, length }))).to.deep.equal([
      { name: 'a b%.bin', type: 'FILE', length: 1 },
      { name: 'dt=2024-01-02', type: 'DIRECTORY', length: 0 },
      { name: 'z.bin', type: 'FILE', length: 1234 },
    ]);
    for (const entry of entries) expect(entry.modificationTime).to.be.greaterThan(before);
  });

  it('stats a file, and answers null / false for a missing path', async () => {
    await dir.store.upload(dir.path('s.txt'), Buffer.from('hello'));
    expect(await dir.store.stat(dir.path('s.txt'))).to.include({ name: 's.txt', type: 'FILE', length: 5 });
    expect(await dir.store.exists(dir.path('s.txt'))).to.equal(true);
    expect(await dir.store.stat(dir.path('missing'))).to.equal(null);
    expect(await dir.store.exists(dir.path('missing'))).to.equal(false);
  });

  it('deletes files and folders, reports false for nothing, and refuses a non-empty folder without recursive', async () => {
    await dir.store.upload(dir.path('d/f1'), Buffer.from('1'));
    const error = await dir.store.delete(dir.path('d')).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error)
      .to.be.instanceOf(HdfsError)
      .and.include({ operation: 'delete', path: dir.path('d'), status: 403, retriable: false });
    expect((error as Error).message).to.match(/PathIsNotEmptyDirectoryException/);
    expect(await dir.store.delete(dir.path('d/f1'))).to.equal(true);
    expect(await dir.store.delete(dir.path('d/f1'))).to.equal(false);
    await dir.store.upload(dir.path('d/f2'), Buffer.from('2'));
    expect(await dir.store.delete(dir.path('d'), { recursive: true })).to.equal(true);
    expect(await dir.store.exists(dir.path('d'))).to.equal(false);
  });
});
