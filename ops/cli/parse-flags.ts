// The flags of the bench scripts (npm run bench:*), parsed by commander like the
// `utopia` command: `--name value`, `--name=value`, switches (`--keep`,
// `--no-spark`) and -h/--help. An unknown flag, a missing value or a bad number
// is a UsageError naming the flag, so a typo never runs a long bench with the
// defaults. Each bench declares its flags once (a FlagSpec): the parser, the
// defaults and the usage text all come from that declaration.

import { Command, CommanderError, Option } from 'commander';
import { UsageError, UtopiaError } from '../../common/errors';

export interface FlagDef {
  /** Without the dashes: `events`, `no-spark`. */
  readonly name: string;
  /** The value's placeholder in the usage (`N`, `DIR`); a flag without one is a switch. */
  readonly value?: string;
  /** The value when the flag is not given (shown in the usage). */
  readonly default?: string | number;
  /** Makes the value optional: what `--name` alone means (shown in the usage). */
  readonly bare?: string;
  readonly about: string;
}

export interface FlagSpec {
  /** The command as typed before the flags, for the usage line: `npm run bench:speed --`. */
  readonly command: string;
  readonly about: string;
  readonly flags: readonly FlagDef[];
}

/** What was given, read through the spec's defaults. */
export class Flags {
  constructor(
    private readonly spec: FlagSpec,
    private readonly given: ReadonlyMap<string, string | undefined>,
    /** -h/--help was given: the caller prints usageOf(spec) and does nothing else. */
    readonly help = false,
  ) {}

  /** Whether the flag was on the command line (for switches, their whole meaning). */
  has(name: string): boolean {
    this.def(name);
    return this.given.has(name);
  }

  /** The value given (the last one when repeated), else the flag's bare value or default. */
  value(name: string): string | undefined {
    const def = this.def(name);
    const value = this.given.has(name) ? (this.given.get(name) ?? def.bare) : def.default;
    return value === undefined ? undefined : String(value);
  }

  /** The value as a finite number that `check` accepts; a flag without a value or default is required. */
  number(name: string, check: (n: number) => boolean = () => true): number {
    const raw = this.value(name);
    if (raw === undefined) throw new UsageError(`--${name} is required`);
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(value) || !check(value)) throw new UsageError(`--${name}: bad value ${JSON.stringify(raw)}`);
    return value;
  }

  /** Asking for a flag the spec does not declare is a bug in the bench, not a usage error. */
  private def(name: string): FlagDef {
    const def = this.spec.flags.find((f) => f.name === name);
    if (!def) throw new UtopiaError(`no flag --${name} in the flags of ${this.spec.command}`);
    return def;
  }
}

export const isPositive = (n: number): boolean => n > 0;
export const isPositiveInteger = (n: number): boolean => Number.isInteger(n) && n > 0;
export const isWholeNumber = (n: number): boolean => Number.isInteger(n) && n >= 0;

export function parseFlags(args: readonly string[], spec: FlagSpec): Flags {
  const parser = commandOf(spec)
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  // Read each flag from commander's per-flag events rather than its opts(): `--engines`
  // and `--no-engines` share one attribute there, and a switch's presence is what counts.
  const given = new Map<string, string | undefined>();
  for (const flag of spec.flags) parser.on(`option:${flag.name}`, (value?: string | null) => given.set(flag.name, value ?? undefined));
  try {
    parser.parse([...args], { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.code === 'commander.helpDisplayed') return new Flags(spec, new Map(), true);
    // One line: commander puts its "(Did you mean --no-spark?)" on a second one.
    throw new UsageError(error.message.replace(/^error: /, '').replace(/\n/g, ' '));
  }
  return new Flags(spec, given);
}

/** The usage text: the command line, what it does, every flag with its default. */
export function usageOf(spec: FlagSpec): string {
  return commandOf(spec).helpInformation();
}

function commandOf(spec: FlagSpec): Command {
  const command = new Command(spec.command).description(spec.about).helpOption('-h, --help', 'print this usage').showSuggestionAfterError();
  for (const flag of spec.flags) {
    const value = flag.value === undefined ? '' : flag.bare === undefined ? ` <${flag.value}>` : ` [${flag.value}]`;
    // Flags reads defaults and bare values from the spec itself: commander only shows them.
    const bare = flag.bare === undefined ? '' : ` (without ${flag.value}: ${flag.bare})`;
    const option = new Option(`--${flag.name}${value}`, `${flag.about}${bare}`);
    if (flag.default !== undefined) option.default(flag.default);
    command.addOption(option);
  }
  return command;
}
