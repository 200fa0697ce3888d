import { expect } from 'chai';
import { decodeBoolean, decodeListing, decodeStatus } from './hdfs-entry';

const file = {
  accessTime: 1,
  blockSize: 134217728,
  childrenNum: 0,
  fileId: 16389,
  group: 'supergroup',
  length: 24930,
  modificationTime: 1320173277227,
  owner: 'utopia',
  pathSuffix: 'a.parquet',
  permission: '644',
  replication: 1,
  type: 'FILE',
};
const dir = { ...file, length: 0, pathSuffix: 'dt=2024-01-01', type: 'DIRECTORY' };

describe('hdfs-entry', () => {
  it('decodes LISTSTATUS into name, type, length and modification time', () => {
    expect(decodeListing({ FileStatuses: { FileStatus: [dir, file] } })).to.deep.equal([
      { name: 'dt=2024-01-01', type: 'DIRECTORY', length: 0, modificationTime: 1320173277227 },
      { name: 'a.parquet', type: 'FILE', length: 24930, modificationTime: 1320173277227 },
    ]);
  });

  it('names a GETFILESTATUS entry (empty pathSuffix) after the path', () => {
    expect(decodeStatus({ FileStatus: { ...file, pathSuffix: '' } }, 'x.parquet').name).to.equal('x.parquet');
  });

  it('rejects shapes it does not know', () => {
    expect(() => decodeListing({})).to.throw(/FileStatuses/);
    expect(() => decodeStatus({ FileStatus: { ...file, type: 'PIPE' } }, 'x')).to.throw(/unknown FileStatus type/);
    expect(() => decodeBoolean({ ok: true })).to.throw(/boolean/);
  });

  it('reads the boolean answer', () => {
    expect(decodeBoolean({ boolean: false })).to.equal(false);
    expect(decodeBoolean({ boolean: true })).to.equal(true);
  });
});
