import { expect } from 'chai';
import { supervise, tagged } from './supervised-process';

describe('supervised process', function () {
  this.timeout(20_000);

  it('prefixes every output line and reports a one-shot exit code', async () => {
    const lines: string[] = [];
    const child = supervise(
      { name: 'job', command: process.execPath, args: ['-e', 'console.log("a"); console.error("b"); process.exit(3)'], restart: false },
      (l) => lines.push(l),
    );
    expect(await child.finished).to.equal(3);
    expect(lines.sort()).to.deep.equal(['[job] a', '[job] b']);
  });

  it('names the process in a JSON log line as a field, so the line stays JSON', () => {
    const line = tagged('speed', '[speed]', '{"level":"info","message":"up"}');
    expect(JSON.parse(line)).to.deep.equal({ process: 'speed', level: 'info', message: 'up' });
    expect(tagged('speed', '[speed]', '{ not json')).to.equal('[speed] { not json');
  });

  it('restarts a service that dies, and stop() ends it for good', async () => {
    const lines: string[] = [];
    const child = supervise(
      { name: 'svc', command: process.execPath, args: ['-e', 'console.log("up"); setTimeout(() => process.exit(1), 50)'], restart: true },
      (l) => lines.push(l),
    );
    while (lines.filter((l) => l === '[svc] up').length < 2) await new Promise((r) => setTimeout(r, 50));
    await child.stop(1000);
    const count = lines.length;
    await new Promise((r) => setTimeout(r, 1500));
    expect(lines.length).to.equal(count);
    expect(lines.some((l) => /\[svc\] exited \(code 1\); restarting in/.test(l))).to.equal(true);
  });

  it('stops a service that ignores SIGTERM with SIGKILL after the grace period', async () => {
    const lines: string[] = [];
    const child = supervise(
      {
        name: 'stubborn',
        command: process.execPath,
        args: ['-e', 'process.on("SIGTERM", () => {}); console.log("up"); setInterval(() => {}, 1000)'],
        restart: true,
      },
      (l) => lines.push(l),
    );
    while (!lines.includes('[stubborn] up')) await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await child.stop(300);
    expect(Date.now() - started).to.be.below(3000);
  });
});
