// `--name value` / `--name=value` flags for the bench scripts (npm run bench:*),
// parsed by commander like the `utopia` command: unknown flags and bad numbers
// are UsageErrors naming the flag.

import { Command, CommanderError } from 'commander';
import { UsageError } from './command';

export function parseFlags(args: readonly string[], known: readonly string[]): Map<string, string> {
  const parser = new Command('flags')
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, writeOut: () => undefined })
    .helpOption(false);
  for (const name of known) parser.option(`--${name} <value>`);
  try {
    parser.parse([...args], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) throw new UsageError(error.message.replace(/^error: /, ''));
    throw error;
  }
  const values = parser.opts<Record<string, string | undefined>>();
  const flags = new Map<string, string>();
  for (const name of known) {
    const value = values[parser.options.find((o) => o.long === `--${name}`)?.attributeName() ?? name];
    if (value !== undefined) flags.set(name, value);
  }
  return flags;
}

export function numberFlag(
  flags: Map<string, string>,
  name: string,
  fallback: number,
  check: (n: number) => boolean = Number.isFinite,
): number {
  const raw = flags.get(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || !check(value)) throw new UsageError(`--${name}: bad value ${JSON.stringify(raw)}`);
  return value;
}
