// A lock file holding the owner's pid, so two `stack up` runs never start the
// same services twice; a lock left by a dead process is taken over.

import fs from 'node:fs';
import { sleep } from '../../common/retry';
import { isAlive } from './process-control';
import { StackError } from '../../common/errors';

export async function withFileLock<T>(file: string, waitMs: number, onWait: () => void, body: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + waitMs;
  let told = false;
  for (;;) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(fs.readFileSync(file, 'utf8').trim());
      if (!Number.isInteger(owner) || owner <= 0 || !isAlive(owner)) {
        fs.rmSync(file, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new StackError(`lock ${file} is held by process ${owner}`);
      if (!told) onWait();
      told = true;
      await sleep(500);
    }
  }
  try {
    return await body();
  } finally {
    fs.rmSync(file, { force: true });
  }
}
