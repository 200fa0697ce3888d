import { expect } from 'chai';
import { createLogger } from '../log';
import { createProgress } from './progress';

describe('progress without a terminal', () => {
  it('writes a plain line at most every lineEveryMs, and one when a phase is done', () => {
    const lines: string[] = [];
    let now = 0;
    const log = createLogger('test', 'info', (line) => lines.push(line.replace(/^\S+ /, '')));
    const progress = createProgress({ phase: 'publish', unit: 'events', total: 1000, log, lineEveryMs: 1000, tty: false, now: () => now });
    now = 500;
    progress.update(100); // first line at once
    now = 900;
    progress.update(180); // too soon
    now = 1600;
    progress.update(320);
    progress.phase('consume', 320);
    now = 2600;
    progress.done(320);
    expect(lines).to.deep.equal([
      'INFO  [test] publish: 100/1,000 events (10 %), 200 events/s, 5 s left',
      'INFO  [test] publish: 320/1,000 events (32 %), 200 events/s, 3 s left',
      'INFO  [test] consume: 320/320 events (100 %), 320 events/s, 0 s left, done',
    ]);
  });
});
