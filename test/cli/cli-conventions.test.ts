// The `utopia` command as people expect it (commander): --help on every
// command and subcommand answers 0 with a usage line, --version prints
// package.json's version, wrong usage exits 2 naming the problem, and
// --json outputs parse as JSON.

import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../common/config';
import { runCli } from '../helpers/run-cli';

const COMMANDS: string[][] = [
  [],
  ['start'],
  ['stack'],
  ['stack', 'up'],
  ['stack', 'down'],
  ['stack', 'status'],
  ['stack', 'reset'],
  ['setup'],
  ['config'],
  ['serve'],
  ['speed'],
  ['ingest'],
  ['rekey'],
  ['simulate'],
  ['reference'],
  ['reference', 'load'],
  ['landing'],
  ['batch'],
  ['batch', 'run'],
  ['batch', 'schedule'],
  ['report'],
  ['report', 'show'],
  ['top-items'],
];

describe('utopia CLI conventions', function () {
  this.timeout(120_000);

  it('answers --help on every command and subcommand', async () => {
    for (const command of COMMANDS) {
      const result = await runCli([...command, '--help']);
      expect(result.code, `utopia ${command.join(' ')} --help: ${result.stderr}`).to.equal(0);
      expect(result.stdout, command.join(' ')).to.include(`Usage: utopia${command.length > 0 ? ` ${command.join(' ')}` : ''}`);
    }
    const stackHelp = await runCli(['stack', '--help']);
    for (const action of ['up', 'down', 'status', 'reset']) expect(stackHelp.stdout).to.match(new RegExp(`\\n  ${action}\\b`));
    expect((await runCli(['help', 'batch'])).stdout).to.include('Usage: utopia batch');
    expect((await runCli(['--help'])).stdout).to.include('Exit codes:');
  });

  it('prints the version of package.json', async () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const result = await runCli([flag]);
      expect([result.code, result.stdout.trim()]).to.deep.equal([0, version]);
    }
  });

  it('exits 2 on wrong usage, naming the problem', async () => {
    const cases: [string[], RegExp][] = [
      [['bogus'], /unknown command 'bogus'/],
      [['stack', 'bogus'], /unknown command 'bogus'/],
      [['simulate', '--rate', 'fast'], /--rate.*invalid/],
      [['simulate', '--events', '0', '--truth', '/tmp/x.json'], /--truth needs a finite --events/],
      [['report', 'show'], /required option '--date/],
      [['report', 'show', '--date', '2026-01-01', '--format', 'pdf'], /--format.*json, csv, html/],
      [['top-items', '--detections', 'a'], /required option/],
      [['rekey'], /required option '--from/],
      [['batch', 'run', '--wait', '-1'], /--wait.*invalid/],
      [['setup', 'extra'], /too many arguments/],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(args);
      expect(result.code, `utopia ${args.join(' ')}`).to.equal(2);
      expect(result.stderr, `utopia ${args.join(' ')}`).to.match(message);
    }
    expect((await runCli([])).code).to.equal(2);
  });

  it('prints the configuration as JSON for scripts', async () => {
    const result = await runCli(['config', '--json'], {
      ...process.env,
      API_ADMIN_KEYS: 'a-secret-admin-key-0123',
      REKEY_GROUP_ID: 'my-rekey',
    });
    expect(result.code, result.stderr).to.equal(0);
    const config = JSON.parse(result.stdout) as Record<string, { value: string; default: boolean }>;
    expect(config.REKEY_GROUP_ID).to.deep.equal({ value: 'my-rekey', default: false });
    expect(config.API_ADMIN_KEYS?.value).to.equal('<redacted>');
    expect(config.KAFKA_PARTITIONS?.default).to.equal(true);
  });

  it("prints the stack status as JSON for scripts, with the table's exit code", async () => {
    const result = await runCli(['stack', 'status', '--json']);
    const services = JSON.parse(result.stdout) as { service: string; state: string; healthy: boolean; ports: number[] }[];
    expect(services.map((s) => s.service).sort()).to.deep.equal(['datanode', 'hbase', 'kafka', 'namenode']);
    expect(result.code).to.equal(services.every((s) => s.healthy) ? 0 : 1);
    expect(services.find((s) => s.service === 'kafka')?.ports).to.include(9092);
  });
});
