// One batch of a partition at a time in this process, even across a rejoin:
// kafkajs may hand a partition's next batch (after a rejoin, from the committed
// offset) while the previous one is still being written, and two writers of a
// partition would race on its counters and commits. Shared by the speed
// layer's batch handler and the rekey stage.

export class PartitionQueue {
  private readonly running = new Map<number, Promise<void>>();

  /** Runs `work` after the partition's earlier work settled; resolves or rejects as `work` does. */
  async run(partition: number, work: () => Promise<void>): Promise<void> {
    const current = (this.running.get(partition) ?? Promise.resolve()).then(work);
    const settled = current.catch(() => undefined);
    this.running.set(partition, settled);
    try {
      await current;
    } finally {
      if (this.running.get(partition) === settled) this.running.delete(partition);
    }
  }
}
