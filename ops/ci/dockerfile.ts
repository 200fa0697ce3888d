import { UtopiaError } from '../../common/errors';
// A Dockerfile read into stages and instructions, as far as the CI replay of
// docker/Dockerfile needs it (ops/ci/replay-dockerfile.ts). Pure. Follows the
// Dockerfile reference: `\` continues a line, comment lines are dropped even
// inside a continued instruction, RUN flags such as --mount=... come before the
// command, ENV takes KEY=VALUE pairs (or the old `ENV KEY value` form), and
// ENTRYPOINT/CMD are JSON arrays (exec form) or a shell string.

export type Instruction =
  | { readonly kind: 'WORKDIR'; readonly path: string }
  | { readonly kind: 'ENV'; readonly vars: Readonly<Record<string, string>> }
  | { readonly kind: 'COPY'; readonly from: string | undefined; readonly sources: readonly string[]; readonly dest: string }
  | { readonly kind: 'RUN'; readonly command: string; readonly flags: readonly string[] }
  | { readonly kind: 'ENTRYPOINT' | 'CMD'; readonly argv: readonly string[] }
  | { readonly kind: 'OTHER'; readonly keyword: string; readonly args: string };

export interface Stage {
  readonly name: string;
  /** The image as written, ARGs substituted from their defaults. */
  readonly image: string;
  readonly instructions: readonly Instruction[];
}

/** Joins continued lines and drops comments and blank lines: one string per instruction. */
export function logicalLines(text: string): string[] {
  const lines: string[] = [];
  let pending = '';
  for (const raw of text.split(/\r?\n/)) {
    const trimmed = raw.trim();
    if (trimmed.startsWith('#')) continue;
    if (trimmed === '' && pending === '') continue;
    if (trimmed.endsWith('\\')) {
      pending += trimmed.slice(0, -1).trimEnd() + ' ';
      continue;
    }
    const line = (pending + trimmed).trim();
    pending = '';
    if (line !== '') lines.push(line);
  }
  if (pending.trim() !== '') lines.push(pending.trim());
  return lines;
}

/** Splits on whitespace, keeping double- or single-quoted parts together (quotes removed). */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let current = '';
  let quote: string | undefined;
  let inWord = false;
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = undefined;
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (quote) throw new UtopiaError(`unclosed ${quote} in ${JSON.stringify(text)}`);
  if (inWord) words.push(current);
  return words;
}

function parseEnv(args: string): Record<string, string> {
  const words = splitWords(args);
  const first = words[0];
  if (first === undefined) throw new UtopiaError('ENV without a variable');
  if (!first.includes('=')) return { [first]: words.slice(1).join(' ') };
  const vars: Record<string, string> = {};
  for (const word of words) {
    const eq = word.indexOf('=');
    if (eq <= 0) throw new UtopiaError(`ENV expects KEY=VALUE pairs, got ${JSON.stringify(word)}`);
    vars[word.slice(0, eq)] = word.slice(eq + 1);
  }
  return vars;
}

/** Leading --name=value flags, then the rest. */
function takeFlags(args: string): { flags: string[]; rest: string } {
  const flags: string[] = [];
  let rest = args.trimStart();
  for (let match = /^(--[a-z-]+(?:=\S*)?)\s*/.exec(rest); match; match = /^(--[a-z-]+(?:=\S*)?)\s*/.exec(rest)) {
    flags.push(match[1] as string);
    rest = rest.slice(match[0].length);
  }
  return { flags, rest };
}

function parseCommand(args: string): string[] {
  if (!args.startsWith('[')) return ['/bin/sh', '-c', args];
  const argv: unknown = JSON.parse(args);
  if (!Array.isArray(argv) || !argv.every((a) => typeof a === 'string'))
    throw new UtopiaError(`expected a JSON array of strings, got ${args}`);
  return argv;
}

function parseCopy(args: string): Instruction {
  const { flags, rest } = takeFlags(args);
  const words = rest.startsWith('[') ? parseCommand(rest) : splitWords(rest);
  if (words.length < 2) throw new UtopiaError(`COPY needs a source and a destination: ${args}`);
  const from = flags.find((f) => f.startsWith('--from='))?.slice('--from='.length);
  return { kind: 'COPY', from, sources: words.slice(0, -1), dest: words[words.length - 1] as string };
}

function substitute(text: string, args: Readonly<Record<string, string>>): string {
  return text.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (whole, braced?: string, bare?: string) => args[braced ?? bare ?? ''] ?? whole,
  );
}

export function parseDockerfile(text: string): Stage[] {
  const globalArgs: Record<string, string> = {};
  const stages: { name: string; image: string; instructions: Instruction[] }[] = [];
  for (const line of logicalLines(text)) {
    const space = line.search(/\s/);
    const keyword = (space < 0 ? line : line.slice(0, space)).toUpperCase();
    const args = space < 0 ? '' : line.slice(space + 1).trim();
    if (keyword === 'FROM') {
      const words = splitWords(takeFlags(args).rest);
      const image = substitute(words[0] ?? '', globalArgs);
      const name = words[1]?.toUpperCase() === 'AS' && words[2] ? words[2] : String(stages.length);
      stages.push({ name, image, instructions: [] });
      continue;
    }
    const stage = stages[stages.length - 1];
    if (!stage) {
      if (keyword !== 'ARG') throw new UtopiaError(`${keyword} before the first FROM`);
      const [name, value] = args.split('=', 2) as [string, string | undefined];
      if (value !== undefined) globalArgs[name.trim()] = value.trim();
      continue;
    }
    stage.instructions.push(parseInstruction(keyword, args));
  }
  return stages;
}

function parseInstruction(keyword: string, args: string): Instruction {
  switch (keyword) {
    case 'WORKDIR':
      return { kind: 'WORKDIR', path: args };
    case 'ENV':
      return { kind: 'ENV', vars: parseEnv(args) };
    case 'COPY':
      return parseCopy(args);
    case 'RUN': {
      const { flags, rest } = takeFlags(args);
      return { kind: 'RUN', command: rest, flags };
    }
    case 'ENTRYPOINT':
    case 'CMD':
      return { kind: keyword, argv: parseCommand(args) };
    default:
      return { kind: 'OTHER', keyword, args };
  }
}
