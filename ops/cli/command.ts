// What every `utopia` subcommand module shares: it registers itself on the
// commander program (options, arguments, help) and its action resolves with
// the process exit code (see exit-codes.ts).

import { InvalidArgumentError, type Command } from 'commander';
import { UsageError } from '../../common/errors';

/** Adds one subcommand (and its own subcommands) to the program. */
export type CommandRegistration = (program: Command, exit: ExitCodeHolder) => void;

/** Thrown for wrong arguments that commander cannot check itself (common/errors). */
export { UsageError };

/** Where an action leaves its exit code for utopia.ts. */
export class ExitCodeHolder {
  code = 0;

  /** Wraps a command body: the number it resolves with becomes the exit code. */
  action<A extends unknown[]>(body: (...args: A) => Promise<number>): (...args: A) => Promise<void> {
    return async (...args: A) => {
      this.code = await body(...args);
    };
  }
}

/** A commander argument parser for numbers that `check` accepts. */
export function numberArg(check: (n: number) => boolean, what: string): (raw: string) => number {
  return (raw) => {
    const value = Number(raw);
    if (raw.trim() === '' || !check(value)) throw new InvalidArgumentError(`expected ${what}`);
    return value;
  };
}

export const isShare = (n: number): boolean => n >= 0 && n <= 1;
