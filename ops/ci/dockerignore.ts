// The build-context filter of a .dockerignore file, as Docker applies it:
// patterns are paths from the context root (a leading / is dropped), `*` and
// `?` stay within one path segment, `**` spans any number of segments, a
// pattern that matches a folder excludes everything in it, and a later `!`
// pattern re-includes what an earlier one excluded (the last match wins). Pure.

interface Rule {
  readonly exclude: boolean;
  readonly pattern: RegExp;
}

function toRegExp(pattern: string): RegExp {
  let source = '';
  const clean = pattern.replace(/^\/+/, '').replace(/\/+$/, '');
  for (let i = 0; i < clean.length; i++) {
    const ch = clean[i] as string;
    if (ch === '*' && clean[i + 1] === '*') {
      // `**/` matches zero or more whole segments; a trailing `**` anything.
      if (clean[i + 2] === '/') {
        source += '(?:.*/)?';
        i += 2;
      } else {
        source += '.*';
        i += 1;
      }
    } else if (ch === '*') source += '[^/]*';
    else if (ch === '?') source += '[^/]';
    else source += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

export function parseDockerignore(text: string): Rule[] {
  const rules: Rule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const exclude = !line.startsWith('!');
    rules.push({ exclude, pattern: toRegExp(exclude ? line : line.slice(1).trim()) });
  }
  return rules;
}

/** Is this context-relative file path (forward slashes) left out of the build context? */
export function isIgnored(rules: readonly Rule[], file: string): boolean {
  const segments = file.split('/');
  // The file itself or any folder above it may match.
  const candidates = segments.map((_, i) => segments.slice(0, i + 1).join('/'));
  let ignored = false;
  for (const rule of rules) {
    if (candidates.some((c) => rule.pattern.test(c))) ignored = rule.exclude;
  }
  return ignored;
}
