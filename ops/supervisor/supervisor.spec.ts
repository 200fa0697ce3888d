import { expect } from 'chai';
import { createLogger } from '../../common/log';
import { startSupervisor } from './supervisor';

describe('supervisor', function () {
  this.timeout(20_000);
  const log = createLogger('test', 'error', () => undefined);
  // Prints "up", and "bye" on SIGTERM after a short delay, so the stop order shows in the output.
  const service = (name: string) => ({
    name,
    command: process.execPath,
    args: [
      '-e',
      'console.log("up"); process.on("SIGTERM", () => { console.log("bye"); setTimeout(() => process.exit(0), 50); }); setInterval(() => {}, 1000)',
    ],
    restart: true,
  });

  it('stops processes in reverse order of start, including ones added later, and refuses new ones once stopping', async () => {
    const lines: string[] = [];
    const supervisor = startSupervisor([service('api')], log, (l) => lines.push(l));
    supervisor.add(service('consumer'));
    supervisor.add(service('producer'));
    while (lines.filter((l) => l.endsWith(' up')).length < 3) await new Promise((r) => setTimeout(r, 50));
    const stopping = supervisor.stop();
    expect(supervisor.stopping).to.equal(true);
    expect(() => supervisor.add(service('late'))).to.throw(/stopping/);
    await stopping;
    expect(lines.filter((l) => l.endsWith(' bye'))).to.deep.equal(['[producer] bye', '[consumer] bye', '[api] bye']);
  });
});
