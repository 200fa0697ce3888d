// A CLI subcommand: parses its own arguments and calls into a layer. `run`
// resolves with the process exit code.

export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  run(args: string[]): Promise<number>;
}

/** Thrown for wrong arguments: printed with the command's usage, exit code 2. */
export class UsageError extends Error {}
