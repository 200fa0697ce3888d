import { expect } from 'chai';
import { HdfsError } from '../errors';
import { baseName, checkHdfsPath, encodeHdfsPath, joinHdfsPath, parentOf, temporarySibling } from './hdfs-path';

describe('hdfs-path', () => {
  it('accepts absolute paths and drops a trailing slash', () => {
    expect(checkHdfsPath('/')).to.equal('/');
    expect(checkHdfsPath('/utopia/landing/')).to.equal('/utopia/landing');
  });

  it('rejects relative paths, empty, dot and dot-dot segments, and colons with an HdfsError naming the path', () => {
    for (const bad of ['utopia', '', '/a//b', '/a/./b', '/a/../b', '/a/b:c']) {
      expect(() => checkHdfsPath(bad, 'mkdirs'), bad)
        .to.throw(HdfsError)
        .with.property('path', bad);
    }
  });

  it('joins segments', () => {
    expect(joinHdfsPath('/utopia', 'warehouse', 'dt=2024-01-01')).to.equal('/utopia/warehouse/dt=2024-01-01');
    expect(joinHdfsPath('/', 'a/b/')).to.equal('/a/b');
  });

  it('splits parent and name', () => {
    expect(parentOf('/a/b/c.parquet')).to.equal('/a/b');
    expect(parentOf('/c')).to.equal('/');
    expect(baseName('/a/b/c.parquet')).to.equal('c.parquet');
  });

  it('percent-encodes each segment so %, #, ? and spaces reach the NameNode intact', () => {
    expect(encodeHdfsPath('/dt=2024-01-01/a b%c#d?e')).to.equal('/dt%3D2024-01-01/a%20b%25c%23d%3Fe');
  });

  it('names the temporary sibling hidden and in the same folder', () => {
    expect(temporarySibling('/w/dt=1/part-0.parquet', () => 'abc')).to.equal('/w/dt=1/.part-0.parquet.tmp-abc');
    expect(temporarySibling('/top', () => 'x')).to.equal('/.top.tmp-x');
    expect(temporarySibling('/a/f')).to.match(/^\/a\/\.f\.tmp-[0-9a-f]{12}$/);
  });
});
