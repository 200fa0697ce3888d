import { expect } from 'chai';
import type { Readable } from 'node:stream';
import { HdfsError } from '../errors';
import type { HdfsStore, RenameOptions, UploadOptions } from './hdfs-store';
import { writeAtomically } from './write-atomically';

/** Records calls; `failOn` makes one operation throw. */
function fakeStore(failOn?: 'upload' | 'rename'): HdfsStore & { calls: string[] } {
  const calls: string[] = [];
  const unused = () => Promise.reject(new Error('not used'));
  return {
    calls,
    mkdirs: unused,
    readStream: unused,
    readFile: unused,
    list: unused,
    stat: unused,
    exists: unused,
    async upload(path: string, _data: Readable | Buffer, options?: UploadOptions) {
      calls.push(`upload ${path} overwrite=${options?.overwrite}`);
      if (failOn === 'upload') throw new HdfsError('create', path, 500, 'boom');
    },
    async rename(source: string, destination: string, options?: RenameOptions) {
      calls.push(`rename ${source} -> ${destination} overwrite=${options?.overwrite}`);
      if (failOn === 'rename') throw new HdfsError('rename', source, 409, 'exists');
    },
    async delete(path: string) {
      calls.push(`delete ${path}`);
      return true;
    },
  };
}

describe('writeAtomically', () => {
  it('uploads to a hidden sibling, then renames it over the final name', async () => {
    const store = fakeStore();
    await writeAtomically(store, '/w/f.parquet', Buffer.from('x'), { random: () => 'r1', overwrite: true });
    expect(store.calls).to.deep.equal([
      'upload /w/.f.parquet.tmp-r1 overwrite=true',
      'rename /w/.f.parquet.tmp-r1 -> /w/f.parquet overwrite=true',
    ]);
  });

  it('does not overwrite unless asked', async () => {
    const store = fakeStore();
    await writeAtomically(store, '/w/f', Buffer.from('x'), { random: () => 'r' });
    expect(store.calls[1]).to.equal('rename /w/.f.tmp-r -> /w/f overwrite=false');
  });

  for (const failOn of ['upload', 'rename'] as const) {
    it(`deletes the temporary file and rethrows when the ${failOn} fails`, async () => {
      const store = fakeStore(failOn);
      const error = await writeAtomically(store, '/w/f', Buffer.from('x'), { random: () => 'r' }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).to.be.instanceOf(HdfsError);
      expect(store.calls.at(-1)).to.equal('delete /w/.f.tmp-r');
    });
  }
});
