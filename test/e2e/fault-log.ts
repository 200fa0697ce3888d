// The fault table of the end-to-end suite: each fault injected, when (seconds
// into the run and events published by then), how long the pipeline took to
// make progress again, and what was checked after it.

export interface FaultEntry {
  readonly fault: string;
  readonly atS: number;
  readonly published: number;
  recoveredS?: number;
  check: string;
}

export class FaultLog {
  readonly entries: FaultEntry[] = [];
  private started = Date.now();

  constructor(private readonly publishedSoFar: () => number) {}

  /** Times are counted from here (the scenario's start, after the set-up hooks). */
  start(): void {
    this.started = Date.now();
  }

  /** Records a fault, runs it and then its check; the check's answer is kept. */
  async inject(fault: string, act: () => Promise<void>, check: () => Promise<string>): Promise<void> {
    const entry: FaultEntry = { fault, atS: this.seconds(), published: this.publishedSoFar(), check: 'pending' };
    this.entries.push(entry);
    await act();
    entry.check = await check();
    entry.recoveredS = this.seconds() - entry.atS;
  }

  /** A check with no fault before it (the final comparisons with the truth). */
  checked(what: string): void {
    this.entries.push({ fault: '-', atS: this.seconds(), published: this.publishedSoFar(), check: what });
  }

  table(): string {
    const rows = [
      ['#', 't (s)', 'published', 'fault', 'recovered (s)', 'checked after it'],
      ...this.entries.map((e, i) => [
        String(i + 1),
        e.atS.toFixed(0),
        String(e.published),
        e.fault,
        e.recoveredS === undefined ? '-' : e.recoveredS.toFixed(0),
        e.check,
      ]),
    ];
    const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
    const line = (r: string[]) =>
      r
        .map((cell, c) => cell.padEnd(widths[c]!))
        .join('  ')
        .trimEnd();
    return [line(rows[0]!), line(widths.map((w) => '-'.repeat(w))), ...rows.slice(1).map(line)].join('\n');
  }

  private seconds(): number {
    return (Date.now() - this.started) / 1000;
  }
}
