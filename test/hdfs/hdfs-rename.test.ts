// Rename and writeAtomically: a reader polling the final path never sees a partial
// file, and renames onto an existing path fail clearly unless overwrite is asked for.

import { expect } from 'chai';
import { writeAtomically, type HdfsEntry } from '../../common/hdfs';
import { createHdfsTestDir, hdfsFailure as failure, type HdfsTestDir } from '../helpers/hdfs-test-dir';
import { randomDataStream, sha256OfStream } from '../helpers/hdfs-random-data';

describe('HDFS store: rename and writeAtomically', () => {
  let dir: HdfsTestDir;
  before(async () => {
    dir = await createHdfsTestDir('hdfs-rename');
  });
  after(async () => {
    await dir?.remove();
  });

  it('a reader polling the final path sees nothing or the complete file, never a partial one', async () => {
    const size = 32 * 1024 * 1024;
    const finalPath = dir.path('atomic/part-00000.bin');
    await dir.store.mkdirs(dir.path('atomic'));
    // 64 chunks of 512 KiB, 20 ms apart: the write lasts over a second, whatever the disk speed.
    const data = randomDataStream(size, 512 * 1024, 20);
    let writing = true;
    const seen: { absent: number; complete: number; partial: HdfsEntry[] } = { absent: 0, complete: 0, partial: [] };
    const poller = (async () => {
      while (writing) {
        const entry = await dir.store.stat(finalPath);
        if (entry === null) seen.absent++;
        else if (entry.length === size) seen.complete++;
        else seen.partial.push(entry);
      }
    })();
    let sawTemporary = false;
    const lister = (async () => {
      while (writing) {
        const names = (await dir.store.list(dir.path('atomic'))).map((e) => e.name);
        if (names.some((name) => name.startsWith('.part-00000.bin.tmp-'))) sawTemporary = true;
      }
    })();
    try {
      await writeAtomically(dir.store, finalPath, data.stream);
    } finally {
      writing = false;
      await Promise.all([poller, lister]);
    }
    expect(seen.partial, 'partial files seen at the final path').to.deep.equal([]);
    expect(seen.absent, 'the poller must have run while the file was being written').to.be.greaterThan(10);
    expect(sawTemporary, 'the data went through a hidden temporary file').to.equal(true);
    expect((await sha256OfStream(await dir.store.readStream(finalPath))).sha256).to.equal(await data.sha256);
    expect((await dir.store.list(dir.path('atomic'))).map((e) => e.name)).to.deep.equal(['part-00000.bin']);
  });

  it('renaming onto an existing file fails clearly and changes nothing', async () => {
    const source = dir.path('r1/source');
    const destination = dir.path('r1/destination');
    await dir.store.upload(source, Buffer.from('new'));
    await dir.store.upload(destination, Buffer.from('old'));
    const error = await failure(dir.store.rename(source, destination));
    expect(error).to.include({ operation: 'rename', path: source, status: 403, retriable: false });
    expect(error.message).to.equal(
      `HDFS rename ${source} failed (HTTP 403): rename destination ${destination} already exists (FileAlreadyExistsException)`,
    );
    expect((await dir.store.readFile(destination)).toString()).to.equal('old');
    expect((await dir.store.readFile(source)).toString()).to.equal('new');
  });

  it('renaming a missing source fails with 404', async () => {
    const source = dir.path('r2/missing');
    await dir.store.mkdirs(dir.path('r2'));
    const error = await failure(dir.store.rename(source, dir.path('r2/x')));
    expect(error).to.include({ operation: 'rename', path: source, status: 404 });
    expect(error.message).to.match(/FileNotFoundException/);
  });

  it('never moves a file into an existing folder of the destination name', async () => {
    await dir.store.upload(dir.path('r3/f'), Buffer.from('f'));
    await dir.store.mkdirs(dir.path('r3/folder'));
    await failure(dir.store.rename(dir.path('r3/f'), dir.path('r3/folder')));
    expect(await dir.store.list(dir.path('r3/folder'))).to.deep.equal([]);
  });

  it('renames with overwrite replace the destination', async () => {
    await dir.store.upload(dir.path('r4/a'), Buffer.from('A'));
    await dir.store.upload(dir.path('r4/b'), Buffer.from('B'));
    await dir.store.rename(dir.path('r4/a'), dir.path('r4/b'), { overwrite: true });
    expect((await dir.store.readFile(dir.path('r4/b'))).toString()).to.equal('A');
    expect(await dir.store.exists(dir.path('r4/a'))).to.equal(false);
  });

  it('writeAtomically refuses an existing file unless overwrite, and leaves no temporary file', async () => {
    const path = dir.path('w/file');
    await writeAtomically(dir.store, path, Buffer.from('one'));
    const error = await failure(writeAtomically(dir.store, path, Buffer.from('two')));
    expect(error.message).to.match(/already exists \(FileAlreadyExistsException\)/);
    expect((await dir.store.readFile(path)).toString()).to.equal('one');
    await writeAtomically(dir.store, path, Buffer.from('three'), { overwrite: true });
    expect((await dir.store.readFile(path)).toString()).to.equal('three');
    expect((await dir.store.list(dir.path('w'))).map((e) => e.name)).to.deep.equal(['file']);
  });
});
