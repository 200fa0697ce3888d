// Long loops over a request body give the event loop back every few
// milliseconds, so one large POST never stalls the other requests, heartbeats
// or timers of the process. Use: `if (slicer.due()) await slicer.pause();`.

export class TimeSlicer {
  private sliceStart = performance.now();

  constructor(private readonly budgetMs = 8) {}

  /** True once this slice has run for its budget. Cheap: call it every iteration. */
  due(): boolean {
    return performance.now() - this.sliceStart >= this.budgetMs;
  }

  /** Lets timers and I/O run, then starts a new slice. */
  async pause(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.sliceStart = performance.now();
  }
}
