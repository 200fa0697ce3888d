// The speed layer's fence against itself as a zombie. Kafka's coordinator gives
// a member's partitions to others once it has not heard from the member for a
// session timeout. A process frozen longer than that (a long GC pause, a
// stalled VM) wakes up holding counter values it read before the freeze, and
// writing them would undo the counts its successor wrote meanwhile. So a batch
// writes only while the coordinator answered a heartbeat less than half a
// session ago: a member that recent cannot have been expired yet.

export class SessionLease {
  private confirmedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly sessionTimeoutMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The coordinator answered a heartbeat, or this member (re)joined the group. */
  confirmed(): void {
    this.confirmedAt = this.now();
  }

  /** Milliseconds since the last confirmation when it is too old to write; undefined while valid. */
  expiredFor(): number | undefined {
    const age = this.now() - this.confirmedAt;
    return age < this.sessionTimeoutMs / 2 ? undefined : age;
  }
}
