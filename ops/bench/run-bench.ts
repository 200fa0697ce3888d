// How every bench script starts and ends: its flags are parsed before its main
// runs (so a typo or --help never connects to the stack), and each outcome has
// one exit code and one way of being printed:
//   --help        the usage on stdout, exit 0;
//   UsageError    `bench:<name>: <message>` and the usage on stderr, exit 2, no stack;
//   other errors  `bench:<name> failed: <stack>` on stderr, exit 1;
//   success       exit 0, explicitly: open handles (HBase, Kafka clients) would keep the process alive.

import { UsageError } from '../../common/errors';
import { EXIT } from '../cli/exit-codes';
import { parseFlags, usageOf, type Flags, type FlagSpec } from '../cli/parse-flags';

/** The process as a bench sees it; tests pass their own. */
export interface BenchProcess {
  readonly argv: readonly string[];
  out(text: string): void;
  err(text: string): void;
  exit(code: number): void;
}

const realProcess: BenchProcess = {
  argv: process.argv.slice(2),
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  exit: (code) => process.exit(code),
};

export async function runBench(
  name: string,
  spec: FlagSpec,
  main: (flags: Flags) => Promise<void>,
  proc: BenchProcess = realProcess,
): Promise<void> {
  try {
    const flags = parseFlags(proc.argv, spec);
    if (flags.help) {
      proc.out(usageOf(spec));
      return proc.exit(EXIT.ok);
    }
    await main(flags);
    proc.exit(EXIT.ok);
  } catch (error) {
    if (error instanceof UsageError) {
      proc.err(`bench:${name}: ${error.message}\n\n${usageOf(spec)}`);
      return proc.exit(EXIT.usage);
    }
    proc.err(`bench:${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    proc.exit(EXIT.failure);
  }
}
