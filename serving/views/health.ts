// Each store's state for /api/v1/health: one cheap real round trip per store,
// each bounded by a timeout, run side by side.

export type StoreState = 'up' | 'down';

export interface StoreHealth {
  readonly state: StoreState;
  readonly latencyMs: number;
  readonly error?: string;
}

export type HealthProbes = Readonly<Record<string, () => Promise<unknown>>>;

/**
 * Each probe's state. A failure is answered as a code only ("timeout" or
 * "unavailable"): store errors name internal hosts, so their text goes to
 * `onError` (the log), never to the client.
 */
export async function checkHealth(
  probes: HealthProbes,
  timeoutMs = 3_000,
  onError: (store: string, error: unknown) => void = () => undefined,
): Promise<Record<string, StoreHealth>> {
  const entries = await Promise.all(
    Object.entries(probes).map(async ([name, probe]): Promise<[string, StoreHealth]> => {
      const started = performance.now();
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          probe(),
          new Promise((_, reject) => (timer = setTimeout(() => reject(new ProbeTimeout(`no answer within ${timeoutMs} ms`)), timeoutMs))),
        ]);
        return [name, { state: 'up', latencyMs: round(performance.now() - started) }];
      } catch (error) {
        onError(name, error);
        return [
          name,
          {
            state: 'down',
            latencyMs: round(performance.now() - started),
            error: error instanceof ProbeTimeout ? 'timeout' : 'unavailable',
          },
        ];
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return Object.fromEntries(entries);
}

class ProbeTimeout extends Error {}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
