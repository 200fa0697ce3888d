// The SIGTERM grace of the long-running commands (UTOPIA_STOP_GRACE_MS): wait for
// a stop at most that long, so a process never outlives its supervisor's patience.

/** True if `work` settled (either way) within `ms`. */
export async function withinGrace(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const done = await Promise.race([
    work.then(
      () => true,
      () => true,
    ),
    late,
  ]);
  clearTimeout(timer);
  return done;
}
