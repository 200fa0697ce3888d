import { expect } from 'chai';
import { UsageError, UtopiaError } from '../../common/errors';
import { isPositiveInteger, isWholeNumber, parseFlags, usageOf, type FlagSpec } from './parse-flags';

const spec: FlagSpec = {
  command: 'npm run bench:test --',
  about: 'a bench for the tests',
  flags: [
    { name: 'events', value: 'N', default: 1000, about: 'events to publish' },
    { name: 'fresh-seconds', value: 'S', default: 20, about: 'seconds of freshness' },
    { name: 'rows', value: 'N', about: 'rows, no default' },
    { name: 'cpu-prof', value: 'DIR', bare: 'artifacts/profiles', about: 'profile into DIR' },
    { name: 'keep', about: 'keep what the run made' },
    { name: 'no-spark', about: 'skip Spark' },
    { name: 'engines', value: 'LIST', default: 'node,duckdb', about: 'engines' },
    { name: 'no-engines', about: 'no engines' },
  ],
};

const usageMessage = (args: string[]): string => {
  try {
    parseFlags(args, spec);
  } catch (error) {
    expect(error).to.be.instanceOf(UsageError);
    return (error as UsageError).message;
  }
  return expect.fail(`${args.join(' ')} was accepted`);
};

describe('bench flags', () => {
  it('reads --name value and --name=value, and the defaults of flags not given', () => {
    const flags = parseFlags(['--events', '500', '--fresh-seconds=2.5'], spec);
    expect(flags.help).to.equal(false);
    expect(flags.number('events', isPositiveInteger)).to.equal(500);
    expect(flags.number('fresh-seconds')).to.equal(2.5);
    expect(flags.has('events')).to.equal(true);
    expect(flags.has('fresh-seconds')).to.equal(true);
    const none = parseFlags([], spec);
    expect(none.number('events')).to.equal(1000);
    expect(none.value('engines')).to.equal('node,duckdb');
    expect(none.has('events')).to.equal(false);
    expect(none.value('rows')).to.equal(undefined);
  });

  it('takes the last value of a repeated flag', () => {
    expect(parseFlags(['--events', '1', '--events=2'], spec).number('events')).to.equal(2);
  });

  it('reads switches, --no-* ones too, as given or not', () => {
    const flags = parseFlags(['--keep', '--no-spark'], spec);
    expect([flags.has('keep'), flags.has('no-spark'), flags.has('no-engines')]).to.deep.equal([true, true, false]);
    const none = parseFlags([], spec);
    expect([none.has('keep'), none.has('no-spark')]).to.deep.equal([false, false]);
  });

  it('sees a value flag and its --no-* switch apart, in either order', () => {
    const both = parseFlags(['--no-engines', '--engines', 'spark'], spec);
    expect([both.has('engines'), both.has('no-engines'), both.value('engines')]).to.deep.equal([true, true, 'spark']);
    const off = parseFlags(['--no-engines'], spec);
    expect([off.has('engines'), off.has('no-engines')]).to.deep.equal([false, true]);
  });

  it('gives a flag with an optional value its bare value when given alone, nothing when absent', () => {
    expect(parseFlags(['--cpu-prof'], spec).value('cpu-prof')).to.equal('artifacts/profiles');
    expect(parseFlags(['--cpu-prof', '--keep'], spec).value('cpu-prof')).to.equal('artifacts/profiles');
    expect(parseFlags(['--cpu-prof', 'prof'], spec).value('cpu-prof')).to.equal('prof');
    expect(parseFlags([], spec).value('cpu-prof')).to.equal(undefined);
  });

  it('refuses an unknown flag, naming it and the nearest known one on one line', () => {
    expect(usageMessage(['--bogus'])).to.equal("unknown option '--bogus'");
    expect(usageMessage(['--events', '5', '--no-sparks'])).to.equal("unknown option '--no-sparks' (Did you mean --no-spark?)");
    expect(usageMessage(['-x'])).to.equal("unknown option '-x'");
  });

  it('refuses a value given to a switch and words that are no flag', () => {
    expect(usageMessage(['--keep=yes'])).to.match(/unknown option '--keep=yes'/);
    expect(usageMessage(['500'])).to.match(/too many arguments/);
  });

  it('refuses a flag without its value, naming it', () => {
    expect(usageMessage(['--events'])).to.equal("option '--events <N>' argument missing");
    expect(usageMessage(['--keep', '--rows'])).to.equal("option '--rows <N>' argument missing");
  });

  it('refuses a bad number, naming the flag', () => {
    const bad = (args: string[], check?: (n: number) => boolean): string => {
      try {
        parseFlags(args, spec).number('events', check);
      } catch (error) {
        expect(error).to.be.instanceOf(UsageError);
        return (error as UsageError).message;
      }
      return expect.fail(`${args.join(' ')} was accepted`);
    };
    expect(bad(['--events', 'abc'])).to.equal('--events: bad value "abc"');
    expect(bad(['--events='])).to.equal('--events: bad value ""');
    expect(bad(['--events', 'Infinity'])).to.equal('--events: bad value "Infinity"');
    expect(bad(['--events', '1.5'], isPositiveInteger)).to.equal('--events: bad value "1.5"');
    expect(bad(['--events', '0'], isPositiveInteger)).to.equal('--events: bad value "0"');
    expect(bad(['--events', '-1'], isWholeNumber)).to.equal('--events: bad value "-1"');
    expect(parseFlags(['--events', '0'], spec).number('events', isWholeNumber)).to.equal(0);
  });

  it('requires a number flag that has no default', () => {
    expect(() => parseFlags([], spec).number('rows')).to.throw(UsageError, '--rows is required');
  });

  it('says when a bench asks for a flag it never declared (a bug, not a usage error)', () => {
    const flags = parseFlags([], spec);
    expect(() => flags.value('evnts')).to.throw(UtopiaError, /no flag --evnts/);
    expect(() => flags.value('evnts')).not.to.throw(UsageError);
  });

  it('answers --help and -h with help, whatever else is given', () => {
    expect(parseFlags(['--help'], spec).help).to.equal(true);
    expect(parseFlags(['-h'], spec).help).to.equal(true);
    expect(parseFlags(['--events', '5', '--help'], spec).help).to.equal(true);
    expect(parseFlags(['--bogus', '--help'], spec).help).to.equal(true);
  });

  it('writes a usage text with the command, every flag and the defaults', () => {
    const usage = usageOf(spec);
    expect(usage).to.match(/^Usage: npm run bench:test -- \[options\]/);
    expect(usage).to.contain('a bench for the tests');
    for (const flag of spec.flags) expect(usage).to.contain(`--${flag.name}`);
    expect(usage).to.match(/--events <N> +events to publish \(default: 1000\)/);
    expect(usage).to.match(/--cpu-prof \[DIR\] +profile into DIR \(without DIR: artifacts\/profiles\)/);
    expect(usage).to.match(/--keep +keep what the run made\n/);
    expect(usage).to.match(/-h, --help +print this usage/);
  });
});
