// A 50 MB file goes through WebHDFS as a stream and reads back byte-identical; the
// upload never holds the file in memory.

import { expect } from 'chai';
import v8 from 'node:v8';
import vm from 'node:vm';
import { createHdfsTestDir, type HdfsTestDir } from '../helpers/hdfs-test-dir';
import { randomDataStream, sha256OfStream } from '../helpers/hdfs-random-data';

const size = 50 * 1024 * 1024;

/** Live ArrayBuffer bytes right after a full GC: what the process really holds. */
function liveArrayBuffers(): number {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
  return process.memoryUsage().arrayBuffers;
}

describe('HDFS store: a 50 MB file', () => {
  let dir: HdfsTestDir;
  before(async () => {
    dir = await createHdfsTestDir('hdfs-large');
  });
  after(async () => {
    await dir?.remove();
  });

  it('streams up and down byte-identical, holding far less than the file in memory', async () => {
    const path = dir.path('big.bin');
    const data = randomDataStream(size);
    const baseline = liveArrayBuffers();
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, liveArrayBuffers() - baseline)), 100);
    const started = process.hrtime.bigint();
    try {
      await dir.store.upload(path, data.stream);
    } finally {
      clearInterval(sampler);
    }
    const uploadS = Number(process.hrtime.bigint() - started) / 1e9;

    expect(await dir.store.stat(path)).to.include({ type: 'FILE', length: size });
    const readStarted = process.hrtime.bigint();
    const back = await sha256OfStream(await dir.store.readStream(path));
    const downloadS = Number(process.hrtime.bigint() - readStarted) / 1e9;

    expect(back.bytes).to.equal(size);
    expect(back.sha256).to.equal(await data.sha256);
    // Streaming holds 0-2 MB steadily, with short peaks up to about 28 MB (socket buffers at
    // connect); buffering the whole file holds >= 50 MB for the whole send. So: never the whole file.
    expect(peak, `peak live buffers ${(peak / 1048576).toFixed(1)} MB`).to.be.below(size * 0.9);
    console.log(
      `      50 MB upload ${(50 / uploadS).toFixed(1)} MB/s, download ${(50 / downloadS).toFixed(1)} MB/s, peak live buffers during upload ${(peak / 1048576).toFixed(1)} MB`,
    );
  });
});
