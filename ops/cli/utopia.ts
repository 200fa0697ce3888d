#!/usr/bin/env node
// The `utopia` command: commander finds the subcommand and parses its
// arguments; the subcommand calls a layer. Exit codes: ops/cli/exit-codes.ts.

import { CommanderError, type Command } from 'commander';
import { errorMessage, UtopiaError } from '../../common/errors';
import { ExitCodeHolder, UsageError } from './command';
import { EXIT } from './exit-codes';
import { commandPath, createProgram } from './program';

async function main(argv: string[]): Promise<number> {
  const exit = new ExitCodeHolder();
  const program = createProgram(exit);
  let current: Command = program;
  program.hook('preAction', (_root, action) => {
    current = action;
  });
  if (argv.length === 0) {
    program.outputHelp({ error: true });
    return EXIT.usage;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exit.code;
  } catch (error) {
    const name = commandPath(current);
    if (error instanceof CommanderError) {
      // --help and --version end here too, with exit code 0; commander has printed the message.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof UsageError) {
      console.error(`${name}: ${error.message}\n(see '${name} --help')`);
      return EXIT.usage;
    }
    const detail = error instanceof UtopiaError || !(error instanceof Error) ? errorMessage(error) : (error.stack ?? error.message);
    console.error(`${name}: ${detail}`);
    return EXIT.failure;
  }
}

// main turns every error into a message and an exit code, so nothing is left to catch here.
void main(process.argv.slice(2)).then((code) => process.exit(code));
