// The Node (V8) flags of the CLI commands that need their own, in one place.
// V8 sizes its heap when the process starts: neither limit can be changed from
// inside a running process (v8.setFlagsFromString leaves them as they are), and
// re-executing itself would put a second process between a supervisor's SIGKILL
// and the speed layer. So every spawner puts cliNodeArgs(command) before the
// script: npm start's supervisor (ops/start/pipeline-specs.ts), the benchmarks'
// world (ops/bench/bench-world.ts) and the tests' CliProcess. By hand:
// `node $(flags) dist/ops/cli/utopia.js speed`, or NODE_OPTIONS; the command
// logs which flags it runs without (README, "Operations").
//
// speed: a young generation large enough that most of a chunk's objects (about a
// second of life) die in it instead of being promoted, and an old generation capped
// so the heap does not grow to 4 GiB of garbage before a full GC (RSS target 300 MB).
// Chosen by measurement with `npm run bench:speed`: 32 MB of semi-space against 64
// saved 64 MB of RSS for about 10 % more CPU per event (README, "Node flags of the
// speed layer").

export const COMMAND_NODE_FLAGS: Readonly<Partial<Record<string, readonly string[]>>> = {
  speed: ['--max-semi-space-size=32', '--max-old-space-size=384'],
};

/** The node arguments to put before the CLI script for `command`. */
export function cliNodeArgs(command: string): string[] {
  return [...(COMMAND_NODE_FLAGS[command] ?? [])];
}

/** The flags of `command` this process was started without (neither on its command line nor in NODE_OPTIONS). */
export function missingNodeFlags(
  command: string,
  execArgv: readonly string[] = process.execArgv,
  nodeOptions = process.env.NODE_OPTIONS,
): string[] {
  const given = new Set([...execArgv, ...(nodeOptions ?? '').split(/\s+/)]);
  return cliNodeArgs(command).filter((flag) => !given.has(flag));
}
