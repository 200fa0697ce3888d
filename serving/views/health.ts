// Each store's state for /api/v1/health: one cheap real round trip per store,
// each bounded by a timeout, run side by side.

export type StoreState = 'up' | 'down';

export interface StoreHealth {
  readonly state: StoreState;
  readonly latencyMs: number;
  readonly error?: string;
}

export type HealthProbes = Readonly<Record<string, () => Promise<unknown>>>;

export async function checkHealth(probes: HealthProbes, timeoutMs = 3_000): Promise<Record<string, StoreHealth>> {
  const entries = await Promise.all(
    Object.entries(probes).map(async ([name, probe]): Promise<[string, StoreHealth]> => {
      const started = performance.now();
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([probe(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)))]);
        return [name, { state: 'up', latencyMs: round(performance.now() - started) }];
      } catch (error) {
        // Only the first line: enough to act on, no stack, no internals.
        return [name, { state: 'down', latencyMs: round(performance.now() - started), error: String((error as Error)?.message ?? error).split('\n')[0]?.slice(0, 200) ?? '' }];
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return Object.fromEntries(entries);
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
