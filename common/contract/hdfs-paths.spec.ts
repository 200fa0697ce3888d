import { expect } from 'chai';
import { ValidationError } from '../errors';
import {
  landingFileName,
  landingFilePath,
  lastLandedOffsets,
  lockPath,
  parseLandingFileName,
  quarantineDir,
  referenceVersionDir,
  reportsDayDir,
  tempPath,
  viewDayDir,
  warehouseDayDir,
  warehouseDir,
  warehousePartPath,
  warehouseSuccessPath,
  landingIndexPath,
  warehouseManifestPath,
} from './hdfs-paths';

const file = { topic: 'utopia.detections', partition: 3, startOffset: 100n, endOffset: 199n };

describe('HDFS paths', () => {
  it('names landing files like the Kafka Connect HDFS sink', () => {
    expect(landingFileName(file)).to.equal('utopia.detections+3+00000000000000000100+00000000000000000199.parquet');
    expect(landingFilePath('/utopia', file)).to.equal(
      '/utopia/landing/detections/partition=3/utopia.detections+3+00000000000000000100+00000000000000000199.parquet',
    );
  });

  it('pads offsets so names sort by offset, up to 2^63-1', () => {
    const max = { ...file, startOffset: 0n, endOffset: 2n ** 63n - 1n };
    expect(landingFileName(max)).to.contain('+00000000000000000000+09223372036854775807.parquet');
    const names = [{ ...file, startOffset: 1000n, endOffset: 1000n }, file].map(landingFileName);
    expect([...names].sort()).to.deep.equal([names[1], names[0]]);
  });

  it('parses what it writes, from a name or a path', () => {
    expect(parseLandingFileName(landingFileName(file))).to.deep.equal(file);
    expect(parseLandingFileName(landingFilePath('/utopia', file))).to.deep.equal(file);
    const big = { ...file, startOffset: 9007199254740993n, endOffset: 2n ** 63n - 1n };
    expect(parseLandingFileName(landingFileName(big))).to.deep.equal(big);
  });

  it('ignores names that are not landing files', () => {
    for (const name of [
      'utopia.detections+3+100+199.parquet',
      'utopia.detections+3+00000000000000000199+00000000000000000100.parquet',
      'utopia.detections+03+00000000000000000100+00000000000000000199.parquet',
      'utopia.detections+3+00000000000000000100+00000000000000000199.parquet.tmp',
      'utopia.detections+3+00000000000000000100+99999999999999999999.parquet',
      '_SUCCESS',
    ]) {
      expect(parseLandingFileName(name), name).to.equal(undefined);
    }
  });

  it('recovers the last landed offset per partition from a listing', () => {
    const names = [
      landingFileName(file),
      landingFileName({ ...file, startOffset: 200n, endOffset: 249n }),
      landingFileName({ ...file, partition: 0, startOffset: 0n, endOffset: 9n }),
      landingFileName({ ...file, topic: 'other', startOffset: 250n, endOffset: 999n }),
      'garbage.parquet',
    ];
    expect([...lastLandedOffsets(names, 'utopia.detections')]).to.have.deep.members([
      [3, 249n],
      [0, 9n],
    ]);
    expect(lastLandedOffsets([], 'utopia.detections').size).to.equal(0);
  });

  it('refuses bad landing inputs', () => {
    expect(() => landingFileName({ ...file, topic: 'a+b' })).to.throw(ValidationError);
    expect(() => landingFileName({ ...file, topic: '..' })).to.throw(ValidationError);
    expect(() => landingFileName({ ...file, partition: -1 })).to.throw(ValidationError);
    expect(() => landingFileName({ ...file, startOffset: 5n, endOffset: 4n })).to.throw(ValidationError);
    expect(() => landingFileName({ ...file, startOffset: -1n })).to.throw(ValidationError);
  });

  it('lays out the warehouse, views, reports, reference, quarantine and locks', () => {
    expect(warehouseDayDir('/utopia', '2024-05-01')).to.equal('/utopia/warehouse/detections/dt=2024-05-01');
    expect(warehousePartPath('/utopia', '2024-05-01', 7)).to.equal('/utopia/warehouse/detections/dt=2024-05-01/part-00007.parquet');
    expect(warehouseSuccessPath('/utopia/', '2024-05-01')).to.equal('/utopia/warehouse/detections/dt=2024-05-01/_SUCCESS');
    expect(viewDayDir('/utopia', 'top_items', '2024-05-01')).to.equal('/utopia/views/top_items/dt=2024-05-01');
    expect(reportsDayDir('/utopia', '2024-05-01')).to.equal('/utopia/reports/dt=2024-05-01');
    expect(referenceVersionDir('/utopia', '20240501T120000Z')).to.equal('/utopia/reference/version=20240501T120000Z');
    expect(quarantineDir('/')).to.equal('/quarantine');
    expect(lockPath('/a/b', 'nightly')).to.equal('/a/b/locks/nightly.lock');
  });

  it('refuses bad days, names and roots (no path escapes)', () => {
    expect(() => warehouseDayDir('/utopia', '2024-02-30')).to.throw(ValidationError);
    expect(() => viewDayDir('/utopia', '../x', '2024-05-01')).to.throw(ValidationError);
    expect(() => lockPath('/utopia', 'a/b')).to.throw(ValidationError);
    expect(() => referenceVersionDir('/utopia', '')).to.throw(ValidationError);
    expect(() => warehouseDir('utopia')).to.throw(ValidationError);
    expect(() => warehouseDir('/utopia/../etc')).to.throw(ValidationError);
    expect(() => warehousePartPath('/utopia', '2024-05-01', -1)).to.throw(ValidationError);
  });

  it('puts temporary files under tmp/<token>, mirroring the final path', () => {
    const final = landingFilePath('/utopia', file);
    expect(tempPath('/utopia', final, 'w-3-abc')).to.equal(`/utopia/tmp/w-3-abc/landing/detections/partition=3/${landingFileName(file)}`);
    expect(tempPath('/utopia/', '/utopia/warehouse/detections/dt=2024-05-01', 'run1')).to.equal(
      '/utopia/tmp/run1/warehouse/detections/dt=2024-05-01',
    );
    expect(() => tempPath('/utopia', '/elsewhere/x', 't')).to.throw(ValidationError);
    expect(() => tempPath('/utopia', '/utopia/tmp/t/x', 't')).to.throw(ValidationError);
    expect(() => tempPath('/utopia', final, 'a/b')).to.throw(ValidationError);
  });

  it('places the batch state and the per-day manifest (hidden from Spark by the underscore)', () => {
    expect(landingIndexPath('/utopia')).to.equal('/utopia/batch/landing-index.json');
    expect(warehouseManifestPath('/utopia', '2024-05-01')).to.equal('/utopia/warehouse/detections/dt=2024-05-01/_manifest.json');
    expect(() => warehouseManifestPath('/utopia', '2024-13-01')).to.throw(ValidationError);
  });
});
