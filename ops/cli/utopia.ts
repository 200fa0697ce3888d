#!/usr/bin/env node
// The `utopia` command: finds the subcommand and runs it. Each subcommand only
// parses its arguments and calls a layer.

import { errorMessage, UtopiaError } from '../../common/errors';
import { commands } from './commands';
import { UsageError } from './command';

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return ['usage: utopia <command> [arguments]', '', 'commands:', ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`)].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    console.log(help());
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    console.error(`utopia: unknown command ${JSON.stringify(name)}\n\n${help()}`);
    return 2;
  }
  try {
    return await command.run(args);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`utopia ${name}: ${error.message}\nusage: ${command.usage}`);
      return 2;
    }
    const detail = error instanceof UtopiaError || !(error instanceof Error) ? errorMessage(error) : error.stack ?? error.message;
    console.error(`utopia ${name}: ${detail}`);
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
