// Checks a package-lock.json (v2/v3) the way `npm ci` will on every platform:
// each dependency that a locked package names, optional ones included (the
// other platforms' native binaries), must have its own entry with an
// integrity hash. npm on one machine only installs its own
// platform's binary, and a lock written from such a node_modules loses the
// others; `npm ci` then calls the lock out of sync. Pure.

export interface LockEntry {
  readonly version?: string;
  readonly resolved?: string;
  readonly integrity?: string;
  readonly link?: boolean;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
}

export interface LockFile {
  readonly lockfileVersion: number;
  readonly packages: Readonly<Record<string, LockEntry>>;
}

/** Where npm would find `name` for the package at `from` (its own node_modules, then each folder up). */
function resolveEntry(lock: LockFile, from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base === '' ? '' : `${base}/`}node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (base === '') return undefined;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut < 0 ? '' : base.slice(0, cut);
  }
}

/** Problems found, as readable lines; empty when every platform can `npm ci` from this lock. */
export function lockProblems(lock: LockFile): string[] {
  if (lock.lockfileVersion < 2) return [`lockfileVersion ${lock.lockfileVersion}: npm 7+ writes 2 or 3`];
  const problems: string[] = [];
  for (const [at, entry] of Object.entries(lock.packages)) {
    const wanted = { ...entry.dependencies, ...entry.devDependencies, ...entry.optionalDependencies };
    for (const name of Object.keys(wanted)) {
      const found = resolveEntry(lock, at, name);
      if (!found) problems.push(`${name} (needed by ${at || 'the root'}) has no entry`);
    }
    // resolved may be left out (omit-lockfile-registry-resolved): npm then asks the configured registry.
    if (at !== '' && !entry.link && !entry.integrity) problems.push(`${at} lacks an integrity hash`);
  }
  return problems;
}
