import { expect } from 'chai';
import { hostBusyPercent, parseProcStat } from './host-cpu';

describe('bench: host CPU from /proc/stat', () => {
  const stat = (user: number, system: number, idle: number, iowait: number, steal = 0) =>
    `cpu  ${user} 0 ${system} ${idle} ${iowait} 0 0 ${steal} 0 0\ncpu0 1 2 3 4 5 6 7 8 9 10\nintr 1 2\n`;

  it('counts idle and iowait as not busy, steal as busy (another guest had the core)', () => {
    expect(parseProcStat(stat(100, 50, 800, 30, 20))).to.deep.equal({ busy: 170, total: 1000 });
  });

  it('gives the busy share of all cores between two readings', () => {
    const before = parseProcStat(stat(1000, 200, 5000, 100));
    const after = parseProcStat(stat(1150, 230, 5015, 105));
    expect(hostBusyPercent(before, after)).to.equal(90);
  });

  it('gives null without a usable reading, or when no time passed', () => {
    expect(parseProcStat('intr 1 2\n')).to.equal(null);
    expect(parseProcStat('cpu  1 x 3 4\n')).to.equal(null);
    const reading = parseProcStat(stat(1, 1, 1, 1));
    expect(hostBusyPercent(null, reading)).to.equal(null);
    expect(hostBusyPercent(reading, reading)).to.equal(null);
  });
});
