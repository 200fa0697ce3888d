// Which of bench:speed's timed events have become readable in HBase, asked
// for cheaply. The speed layer applies a partition's events in offset order,
// so while a partition's oldest timed event is not readable no later one of
// that partition is, and only that one is asked for. A partition whose asked
// events were all readable is asked for four times as many on the next poll
// (up to 256), so a chunk that lands is caught up within a few polls. Asking
// for every pending event on every poll, as the bench did before, put up to
// about 12,000 gets a second on the region server the speed layer writes to
// once a backlog of a few seconds had built up, and so slowed what it timed.
// An event that never lands (none in the bench: its events are all valid)
// would hold back its partition's later ones, which then count as late as the
// bench's final wait: over-reported, never under-reported.

/** Answers, for each oid, whether its detection row is readable now. */
export type ReadableProbe = (oids: readonly bigint[]) => Promise<readonly boolean[]>;

interface Timed {
  readonly oid: bigint;
  readonly sentAtMs: number;
}

/** The most events of one partition asked for in one poll. */
const WIDEST = 256;

export class ReadableWatch {
  /** Per Kafka partition, the timed events not yet readable, in send order. */
  private readonly queues = new Map<number, Timed[]>();
  /** Per partition, how many of its oldest events the next poll asks for. */
  private readonly widths = new Map<number, number>();
  /** Send-to-readable times of the events found readable, in ms. */
  readonly latenciesMs: number[] = [];
  /** Rows asked for over all polls. */
  rowsAsked = 0;

  add(partition: number, oid: bigint, sentAtMs: number): void {
    let queue = this.queues.get(partition);
    if (!queue) this.queues.set(partition, (queue = []));
    queue.push({ oid, sentAtMs });
  }

  get pending(): number {
    let n = 0;
    for (const queue of this.queues.values()) n += queue.length;
    return n;
  }

  /**
   * One poll: asks for the oldest events of each partition with any pending,
   * timing those readable at `nowMs()` (read once the answer is in). True when
   * some partition had all its asked events readable: more may be, poll again.
   */
  async poll(probe: ReadableProbe, nowMs: () => number): Promise<boolean> {
    const asked = [...this.queues]
      .filter(([, queue]) => queue.length > 0)
      .map(([partition, queue]) => ({
        partition,
        queue,
        events: queue.slice(0, this.widths.get(partition) ?? 1),
      }));
    const oids = asked.flatMap(({ events }) => events.map((e) => e.oid));
    if (oids.length === 0) return false;
    this.rowsAsked += oids.length;
    const readable = await probe(oids);
    const now = nowMs();
    let at = 0;
    let caughtUp = false;
    for (const { partition, queue, events } of asked) {
      const waiting = events.filter((e) => {
        const found = readable[at++] === true;
        if (found) this.latenciesMs.push(now - e.sentAtMs);
        return !found;
      });
      const all = waiting.length === 0;
      caughtUp ||= all;
      this.widths.set(partition, all ? Math.min(WIDEST, events.length * 4) : 1);
      // The queue as it was asked about: events added meanwhile stay behind the ones kept.
      queue.splice(0, events.length, ...waiting);
    }
    return caughtUp;
  }

  /** Takes the events still pending, as their wait until `atMs` (a lower bound of their latency). */
  drain(atMs: number): number[] {
    const waits = [...this.queues.values()].flatMap((queue) => queue.map((e) => atMs - e.sentAtMs));
    this.queues.clear();
    return waits;
  }
}
