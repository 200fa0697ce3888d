// The `utopia` command line as a commander program: every subcommand with its
// options and help, --version from package.json, the exit codes in the help.

import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { repoRoot } from '../../common/config';
import type { ExitCodeHolder } from './command';
import { commands } from './commands';
import { EXIT } from './exit-codes';

export function packageVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export const EXIT_CODES_HELP = `
Exit codes:
  ${EXIT.ok}   done (stack status: every service answers)
  ${EXIT.failure}   failed (an error, a service down, no report for the day, files quarantined)
  ${EXIT.usage}   wrong usage (unknown command or option, bad argument)
  ${EXIT.locked}  batch run: another run holds the batch lock`;

export function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

export function createProgram(exit: ExitCodeHolder): Command {
  const program = new Command('utopia')
    .description('Utopia detections on Hadoop: the local stack, the layers, the nightly batch and its reports')
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpCommand('help [command]', 'show the help of a command')
    .showSuggestionAfterError()
    .addHelpText('after', EXIT_CODES_HELP);
  for (const register of commands) register(program, exit);
  // Every subcommand (and theirs) reports errors by throwing, so utopia.ts maps them to exit codes.
  const all = (c: Command): Command[] => [c, ...c.commands.flatMap(all)];
  for (const c of all(program)) c.exitOverride().showHelpAfterError(`(see '${commandPath(c)} --help')`);
  return program;
}
